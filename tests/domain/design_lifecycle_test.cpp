#include "domain/design_lifecycle.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <set>

namespace microcred::domain {
namespace {

using enum DesignStatus;

constexpr DesignStatus all_statuses[] = {draft,    submitted, changes_requested,
                                         approved, published, retired};

TEST(DesignLifecycle, StatusNamesRoundTrip) {
  for (auto status : all_statuses) {
    SCOPED_TRACE(to_string(status));
    EXPECT_EQ(parse_design_status(to_string(status)), status);
  }
  EXPECT_EQ(parse_design_status("review"), std::nullopt);
  EXPECT_EQ(parse_design_status("Draft"), std::nullopt);
}

TEST(DesignLifecycle, HasOneRowPerStepInDeclarationOrder) {
  auto table = design_transitions();
  ASSERT_EQ(table.size(), 9u);
  for (std::size_t i = 0; i < table.size(); ++i)
    EXPECT_EQ(static_cast<std::size_t>(table[i].step), i) << to_string(table[i].step);
}

// Every (status, step) pair: exactly the documented transitions are allowed.
TEST(DesignLifecycle, AllowsExactlyTheDocumentedTransitions) {
  struct Row {
    DesignStatus from;
    DesignStep step;
    DesignStatus to;
  };
  const Row allowed[] = {
      {draft, DesignStep::edit, draft},
      {changes_requested, DesignStep::edit, draft},
      {draft, DesignStep::submit, submitted},
      {changes_requested, DesignStep::submit, submitted},
      {submitted, DesignStep::withdraw, draft},
      {submitted, DesignStep::approve, approved},
      {submitted, DesignStep::request_changes, changes_requested},
      {approved, DesignStep::publish, published},
      {published, DesignStep::retire, retired},
      {published, DesignStep::new_version, draft},
      {retired, DesignStep::new_version, draft},
  };
  for (auto from : all_statuses) {
    for (const auto& transition : design_transitions()) {
      auto step = transition.step;
      SCOPED_TRACE(std::string(to_string(from)) + " --" + std::string(to_string(step)) + "-->");
      const Row* expected = nullptr;
      for (const auto& row : allowed)
        if (row.from == from && row.step == step) expected = &row;
      auto next = next_status(from, step);
      if (expected) {
        ASSERT_TRUE(next) << next.error().message;
        EXPECT_EQ(*next, expected->to);
      } else {
        ASSERT_FALSE(next);
        EXPECT_EQ(next.error().code, ErrorCode::conflict);
        EXPECT_EQ(next.error().field, "status");
      }
    }
  }
}

TEST(DesignLifecycle, RefusalSaysWhereTheStepIsAllowed) {
  auto next = next_status(approved, DesignStep::submit);
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().message,
            "cannot submit a design version that is approved; only a version that is draft or "
            "changes_requested can");
}

TEST(DesignLifecycle, EditingAPublishedVersionPointsToANewVersion) {
  auto next = next_status(published, DesignStep::edit);
  ASSERT_FALSE(next);
  EXPECT_NE(next.error().message.find("makes a new version"), std::string::npos);
}

TEST(DesignLifecycle, GivesEachStepItsDuty) {
  EXPECT_EQ(duty_of(DesignStep::create), DesignDuty::author);
  EXPECT_EQ(duty_of(DesignStep::edit), DesignDuty::author);
  EXPECT_EQ(duty_of(DesignStep::submit), DesignDuty::author);
  EXPECT_EQ(duty_of(DesignStep::withdraw), DesignDuty::author);
  EXPECT_EQ(duty_of(DesignStep::new_version), DesignDuty::author);
  EXPECT_EQ(duty_of(DesignStep::approve), DesignDuty::reviewer);
  EXPECT_EQ(duty_of(DesignStep::request_changes), DesignDuty::reviewer);
  EXPECT_EQ(duty_of(DesignStep::publish), DesignDuty::publisher);
  EXPECT_EQ(duty_of(DesignStep::retire), DesignDuty::publisher);
}

TEST(DesignLifecycle, OnlyDraftsAndReturnedVersionsAreEditable) {
  std::set<DesignStatus> editable, frozen;
  for (auto status : all_statuses) {
    if (is_editable(status)) editable.insert(status);
    if (is_frozen(status)) frozen.insert(status);
  }
  EXPECT_EQ(editable, (std::set<DesignStatus>{draft, changes_requested}));
  EXPECT_EQ(frozen, (std::set<DesignStatus>{published, retired}));
}

TEST(SeparationOfDuties, RefusesAReviewByAContributor) {
  const std::vector<std::string> contributors = {"ana", "ben"};
  for (auto step : {DesignStep::approve, DesignStep::request_changes}) {
    SCOPED_TRACE(to_string(step));
    auto own = check_separation_of_duties(step, "ben", contributors);
    ASSERT_FALSE(own);
    EXPECT_EQ(own.error().code, ErrorCode::forbidden);
    EXPECT_NE(own.error().message.find("separation of duties"), std::string::npos);
    EXPECT_TRUE(check_separation_of_duties(step, "qa", contributors));
  }
}

TEST(SeparationOfDuties, LeavesOtherStepsAlone) {
  EXPECT_TRUE(check_separation_of_duties(DesignStep::publish, "ana", {"ana"}));
  EXPECT_TRUE(check_separation_of_duties(DesignStep::edit, "ana", {"ana"}));
}

}  // namespace
}  // namespace microcred::domain
