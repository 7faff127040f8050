#include "domain/assessment.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::domain {
namespace {

const Date today{2025, 12, 1};
const Timestamp noon{1'764'590'400, 0};  // 2025-12-01T12:00:00Z

AssessmentRequirements requirements() {
  MicroCredentialDesign design;
  design.learning_outcomes = {{"Design a digital filter.", {}, {}},
                              {"Explain timing closure.", {}, {}}};
  design.grading_scheme = "0-20 scale; 10 or more is a pass.";
  design.assessment.types = {AssessmentType::project, AssessmentType::oral_exam};
  design.supervision = SupervisionMode::supervised_online_identity_verification;
  auto req =
      assessment_requirements(design, std::nullopt, BoardPolicy{true, 2, {"b1", "b2", "b3"}});
  EXPECT_TRUE(req);
  return *req;
}

AssessmentResult good_result() {
  AssessmentResult r;
  r.id = "a1";
  r.enrolment_id = "e1";
  r.outcomes = {{0, true, "submission://1"}, {1, true, "oral://1"}};
  r.grade = "15";
  r.assessed_on = Date{2025, 11, 20};
  r.method = AssessmentType::project;
  r.supervision = SupervisionMode::onsite_identity_verification;
  r.assessor_id = "teacher";
  return r;
}

// A copy, so that a finding of a temporary list outlives it.
std::optional<Finding> find(const std::vector<Finding>& findings, std::string_view field) {
  for (const auto& f : findings)
    if (f.field == field) return f;
  return std::nullopt;
}

TEST(Assessment, DerivesRequirementsFromTheDesign) {
  auto req = requirements();
  EXPECT_EQ(req.outcomes.size(), 2u);
  EXPECT_EQ(req.grading.kind, GradingKind::numeric);
  EXPECT_EQ(req.grading.pass_mark, 10);
  EXPECT_EQ(req.supervision, SupervisionMode::supervised_online_identity_verification);
  EXPECT_EQ(req.board.quorum, 2);
}

TEST(Assessment, PrefersTheOfferingsGradingScheme) {
  MicroCredentialDesign design;
  design.grading_scheme = "unreadable prose";
  EXPECT_FALSE(assessment_requirements(design, std::nullopt, {}));
  auto req = assessment_requirements(design, GradingScheme{}, {});
  ASSERT_TRUE(req);
  EXPECT_EQ(req->grading.kind, GradingKind::pass_fail);
}

TEST(Assessment, AcceptsAGoodResult) {
  auto findings = check_assessment(good_result(), requirements(), today);
  EXPECT_TRUE(findings.empty()) << findings[0].field << ": " << findings[0].message;
}

TEST(Assessment, ChecksEveryOutcomeExactlyOnce) {
  auto r = good_result();
  r.outcomes = {{0, true, "x"}, {0, false, ""}, {5, true, "y"}};
  auto findings = check_assessment(r, requirements(), today);
  auto twice = find(findings, "/outcomes/1/outcome");
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->message,
            "learning outcome 1 (\"Design a digital filter.\") already has a result at "
            "/outcomes/0");
  auto missing_index = find(findings, "/outcomes/2/outcome");
  ASSERT_TRUE(missing_index);
  EXPECT_EQ(missing_index->message, "there is no learning outcome 6; the design has 2");
  auto missing = find(findings, "/outcomes");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->message,
            "learning outcome 2 (\"Explain timing closure.\") has no result; record achieved or "
            "not achieved");
  EXPECT_EQ(missing->rule, "assessment-outcomes");
}

TEST(Assessment, WarnsWhenAnAchievedOutcomeHasNoEvidence) {
  auto r = good_result();
  r.outcomes[1].evidence = "";
  auto findings = check_assessment(r, requirements(), today);
  auto f = find(findings, "/outcomes/1/evidence");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::warning);
}

TEST(Assessment, ChecksTheGradeAgainstTheScheme) {
  auto r = good_result();
  r.grade = "21";
  auto findings = check_assessment(r, requirements(), today);
  auto f = find(findings, "/grade");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::error);
  EXPECT_EQ(f->message, "grade 21 is outside 0-20");
}

TEST(Assessment, WarnsWhenGradeAndOutcomesDisagree) {
  auto r = good_result();
  r.outcomes[1].achieved = false;
  auto f = find(check_assessment(r, requirements(), today), "/grade");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::warning);
  r = good_result();
  r.grade = "8";
  f = find(check_assessment(r, requirements(), today), "/grade");
  ASSERT_TRUE(f);
  EXPECT_NE(f->message.find("fails although every learning outcome is achieved"),
            std::string::npos);
}

