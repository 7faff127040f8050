#include "store/assessments.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/applications.h"
#include "store/detail/connection.h"
#include "store/enrolments.h"
#include "store/offerings.h"
#include "support/learner_path_data.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using support::sample_now;

AssessmentRecord assessment(const std::string& id, int attempt) {
  AssessmentRecord record;
  record.result = {.id = id,
                   .enrolment_id = "enr-1",
                   .outcomes = {{.outcome = 0, .achieved = true, .evidence = "repo/commit/1"},
                                {.outcome = 1, .achieved = attempt > 1, .evidence = ""}},
                   .grade = attempt > 1 ? "14.5" : "8",
                   .assessed_on = domain::Date{2026, 6, 20},
                   .method = domain::AssessmentType::project,
                   .supervision = domain::SupervisionMode::supervised_online_identity_verification,
                   .assessor_id = "ass"};
  record.institution_id = "a";
  record.attempt = attempt;
  record.passed = attempt > 1;
  record.recorded_at = sample_now;
  return record;
}

class Assessments : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction([](Transaction& tx) -> Result<void> {
      if (auto r = support::seed_learner_path(tx); !r) return r;
      if (auto r = insert_offering(tx, "a", support::offering_record("off-1", 5)); !r) return r;
      EnrolmentRecord e;
      e.enrolment = {.id = "enr-1",
                     .institution_id = "a",
                     .offering_id = "off-1",
                     .learner_id = "lea",
                     .status = domain::EnrolmentStatus::enrolled,
                     .enrolled_at = sample_now};
      e.updated_at = sample_now;
      return insert_enrolment(tx, "a", e);
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
  }

  Result<void> add(const AssessmentRecord& record) {
    return store_->transaction([&](Transaction& tx) { return insert_assessment(tx, "a", record); });
  }
  Result<void> vote(const std::string& id, const std::string& approver, bool approved = true) {
    return store_->transaction([&](Transaction& tx) {
      return insert_board_approval(tx, "a", id,
                                   {.approver_id = approver,
                                    .approved = approved,
                                    .at = sample_now,
                                    .comment = "seen by " + approver});
    });
  }
};
MICROCRED_ON_BOTH_BACKENDS(Assessments);

TEST_P(Assessments, ReadBackOutcomesAndVotesInOrder) {
  auto record = assessment("as-1", 1);
  record.result.approvals = {{.approver_id = "brd2", .approved = true, .at = sample_now}};
  ASSERT_TRUE(add(record));
  ASSERT_TRUE(vote("as-1", "brd1", false));
  record.result.approvals.push_back(
      {.approver_id = "brd1", .approved = false, .at = sample_now, .comment = "seen by brd1"});
  auto found =
      store_->transaction([](Transaction& tx) { return lock_assessment(tx, "a", "as-1"); });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, record);
}

TEST_P(Assessments, CountTheNewestAttempt) {
  ASSERT_TRUE(add(assessment("as-1", 1)));
  ASSERT_TRUE(add(assessment("as-2", 2)));
  auto duplicate = add(assessment("as-3", 2));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  auto latest =
      store_->transaction([](Transaction& tx) { return latest_assessment(tx, "a", "enr-1"); });
  ASSERT_TRUE(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->result.id, "as-2");
  EXPECT_TRUE((*latest)->passed);
  auto all =
      store_->transaction([](Transaction& tx) { return list_assessments(tx, "a", "enr-1"); });
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].result.grade, "8");
}

TEST_P(Assessments, RefuseAVoteByTheAssessorOrTwiceByOneMember) {
  ASSERT_TRUE(add(assessment("as-1", 1)));
  ASSERT_TRUE(vote("as-1", "brd1"));
  auto again = vote("as-1", "brd1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto own = vote("as-1", "ass");
  ASSERT_FALSE(own);  // the store refuses it by itself
  EXPECT_EQ(own.error().code, ErrorCode::invalid_argument);
  auto missing = vote("as-9", "brd2");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(Assessments, NeverChangeARecordedResult) {
  ASSERT_TRUE(add(assessment("as-1", 1)));
  ASSERT_TRUE(vote("as-1", "brd1"));
  for (const char* sql :
       {"UPDATE assessments SET grade = '20'", "DELETE FROM assessments",
        "UPDATE assessment_outcomes SET achieved = 1", "DELETE FROM assessment_outcomes",
        "UPDATE board_approvals SET approved = 0", "DELETE FROM board_approvals"}) {
    SCOPED_TRACE(sql);
    auto changed = store_->transaction([&](Transaction& tx) -> Result<void> {
      auto r = detail::run(tx, sql);
      if (!r) return r.error();
      return {};
    });
    EXPECT_FALSE(changed);
  }
}

TEST_P(Assessments, StayInTheirInstitution) {
  ASSERT_TRUE(add(assessment("as-1", 1)));
  auto hidden =
      store_->transaction([](Transaction& tx) { return find_assessment(tx, "b", "as-1"); });
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::not_found);
  auto none =
      store_->transaction([](Transaction& tx) { return latest_assessment(tx, "b", "enr-1"); });
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  auto foreign = store_->transaction(
      [](Transaction& tx) { return insert_assessment(tx, "b", assessment("as-2", 2)); });
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::forbidden);
  auto vote_there = store_->transaction([](Transaction& tx) {
    return insert_board_approval(tx, "b", "as-1", {.approver_id = "regb", .at = sample_now});
  });
  ASSERT_FALSE(vote_there);
  EXPECT_EQ(vote_there.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace microcred::store
