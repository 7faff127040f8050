#include "domain/assessment.h"

#include <algorithm>
#include <array>
#include <set>

namespace microcred::domain {
namespace {

constexpr std::array<std::string_view, 4> board_status_names = {"not_required", "pending",
                                                                "approved", "rejected"};
constexpr std::array<std::string_view, 2> credential_kind_names = {"micro_credential",
                                                                   "certificate_of_attendance"};

// An outcome's statement shortened for messages.
constexpr std::size_t quoted_statement_length = 60;

std::string outcome_name(const AssessmentRequirements& req, std::size_t index) {
  std::string name = "learning outcome " + std::to_string(index + 1);
  if (index < req.outcomes.size() && !req.outcomes[index].empty()) {
    std::string statement = req.outcomes[index];
    if (statement.size() > quoted_statement_length)
      statement = statement.substr(0, quoted_statement_length) + "...";
    name += " (\"" + statement + "\")";
  }
  return name;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_member(const BoardPolicy& policy, const std::string& id) {
  return policy.members.empty() ||
         std::find(policy.members.begin(), policy.members.end(), id) != policy.members.end();
}

struct Votes {
  int approvals = 0;
  int rejections = 0;
};

Votes count_votes(const AssessmentResult& result, const BoardPolicy& policy) {
  Votes votes;
  std::set<std::string> seen;
  for (const auto& a : result.approvals) {
    if (a.approver_id.empty() || a.approver_id == result.assessor_id ||
        !is_member(policy, a.approver_id) || !seen.insert(a.approver_id).second)
      continue;
    (a.approved ? votes.approvals : votes.rejections) += 1;
  }
  return votes;
}

}  // namespace

std::string_view to_string(BoardStatus value) {
  return board_status_names[static_cast<std::size_t>(value)];
}

std::string_view to_string(CredentialKind value) {
  return credential_kind_names[static_cast<std::size_t>(value)];
}

int supervision_rank(SupervisionMode mode) {
  return static_cast<int>(mode);  // The enumerators are declared weakest first.
}

Result<AssessmentRequirements> assessment_requirements(const MicroCredentialDesign& design,
                                                       const std::optional<GradingScheme>& grading,
                                                       const BoardPolicy& board) {
  AssessmentRequirements req;
  for (const auto& outcome : design.learning_outcomes)
    req.outcomes.push_back(outcome.statement);
  if (grading) {
    req.grading = *grading;
  } else {
    auto read = read_grading_scheme(design.grading_scheme);
    if (!read) return read.error();
    req.grading = *read;
  }
  req.methods = design.assessment.types;
  req.supervision = design.supervision;
  req.board = board;
  return req;
}

std::vector<Finding> check_assessment(const AssessmentResult& result,
                                      const AssessmentRequirements& req, Date today) {
  std::vector<Finding> out;
  auto add = [&](std::string_view rule, Severity severity, std::string field, std::string message) {
    out.push_back({std::string(rule), severity, std::move(field), std::move(message)});
  };

  // Outcomes: each of the design's outcomes exactly once.
  constexpr std::string_view outcomes_rule = "assessment-outcomes";
  std::vector<int> seen(req.outcomes.size(), -1);
  for (std::size_t i = 0; i < result.outcomes.size(); ++i) {
    const auto& o = result.outcomes[i];
    const std::string at = "/outcomes/" + std::to_string(i);
    if (o.outcome >= req.outcomes.size()) {
      add(outcomes_rule, Severity::error, at + "/outcome",
          "there is no learning outcome " + std::to_string(o.outcome + 1) + "; the design has " +
              std::to_string(req.outcomes.size()));
      continue;
    }
    if (seen[o.outcome] >= 0) {
      add(outcomes_rule, Severity::error, at + "/outcome",
          outcome_name(req, o.outcome) + " already has a result at /outcomes/" +
              std::to_string(seen[o.outcome]));
      continue;
    }
    seen[o.outcome] = static_cast<int>(i);
    if (o.achieved && is_blank(o.evidence))
      add(outcomes_rule, Severity::warning, at + "/evidence",
          outcome_name(req, o.outcome) + " is achieved but no evidence is referenced");
  }
  for (std::size_t k = 0; k < seen.size(); ++k)
    if (seen[k] < 0)
      add(outcomes_rule, Severity::error, "/outcomes",
          outcome_name(req, k) + " has no result; record achieved or not achieved");

  // Grade.
  auto grade = check_grade(req.grading, result.grade);
  if (!grade) {
    add("assessment-grade", Severity::error, "/grade", grade.error().message);
  } else {
    bool all_achieved = true;
    for (std::size_t k = 0; k < seen.size(); ++k)
      if (seen[k] >= 0 && !result.outcomes[static_cast<std::size_t>(seen[k])].achieved)
        all_achieved = false;
    if (grade->passed && !all_achieved)
      add("assessment-grade", Severity::warning, "/grade",
          "grade " + grade->grade +
              " passes but some learning outcome is not achieved; no micro-credential can be "
              "issued until every outcome is achieved");
    else if (!grade->passed && all_achieved && !req.outcomes.empty())
      add("assessment-grade", Severity::warning, "/grade",
          "grade " + grade->grade + " fails although every learning outcome is achieved");
  }

  // Date.
  if (!result.assessed_on)
    add("assessment-date", Severity::error, "/assessed_on", "give the date of the assessment");
  else if (*result.assessed_on > today)
    add("assessment-date", Severity::error, "/assessed_on",
        "the assessment date " + format_date(*result.assessed_on) + " is in the future (today is " +
            format_date(today) + ")");

  // Method.
  if (!result.method) {
    add("assessment-method", Severity::error, "/method",
        "give the type of assessment actually used");
  } else if (!req.methods.empty() && std::find(req.methods.begin(), req.methods.end(),
                                               *result.method) == req.methods.end()) {
    std::string allowed;
    for (auto m : req.methods)
      allowed += (allowed.empty() ? "" : ", ") + std::string(to_string(m));
    add("assessment-method", Severity::error, "/method",
        std::string(to_string(*result.method)) +
            " is not one of the design's types of assessment: " + allowed);
  }

  // Supervision and identity verification.
  if (!result.supervision) {
    add("assessment-supervision", Severity::error, "/supervision",
        "give the supervision and identity verification actually used");
  } else if (req.supervision &&
             supervision_rank(*result.supervision) < supervision_rank(*req.supervision)) {
    add("assessment-supervision", Severity::error, "/supervision",
        std::string(to_string(*result.supervision)) +
            " is weaker than the design requires: " + std::string(to_string(*req.supervision)));
  }

  if (is_blank(result.assessor_id))
    add("assessment-assessor", Severity::error, "/assessor_id", "name the assessor");

  // Board votes.
  std::set<std::string> voters;
  for (std::size_t i = 0; i < result.approvals.size(); ++i) {
    const auto& a = result.approvals[i];
    const std::string at = "/approvals/" + std::to_string(i) + "/approver_id";
    if (is_blank(a.approver_id))
      add("board-approval", Severity::error, at, "name the approver");
    else if (a.approver_id == result.assessor_id)
      add("board-approval", Severity::error, at,
          "approver " + a.approver_id +
              " is the assessor; the assessor cannot approve their own "
              "assessment");
    else if (!voters.insert(a.approver_id).second)
      add("board-approval", Severity::error, at, "approver " + a.approver_id + " voted twice");
    else if (!is_member(req.board, a.approver_id))
      add("board-approval", Severity::error, at,
          "approver " + a.approver_id + " is not a member of the assessment board");
  }
  return out;
}

BoardStatus board_status(const AssessmentResult& result, const BoardPolicy& policy) {
  if (!policy.required) return BoardStatus::not_required;
  auto votes = count_votes(result, policy);
  if (votes.rejections > 0) return BoardStatus::rejected;
  if (votes.approvals >= std::max(policy.quorum, 1)) return BoardStatus::approved;
  return BoardStatus::pending;
}

Result<AssessmentResult> add_board_approval(const AssessmentResult& result,
                                            const BoardPolicy& policy,
                                            const BoardApproval& approval) {
  if (!policy.required)
    return make_error(ErrorCode::invalid_argument,
                      "this offering has no assessment board; results need no approval",
                      "approver_id");
  if (is_blank(approval.approver_id))
    return make_error(ErrorCode::invalid_argument, "name the approver", "approver_id");
  if (approval.approver_id == result.assessor_id)
    return make_error(ErrorCode::forbidden,
                      "approver " + approval.approver_id +
                          " is the assessor; the assessor cannot approve their own assessment",
                      "approver_id");
  if (!is_member(policy, approval.approver_id))
    return make_error(
        ErrorCode::forbidden,
        "approver " + approval.approver_id + " is not a member of the assessment board",
        "approver_id");
  for (const auto& a : result.approvals)
    if (a.approver_id == approval.approver_id)
      return make_error(ErrorCode::conflict,
                        "approver " + approval.approver_id + " has already voted on this result",
                        "approver_id");
  auto status = board_status(result, policy);
  if (status == BoardStatus::approved || status == BoardStatus::rejected)
    return make_error(ErrorCode::conflict,
                      "the board has already " +
                          std::string(status == BoardStatus::approved ? "approved" : "rejected") +
                          " this result",
                      "approver_id");
  AssessmentResult out = result;
  out.approvals.push_back(approval);
  return out;
}

IssuanceReadiness readiness_for_issuance(const Enrolment& enrolment, const AssessmentResult* result,
                                         const AssessmentRequirements& req, Date today) {
  IssuanceReadiness r;
  r.kind = enrolment.activity == Activity::attendance_only
               ? CredentialKind::certificate_of_attendance
               : CredentialKind::micro_credential;
  if (enrolment.status != EnrolmentStatus::completed)
    r.reasons.push_back("the enrolment is " + std::string(to_string(enrolment.status)) +
                        ", not completed");
  if (enrolment.activity == Activity::assessed) {
    if (!result) {
      r.reasons.emplace_back("no assessment result is recorded");
    } else {
      for (const auto& f : check_assessment(*result, req, today))
        if (f.severity == Severity::error) r.reasons.push_back(f.field + ": " + f.message);
      auto grade = check_grade(req.grading, result->grade);
      if (grade && !grade->passed)
        r.reasons.push_back("grade " + grade->grade + " does not pass (" + describe(req.grading) +
                            ")");
      for (const auto& o : result->outcomes)
        if (o.outcome < req.outcomes.size() && !o.achieved)
          r.reasons.push_back(outcome_name(req, o.outcome) + " is not achieved");
      switch (board_status(*result, req.board)) {
        case BoardStatus::not_required:
        case BoardStatus::approved:
          break;
        case BoardStatus::pending: {
          auto votes = count_votes(*result, req.board);
          r.reasons.push_back("the assessment board has " + std::to_string(votes.approvals) +
                              " of " + std::to_string(std::max(req.board.quorum, 1)) +
                              " approvals needed");
          break;
        }
        case BoardStatus::rejected:
          r.reasons.emplace_back("the assessment board rejected the result");
          break;
      }
    }
  }
  r.ready = r.reasons.empty();
  return r;
}

}  // namespace microcred::domain
