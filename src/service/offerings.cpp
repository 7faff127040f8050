#include "service/offerings.h"

#include <boost/json.hpp>

#include "json/parse.h"
#include "service/designs.h"
#include "service/detail/learner_path.h"
#include "store/design_records.h"
#include "store/institutions.h"

namespace microcred::service {
namespace {

constexpr std::size_t max_id_bytes = 128;

// What the audit trail digests for an offering: its whole JSON form.
std::string audit_form(const store::OfferingRecord& record) {
  return record.json;
}

}  // namespace

Result<OfferingView> offering_view(store::OfferingRecord record) {
  auto value = json::parse(record.json, {.max_bytes = learner_path_json_max_bytes,
                                         .max_depth = learner_path_json_max_depth});
  auto offering =
      value ? domain::offering_from_json(*value) : Result<domain::Offering>(value.error());
  if (!offering) {
    return make_error(ErrorCode::storage_error,
                      "offering \"" + record.id +
                          "\" holds JSON that is no offering: " + describe(offering.error()));
  }
  return OfferingView{std::move(record), std::move(*offering)};
}

Result<domain::MicroCredentialDesign> offered_design(store::Transaction& tx,
                                                     const store::OfferingRecord& offering) {
  auto record = store::find_design_record(tx, offering.institution_id, offering.design_id,
                                          offering.design_version);
  if (!record) return record.error();
  auto design = read_design_json(record->json);
  if (!design) {
    return make_error(ErrorCode::storage_error,
                      "design \"" + record->id + "\" version " + std::to_string(record->version) +
                          " holds JSON that is no design: " + describe(design.error()));
  }
  return design;
}

Result<OpenOfferingOutcome> open_offering(store::Transaction& tx, crypto::RandomSource& random,
                                          const Clock& clock, const Principal& actor,
                                          std::string_view institution_id,
                                          std::string_view offering_json) {
  if (auto ok = detail::allowed(actor, Action::offering_manage, institution_id); !ok)
    return ok.error();
  auto value = json::parse(offering_json, {.max_bytes = learner_path_json_max_bytes,
                                           .max_depth = learner_path_json_max_depth});
  if (!value) return value.error();
  auto offering = domain::offering_from_json(*value);
  if (!offering) return offering.error();
  if (offering->institution_id.empty()) offering->institution_id = std::string(institution_id);
  if (offering->institution_id != institution_id) {
    return make_error(ErrorCode::invalid_argument,
                      "the offering names institution \"" + offering->institution_id +
                          "\" but is opened in \"" + std::string(institution_id) + "\"",
                      "/institution_id");
  }
  if (offering->id.empty()) offering->id = detail::new_id(random);
  if (offering->id.size() > max_id_bytes) {
    return make_error(ErrorCode::invalid_argument,
                      "an offering id has at most " + std::to_string(max_id_bytes) + " bytes",
                      "/id");
  }
  std::string reviewer = offering->reviewing_institution_id.empty()
                             ? offering->institution_id
                             : offering->reviewing_institution_id;
  if (auto found = store::find_institution(tx, reviewer); !found) {
    if (found.error().code != ErrorCode::not_found) return found.error();
    return make_error(ErrorCode::not_found,
                      "there is no institution \"" + reviewer + "\" to review the applications",
                      "/reviewing_institution_id");
  }

  auto design_record =
      store::find_design_record(tx, institution_id, offering->design_id, offering->design_version);
  if (!design_record) {
    auto error = design_record.error();
    if (error.field.empty()) error.field = "/design_version";
    return error;
  }
  if (design_record->status != "published") {
    return make_error(ErrorCode::conflict,
                      "version " + std::to_string(design_record->version) + " of design \"" +
                          design_record->id + "\" is " + design_record->status +
                          "; only a published version can be offered",
                      "/design_version");
  }
  auto design = read_design_json(design_record->json);
  if (!design) {
    return make_error(ErrorCode::storage_error,
                      "design \"" + design_record->id +
                          "\" holds JSON that is no design: " + describe(design.error()));
  }

  OpenOfferingOutcome outcome;
  outcome.findings = domain::check_offering(*offering, {.design = &*design});
  if (domain::has_error(outcome.findings)) return outcome;

  auto now = detail::now_in_seconds(clock);
  store::OfferingRecord record{.id = offering->id,
                               .institution_id = offering->institution_id,
                               .reviewing_institution_id = reviewer,
                               .design_id = offering->design_id,
                               .design_version = offering->design_version,
                               .code = offering->code,
                               .capacity = offering->capacity,
                               .json = boost::json::serialize(domain::to_json(*offering)),
                               .created_by = actor.user_id,
                               .created_at = now,
                               .updated_at = now};
  // Check first: a failed statement would end a PostgreSQL transaction (docs/storage.md).
  if (auto taken = store::find_offering(tx, institution_id, record.id); taken) {
    return make_error(ErrorCode::conflict, "offering \"" + record.id + "\" exists already", "/id");
  } else if (taken.error().code != ErrorCode::not_found) {
    return taken.error();
  }
  auto inserted = store::insert_offering(tx, institution_id, record);
  if (!inserted) return inserted.error();
  auto audited = detail::audit(tx, clock, actor, institution_id, "offering", "open", record.id,
                               std::nullopt, audit_form(record));
  if (!audited) return audited.error();
  outcome.opened = true;
  outcome.offering = OfferingView{std::move(record), std::move(*offering)};
  return outcome;
}

Result<OfferingView> get_offering(store::Transaction& tx, std::string_view institution_id,
                                  std::string_view id) {
  auto record = store::find_offering(tx, institution_id, id);
  if (!record) return record.error();
  return offering_view(std::move(*record));
}

Result<std::vector<OfferingView>> offerings_of(store::Transaction& tx,
                                               std::string_view institution_id,
                                               std::optional<std::string_view> design_id) {
  auto records = store::list_offerings(tx, institution_id, design_id);
  if (!records) return records.error();
  std::vector<OfferingView> out;
  out.reserve(records->size());
  for (auto& record : *records) {
    auto view = offering_view(std::move(record));
    if (!view) return view.error();
    out.push_back(std::move(*view));
  }
  return out;
}

}  // namespace microcred::service
