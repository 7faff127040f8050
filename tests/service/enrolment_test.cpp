#include "service/enrolment.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "learner_path_fixture.h"
#include "store/audit.h"

namespace microcred::service {
namespace {

using domain::Decision;
using domain::EnrolmentEvent;
using domain::EnrolmentStatus;

class Enrolment : public testing::LearnerPath {
 protected:
  void SetUp() override {
    LearnerPath::SetUp();
    if (IsSkipped() || HasFailure()) return;
    open_ok({.capacity = 3});
  }
};
MICROCRED_ON_BOTH_BACKENDS(Enrolment);

TEST_P(Enrolment, QuotesAndStoresTheFeeOfTheLearnersTier) {
  auto lea = applied("lea", "off-1", "professional");
  ASSERT_TRUE(decide_as("reg", lea, Decision::admit));
  auto made = enrol_as("reg", {.application_id = lea, .discount_ids = {"alumni"}});
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->enrolment.status, EnrolmentStatus::enrolled);
  EXPECT_EQ(made->enrolment.fee_tier_id, "pro-assessed");
  EXPECT_EQ(made->fee.list_price, (domain::Money{120000, "EUR"}));
  EXPECT_EQ(made->fee.discount, (domain::Money{24000, "EUR"}));  // 20%
  EXPECT_EQ(made->fee.payable, (domain::Money{96000, "EUR"}));
  auto stored = tx([&](store::Transaction& t) {
    return get_enrolment(t, who("lea"), "a", made->enrolment.id);  // the learner sees it
  });
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(*stored, *made);
  auto history = tx([&](store::Transaction& t) {
    return enrolment_history(t, who("reg"), "a", made->enrolment.id);
  });
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].event, "enrol");
}

TEST_P(Enrolment, LetsASponsorPayAndAttendanceOnlyCostLess) {
  auto sponsored = enrolled("leo");  // ChipCo pays half of 900.00, capped at 400.00
  EXPECT_EQ(sponsored.fee.sponsorship_id, "chipco");
  EXPECT_EQ(sponsored.fee.sponsored, (domain::Money{40000, "EUR"}));
  EXPECT_EQ(sponsored.fee.payable, (domain::Money{50000, "EUR"}));
  auto attending = enrolled("lia", domain::Activity::attendance_only);
  EXPECT_EQ(attending.enrolment.activity, domain::Activity::attendance_only);
  EXPECT_EQ(attending.fee.payable, (domain::Money{50000, "EUR"}));
}

