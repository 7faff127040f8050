#include "service/admission.h"

#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "json/parse.h"
#include "service/detail/learner_path.h"
#include "service/offerings.h"
#include "store/enrolments.h"
#include "store/offerings.h"
#include "store/users.h"

namespace microcred::service {
namespace {

using domain::ApplicationStatus;
using domain::Decision;

std::string optional_time(const std::optional<Timestamp>& t) {
  return t ? format_rfc3339(*t) : std::string();
}

// What the audit trail digests for an application: every field, the evidence included.
std::string audit_form(const store::ApplicationRecord& r) {
  return boost::json::serialize(boost::json::object{
      {"id", r.id},
      {"institution_id", r.institution_id},
      {"reviewing_institution_id", r.reviewing_institution_id},
      {"offering_id", r.offering_id},
      {"learner_id", r.learner_id},
      {"learner_category", r.learner_category},
      {"activity", domain::to_string(r.activity)},
      {"evidence", r.evidence_json},
      {"eligibility", r.eligibility_json},
      {"status", domain::to_string(r.status)},
      {"submitted_at", format_rfc3339(r.submitted_at)},
      {"waitlisted_at", optional_time(r.waitlisted_at)},
      {"decided_at", optional_time(r.decided_at)},
      {"decided_by", r.decided_by},
      {"reason", r.reason},
  });
}

// The domain's application without its evidence: what `domain::decide` needs.
domain::Application decision_form(const store::ApplicationRecord& r) {
  return {.id = r.id,
          .offering_id = r.offering_id,
          .learner_id = r.learner_id,
          .learner_category = r.learner_category,
          .activity = r.activity,
          .status = r.status,
          .submitted_at = r.submitted_at,
          .waitlisted_at = r.waitlisted_at,
          .decided_at = r.decided_at,
          .decided_by = r.decided_by,
          .reason = r.reason};
}

Result<domain::ApplicationEvidence> read_evidence(std::string_view evidence_json) {
  if (evidence_json.empty()) return domain::ApplicationEvidence{};
  auto value = json::parse(evidence_json, {.max_bytes = learner_path_json_max_bytes,
                                           .max_depth = learner_path_json_max_depth});
  if (!value) return Error{value.error().code, value.error().message, "/evidence"};
  auto evidence = domain::evidence_from_json(*value);
  if (!evidence) {
    return Error{evidence.error().code, evidence.error().message,
                 "/evidence" + evidence.error().field};
  }
  for (const auto& finding : domain::check_evidence(*evidence)) {
    if (finding.severity == domain::Severity::error)
      return make_error(ErrorCode::invalid_argument, finding.message, "/evidence" + finding.field);
  }
  return evidence;
}

// Writes the applications `changed` names (the first decided by `decision`, any others
// promoted from the waiting list), their histories and audit events, and returns them read
// back.
Result<std::vector<ApplicationView>> write_changes(
    store::Transaction& tx, const Clock& clock, const Principal& actor,
    std::string_view institution_id, const std::vector<store::ApplicationRecord>& before,
    const domain::AdmissionOutcome& outcome, std::optional<Decision> decision) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < before.size(); ++i)
    index.emplace(before[i].id, i);
  std::vector<ApplicationView> written;
  for (std::size_t n = 0; n < outcome.changed.size(); ++n) {
    const auto& id = outcome.changed[n];
    const auto found = index.find(id);
    if (found == index.end()) {
      return make_error(ErrorCode::storage_error, "decision changed an unknown application " + id);
    }
    const auto& old = before[found->second];
    const auto& now = outcome.applications.at(found->second);
    store::ApplicationRecord record = old;
    record.status = now.status;
    record.waitlisted_at = now.waitlisted_at;
    record.decided_at = now.decided_at;
    record.decided_by = now.decided_by;
    record.reason = now.reason;
    auto updated = store::update_application_status(tx, institution_id, record);
    if (!updated) return updated.error();
    std::string verb = n == 0 && decision ? std::string(domain::to_string(*decision)) : "promote";
    auto logged = store::append_admission_decision(
        tx, institution_id,
        {.institution_id = record.institution_id,
         .reviewing_institution_id = record.reviewing_institution_id,
         .application_id = record.id,
         .decision = verb,
         .status = record.status,
         .decided_by = record.decided_by,
         .reason = record.reason,
         .at = record.decided_at.value_or(detail::now_in_seconds(clock))});
    if (!logged) return logged.error();
    auto audited = detail::audit(tx, clock, actor, record.institution_id, "application", verb,
                                 record.id, audit_form(old), audit_form(record));
    if (!audited) return audited.error();
    auto view = application_view(std::move(record));
    if (!view) return view.error();
    written.push_back(std::move(*view));
  }
  return written;
}

struct LockedOffering {
  OfferingView offering;
  std::vector<store::ApplicationRecord> applications;
  std::vector<domain::Application> decision_forms;
};