TEST(Assessment, ChecksDateMethodSupervisionAndAssessor) {
  struct Row {
    std::string name;
    AssessmentResult result;
    std::string field;
    std::string message;
  };
  std::vector<Row> rows;
  {
    auto r = good_result();
    r.assessed_on.reset();
    rows.push_back({"no date", r, "/assessed_on", "give the date of the assessment"});
  }
  {
    auto r = good_result();
    r.assessed_on = Date{2025, 12, 2};
    rows.push_back({"future", r, "/assessed_on",
                    "the assessment date 2025-12-02 is in the future (today is 2025-12-01)"});
  }
  {
    auto r = good_result();
    r.method.reset();
    rows.push_back({"no method", r, "/method", "give the type of assessment actually used"});
  }
  {
    auto r = good_result();
    r.method = AssessmentType::written_exam;
    rows.push_back({"other method", r, "/method",
                    "written_exam is not one of the design's types of assessment: project, "
                    "oral_exam"});
  }
  {
    auto r = good_result();
    r.supervision.reset();
    rows.push_back({"no supervision", r, "/supervision",
                    "give the supervision and identity verification actually used"});
  }
  {
    auto r = good_result();
    r.supervision = SupervisionMode::supervised_no_identity_verification;
    rows.push_back({"weaker supervision", r, "/supervision",
                    "supervised_no_identity_verification is weaker than the design requires: "
                    "supervised_online_identity_verification"});
  }
  {
    auto r = good_result();
    r.assessor_id = " ";
    rows.push_back({"no assessor", r, "/assessor_id", "name the assessor"});
  }
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto findings = check_assessment(row.result, requirements(), today);
    auto f = find(findings, row.field);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->severity, Severity::error);
    EXPECT_EQ(f->message, row.message);
  }
}

TEST(Assessment, AcceptsStrongerSupervisionThanRequired) {
  EXPECT_LT(supervision_rank(SupervisionMode::unsupervised_no_identity_verification),
            supervision_rank(SupervisionMode::supervised_no_identity_verification));
  EXPECT_LT(supervision_rank(SupervisionMode::supervised_no_identity_verification),
            supervision_rank(SupervisionMode::supervised_online_identity_verification));
  EXPECT_LT(supervision_rank(SupervisionMode::supervised_online_identity_verification),
            supervision_rank(SupervisionMode::onsite_identity_verification));
  auto r = good_result();
  r.supervision = SupervisionMode::supervised_online_identity_verification;
  EXPECT_TRUE(check_assessment(r, requirements(), today).empty());
}

TEST(Assessment, AnyMethodWhenTheDesignNamesNone) {
  auto req = requirements();
  req.methods.clear();
  auto r = good_result();
  r.method = AssessmentType::other;
  EXPECT_FALSE(find(check_assessment(r, req, today), "/method"));
}

TEST(Assessment, BoardApprovesAtQuorum) {
  auto req = requirements();
  auto r = good_result();
  EXPECT_EQ(board_status(r, req.board), BoardStatus::pending);
  auto one = add_board_approval(r, req.board, {"b1", true, noon, ""});
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(board_status(*one, req.board), BoardStatus::pending);
  auto two = add_board_approval(*one, req.board, {"b2", true, noon, "fine"});
  ASSERT_TRUE(two);
  EXPECT_EQ(board_status(*two, req.board), BoardStatus::approved);
  auto late = add_board_approval(*two, req.board, {"b3", true, noon, ""});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
  EXPECT_EQ(late.error().message, "the board has already approved this result");
}

TEST(Assessment, BoardRejectionBlocks) {
  auto req = requirements();
  auto r = *add_board_approval(good_result(), req.board, {"b1", false, noon, "plagiarism"});
  EXPECT_EQ(board_status(r, req.board), BoardStatus::rejected);
  EXPECT_FALSE(add_board_approval(r, req.board, {"b2", true, noon, ""}));
}

TEST(Assessment, TheAssessorCannotApprove) {
  auto req = requirements();
  req.board.members.push_back("teacher");
  auto r = add_board_approval(good_result(), req.board, {"teacher", true, noon, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(r.error().field, "approver_id");
  EXPECT_EQ(r.error().message,
            "approver teacher is the assessor; the assessor cannot approve their own assessment");
  // Recorded anyway (an import): the vote does not count and the check says why.
  auto imported = good_result();
  imported.approvals = {{"teacher", true, noon, ""}, {"b1", true, noon, ""}};
  EXPECT_EQ(board_status(imported, req.board), BoardStatus::pending);
  auto f = find(check_assessment(imported, req, today), "/approvals/0/approver_id");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->rule, "board-approval");
}

TEST(Assessment, OnlyMembersVoteAndOnlyOnce) {
  auto req = requirements();
  auto outsider = add_board_approval(good_result(), req.board, {"dean", true, noon, ""});
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, ErrorCode::forbidden);
  EXPECT_EQ(outsider.error().message, "approver dean is not a member of the assessment board");
  auto once = *add_board_approval(good_result(), req.board, {"b1", true, noon, ""});
  auto twice = add_board_approval(once, req.board, {"b1", true, noon, ""});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto imported = good_result();
  imported.approvals = {{"b1", true, noon, ""}, {"b1", true, noon, ""}};
  EXPECT_EQ(board_status(imported, req.board), BoardStatus::pending);
  EXPECT_TRUE(find(check_assessment(imported, req, today), "/approvals/1/approver_id"));
  auto empty = add_board_approval(good_result(), req.board, {"", true, noon, ""});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
}

