#include "service/assessment.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "learner_path_fixture.h"
#include "store/audit.h"

namespace microcred::service {
namespace {

using domain::BoardStatus;
using domain::EnrolmentEvent;

class Assessment : public testing::LearnerPath {
 protected:
  void SetUp() override {
    LearnerPath::SetUp();
    if (IsSkipped() || HasFailure()) return;
    open_ok({.capacity = 4});
  }

  Result<domain::IssuanceReadiness> readiness(const std::string& enrolment,
                                              const std::string& user = "reg") {
    const auto& actor = who(user);
    return tx([&](store::Transaction& t) {
      return readiness_for_issuance(t, clock_, actor, "a", enrolment);
    });
  }
  /// Records `passing(enrolment)` as "ass"; the assessment's id.
  std::string recorded(const std::string& enrolment) {
    auto out = record_as("ass", passing(enrolment));
    EXPECT_TRUE(out) << out.error().message;
    if (!out) return {};
    EXPECT_TRUE(out->recorded) << (out->findings.empty() ? "" : out->findings[0].message);
    return out->assessment ? out->assessment->result.id : std::string();
  }
};
MICROCRED_ON_BOTH_BACKENDS(Assessment);

TEST_P(Assessment, RecordsResultsPerOutcomeWithTheCanonicalGrade) {
  auto e = enrolled("lea");
  auto out = record_as("ass", passing(e.enrolment.id));
  ASSERT_TRUE(out) << out.error().message;
  ASSERT_TRUE(out->recorded);
  const auto& record = *out->assessment;
  EXPECT_EQ(record.result.grade, "14.5");
  EXPECT_TRUE(record.passed);
  EXPECT_EQ(record.attempt, 1);
  EXPECT_EQ(record.result.assessor_id, "ass");
  ASSERT_EQ(record.result.outcomes.size(), 2u);
  auto read = tx([&](store::Transaction& t) {
    return get_assessment(t, who("lea"), "a", record.result.id);  // the learner may read it
  });
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->assessment, record);
  EXPECT_EQ(read->status, BoardStatus::pending);
  auto trail = tx([&](store::Transaction& t) {
    return store::audit_trail(t, "a", "assessment", record.result.id);
  });
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].action, "assessment.record");
}

TEST_P(Assessment, DoesNotRecordAResultWithAnErrorFinding) {
  auto e = enrolled("lea");
  struct Row {
    std::string name;
    AssessmentInput input;
    std::string field;
  };
  auto base = passing(e.enrolment.id);
  std::vector<Row> rows;
  {
    auto input = base;
    input.outcomes.pop_back();
    rows.push_back({"an outcome left out", input, "/outcomes"});
  }
  {
    auto input = base;
    input.grade = "21";
    rows.push_back({"a grade outside 0-20", input, "/grade"});
  }
  {
    auto input = base;
    input.supervision = domain::SupervisionMode::unsupervised_no_identity_verification;
    rows.push_back({"weaker supervision than the design's", input, "/supervision"});
  }
  {
    auto input = base;
    input.method = domain::AssessmentType::written_exam;
    rows.push_back({"a method the design does not name", input, "/method"});
  }
  {
    auto input = base;
    input.assessed_on = domain::Date{2026, 2, 1};
    rows.push_back({"a date after today", input, "/assessed_on"});
  }
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto out = record_as("ass", row.input);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_FALSE(out->recorded);
    bool found = false;
    for (const auto& f : out->findings)
      found = found || (f.severity == domain::Severity::error && f.field.starts_with(row.field));
    EXPECT_TRUE(found);
  }
  auto attempts =
      tx([&](store::Transaction& t) { return store::list_assessments(t, "a", e.enrolment.id); });
  ASSERT_TRUE(attempts);
  EXPECT_TRUE(attempts->empty());
}

TEST_P(Assessment, AssessesOnlyAssessedOpenEnrolmentsAsAnAssessor) {
  auto attending = enrolled("lea", domain::Activity::attendance_only);
  auto none = record_as("ass", passing(attending.enrolment.id));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::conflict);
  auto e = enrolled("leo");
  auto by_registrar = record_as("reg", passing(e.enrolment.id));
  ASSERT_FALSE(by_registrar);
  EXPECT_EQ(by_registrar.error().code, ErrorCode::forbidden);
  ASSERT_TRUE(change_as("reg", e.enrolment.id, EnrolmentEvent::withdraw));
  auto withdrawn = record_as("ass", passing(e.enrolment.id));
  ASSERT_FALSE(withdrawn);
  EXPECT_EQ(withdrawn.error().code, ErrorCode::conflict);
}