// Locks offering `offering_id`, then reads all its applications: nothing else changes its
// admissions until the transaction ends.
Result<LockedOffering> lock_and_read(store::Transaction& tx, std::string_view institution_id,
                                     std::string_view offering_id) {
  auto locked = store::lock_offering(tx, institution_id, offering_id);
  if (!locked) return locked.error();
  auto view = offering_view(std::move(*locked));
  if (!view) return view.error();
  auto records = store::list_applications(tx, institution_id, offering_id);
  if (!records) return records.error();
  LockedOffering out{std::move(*view), std::move(*records), {}};
  out.decision_forms.reserve(out.applications.size());
  for (const auto& record : out.applications)
    out.decision_forms.push_back(decision_form(record));
  return out;
}

}  // namespace

Result<ApplicationView> application_view(store::ApplicationRecord record) {
  auto value = json::parse(record.evidence_json, {.max_bytes = learner_path_json_max_bytes,
                                                  .max_depth = learner_path_json_max_depth});
  auto evidence = value ? domain::evidence_from_json(*value)
                        : Result<domain::ApplicationEvidence>(value.error());
  if (!evidence) {
    return make_error(ErrorCode::storage_error,
                      "application \"" + record.id +
                          "\" holds evidence that does not read: " + describe(evidence.error()));
  }
  domain::Application application = decision_form(record);
  application.evidence = std::move(*evidence);
  return ApplicationView{std::move(record), std::move(application)};
}

Result<ApplyOutcome> apply(store::Transaction& tx, crypto::RandomSource& random, const Clock& clock,
                           const Principal& actor, std::string_view institution_id,
                           const ApplyRequest& request) {
  auto offering_record = store::find_offering(tx, institution_id, request.offering_id);
  if (!offering_record) return offering_record.error();
  const std::string owner = offering_record->institution_id;
  const std::string learner_id = request.learner_id.empty() ? actor.user_id : request.learner_id;
  if (auto ok = detail::allowed(actor, Action::application_submit, owner, learner_id); !ok)
    return ok.error();
  auto user = store::find_user(tx, learner_id);
  if (!user) return Error{user.error().code, user.error().message, "learner_id"};
  if (auto learner = store::find_learner(tx, learner_id); !learner) {
    if (learner.error().code != ErrorCode::not_found) return learner.error();
    return make_error(ErrorCode::not_found, "account \"" + learner_id + "\" has no learner profile",
                      "learner_id");
  }
  auto view = offering_view(*offering_record);
  if (!view) return view.error();
  const auto& offering = view->offering;
  auto now = detail::now_in_seconds(clock);
  if (auto open = domain::check_application_window(offering, now); !open) return open.error();
  if (std::find(offering.activities.begin(), offering.activities.end(), request.activity) ==
      offering.activities.end()) {
    return make_error(
        ErrorCode::invalid_argument,
        "this offering does not offer " + std::string(domain::to_string(request.activity)),
        "activity");
  }
  // A category without a fee tier could never be enrolled: say so now.
  auto quote = domain::quote_fee(offering, {.learner_id = learner_id,
                                            .learner_email = user->email,
                                            .learner_category = request.learner_category,
                                            .activity = request.activity,
                                            .at = now});
  if (!quote) return quote.error();
  auto evidence = read_evidence(request.evidence_json);
  if (!evidence) return evidence.error();
  auto open = store::find_open_application(tx, owner, request.offering_id, learner_id);
  if (!open) return open.error();
  if (*open) {
    return make_error(ErrorCode::conflict,
                      "the learner already has application " + (*open)->id + " to this offering (" +
                          std::string(domain::to_string((*open)->status)) + ")",
                      "offering_id");
  }
  auto design = offered_design(tx, *offering_record);
  if (!design) return design.error();
  auto report = domain::evaluate_eligibility(design->admission, *evidence);

  store::ApplicationRecord record{
      .id = detail::new_id(random),
      .institution_id = owner,
      .reviewing_institution_id = offering_record->reviewing_institution_id,
      .offering_id = offering_record->id,
      .learner_id = learner_id,
      .learner_category = request.learner_category,
      .activity = request.activity,
      .evidence_json = boost::json::serialize(domain::to_json(*evidence)),
      .eligibility = report.overall,
      .eligibility_json = boost::json::serialize(domain::to_json(report)),
      .status = ApplicationStatus::submitted,
      .submitted_at = now};
  auto inserted = store::insert_application(tx, owner, record);
  if (!inserted) return inserted.error();
  auto audited = detail::audit(tx, clock, actor, owner, "application", "submit", record.id,
                               std::nullopt, audit_form(record));
  if (!audited) return audited.error();
  domain::Application application = decision_form(record);
  application.evidence = std::move(*evidence);
  return ApplyOutcome{{std::move(record), std::move(application)}, std::move(report)};
}