TEST_P(Enrolment, EnrolsOnlyAnAdmittedApplicationOnce) {
  auto lea = applied("lea");
  auto early = enrol_as("reg", {.application_id = lea});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);
  ASSERT_TRUE(decide_as("reg", lea, Decision::admit));
  ASSERT_TRUE(enrol_as("reg", {.application_id = lea}));
  auto twice = enrol_as("reg", {.application_id = lea});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto lia = applied("lia");
  ASSERT_TRUE(decide_as("reg", lia, Decision::admit));
  auto bad = enrol_as("reg", {.application_id = lia, .discount_ids = {"nope"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(bad.error().field, "discount_ids/0");
}

TEST_P(Enrolment, IsManagedByTheInstitutionsRegistrarOnly) {
  auto lea = applied("lea");
  ASSERT_TRUE(decide_as("reg", lea, Decision::admit));
  for (const auto& [user, tenant] : {std::pair{"ass", "a"}, std::pair{"lea", "a"},
                                     std::pair{"regb", "a"}, std::pair{"regb", "b"}}) {
    SCOPED_TRACE(std::string(user) + " in " + tenant);
    auto made = enrol_as(user, {.application_id = lea}, tenant);
    ASSERT_FALSE(made);
    EXPECT_TRUE(made.error().code == ErrorCode::forbidden ||
                made.error().code == ErrorCode::not_found)
        << made.error().message;
  }
  auto enrolment = enrol_as("reg", {.application_id = lea});
  ASSERT_TRUE(enrolment);
  auto by_assessor = change_as("ass", enrolment->enrolment.id, EnrolmentEvent::complete);
  ASSERT_FALSE(by_assessor);
  EXPECT_EQ(by_assessor.error().code, ErrorCode::forbidden);
  auto seen_by_b = tx([&](store::Transaction& t) {
    return get_enrolment(t, who("regb"), "b", enrolment->enrolment.id);
  });
  ASSERT_FALSE(seen_by_b);
  EXPECT_EQ(seen_by_b.error().code, ErrorCode::not_found);
}

TEST_P(Enrolment, MovesThroughSuspensionToCompletion) {
  auto e = enrolled("lea");
  auto suspended = change_as("reg", e.enrolment.id, EnrolmentEvent::suspend, "illness",
                             domain::Date{2026, 5, 1});
  ASSERT_TRUE(suspended) << suspended.error().message;
  EXPECT_EQ(suspended->enrolment.status, EnrolmentStatus::suspended);
  auto completed = change_as("reg", e.enrolment.id, EnrolmentEvent::complete);
  ASSERT_FALSE(completed);
  EXPECT_EQ(completed.error().code, ErrorCode::conflict);
  EXPECT_NE(completed.error().message.find("lift the suspension"), std::string::npos)
      << completed.error().message;
  ASSERT_TRUE(change_as("reg", e.enrolment.id, EnrolmentEvent::lift_suspension));
  auto done = change_as("reg", e.enrolment.id, EnrolmentEvent::complete);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->enrolment.status, EnrolmentStatus::completed);
  ASSERT_EQ(done->enrolment.suspensions.size(), 1u);
  EXPECT_TRUE(done->enrolment.suspensions[0].lifted_at.has_value());
  auto after_end = change_as("reg", e.enrolment.id, EnrolmentEvent::withdraw);
  ASSERT_FALSE(after_end);
  EXPECT_EQ(after_end.error().code, ErrorCode::conflict);
  auto history = tx(
      [&](store::Transaction& t) { return enrolment_history(t, who("reg"), "a", e.enrolment.id); });
  ASSERT_TRUE(history);
  std::vector<std::string> events;
  for (const auto& step : *history)
    events.push_back(step.event);
  EXPECT_EQ(events, (std::vector<std::string>{"enrol", "suspend", "lift_suspension", "complete"}));
  auto trail = tx([&](store::Transaction& t) {
    return store::audit_trail(t, "a", "enrolment", e.enrolment.id);
  });
  ASSERT_TRUE(trail);
  EXPECT_EQ(trail->size(), 4u);
  EXPECT_EQ(trail->back().action, "enrolment.complete");
}

TEST_P(Enrolment, NeedsAReasonToSuspendOrFail) {
  auto e = enrolled("lea");
  auto bare = change_as("reg", e.enrolment.id, EnrolmentEvent::fail);
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(bare.error().field, "reason");
}

TEST_P(Enrolment, KeepsTheApplicationWhileTheLearnerIsEnrolled) {
  auto e = enrolled("lea");
  auto withdrawn = decide_as("lea", e.enrolment.application_id, Decision::withdraw);
  ASSERT_FALSE(withdrawn);
  EXPECT_EQ(withdrawn.error().code, ErrorCode::conflict);
  EXPECT_NE(withdrawn.error().message.find("withdraw the enrolment first"), std::string::npos);
  ASSERT_TRUE(change_as("reg", e.enrolment.id, EnrolmentEvent::withdraw, "moved abroad"));
  auto freed = decide_as("lea", e.enrolment.application_id, Decision::withdraw);
  ASSERT_TRUE(freed) << freed.error().message;
  EXPECT_EQ(freed->counts.free_places, 3);
}

}  // namespace
}  // namespace microcred::service