TEST_P(Assessment, IsApprovedByAQuorumOfTheBoardButNeverByItsAssessor) {
  auto e = enrolled("lea");
  auto id = recorded(e.enrolment.id);
  auto own = vote_as("ass", id);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::forbidden);
  auto outsider = vote_as("ass2", id);  // an assessor, but not on this board
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, ErrorCode::forbidden);
  auto learner = vote_as("lea", id);
  ASSERT_FALSE(learner);
  EXPECT_EQ(learner.error().code, ErrorCode::forbidden);
  auto first = vote_as("brd1", id);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->status, BoardStatus::pending);
  auto again = vote_as("brd1", id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto second = vote_as("brd2", id);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->status, BoardStatus::approved);
  ASSERT_EQ(second->assessment.result.approvals.size(), 2u);
  auto trail =
      tx([&](store::Transaction& t) { return store::audit_trail(t, "a", "assessment", id); });
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 3u);
  EXPECT_EQ(trail->back().action, "assessment.approve");
  EXPECT_EQ(trail->back().actor, "brd2");
}

TEST_P(Assessment, IsRejectedByOneNegativeVote) {
  auto e = enrolled("lea");
  auto id = recorded(e.enrolment.id);
  auto rejected = vote_as("brd2", id, false);
  ASSERT_TRUE(rejected) << rejected.error().message;
  EXPECT_EQ(rejected->status, BoardStatus::rejected);
  auto late = vote_as("brd1", id);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
  // A resit is a new attempt with a board of its own; the old one takes no more votes.
  auto resit = recorded(e.enrolment.id);
  ASSERT_NE(resit, id);
  auto stale = vote_as("brd1", id);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto fresh = vote_as("brd1", resit);
  ASSERT_TRUE(fresh) << fresh.error().message;
  EXPECT_EQ(fresh->assessment.attempt, 2);
}

TEST_P(Assessment, MakesAnEnrolmentReadyOnlyWhenCompletedPassedAndApproved) {
  auto e = enrolled("lea");
  auto ready = readiness(e.enrolment.id);
  ASSERT_TRUE(ready) << ready.error().message;
  EXPECT_FALSE(ready->ready);
  auto id = recorded(e.enrolment.id);
  ASSERT_TRUE(change_as("reg", e.enrolment.id, EnrolmentEvent::complete));
  ready = readiness(e.enrolment.id);
  ASSERT_TRUE(ready);
  EXPECT_FALSE(ready->ready);  // the board has not approved
  ASSERT_FALSE(ready->reasons.empty());
  ASSERT_TRUE(vote_as("brd1", id));
  ASSERT_TRUE(vote_as("brd2", id));
  ready = readiness(e.enrolment.id, "lea");
  ASSERT_TRUE(ready) << ready.error().message;
  EXPECT_TRUE(ready->ready);
  EXPECT_EQ(ready->kind, domain::CredentialKind::micro_credential);

  auto attending = enrolled("leo", domain::Activity::attendance_only);
  ASSERT_TRUE(change_as("reg", attending.enrolment.id, EnrolmentEvent::complete));
  auto certificate = readiness(attending.enrolment.id);
  ASSERT_TRUE(certificate) << certificate.error().message;
  EXPECT_TRUE(certificate->ready);
  EXPECT_EQ(certificate->kind, domain::CredentialKind::certificate_of_attendance);
  auto not_theirs = readiness(e.enrolment.id, "leo");
  ASSERT_FALSE(not_theirs);
  EXPECT_EQ(not_theirs.error().code, ErrorCode::forbidden);
}

TEST_P(Assessment, NeedsNoBoardWhenTheOfferingHasNone) {
  open_ok(
      {.id = "plain", .code = "plain", .board_required = false, .quorum = 1, .board_members = {}});
  auto application = applied("lia", "plain");
  ASSERT_TRUE(decide_as("reg", application, domain::Decision::admit));
  auto e = enrol_as("reg", {.application_id = application});
  ASSERT_TRUE(e) << e.error().message;
  auto id = recorded(e->enrolment.id);
  auto vote = vote_as("brd1", id);
  ASSERT_FALSE(vote);
  EXPECT_EQ(vote.error().code, ErrorCode::invalid_argument);
  ASSERT_TRUE(change_as("reg", e->enrolment.id, EnrolmentEvent::complete));
  auto ready = readiness(e->enrolment.id);
  ASSERT_TRUE(ready);
  EXPECT_TRUE(ready->ready);
}

}  // namespace
}  // namespace microcred::service
