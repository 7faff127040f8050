#include "store/users.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/institutions.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using domain::Role;
using support::sample_institution;
using support::sample_now;
using support::sample_user;

class Users : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ASSERT_TRUE(store_->transaction([](Transaction& tx) -> Result<void> {
      for (const char* id : {"a", "b"}) {
        auto made = insert_institution(tx, sample_institution(id));
        if (!made) return made;
      }
      return insert_user(tx, sample_user("ana"));
    }));
  }
};
MICROCRED_ON_BOTH_BACKENDS(Users);

TEST_P(Users, AreGlobalAccountsFoundByIdOrEmail) {
  auto by_email = store_->transaction(
      [](Transaction& tx) { return find_user_by_email(tx, "ana@example.org"); });
  ASSERT_TRUE(by_email) << by_email.error().message;
  EXPECT_EQ(*by_email, sample_user("ana"));
  auto taken = store_->transaction([](Transaction& tx) {
    auto other = sample_user("ana2");
    other.email = "ana@example.org";
    return insert_user(tx, other);
  });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::conflict);
}

TEST_P(Users, HoldRolesPerInstitution) {
  auto granted = store_->transaction([](Transaction& tx) -> Result<void> {
    for (auto role : {Role::qa, Role::designer}) {
      auto done = grant_role(tx, "a", "ana", role);
      if (!done) return done;
    }
    auto again = grant_role(tx, "a", "ana", Role::qa);  // already held: no change
    if (!again) return again;
    return grant_role(tx, "b", "ana", Role::finance);
  });
  ASSERT_TRUE(granted) << granted.error().message;
  auto in_a = store_->transaction([](Transaction& tx) { return roles_in(tx, "a", "ana"); });
  ASSERT_TRUE(in_a);
  EXPECT_EQ(*in_a, (std::vector<Role>{Role::designer, Role::qa}));
  auto grants = store_->transaction([](Transaction& tx) { return grants_of(tx, "ana"); });
  ASSERT_TRUE(grants);
  EXPECT_EQ(grants->size(), 3u);
  ASSERT_TRUE(
      store_->transaction([](Transaction& tx) { return revoke_role(tx, "a", "ana", Role::qa); }));
  auto after = store_->transaction([](Transaction& tx) { return roles_in(tx, "a", "ana"); });
  EXPECT_EQ(*after, std::vector<Role>{Role::designer});
  auto not_held =
      store_->transaction([](Transaction& tx) { return revoke_role(tx, "a", "ana", Role::qa); });
  ASSERT_FALSE(not_held);
  EXPECT_EQ(not_held.error().code, ErrorCode::not_found);
}

TEST_P(Users, CannotBeGrantedARoleInAMissingInstitution) {
  auto granted =
      store_->transaction([](Transaction& tx) { return grant_role(tx, "zz", "ana", Role::admin); });
  ASSERT_FALSE(granted);
  EXPECT_EQ(granted.error().code, ErrorCode::invalid_argument);
}

TEST_P(Users, CanHaveALearnerProfile) {
  domain::Learner learner{"ana", "Ana", "García", sample_now};
  ASSERT_TRUE(store_->transaction([&](Transaction& tx) { return insert_learner(tx, learner); }));
  auto found = store_->transaction([](Transaction& tx) { return find_learner(tx, "ana"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, learner);
}

TEST_P(Users, KeepTheirPasswordHashApart) {
  ASSERT_TRUE(store_->transaction([](Transaction& tx) {
    return set_password_hash(tx, "ana", "$argon2id$v=19$m=8,t=1,p=1$x$y");
  }));
  auto hash = store_->transaction([](Transaction& tx) { return find_password_hash(tx, "ana"); });
  ASSERT_TRUE(hash);
  EXPECT_EQ(*hash, "$argon2id$v=19$m=8,t=1,p=1$x$y");
  auto missing =
      store_->transaction([](Transaction& tx) { return set_password_hash(tx, "bob", "h"); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(Users, CanBeDisabled) {
  ASSERT_TRUE(
      store_->transaction([](Transaction& tx) { return set_user_disabled(tx, "ana", true); }));
  auto found = store_->transaction([](Transaction& tx) { return find_user(tx, "ana"); });
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->disabled);
}

}  // namespace
}  // namespace microcred::store