Result<DecisionOutcome> decide(store::Transaction& tx, const Clock& clock, const Principal& actor,
                               std::string_view institution_id, const DecideRequest& request) {
  auto application = store::find_application(tx, institution_id, request.application_id);
  if (!application) return application.error();
  const bool withdrawal = request.decision == Decision::withdraw;
  auto ok =
      withdrawal
          ? detail::allowed(actor, Action::application_withdraw,
                            application->reviewing_institution_id, application->learner_id)
          : detail::allowed(actor, Action::admission_decide, application->reviewing_institution_id);
  if (!ok) return ok.error();

  auto locked = lock_and_read(tx, institution_id, application->offering_id);
  if (!locked) return locked.error();
  if (withdrawal) {
    auto enrolment =
        store::find_enrolment_for_application(tx, application->institution_id, application->id);
    if (!enrolment) return enrolment.error();
    if (*enrolment && ((*enrolment)->enrolment.status != domain::EnrolmentStatus::withdrawn &&
                       (*enrolment)->enrolment.status != domain::EnrolmentStatus::failed)) {
      return make_error(ErrorCode::conflict,
                        "the learner is enrolled from this application (enrolment " +
                            (*enrolment)->enrolment.id + ", " +
                            std::string(domain::to_string((*enrolment)->enrolment.status)) +
                            "); withdraw the enrolment first",
                        "decision");
    }
  }

  const auto policy = domain::admission_policy(locked->offering.offering);
  domain::DecisionRequest decision{.application_id = request.application_id,
                                   .decision = request.decision,
                                   .reason = request.reason,
                                   .decided_by = actor.user_id,
                                   .at = detail::now_in_seconds(clock)};
  auto outcome = domain::decide(locked->decision_forms, policy, decision);
  if (!outcome && request.decision == Decision::admit && request.waitlist_when_full &&
      outcome.error().code == ErrorCode::conflict) {
    auto counts = domain::count_admissions(locked->decision_forms, policy);
    if (counts.free_places && *counts.free_places == 0) {
      decision.decision = Decision::waitlist;
      outcome = domain::decide(locked->decision_forms, policy, decision);
    }
  }
  if (!outcome) return outcome.error();
  auto written = write_changes(tx, clock, actor, institution_id, locked->applications, *outcome,
                               decision.decision);
  if (!written) return written.error();
  DecisionOutcome out{std::move(written->front()), {}, {}};
  for (std::size_t i = 1; i < written->size(); ++i)
    out.promoted.push_back(std::move((*written)[i]));
  out.counts = domain::count_admissions(outcome->applications, policy);
  return out;
}

Result<PromotionOutcome> promote_waitlisted(store::Transaction& tx, const Clock& clock,
                                            const Principal& actor, std::string_view institution_id,
                                            std::string_view offering_id) {
  auto offering = store::find_offering(tx, institution_id, offering_id);
  if (!offering) return offering.error();
  if (auto ok =
          detail::allowed(actor, Action::admission_decide, offering->reviewing_institution_id);
      !ok)
    return ok.error();
  auto locked = lock_and_read(tx, institution_id, offering_id);
  if (!locked) return locked.error();
  const auto policy = domain::admission_policy(locked->offering.offering);
  auto outcome = domain::promote_from_waiting_list(locked->decision_forms, policy,
                                                   detail::now_in_seconds(clock), actor.user_id);
  auto written =
      write_changes(tx, clock, actor, institution_id, locked->applications, outcome, std::nullopt);
  if (!written) return written.error();
  return PromotionOutcome{std::move(*written),
                          domain::count_admissions(outcome.applications, policy)};
}

Result<ApplicationView> get_application(store::Transaction& tx, const Principal& actor,
                                        std::string_view institution_id, std::string_view id) {
  auto record = store::find_application(tx, institution_id, id);
  if (!record) return record.error();
  if (auto ok =
          detail::allowed(actor, Action::learner_data_read, institution_id, record->learner_id);
      !ok)
    return ok.error();
  return application_view(std::move(*record));
}

Result<std::vector<ApplicationView>> list_applications(
    store::Transaction& tx, const Principal& actor, std::string_view institution_id,
    std::string_view offering_id, std::optional<domain::ApplicationStatus> status) {
  if (auto ok = detail::allowed(actor, Action::admission_decide, institution_id); !ok)
    return ok.error();
  auto offering = store::find_offering(tx, institution_id, offering_id);
  if (!offering) return offering.error();
  auto records = store::list_applications(tx, institution_id, offering_id, status);
  if (!records) return records.error();
  std::vector<ApplicationView> out;
  out.reserve(records->size());
  for (auto& record : *records) {
    auto view = application_view(std::move(record));
    if (!view) return view.error();
    out.push_back(std::move(*view));
  }
  return out;
}

Result<std::vector<store::AdmissionDecisionRecord>> admission_history(
    store::Transaction& tx, const Principal& actor, std::string_view institution_id,
    std::string_view id) {
  auto application = get_application(tx, actor, institution_id, id);
  if (!application) return application.error();
  return store::admission_history(tx, institution_id, id);
}

}  // namespace microcred::service
