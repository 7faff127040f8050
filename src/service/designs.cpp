#include "service/designs.h"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

#include "core/uuid.h"
#include "json/jcs.h"
#include "json/parse.h"
#include "service/audit.h"
#include "service/catalogue.h"
#include "store/institutions.h"

namespace microcred::service {
namespace {

using domain::DesignStatus;
using domain::DesignStep;

Result<void> allowed(const Principal& actor, Action action, std::string_view institution_id) {
  return authorise(actor, action, {.institution_id = std::string(institution_id)});
}

// The design as stored: its JSON file form (`to_json`, compact) and the hex SHA-256 of that
// form's RFC 8785 canonical text, which later issuance points at.
struct StoredForm {
  std::string json;
  std::string sha256;
};

Result<StoredForm> stored_form(const domain::MicroCredentialDesign& design) {
  StoredForm out{boost::json::serialize(domain::to_json(design)), {}};
  auto digest = canonical_digest(out.json);
  if (!digest) return digest.error();
  out.sha256 = std::move(*digest);
  return out;
}

Result<DesignVersion> version_of(store::DesignRecord record) {
  auto status = domain::parse_design_status(record.status);
  if (!status) {
    return make_error(ErrorCode::storage_error,
                      "design \"" + record.id + "\" version " + std::to_string(record.version) +
                          " has an unknown status \"" + record.status + "\"");
  }
  auto value = json::parse(
      record.json, {.max_bytes = design_json_max_bytes, .max_depth = design_json_max_depth});
  auto design = value ? domain::design_from_json(*value)
                      : Result<domain::MicroCredentialDesign>(value.error());
  if (!design) {
    return make_error(ErrorCode::storage_error,
                      "design \"" + record.id + "\" version " + std::to_string(record.version) +
                          " holds JSON that is no design: " + describe(design.error()));
  }
  return DesignVersion{std::move(record), *status, std::move(*design)};
}

// What the audit trail digests for a version: who it is, where it stands and, through the
// content digest, exactly what it says.
std::string audit_form(const store::DesignRecord& record) {
  return boost::json::serialize(boost::json::object{
      {"id", record.id},
      {"institution_id", record.institution_id},
      {"version", record.version},
      {"status", record.status},
      {"content_sha256", record.content_sha256},
  });
}

Result<void> audit(store::Transaction& tx, const Clock& clock, const Principal& actor,
                   DesignStep step, const store::DesignRecord* before,
                   const store::DesignRecord& after) {
  AuditChange change{.institution_id = after.institution_id,
                     .actor = actor.user_id,
                     .action = "design." + std::string(domain::to_string(step)),
                     .object_type = "design",
                     .object_id = after.id,
                     .after_json = audit_form(after)};
  if (before) change.before_json = audit_form(*before);
  auto recorded = record_change(tx, clock, change);
  if (!recorded) return recorded.error();
  return {};
}

// Moves `record` on by `step` in the store, records who did it and audits it.
Result<DesignVersion> apply_step(store::Transaction& tx, const Clock& clock, const Principal& actor,
                                 DesignStep step, const store::DesignRecord& before,
                                 store::DesignRecord after) {
  auto now = clock.now();
  after.updated_at = {now.seconds, 0};
  auto updated = store::update_design_record(tx, after.institution_id, after);
  if (!updated) return updated.error();
  if (domain::duty_of(step) == domain::DesignDuty::author) {
    auto added = store::add_design_contributor(tx, after.institution_id, after.id, after.version,
                                               actor.user_id);
    if (!added) return added.error();
  }
  auto audited = audit(tx, clock, actor, step, &before, after);
  if (!audited) return audited.error();
  return version_of(std::move(after));
}

// The one place where the lifecycle meets the catalogue: after publishing, `published` is the
// version the catalogue must show for design `design_id`; after retiring, it is null and the
// design leaves the catalogue. Runs inside the publish or retire transaction.
Result<void> update_catalogue(store::Transaction& tx, std::string_view institution_id,
                              std::string_view design_id, const DesignVersion* published);

Result<store::DesignRecord> newest(store::Transaction& tx, std::string_view institution_id,
                                   std::string_view id) {
  return store::find_design_record(tx, institution_id, id);
}

void append_pretty(const boost::json::value& value, int depth, std::string& out) {
  const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string closing(static_cast<std::size_t>(depth) * 2, ' ');
  switch (value.kind()) {
    case boost::json::kind::object: {
      const auto& object = value.as_object();
      if (object.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (const auto& [key, member] : object) {
        if (!first) out += ",\n";
        first = false;
        out += indent + boost::json::serialize(boost::json::string(key)) + ": ";
        append_pretty(member, depth + 1, out);
      }
      out += "\n" + closing + "}";
      return;
    }
    case boost::json::kind::array: {
      const auto& array = value.as_array();
      if (array.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < array.size(); ++i) {
        if (i > 0) out += ",\n";
        out += indent;
        append_pretty(array[i], depth + 1, out);
      }
      out += "\n" + closing + "]";
      return;
    }
    case boost::json::kind::double_:
      // ECMAScript form ("2.5", not Boost's "2.5e0"), as in the JCS digest.
      out += json::format_es_number(value.get_double());
      return;
    default:
      out += boost::json::serialize(value);
  }
}

}  // namespace

Result<domain::MicroCredentialDesign> read_design_json(std::string_view design_json) {
  auto value = json::parse(
      design_json, {.max_bytes = design_json_max_bytes, .max_depth = design_json_max_depth});
  if (!value) return value.error();
  return domain::design_from_json(*value);
}

Result<DesignVersion> create_design(store::Transaction& tx, crypto::RandomSource& random,
                                    const Clock& clock, const Principal& actor,
                                    std::string_view institution_id, std::string_view design_json) {
  if (auto ok = allowed(actor, Action::design_edit, institution_id); !ok) return ok.error();
  auto design = read_design_json(design_json);
  if (!design) return design.error();
  auto form = stored_form(*design);
  if (!form) return form.error();
  std::array<std::uint8_t, 16> id_bytes{};
  random.fill(id_bytes);
  auto now = clock.now();
  store::DesignRecord record{.id = to_string(uuid_v4(id_bytes)),
                             .institution_id = std::string(institution_id),
                             .version = 1,
                             .status = std::string(domain::to_string(DesignStatus::draft)),
                             .json = std::move(form->json),
                             .created_at = {now.seconds, 0},
                             .updated_at = {now.seconds, 0},
                             .author_id = actor.user_id,
                             .content_sha256 = std::move(form->sha256)};
  auto inserted = store::insert_design_record(tx, institution_id, record);
  if (!inserted) return inserted.error();
  auto added = store::add_design_contributor(tx, institution_id, record.id, 1, actor.user_id);
  if (!added) return added.error();
  auto audited = audit(tx, clock, actor, DesignStep::create, nullptr, record);
  if (!audited) return audited.error();
  return DesignVersion{std::move(record), DesignStatus::draft, std::move(*design)};
}

Result<DesignVersion> update_design(store::Transaction& tx, const Clock& clock,
                                    const Principal& actor, std::string_view institution_id,
                                    std::string_view id, std::string_view design_json) {
  if (auto ok = allowed(actor, Action::design_edit, institution_id); !ok) return ok.error();
  auto design = read_design_json(design_json);
  if (!design) return design.error();
  auto form = stored_form(*design);
  if (!form) return form.error();
  auto current = newest(tx, institution_id, id);
  if (!current) return current.error();
  auto current_status = version_of(*current);
  if (!current_status) return current_status.error();
  auto status = current_status->status;
  if (domain::is_frozen(status)) {
    // Published versions never change: the edit becomes the next version, a draft.
    auto next = domain::next_status(status, DesignStep::new_version);
    if (!next) return next.error();
    auto now = clock.now();
    store::DesignRecord record{.id = current->id,
                               .institution_id = current->institution_id,
                               .version = current->version + 1,
                               .status = std::string(domain::to_string(*next)),
                               .json = std::move(form->json),
                               .created_at = {now.seconds, 0},
                               .updated_at = {now.seconds, 0},
                               .author_id = actor.user_id,
                               .content_sha256 = std::move(form->sha256)};
    auto inserted = store::insert_design_record(tx, institution_id, record);
    if (!inserted) return inserted.error();
    auto added =
        store::add_design_contributor(tx, institution_id, record.id, record.version, actor.user_id);
    if (!added) return added.error();
    auto audited = audit(tx, clock, actor, DesignStep::new_version, &*current, record);
    if (!audited) return audited.error();
    return DesignVersion{std::move(record), *next, std::move(*design)};
  }
  auto next = domain::next_status(status, DesignStep::edit);
  if (!next) return next.error();
  auto after = *current;
  after.status = std::string(domain::to_string(*next));
  after.json = std::move(form->json);
  after.content_sha256 = std::move(form->sha256);
  return apply_step(tx, clock, actor, DesignStep::edit, *current, std::move(after));
}

Result<SubmitOutcome> submit_design(store::Transaction& tx, const Clock& clock,
                                    const Principal& actor, std::string_view institution_id,
                                    std::string_view id, const domain::NationalRules& rules) {
  if (auto ok = allowed(actor, Action::design_edit, institution_id); !ok) return ok.error();
  auto current = newest(tx, institution_id, id);
  if (!current) return current.error();
  auto version = version_of(*current);
  if (!version) return version.error();
  auto next = domain::next_status(version->status, DesignStep::submit);
  if (!next) return next.error();
  auto institution = store::find_institution(tx, institution_id);
  if (!institution) return institution.error();
  SubmitOutcome outcome;
  outcome.findings = domain::check_design(
      version->design, {.national_rules = &rules, .extra_countries = {institution->country}});
  if (domain::has_error(outcome.findings)) {
    outcome.version = std::move(*version);
    return outcome;
  }
  auto after = *current;
  auto now = clock.now();
  after.status = std::string(domain::to_string(*next));
  after.submitted_by = actor.user_id;
  after.submitted_at = Timestamp{now.seconds, 0};
  auto moved = apply_step(tx, clock, actor, DesignStep::submit, *current, std::move(after));
  if (!moved) return moved.error();
  outcome.submitted = true;
  outcome.version = std::move(*moved);
  return outcome;
}

Result<DesignVersion> withdraw_design(store::Transaction& tx, const Clock& clock,
                                      const Principal& actor, std::string_view institution_id,
                                      std::string_view id) {
  if (auto ok = allowed(actor, Action::design_edit, institution_id); !ok) return ok.error();
  auto current = newest(tx, institution_id, id);
  if (!current) return current.error();
  auto status = domain::parse_design_status(current->status);
  if (!status) return version_of(*current).error();
  auto next = domain::next_status(*status, DesignStep::withdraw);
  if (!next) return next.error();
  auto after = *current;
  after.status = std::string(domain::to_string(*next));
  after.submitted_by.clear();
  after.submitted_at.reset();
  return apply_step(tx, clock, actor, DesignStep::withdraw, *current, std::move(after));
}

Result<DesignVersion> review_design(store::Transaction& tx, const Clock& clock,
                                    const Principal& actor, std::string_view institution_id,
                                    std::string_view id, const ReviewRequest& request) {
  if (auto ok = allowed(actor, Action::design_review, institution_id); !ok) return ok.error();
  if (auto valid = domain::validate_review(request.review); !valid) return valid.error();
  const DesignStep step = request.review.decision == domain::ReviewDecision::approved
                              ? DesignStep::approve
                              : DesignStep::request_changes;
  auto current = newest(tx, institution_id, id);
  if (!current) return current.error();
  auto status = domain::parse_design_status(current->status);
  if (!status) return version_of(*current).error();
  auto next = domain::next_status(*status, step);
  if (!next) return next.error();
  if (!request.content_sha256.empty() && request.content_sha256 != current->content_sha256) {
    return make_error(ErrorCode::conflict,
                      "version " + std::to_string(current->version) + " of design \"" +
                          current->id + "\" is not the content that was reviewed (SHA-256 " +
                          current->content_sha256 + "); read it again",
                      "content_sha256");
  }
  auto contributors = store::design_contributors(tx, institution_id, current->id, current->version);
  if (!contributors) return contributors.error();
  contributors->push_back(current->author_id);
  contributors->push_back(current->submitted_by);
  auto separate = domain::check_separation_of_duties(step, actor.user_id, *contributors);
  if (!separate) return separate.error();
  auto reviewed = store::insert_qa_review(
      tx, institution_id,
      {.institution_id = std::string(institution_id),
       .design_id = current->id,
       .version = current->version,
       .reviewer_id = actor.user_id,
       .decision = std::string(domain::to_string(request.review.decision)),
       .checklist_json = boost::json::serialize(domain::to_json(request.review.checklist)),
       .comment = request.review.comment,
       .at = {clock.now().seconds, 0}});
  if (!reviewed) return reviewed.error();
  auto after = *current;
  after.status = std::string(domain::to_string(*next));
  return apply_step(tx, clock, actor, step, *current, std::move(after));
}

Result<DesignVersion> publish_design(store::Transaction& tx, const Clock& clock,
                                     const Principal& actor, std::string_view institution_id,
                                     std::string_view id) {
  if (auto ok = allowed(actor, Action::design_publish, institution_id); !ok) return ok.error();
  auto versions = store::list_design_versions(tx, institution_id, id);
  if (!versions) return versions.error();
  const auto& current = versions->back();
  auto status = domain::parse_design_status(current.status);
  if (!status) return version_of(current).error();
  auto next = domain::next_status(*status, DesignStep::publish);
  if (!next) return next.error();
  auto now = clock.now();
  // The version published before leaves first: one version of a design is published at a
  // time (the store's unique index holds it to that).
  for (const auto& older : *versions) {
    if (older.status != domain::to_string(DesignStatus::published)) continue;
    auto retired = older;
    retired.status = std::string(domain::to_string(DesignStatus::retired));
    retired.retired_at = Timestamp{now.seconds, 0};
    auto moved = apply_step(tx, clock, actor, DesignStep::retire, older, std::move(retired));
    if (!moved) return moved.error();
  }
  auto after = current;
  after.status = std::string(domain::to_string(*next));
  after.published_by = actor.user_id;
  after.published_at = Timestamp{now.seconds, 0};
  auto published = apply_step(tx, clock, actor, DesignStep::publish, current, std::move(after));
  if (!published) return published.error();
  auto listed = update_catalogue(tx, institution_id, id, &*published);
  if (!listed) return listed.error();
  return published;
}

Result<DesignVersion> retire_design(store::Transaction& tx, const Clock& clock,
                                    const Principal& actor, std::string_view institution_id,
                                    std::string_view id) {
  if (auto ok = allowed(actor, Action::design_publish, institution_id); !ok) return ok.error();
  auto versions = store::list_design_versions(tx, institution_id, id);
  if (!versions) return versions.error();
  auto published = std::find_if(versions->begin(), versions->end(), [](const auto& v) {
    return v.status == domain::to_string(DesignStatus::published);
  });
  // Without a published version, the newest one's status explains the refusal.
  const auto& current = published != versions->end() ? *published : versions->back();
  auto status = domain::parse_design_status(current.status);
  if (!status) return version_of(current).error();
  auto next = domain::next_status(*status, DesignStep::retire);
  if (!next) return next.error();
  auto after = current;
  after.status = std::string(domain::to_string(*next));
  after.retired_at = Timestamp{clock.now().seconds, 0};
  auto retired = apply_step(tx, clock, actor, DesignStep::retire, current, std::move(after));
  if (!retired) return retired.error();
  auto unlisted = update_catalogue(tx, institution_id, id, nullptr);
  if (!unlisted) return unlisted.error();
  return retired;
}

Result<DesignVersion> get_design(store::Transaction& tx, const Principal& actor,
                                 std::string_view institution_id, std::string_view id,
                                 std::optional<int> version) {
  if (auto ok = allowed(actor, Action::design_read, institution_id); !ok) return ok.error();
  auto record = store::find_design_record(tx, institution_id, id, version);
  if (!record) return record.error();
  return version_of(std::move(*record));
}

Result<std::vector<DesignVersion>> list_design_versions(store::Transaction& tx,
                                                        const Principal& actor,
                                                        std::string_view institution_id,
                                                        std::string_view id) {
  if (auto ok = allowed(actor, Action::design_read, institution_id); !ok) return ok.error();
  auto records = store::list_design_versions(tx, institution_id, id);
  if (!records) return records.error();
  std::vector<DesignVersion> out;
  for (auto& record : *records) {
    auto version = version_of(std::move(record));
    if (!version) return version.error();
    out.push_back(std::move(*version));
  }
  return out;
}

Result<std::vector<DesignVersion>> list_designs(store::Transaction& tx, const Principal& actor,
                                                std::string_view institution_id,
                                                std::optional<DesignStatus> status) {
  if (auto ok = allowed(actor, Action::design_read, institution_id); !ok) return ok.error();
  std::optional<std::string_view> wanted;
  if (status) wanted = domain::to_string(*status);
  auto records = store::list_design_records(tx, institution_id, wanted);
  if (!records) return records.error();
  std::vector<DesignVersion> out;
  for (auto& record : *records) {
    auto version = version_of(std::move(record));
    if (!version) return version.error();
    out.push_back(std::move(*version));
  }
  return out;
}

Result<std::vector<store::QaReviewRecord>> list_design_reviews(store::Transaction& tx,
                                                               const Principal& actor,
                                                               std::string_view institution_id,
                                                               std::string_view id) {
  if (auto ok = allowed(actor, Action::design_read, institution_id); !ok) return ok.error();
  auto exists = newest(tx, institution_id, id);
  if (!exists) return exists.error();
  return store::list_qa_reviews(tx, institution_id, id);
}

Result<ImportOutcome> import_design(store::Transaction& tx, crypto::RandomSource& random,
                                    const Clock& clock, const Principal& actor,
                                    std::string_view institution_id, std::string_view design_json,
                                    std::string_view id) {
  auto version = id.empty() ? create_design(tx, random, clock, actor, institution_id, design_json)
                            : update_design(tx, clock, actor, institution_id, id, design_json);
  if (!version) return version.error();
  return ImportOutcome{std::move(*version), id.empty()};
}

Result<std::string> export_design(store::Transaction& tx, const Principal& actor,
                                  std::string_view institution_id, std::string_view id,
                                  std::optional<int> version) {
  if (auto ok = allowed(actor, Action::design_read, institution_id); !ok) return ok.error();
  return export_design_file(tx, institution_id, id, version);
}

Result<std::string> export_design_file(store::Transaction& tx, std::string_view institution_id,
                                       std::string_view id, std::optional<int> version) {
  auto record = store::find_design_record(tx, institution_id, id, version);
  if (!record) return record.error();
  auto found = version_of(std::move(*record));
  if (!found) return found.error();
  std::string out;
  append_pretty(domain::to_json(found->design), 0, out);
  out += "\n";
  return out;
}

namespace {

Result<void> update_catalogue(store::Transaction& tx, std::string_view institution_id,
                              std::string_view design_id, const DesignVersion* published) {
  if (published) {
    // Replaces the entry of the version published before, if any.
    return index_published_design(
        tx, institution_id, design_id, published->record.version, published->design,
        published->record.published_at.value_or(published->record.updated_at));
  }
  auto removed = unindex_design(tx, institution_id, design_id);
  // A design with no entry is where retiring must leave it; any other failure is real.
  if (!removed && removed.error().code == ErrorCode::not_found) return {};
  return removed;
}

}  // namespace

}  // namespace microcred::service