TEST(Assessment, AnyoneButTheAssessorVotesWhenNoMembersAreListed) {
  BoardPolicy open{true, 1, {}};
  auto r = add_board_approval(good_result(), open, {"anyone", true, noon, ""});
  ASSERT_TRUE(r);
  EXPECT_EQ(board_status(*r, open), BoardStatus::approved);
}

TEST(Assessment, NoBoardNoApprovals) {
  BoardPolicy none;
  EXPECT_EQ(board_status(good_result(), none), BoardStatus::not_required);
  auto r = add_board_approval(good_result(), none, {"b1", true, noon, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
}

Enrolment completed(Activity activity) {
  Enrolment e;
  e.id = "e1";
  e.activity = activity;
  e.status = EnrolmentStatus::completed;
  return e;
}

TEST(Assessment, ReadyForAFullMicroCredential) {
  auto req = requirements();
  auto r = good_result();
  r.approvals = {{"b1", true, noon, ""}, {"b3", true, noon, ""}};
  auto ready = readiness_for_issuance(completed(Activity::assessed), &r, req, today);
  EXPECT_TRUE(ready.ready) << (ready.reasons.empty() ? "" : ready.reasons[0]);
  EXPECT_EQ(ready.kind, CredentialKind::micro_credential);
}

TEST(Assessment, AttendanceOnlyYieldsACertificateOfAttendance) {
  auto ready =
      readiness_for_issuance(completed(Activity::attendance_only), nullptr, requirements(), today);
  EXPECT_TRUE(ready.ready);
  EXPECT_EQ(ready.kind, CredentialKind::certificate_of_attendance);
  EXPECT_EQ(to_string(ready.kind), "certificate_of_attendance");
}

TEST(Assessment, NotReadySaysWhy) {
  auto req = requirements();
  auto enrolled = completed(Activity::assessed);
  enrolled.status = EnrolmentStatus::enrolled;
  auto r = good_result();
  r.grade = "8";
  r.outcomes[1].achieved = false;
  r.approvals = {{"b1", true, noon, ""}};
  auto ready = readiness_for_issuance(enrolled, &r, req, today);
  EXPECT_FALSE(ready.ready);
  EXPECT_EQ(ready.reasons, (std::vector<std::string>{
                               "the enrolment is enrolled, not completed",
                               "grade 8 does not pass (0-20, pass from 10)",
                               "learning outcome 2 (\"Explain timing closure.\") is not achieved",
                               "the assessment board has 1 of 2 approvals needed"}));

  auto none = readiness_for_issuance(completed(Activity::assessed), nullptr, req, today);
  EXPECT_EQ(none.reasons, (std::vector<std::string>{"no assessment result is recorded"}));

  auto rejected = good_result();
  rejected.approvals = {{"b1", false, noon, "copied"}};
  auto no = readiness_for_issuance(completed(Activity::assessed), &rejected, req, today);
  EXPECT_EQ(no.reasons, (std::vector<std::string>{"the assessment board rejected the result"}));

  auto invalid = good_result();
  invalid.approvals = {{"b1", true, noon, ""}, {"b2", true, noon, ""}};
  invalid.supervision = SupervisionMode::unsupervised_no_identity_verification;
  auto bad = readiness_for_issuance(completed(Activity::assessed), &invalid, req, today);
  ASSERT_EQ(bad.reasons.size(), 1u);
  EXPECT_EQ(bad.reasons[0].rfind("/supervision: ", 0), 0u);
}

TEST(Assessment, WithdrawnAttendanceIsNotReady) {
  auto e = completed(Activity::attendance_only);
  e.status = EnrolmentStatus::withdrawn;
  auto ready = readiness_for_issuance(e, nullptr, requirements(), today);
  EXPECT_FALSE(ready.ready);
  EXPECT_EQ(ready.reasons, (std::vector<std::string>{"the enrolment is withdrawn, not completed"}));
}

}  // namespace
}  // namespace microcred::domain
