#include "store/applications.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/detail/connection.h"
#include "store/offerings.h"
#include "support/learner_path_data.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using domain::ApplicationStatus;
using support::application_record;
using support::sample_now;

class Applications : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction([](Transaction& tx) -> Result<void> {
      if (auto r = support::seed_learner_path(tx); !r) return r;
      if (auto r = insert_offering(tx, "a", support::offering_record("off-1", 2)); !r) return r;
      return insert_offering(tx, "a", support::offering_record("joint", 2, "b"));
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
  }

  Result<void> add(const ApplicationRecord& record) {
    return store_->transaction(
        [&](Transaction& tx) { return insert_application(tx, "a", record); });
  }
  Result<void> set_status(const std::string& id, ApplicationStatus status,
                          const std::string& tenant = "a") {
    return store_->transaction([&](Transaction& tx) -> Result<void> {
      auto record = find_application(tx, tenant, id);
      if (!record) return record.error();
      record->status = status;
      record->decided_at = Timestamp{sample_now.seconds + 60, 0};
      record->decided_by = "reg";
      return update_application_status(tx, tenant, *record);
    });
  }
};
MICROCRED_ON_BOTH_BACKENDS(Applications);

TEST_P(Applications, ReadBackWhatWasStored) {
  auto record = application_record("app-1", "lea");
  record.evidence_json = support::eligible_evidence_json();
  record.eligibility = domain::Eligibility::eligible;
  ASSERT_TRUE(add(record));
  ASSERT_TRUE(add(application_record("app-2", "leo")));
  auto found =
      store_->transaction([](Transaction& tx) { return find_application(tx, "a", "app-1"); });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, record);
  ASSERT_TRUE(set_status("app-2", ApplicationStatus::waitlisted));
  auto waitlisted = store_->transaction([](Transaction& tx) {
    return list_applications(tx, "a", "off-1", ApplicationStatus::waitlisted);
  });
  ASSERT_TRUE(waitlisted);
  ASSERT_EQ(waitlisted->size(), 1u);
  EXPECT_EQ((*waitlisted)[0].id, "app-2");
  EXPECT_EQ((*waitlisted)[0].decided_by, "reg");
}

TEST_P(Applications, AllowOneOpenApplicationPerLearnerAndOffering) {
  ASSERT_TRUE(add(application_record("app-1", "lea")));
  auto twin = add(application_record("app-2", "lea"));
  ASSERT_FALSE(twin);
  EXPECT_EQ(twin.error().code, ErrorCode::conflict);
  auto open = store_->transaction(
      [](Transaction& tx) { return find_open_application(tx, "a", "off-1", "lea"); });
  ASSERT_TRUE(open);
  ASSERT_TRUE(open->has_value());
  EXPECT_EQ((*open)->id, "app-1");
  ASSERT_TRUE(set_status("app-1", ApplicationStatus::withdrawn));
  EXPECT_TRUE(add(application_record("app-3", "lea")));  // applying again after withdrawing
}

TEST_P(Applications, NeverAdmitMoreThanTheCapacity) {
  // The store's own guard, beneath the service's lock.
  for (const char* learner : {"lea", "leo", "lia"})
    ASSERT_TRUE(add(application_record(std::string("app-") + learner, learner)));
  ASSERT_TRUE(set_status("app-lea", ApplicationStatus::admitted));
  ASSERT_TRUE(set_status("app-leo", ApplicationStatus::admitted));
  auto third = set_status("app-lia", ApplicationStatus::admitted);
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(third.error().message.find("full"), std::string::npos) << third.error().message;
  auto admitted_insert = application_record("app-luc", "luc");
  admitted_insert.status = ApplicationStatus::admitted;
  EXPECT_FALSE(add(admitted_insert));
  ASSERT_TRUE(set_status("app-leo", ApplicationStatus::withdrawn));
  EXPECT_TRUE(set_status("app-lia", ApplicationStatus::admitted));
}

TEST_P(Applications, KeepFinalDecisionsFinal) {
  ASSERT_TRUE(add(application_record("app-1", "lea")));
  ASSERT_TRUE(set_status("app-1", ApplicationStatus::rejected));
  auto reopened = set_status("app-1", ApplicationStatus::submitted);
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().code, ErrorCode::invalid_argument);
  auto deleted = store_->transaction([](Transaction& tx) -> Result<void> {
    auto r = detail::run(tx, "DELETE FROM applications WHERE id = 'app-1'");
    if (!r) return r.error();
    return {};
  });
  EXPECT_FALSE(deleted);
}

TEST_P(Applications, AreSharedWithTheReviewerAndHiddenFromOthers) {
  ASSERT_TRUE(add(application_record("own-1", "lea")));
  ASSERT_TRUE(add(application_record("joint-1", "leo", "joint", "b")));
  auto reviewer =
      store_->transaction([](Transaction& tx) { return find_application(tx, "b", "joint-1"); });
  ASSERT_TRUE(reviewer) << reviewer.error().message;
  ASSERT_TRUE(set_status("joint-1", ApplicationStatus::admitted, "b"));
  auto hidden =
      store_->transaction([](Transaction& tx) { return find_application(tx, "b", "own-1"); });
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::not_found);
  auto listed =
      store_->transaction([](Transaction& tx) { return list_applications(tx, "b", "off-1"); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
  auto changed = set_status("own-1", ApplicationStatus::rejected, "b");
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, ErrorCode::not_found);
  auto foreign = application_record("x-1", "lia");
  foreign.institution_id = "b";
  auto made =
      store_->transaction([&](Transaction& tx) { return insert_application(tx, "a", foreign); });
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::forbidden);
}

TEST_P(Applications, KeepEveryDecisionInAnAppendOnlyHistory) {
  ASSERT_TRUE(add(application_record("app-1", "lea")));
  auto appended = store_->transaction([](Transaction& tx) -> Result<std::int64_t> {
    AdmissionDecisionRecord decision{.institution_id = "a",
                                     .reviewing_institution_id = "a",
                                     .application_id = "app-1",
                                     .decision = "waitlist",
                                     .status = ApplicationStatus::waitlisted,
                                     .decided_by = "reg",
                                     .at = sample_now};
    if (auto r = append_admission_decision(tx, "a", decision); !r) return r;
    decision.decision = "promote";
    decision.status = ApplicationStatus::admitted;
    decision.reason = "promoted from the waiting list";
    return append_admission_decision(tx, "a", decision);
  });
  ASSERT_TRUE(appended) << appended.error().message;
  auto history =
      store_->transaction([](Transaction& tx) { return admission_history(tx, "a", "app-1"); });
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].decision, "waitlist");
  EXPECT_EQ((*history)[1].status, ApplicationStatus::admitted);
  EXPECT_LT((*history)[0].seq, (*history)[1].seq);
  auto hidden =
      store_->transaction([](Transaction& tx) { return admission_history(tx, "b", "app-1"); });
  ASSERT_TRUE(hidden);
  EXPECT_TRUE(hidden->empty());
  for (const char* sql :
       {"UPDATE admission_decisions SET reason = 'x'", "DELETE FROM admission_decisions"}) {
    SCOPED_TRACE(sql);
    auto changed = store_->transaction([&](Transaction& tx) -> Result<void> {
      auto r = detail::run(tx, sql);
      if (!r) return r.error();
      return {};
    });
    EXPECT_FALSE(changed);
  }
}

}  // namespace
}  // namespace microcred::store
