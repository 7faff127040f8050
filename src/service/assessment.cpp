#include "service/assessment.h"

#include <algorithm>

#include <boost/json.hpp>

#include "service/detail/learner_path.h"
#include "service/offerings.h"
#include "store/enrolments.h"
#include "store/offerings.h"

namespace microcred::service {
namespace {

// What the audit trail digests for an assessment: every recorded field and vote.
std::string audit_form(const store::AssessmentRecord& record) {
  const auto& r = record.result;
  boost::json::array outcomes;
  for (const auto& o : r.outcomes) {
    outcomes.push_back(boost::json::object{
        {"outcome", o.outcome}, {"achieved", o.achieved}, {"evidence", o.evidence}});
  }
  boost::json::array votes;
  for (const auto& v : r.approvals) {
    votes.push_back(boost::json::object{{"approver_id", v.approver_id},
                                        {"approved", v.approved},
                                        {"at", format_rfc3339(v.at)},
                                        {"comment", v.comment}});
  }
  return boost::json::serialize(boost::json::object{
      {"id", r.id},
      {"institution_id", record.institution_id},
      {"enrolment_id", r.enrolment_id},
      {"attempt", record.attempt},
      {"grade", r.grade},
      {"passed", record.passed},
      {"assessed_on", r.assessed_on ? domain::format_date(*r.assessed_on) : std::string()},
      {"method", r.method ? std::string(domain::to_string(*r.method)) : std::string()},
      {"supervision",
       r.supervision ? std::string(domain::to_string(*r.supervision)) : std::string()},
      {"assessor_id", r.assessor_id},
      {"outcomes", std::move(outcomes)},
      {"approvals", std::move(votes)}});
}

// The enrolment's offering and the requirements its assessments are checked against.
struct Context {
  OfferingView offering;
  domain::AssessmentRequirements requirements;
};

Result<Context> context_of(store::Transaction& tx, std::string_view institution_id,
                           const domain::Enrolment& enrolment) {
  auto record = store::find_offering(tx, institution_id, enrolment.offering_id);
  if (!record) return record.error();
  auto view = offering_view(std::move(*record));
  if (!view) return view.error();
  auto design = offered_design(tx, view->record);
  if (!design) return design.error();
  auto requirements = domain::assessment_requirements(*design, view->offering);
  if (!requirements) return requirements.error();
  return Context{std::move(*view), std::move(*requirements)};
}

}  // namespace

Result<RecordAssessmentOutcome> record_assessment(store::Transaction& tx,
                                                  crypto::RandomSource& random, const Clock& clock,
                                                  const Principal& actor,
                                                  std::string_view institution_id,
                                                  const AssessmentInput& input) {
  if (auto ok = detail::allowed(actor, Action::assessment_record, institution_id); !ok)
    return ok.error();
  auto enrolment = store::find_enrolment(tx, institution_id, input.enrolment_id);
  if (!enrolment) return enrolment.error();
  const auto& e = enrolment->enrolment;
  if (e.activity != domain::Activity::assessed) {
    return make_error(ErrorCode::conflict,
                      "enrolment " + e.id + " is for attendance only, which is not assessed",
                      "enrolment_id");
  }
  if (e.status != domain::EnrolmentStatus::enrolled &&
      e.status != domain::EnrolmentStatus::completed) {
    return make_error(ErrorCode::conflict,
                      "enrolment " + e.id + " is " + std::string(domain::to_string(e.status)) +
                          "; only an enrolled or completed learner is assessed",
                      "enrolment_id");
  }
  auto context = context_of(tx, institution_id, e);
  if (!context) return context.error();
  auto now = detail::now_in_seconds(clock);
  domain::AssessmentResult result{.id = detail::new_id(random),
                                  .enrolment_id = e.id,
                                  .outcomes = input.outcomes,
                                  .grade = input.grade,
                                  .assessed_on = input.assessed_on,
                                  .method = input.method,
                                  .supervision = input.supervision,
                                  .assessor_id = actor.user_id};
  RecordAssessmentOutcome outcome;
  outcome.findings = domain::check_assessment(result, context->requirements, domain::date_of(now));
  if (domain::has_error(outcome.findings)) return outcome;
  auto grade = domain::check_grade(context->requirements.grading, result.grade);
  if (!grade) return grade.error();  // check_assessment found it valid; kept for safety
  result.grade = grade->grade;
  auto attempts = store::list_assessments(tx, institution_id, e.id);
  if (!attempts) return attempts.error();
  store::AssessmentRecord record{.result = std::move(result),
                                 .institution_id = std::string(institution_id),
                                 .attempt = static_cast<int>(attempts->size()) + 1,
                                 .passed = grade->passed,
                                 .recorded_at = now};
  auto inserted = store::insert_assessment(tx, institution_id, record);
  if (!inserted) return inserted.error();
  auto audited = detail::audit(tx, clock, actor, institution_id, "assessment", "record",
                               record.result.id, std::nullopt, audit_form(record));
  if (!audited) return audited.error();
  outcome.recorded = true;
  outcome.assessment = std::move(record);
  return outcome;
}

Result<BoardOutcome> vote_on_assessment(store::Transaction& tx, const Clock& clock,
                                        const Principal& actor, std::string_view institution_id,
                                        const BoardVote& vote) {
  if (auto ok = detail::allowed(actor, Action::assessment_approve, institution_id); !ok)
    return ok.error();
  auto before = store::lock_assessment(tx, institution_id, vote.assessment_id);
  if (!before) return before.error();
  auto latest = store::latest_assessment(tx, institution_id, before->result.enrolment_id);
  if (!latest) return latest.error();
  if (*latest && (*latest)->result.id != before->result.id) {
    return make_error(ErrorCode::conflict,
                      "attempt " + std::to_string(before->attempt) + " was replaced by attempt " +
                          std::to_string((*latest)->attempt) + " (" + (*latest)->result.id +
                          "); vote on that one",
                      "assessment_id");
  }
  auto enrolment = store::find_enrolment(tx, institution_id, before->result.enrolment_id);
  if (!enrolment) return enrolment.error();
  auto context = context_of(tx, institution_id, enrolment->enrolment);
  if (!context) return context.error();
  const auto& board = context->requirements.board;
  domain::BoardApproval approval{.approver_id = actor.user_id,
                                 .approved = vote.approved,
                                 .at = detail::now_in_seconds(clock),
                                 .comment = vote.comment};
  auto voted = domain::add_board_approval(before->result, board, approval);
  if (!voted) return voted.error();
  auto inserted = store::insert_board_approval(tx, institution_id, before->result.id, approval);
  if (!inserted) return inserted.error();
  store::AssessmentRecord after = *before;
  after.result = std::move(*voted);
  auto audited = detail::audit(tx, clock, actor, institution_id, "assessment",
                               vote.approved ? "approve" : "reject", after.result.id,
                               audit_form(*before), audit_form(after));
  if (!audited) return audited.error();
  auto status = domain::board_status(after.result, board);
  return BoardOutcome{std::move(after), status};
}

Result<BoardOutcome> get_assessment(store::Transaction& tx, const Principal& actor,
                                    std::string_view institution_id, std::string_view id) {
  auto record = store::find_assessment(tx, institution_id, id);
  if (!record) return record.error();
  auto enrolment = store::find_enrolment(tx, institution_id, record->result.enrolment_id);
  if (!enrolment) return enrolment.error();
  if (auto ok = detail::allowed(actor, Action::learner_data_read, institution_id,
                                enrolment->enrolment.learner_id);
      !ok)
    return ok.error();
  auto offering = store::find_offering(tx, institution_id, enrolment->enrolment.offering_id);
  if (!offering) return offering.error();
  auto view = offering_view(std::move(*offering));
  if (!view) return view.error();
  auto status = domain::board_status(record->result, view->offering.assessment_board);
  return BoardOutcome{std::move(*record), status};
}

Result<domain::IssuanceReadiness> readiness_for_issuance(store::Transaction& tx, const Clock& clock,
                                                         const Principal& actor,
                                                         std::string_view institution_id,
                                                         std::string_view enrolment_id) {
  auto enrolment = store::find_enrolment(tx, institution_id, enrolment_id);
  if (!enrolment) return enrolment.error();
  const auto& e = enrolment->enrolment;
  if (auto ok = detail::allowed(actor, Action::learner_data_read, institution_id, e.learner_id);
      !ok)
    return ok.error();
  const auto today = domain::date_of(clock.now());
  if (e.activity == domain::Activity::attendance_only) {
    // Attendance needs no result, so no grading scheme either.
    return domain::readiness_for_issuance(e, nullptr, {}, today);
  }
  auto context = context_of(tx, institution_id, e);
  if (!context) return context.error();
  auto latest = store::latest_assessment(tx, institution_id, e.id);
  if (!latest) return latest.error();
  return domain::readiness_for_issuance(e, *latest ? &(*latest)->result : nullptr,
                                        context->requirements, today);
}

}  // namespace microcred::service
