#include "domain/enrolment.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <array>

namespace microcred::domain {
namespace {

constexpr std::int64_t day = 86'400;
const Timestamp t0{1'750'000'000, 0};

Timestamp at(int days) {
  return Timestamp{t0.seconds + days * day, 0};
}

Enrolment enrolled() {
  Enrolment e;
  e.id = "e1";
  e.learner_id = "l1";
  e.offering_id = "o1";
  e.enrolled_at = t0;
  return e;
}

constexpr std::array<EnrolmentStatus, 5> all_statuses = {
    EnrolmentStatus::enrolled, EnrolmentStatus::suspended, EnrolmentStatus::withdrawn,
    EnrolmentStatus::completed, EnrolmentStatus::failed};
constexpr std::array<EnrolmentEvent, 5> all_events = {
    EnrolmentEvent::suspend, EnrolmentEvent::lift_suspension, EnrolmentEvent::withdraw,
    EnrolmentEvent::complete, EnrolmentEvent::fail};

TEST(Enrolment, FollowsTheTransitionTable) {
  using S = EnrolmentStatus;
  using E = EnrolmentEvent;
  struct Row {
    S from;
    E event;
    std::optional<S> to;
  };
  const std::vector<Row> table = {
      {S::enrolled, E::suspend, S::suspended},
      {S::enrolled, E::lift_suspension, {}},
      {S::enrolled, E::withdraw, S::withdrawn},
      {S::enrolled, E::complete, S::completed},
      {S::enrolled, E::fail, S::failed},
      {S::suspended, E::suspend, {}},
      {S::suspended, E::lift_suspension, S::enrolled},
      {S::suspended, E::withdraw, S::withdrawn},
      {S::suspended, E::complete, {}},
      {S::suspended, E::fail, {}},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(std::string(to_string(row.from)) + " " + std::string(to_string(row.event)));
    EXPECT_EQ(next_status(row.from, row.event), row.to);
  }
  for (auto status : {S::withdrawn, S::completed, S::failed}) {
    EXPECT_TRUE(is_final(status));
    for (auto event : all_events)
      EXPECT_FALSE(next_status(status, event)) << to_string(status) << " " << to_string(event);
  }
  EXPECT_FALSE(is_final(S::enrolled));
  EXPECT_FALSE(is_final(S::suspended));
}

TEST(Enrolment, NamesRoundTrip) {
  for (auto s : all_statuses)
    EXPECT_EQ(parse_enrolment_status(to_string(s)), s);
  for (auto e : all_events)
    EXPECT_EQ(parse_enrolment_event(to_string(e)), e);
  EXPECT_EQ(parse_activity("attendance_only"), Activity::attendance_only);
  EXPECT_EQ(parse_activity("assessed"), Activity::assessed);
  EXPECT_FALSE(parse_activity("Assessed"));
  EXPECT_FALSE(parse_enrolment_status("done"));
}

TEST(Enrolment, SuspendsAndLiftsASuspension) {
  auto suspended =
      apply_change(enrolled(), {EnrolmentEvent::suspend, at(10), "illness", Date{2025, 9, 1}});
  ASSERT_TRUE(suspended) << suspended.error().message;
  EXPECT_EQ(suspended->status, EnrolmentStatus::suspended);
  ASSERT_EQ(suspended->suspensions.size(), 1u);
  EXPECT_EQ(suspended->suspensions[0].reason, "illness");
  EXPECT_EQ(suspended->suspensions[0].from, at(10));
  EXPECT_FALSE(suspended->suspensions[0].lifted_at);

  auto resumed = apply_change(*suspended, {EnrolmentEvent::lift_suspension, at(20), "", {}});
  ASSERT_TRUE(resumed) << resumed.error().message;
  EXPECT_EQ(resumed->status, EnrolmentStatus::enrolled);
  EXPECT_EQ(resumed->suspensions[0].lifted_at, at(20));
  EXPECT_EQ(last_change(*resumed), at(20));

  auto completed = apply_change(*resumed, {EnrolmentEvent::complete, at(30), "", {}});
  ASSERT_TRUE(completed);
  EXPECT_EQ(completed->status, EnrolmentStatus::completed);
  EXPECT_EQ(completed->ended_at, at(30));
}

TEST(Enrolment, RefusesIllegalMovesSayingWhy) {
  auto suspended = *apply_change(enrolled(), {EnrolmentEvent::suspend, at(1), "work", {}});
  auto complete = apply_change(suspended, {EnrolmentEvent::complete, at(2), "", {}});
  ASSERT_FALSE(complete);
  EXPECT_EQ(complete.error().code, ErrorCode::conflict);
  EXPECT_EQ(complete.error().field, "event");
  EXPECT_EQ(complete.error().message,
            "cannot complete an enrolment that is suspended; lift the suspension first");

  auto done = *apply_change(enrolled(), {EnrolmentEvent::complete, at(1), "", {}});
  auto withdraw = apply_change(done, {EnrolmentEvent::withdraw, at(2), "", {}});
  ASSERT_FALSE(withdraw);
  EXPECT_EQ(withdraw.error().message,
            "cannot withdraw an enrolment that is completed, a final state");

  auto lift = apply_change(enrolled(), {EnrolmentEvent::lift_suspension, at(1), "", {}});
  ASSERT_FALSE(lift);
  EXPECT_EQ(lift.error().message,
            "cannot lift the suspension of an enrolment that is enrolled, not suspended");
}

TEST(Enrolment, NeedsAReasonToSuspendOrFail) {
  for (auto event : {EnrolmentEvent::suspend, EnrolmentEvent::fail}) {
    auto r = apply_change(enrolled(), {event, at(1), "  ", {}});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(r.error().field, "reason");
  }
  EXPECT_TRUE(apply_change(enrolled(), {EnrolmentEvent::withdraw, at(1), "", {}}));
}

TEST(Enrolment, RefusesChangesBeforeTheLastOne) {
  auto suspended = *apply_change(enrolled(), {EnrolmentEvent::suspend, at(5), "travel", {}});
  auto r = apply_change(suspended, {EnrolmentEvent::lift_suspension, at(4), "", {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "at");
  auto before = apply_change(enrolled(), {EnrolmentEvent::complete, at(-1), "", {}});
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().field, "at");
}

TEST(Enrolment, ChecksResumeBy) {
  auto wrong_event =
      apply_change(enrolled(), {EnrolmentEvent::withdraw, at(1), "", Date{2030, 1, 1}});
  ASSERT_FALSE(wrong_event);
  EXPECT_EQ(wrong_event.error().field, "resume_by");
  auto same_day = apply_change(enrolled(), {EnrolmentEvent::suspend, at(1), "x", date_of(at(1))});
  ASSERT_FALSE(same_day);
  EXPECT_EQ(same_day.error().field, "resume_by");
}

TEST(Enrolment, WithdrawingASuspendedLearnerEndsTheSuspension) {
  auto suspended = *apply_change(enrolled(), {EnrolmentEvent::suspend, at(1), "family", {}});
  auto withdrawn = apply_change(suspended, {EnrolmentEvent::withdraw, at(3), "moved abroad", {}});
  ASSERT_TRUE(withdrawn);
  EXPECT_EQ(withdrawn->status, EnrolmentStatus::withdrawn);
  EXPECT_EQ(withdrawn->suspensions[0].lifted_at, at(3));
  EXPECT_EQ(withdrawn->end_reason, "moved abroad");
}

TEST(Enrolment, SurvivesASuspendedRecordWithoutASuspension) {
  auto e = enrolled();
  e.status = EnrolmentStatus::suspended;  // as a damaged store might hand it back
  auto r = apply_change(e, {EnrolmentEvent::lift_suspension, at(1), "", {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
}

}  // namespace
}  // namespace microcred::domain
