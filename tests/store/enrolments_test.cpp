#include "store/enrolments.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/applications.h"
#include "store/detail/connection.h"
#include "store/offerings.h"
#include "support/learner_path_data.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using domain::EnrolmentStatus;
using support::sample_now;

Timestamp later(int seconds) {
  return {sample_now.seconds + seconds, 0};
}

EnrolmentRecord enrolment(const std::string& id, const std::string& learner,
                          const std::string& application) {
  EnrolmentRecord record;
  record.enrolment = {.id = id,
                      .institution_id = "a",
                      .offering_id = "off-1",
                      .learner_id = learner,
                      .application_id = application,
                      .activity = domain::Activity::assessed,
                      .fee_tier_id = "pro-assessed",
                      .status = EnrolmentStatus::enrolled,
                      .enrolled_at = sample_now};
  record.learner_category = "professional";
  // Field by field: GCC 12 warns (wrongly) about a nested designated initializer here.
  auto& fee = record.fee;
  fee.tier_id = "pro-assessed";
  fee.list_price = domain::Money{120000, "EUR"};
  fee.discount_id = "alumni";
  fee.discount = domain::Money{24000, "EUR"};
  fee.sponsorship_id = "chipco";
  fee.sponsor = "ChipCo NV";
  fee.sponsored = domain::Money{40000, "EUR"};
  fee.payable = domain::Money{56000, "EUR"};
  fee.notes = {"discount \"early\" ended", "a note with \"quotes\"\nand a line"};
  record.updated_at = sample_now;
  return record;
}

class Enrolments : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction([](Transaction& tx) -> Result<void> {
      if (auto r = support::seed_learner_path(tx); !r) return r;
      if (auto r = insert_offering(tx, "a", support::offering_record("off-1", 5)); !r) return r;
      for (const char* learner : {"lea", "leo"}) {
        auto application = support::application_record(std::string("app-") + learner, learner);
        application.status = domain::ApplicationStatus::admitted;
        if (auto r = insert_application(tx, "a", application); !r) return r;
      }
      return {};
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
  }

  Result<void> add(const EnrolmentRecord& record) {
    return store_->transaction([&](Transaction& tx) { return insert_enrolment(tx, "a", record); });
  }
  Result<EnrolmentRecord> find(const std::string& id, const std::string& tenant = "a") {
    return store_->transaction([&](Transaction& tx) { return find_enrolment(tx, tenant, id); });
  }
};
MICROCRED_ON_BOTH_BACKENDS(Enrolments);

TEST_P(Enrolments, ReadBackTheirFeeExactly) {
  auto record = enrolment("enr-1", "lea", "app-lea");
  ASSERT_TRUE(add(record));
  auto found = find("enr-1");
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, record);
  auto by_application = store_->transaction(
      [](Transaction& tx) { return find_enrolment_for_application(tx, "a", "app-lea"); });
  ASSERT_TRUE(by_application);
  ASSERT_TRUE(by_application->has_value());
  EXPECT_EQ((*by_application)->enrolment.id, "enr-1");
  auto none = store_->transaction(
      [](Transaction& tx) { return find_enrolment_for_application(tx, "a", "app-leo"); });
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

TEST_P(Enrolments, RefuseAFeeThatDoesNotAddUp) {
  auto record = enrolment("enr-1", "lea", "app-lea");
  record.fee.payable.minor += 1;
  auto made = add(record);
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::invalid_argument);
  record = enrolment("enr-1", "lea", "app-lea");
  record.fee.discount.currency = "USD";
  EXPECT_FALSE(add(record));
}

TEST_P(Enrolments, AllowOneEnrolmentPerApplicationAndLearner) {
  ASSERT_TRUE(add(enrolment("enr-1", "lea", "app-lea")));
  auto twice = add(enrolment("enr-2", "lea", "app-lea"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto direct = enrolment("enr-3", "lea", "");
  auto again = add(direct);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_P(Enrolments, KeepSuspensionsAndEndStates) {
  ASSERT_TRUE(add(enrolment("enr-1", "lea", "app-lea")));
  auto update = [&](auto change) {
    return store_->transaction([&](Transaction& tx) -> Result<void> {
      auto record = find_enrolment(tx, "a", "enr-1");
      if (!record) return record.error();
      change(*record);
      return update_enrolment(tx, "a", *record);
    });
  };
  ASSERT_TRUE(update([](EnrolmentRecord& r) {
    r.enrolment.status = EnrolmentStatus::suspended;
    r.enrolment.suspensions.push_back(
        {.from = later(10), .resume_by = domain::Date{2026, 4, 1}, .reason = "illness"});
    r.updated_at = later(10);
  }));
  ASSERT_TRUE(update([](EnrolmentRecord& r) {
    r.enrolment.status = EnrolmentStatus::enrolled;
    r.enrolment.suspensions.back().lifted_at = later(20);
    r.updated_at = later(20);
  }));
  auto dropped = update([](EnrolmentRecord& r) { r.enrolment.suspensions.clear(); });
  ASSERT_FALSE(dropped);
  EXPECT_EQ(dropped.error().code, ErrorCode::invalid_argument);
  ASSERT_TRUE(update([](EnrolmentRecord& r) {
    r.enrolment.status = EnrolmentStatus::completed;
    r.enrolment.ended_at = later(30);
  }));
  auto found = find("enr-1");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->enrolment.suspensions.size(), 1u);
  EXPECT_EQ(found->enrolment.suspensions[0].lifted_at, later(20));
  EXPECT_EQ(found->enrolment.suspensions[0].resume_by, (domain::Date{2026, 4, 1}));
  EXPECT_EQ(found->enrolment.status, EnrolmentStatus::completed);
  auto reopened =
      update([](EnrolmentRecord& r) { r.enrolment.status = EnrolmentStatus::enrolled; });
  ASSERT_FALSE(reopened);  // the store keeps a final state final
  EXPECT_EQ(reopened.error().code, ErrorCode::invalid_argument);
}

TEST_P(Enrolments, KeepAnAppendOnlyHistoryPerTenant) {
  ASSERT_TRUE(add(enrolment("enr-1", "lea", "app-lea")));
  auto logged = store_->transaction([](Transaction& tx) -> Result<std::int64_t> {
    EnrolmentEventRecord event{.institution_id = "a",
                               .enrolment_id = "enr-1",
                               .event = "enrol",
                               .status = EnrolmentStatus::enrolled,
                               .actor = "reg",
                               .at = sample_now};
    if (auto r = append_enrolment_event(tx, "a", event); !r) return r;
    event.event = "suspend";
    event.status = EnrolmentStatus::suspended;
    event.reason = "illness";
    return append_enrolment_event(tx, "a", event);
  });
  ASSERT_TRUE(logged) << logged.error().message;
  auto history =
      store_->transaction([](Transaction& tx) { return enrolment_history(tx, "a", "enr-1"); });
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].event, "suspend");
  EXPECT_EQ((*history)[1].reason, "illness");
  auto other =
      store_->transaction([](Transaction& tx) { return enrolment_history(tx, "b", "enr-1"); });
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
  auto hidden = find("enr-1", "b");
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::not_found);
  auto rewritten = store_->transaction([](Transaction& tx) -> Result<void> {
    auto r = detail::run(tx, "UPDATE enrolment_events SET reason = 'x'");
    if (!r) return r.error();
    return {};
  });
  EXPECT_FALSE(rewritten);
}

}  // namespace
}  // namespace microcred::store
