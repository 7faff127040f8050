#include "service/enrolment.h"

#include <boost/json.hpp>

#include "domain/money.h"
#include "service/detail/learner_path.h"
#include "service/offerings.h"
#include "store/applications.h"
#include "store/offerings.h"
#include "store/users.h"

namespace microcred::service {
namespace {

std::string optional_time(const std::optional<Timestamp>& t) {
  return t ? format_rfc3339(*t) : std::string();
}

// What the audit trail digests for an enrolment: its state, fee and suspensions.
std::string audit_form(const store::EnrolmentRecord& record) {
  const auto& e = record.enrolment;
  boost::json::array suspensions;
  for (const auto& s : e.suspensions) {
    suspensions.push_back(boost::json::object{
        {"from", format_rfc3339(s.from)},
        {"resume_by", s.resume_by ? domain::format_date(*s.resume_by) : std::string()},
        {"lifted_at", optional_time(s.lifted_at)},
        {"reason", s.reason}});
  }
  return boost::json::serialize(
      boost::json::object{{"id", e.id},
                          {"institution_id", e.institution_id},
                          {"offering_id", e.offering_id},
                          {"learner_id", e.learner_id},
                          {"application_id", e.application_id},
                          {"activity", domain::to_string(e.activity)},
                          {"learner_category", record.learner_category},
                          {"fee_tier_id", e.fee_tier_id},
                          {"payable", domain::format_money(record.fee.payable)},
                          {"list_price", domain::format_money(record.fee.list_price)},
                          {"status", domain::to_string(e.status)},
                          {"enrolled_at", format_rfc3339(e.enrolled_at)},
                          {"ended_at", optional_time(e.ended_at)},
                          {"end_reason", e.end_reason},
                          {"suspensions", std::move(suspensions)}});
}

}  // namespace

Result<store::EnrolmentRecord> enrol(store::Transaction& tx, crypto::RandomSource& random,
                                     const Clock& clock, const Principal& actor,
                                     std::string_view institution_id, const EnrolRequest& request) {
  if (auto ok = detail::allowed(actor, Action::enrolment_manage, institution_id); !ok)
    return ok.error();
  auto application = store::find_application(tx, institution_id, request.application_id);
  if (!application) return application.error();
  if (application->institution_id != institution_id) {
    return make_error(ErrorCode::forbidden,
                      "the offering belongs to institution \"" + application->institution_id +
                          "\", which enrols its learners",
                      "institution_id");
  }
  auto locked = store::lock_offering(tx, institution_id, application->offering_id);
  if (!locked) return locked.error();
  // Read again under the lock: a withdrawal may have come first.
  application = store::find_application(tx, institution_id, request.application_id);
  if (!application) return application.error();
  if (application->status != domain::ApplicationStatus::admitted) {
    return make_error(ErrorCode::conflict,
                      "only an admitted application can be enrolled; " + application->id + " is " +
                          std::string(domain::to_string(application->status)),
                      "application_id");
  }
  auto existing = store::find_enrolment_for_application(tx, institution_id, application->id);
  if (!existing) return existing.error();
  if (*existing) {
    return make_error(ErrorCode::conflict,
                      "application " + application->id + " is enrolled already (enrolment " +
                          (*existing)->enrolment.id + ")",
                      "application_id");
  }
  auto view = offering_view(std::move(*locked));
  if (!view) return view.error();
  auto user = store::find_user(tx, application->learner_id);
  if (!user) return user.error();
  auto now = detail::now_in_seconds(clock);
  const auto activity = request.activity.value_or(application->activity);
  const auto category = request.learner_category.value_or(application->learner_category);
  auto fee = domain::quote_fee(view->offering, {.learner_id = application->learner_id,
                                                .learner_email = user->email,
                                                .learner_category = category,
                                                .activity = activity,
                                                .discount_ids = request.discount_ids,
                                                .at = now});
  if (!fee) return fee.error();

  store::EnrolmentRecord record;
  record.enrolment = {.id = detail::new_id(random),
                      .institution_id = std::string(institution_id),
                      .offering_id = application->offering_id,
                      .learner_id = application->learner_id,
                      .application_id = application->id,
                      .activity = activity,
                      .fee_tier_id = fee->tier_id,
                      .status = domain::EnrolmentStatus::enrolled,
                      .enrolled_at = now};
  record.learner_category = category;
  record.fee = std::move(*fee);
  record.updated_at = now;
  auto inserted = store::insert_enrolment(tx, institution_id, record);
  if (!inserted) return inserted.error();
  auto logged = store::append_enrolment_event(tx, institution_id,
                                              {.institution_id = std::string(institution_id),
                                               .enrolment_id = record.enrolment.id,
                                               .event = "enrol",
                                               .status = record.enrolment.status,
                                               .actor = actor.user_id,
                                               .at = now});
  if (!logged) return logged.error();
  auto audited = detail::audit(tx, clock, actor, institution_id, "enrolment", "enrol",
                               record.enrolment.id, std::nullopt, audit_form(record));
  if (!audited) return audited.error();
  return record;
}

Result<store::EnrolmentRecord> change_enrolment(store::Transaction& tx, const Clock& clock,
                                                const Principal& actor,
                                                std::string_view institution_id,
                                                const EnrolmentChangeRequest& request) {
  if (auto ok = detail::allowed(actor, Action::enrolment_manage, institution_id); !ok)
    return ok.error();
  auto before = store::find_enrolment(tx, institution_id, request.enrolment_id);
  if (!before) return before.error();
  auto now = detail::now_in_seconds(clock);
  auto changed = domain::apply_change(before->enrolment, {.event = request.event,
                                                          .at = now,
                                                          .reason = request.reason,
                                                          .resume_by = request.resume_by});
  if (!changed) return changed.error();
  store::EnrolmentRecord after = *before;
  after.enrolment = std::move(*changed);
  after.updated_at = now;
  auto updated = store::update_enrolment(tx, institution_id, after);
  if (!updated) return updated.error();
  const std::string event(domain::to_string(request.event));
  auto logged = store::append_enrolment_event(tx, institution_id,
                                              {.institution_id = std::string(institution_id),
                                               .enrolment_id = after.enrolment.id,
                                               .event = event,
                                               .status = after.enrolment.status,
                                               .actor = actor.user_id,
                                               .reason = request.reason,
                                               .at = now});
  if (!logged) return logged.error();
  auto audited = detail::audit(tx, clock, actor, institution_id, "enrolment", event,
                               after.enrolment.id, audit_form(*before), audit_form(after));
  if (!audited) return audited.error();
  return after;
}

Result<store::EnrolmentRecord> get_enrolment(store::Transaction& tx, const Principal& actor,
                                             std::string_view institution_id, std::string_view id) {
  auto record = store::find_enrolment(tx, institution_id, id);
  if (!record) return record.error();
  if (auto ok = detail::allowed(actor, Action::learner_data_read, institution_id,
                                record->enrolment.learner_id);
      !ok)
    return ok.error();
  return record;
}

Result<std::vector<store::EnrolmentRecord>> list_enrolments(store::Transaction& tx,
                                                            const Principal& actor,
                                                            std::string_view institution_id,
                                                            std::string_view offering_id) {
  if (auto ok = detail::allowed(actor, Action::learner_data_read, institution_id); !ok)
    return ok.error();
  return store::list_enrolments(tx, institution_id, offering_id);
}

Result<std::vector<store::EnrolmentEventRecord>> enrolment_history(store::Transaction& tx,
                                                                   const Principal& actor,
                                                                   std::string_view institution_id,
                                                                   std::string_view id) {
  auto record = get_enrolment(tx, actor, institution_id, id);
  if (!record) return record.error();
  return store::enrolment_history(tx, institution_id, id);
}

}  // namespace microcred::service
