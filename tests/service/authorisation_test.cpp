#include "service/authorisation.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::service {
namespace {

using domain::Role;

Principal staff(const std::string& user, const std::string& institution, std::vector<Role> roles) {
  Principal principal{.user_id = user};
  for (auto role : roles)
    principal.grants.push_back({institution, user, role});
  return principal;
}

TEST(Authorise, AllowsEachRoleItsOwnWork) {
  struct Row {
    Role role;
    Action action;
    bool allowed;
  };
  const Row rows[] = {
      {Role::designer, Action::design_edit, true},
      {Role::designer, Action::design_review, false},
      {Role::qa, Action::design_review, true},
      {Role::qa, Action::design_edit, false},
      {Role::registrar, Action::credential_issue, true},
      {Role::assessor, Action::credential_issue, false},
      {Role::assessor, Action::assessment_record, true},
      {Role::finance, Action::finance_manage, true},
      {Role::finance, Action::design_edit, false},
      {Role::admin, Action::staff_manage, true},
      {Role::admin, Action::key_manage, true},
      {Role::registrar, Action::key_manage, false},
      {Role::designer, Action::design_read, true},
      {Role::admin, Action::design_edit, false},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(std::string(domain::to_string(row.role)) + " " +
                 std::string(to_string(row.action)));
    auto decision = authorise(staff("u", "a", {row.role}), row.action, {.institution_id = "a"});
    EXPECT_EQ(decision.has_value(), row.allowed);
    if (!decision) {
      EXPECT_EQ(decision.error().code, ErrorCode::forbidden);
    }
  }
}

TEST(Authorise, NeverLetsStaffActInAnotherInstitution) {
  auto admin_of_a = staff(
      "u", "a",
      {Role::admin, Role::designer, Role::qa, Role::registrar, Role::assessor, Role::finance});
  for (int i = 0; i <= static_cast<int>(Action::learner_data_export); ++i) {
    auto action = static_cast<Action>(i);
    SCOPED_TRACE(std::string(to_string(action)));
    auto decision = authorise(admin_of_a, action, {.institution_id = "b"});
    ASSERT_FALSE(decision);
    EXPECT_EQ(decision.error().code, ErrorCode::forbidden);
    EXPECT_NE(decision.error().message.find("\"b\""), std::string::npos)
        << decision.error().message;
  }
}

TEST(Authorise, IgnoresGrantsMadeOutForSomeoneElse) {
  Principal forged{.user_id = "mallory", .grants = {{"a", "alice", Role::admin}}};
  EXPECT_FALSE(authorise(forged, Action::staff_manage, {.institution_id = "a"}));
}

TEST(Authorise, LetsALearnerReadOnlyTheirOwnData) {
  Principal learner{.user_id = "lea", .learner = true};
  EXPECT_TRUE(authorise(learner, Action::learner_data_read, {.learner_id = "lea"}));
  EXPECT_TRUE(authorise(learner, Action::learner_data_export, {.learner_id = "lea"}));
  EXPECT_FALSE(authorise(learner, Action::learner_data_read, {.learner_id = "leo"}));
  EXPECT_FALSE(authorise(learner, Action::design_read, {.institution_id = "a"}));
}

TEST(Authorise, SaysWhichRolesWouldAllowIt) {
  auto decision = authorise(staff("u", "a", {Role::finance}), Action::credential_revoke,
                            {.institution_id = "a"});
  ASSERT_FALSE(decision);
  EXPECT_EQ(decision.error().message,
            "credential_revoke in institution \"a\" needs one of the roles registrar or admin");
}

TEST(Authorise, HasARowForEveryAction) {
  for (int i = 0; i <= static_cast<int>(Action::learner_data_export); ++i) {
    auto action = static_cast<Action>(i);
    EXPECT_NE(to_string(action), "unknown") << i;
    EXPECT_FALSE(roles_allowed(action).empty()) << to_string(action);
  }
}

TEST(Authorise, LetsALearnerApplyAndWithdrawButNotDecide) {
  // The learner's path (#7): learners act on their own applications only.
  Principal learner{.user_id = "lea", .learner = true};
  const Resource own{.institution_id = "a", .learner_id = "lea"};
  EXPECT_TRUE(authorise(learner, Action::application_submit, own));
  EXPECT_TRUE(authorise(learner, Action::application_withdraw, own));
  EXPECT_FALSE(authorise(learner, Action::admission_decide, own));
  EXPECT_FALSE(authorise(learner, Action::enrolment_manage, own));
  EXPECT_FALSE(
      authorise(learner, Action::application_submit, {.institution_id = "a", .learner_id = "leo"}));
  Principal not_a_learner{.user_id = "lea"};
  EXPECT_FALSE(authorise(not_a_learner, Action::application_submit, own));
  EXPECT_TRUE(authorise(staff("r", "a", {Role::registrar}), Action::admission_decide,
                        {.institution_id = "a"}));
  EXPECT_FALSE(authorise(staff("s", "a", {Role::assessor}), Action::admission_decide,
                         {.institution_id = "a"}));
}

TEST(Authorise, RefusesAnAnonymousPrincipal) {
  EXPECT_FALSE(authorise(Principal{}, Action::design_read, {.institution_id = "a"}));
}

}  // namespace
}  // namespace microcred::service
