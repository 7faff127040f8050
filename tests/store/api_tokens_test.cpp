#include "store/api_tokens.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/institutions.h"
#include "store/users.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using domain::Role;
using support::sample_institution;
using support::sample_now;
using support::sample_user;

class ApiTokens : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ASSERT_TRUE(store_->transaction([](Transaction& tx) -> Result<void> {
      if (auto r = insert_institution(tx, sample_institution("a")); !r) return r;
      return insert_user(tx, sample_user("ana"));
    }));
  }
};
MICROCRED_ON_BOTH_BACKENDS(ApiTokens);

TEST_P(ApiTokens, RoundTripAndRevoke) {
  domain::ApiToken token{.id = "t1",
                         .institution_id = "a",
                         .user_id = "ana",
                         .secret_sha256 = std::string(64, 'a'),
                         .roles = {Role::registrar, Role::assessor},
                         .description = "batch issuing",
                         .created_at = sample_now,
                         .expires_at = {sample_now.seconds + 3600, 0}};
  ASSERT_TRUE(
      store_->transaction([&](Transaction& tx) { return insert_api_token(tx, "a", token); }));
  auto found = store_->transaction(
      [](Transaction& tx) { return find_api_token_by_secret(tx, std::string(64, 'a')); });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, token);
  ASSERT_TRUE(store_->transaction([](Transaction& tx) { return revoke_api_token(tx, "a", "t1"); }));
  auto listed = store_->transaction([](Transaction& tx) { return list_api_tokens(tx, "a"); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(listed->front().revoked);
}

}  // namespace
}  // namespace microcred::store
