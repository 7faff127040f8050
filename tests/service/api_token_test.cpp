#include "service/api_token.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/audit.h"
#include "store/institutions.h"
#include "store/users.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::service {
namespace {

using domain::Role;
using support::sample_now;

class ApiTokens : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction([](store::Transaction& tx) -> Result<void> {
      for (const char* id : {"a", "b"}) {
        if (auto r = store::insert_institution(tx, support::sample_institution(id)); !r) return r;
      }
      for (const char* id : {"root", "reg", "other"}) {
        if (auto r = store::insert_user(tx, support::sample_user(id)); !r) return r;
      }
      if (auto r = store::grant_role(tx, "a", "root", Role::admin); !r) return r;
      if (auto r = store::grant_role(tx, "a", "reg", Role::registrar); !r) return r;
      if (auto r = store::grant_role(tx, "a", "reg", Role::assessor); !r) return r;
      return store::grant_role(tx, "b", "other", Role::admin);
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
  }

  Principal principal(const std::string& user) {
    auto loaded =
        store_->transaction([&](store::Transaction& tx) { return load_principal(tx, user); });
    EXPECT_TRUE(loaded) << loaded.error().message;
    return loaded.value_or(Principal{});
  }

  Result<NewApiToken> create(const std::string& actor, ApiTokenRequest request) {
    auto who = principal(actor);
    return store_->transaction([&](store::Transaction& tx) {
      return create_api_token(tx, random_, clock_, who, request);
    });
  }

  Result<Principal> authenticate(const std::string& secret, Timestamp at = sample_now) {
    FixedClock clock(at);
    return store_->transaction(
        [&](store::Transaction& tx) { return authenticate_api_token(tx, clock, secret); });
  }

  crypto::DeterministicRandom random_{std::array<std::uint8_t, 32>{7}};
  FixedClock clock_{sample_now};
};
MICROCRED_ON_BOTH_BACKENDS(ApiTokens);

TEST_P(ApiTokens, AuthenticateAsTheirUserWithTheirRoles) {
  auto made = create("reg", {.institution_id = "a", .user_id = "reg", .roles = {Role::registrar}});
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_TRUE(made->secret.starts_with("mct_"));
  EXPECT_EQ(made->secret.size(), 4u + 43u);
  EXPECT_EQ(made->token.secret_sha256, api_token_digest(made->secret));
  EXPECT_EQ(made->token.secret_sha256.find(made->secret.substr(4)), std::string::npos);
  auto who = authenticate(made->secret);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->user_id, "reg");
  ASSERT_EQ(who->grants.size(), 1u);
  EXPECT_EQ(who->grants[0].role, Role::registrar);  // not assessor: the token is narrower
  EXPECT_TRUE(authorise(*who, Action::credential_issue, {.institution_id = "a"}));
  EXPECT_FALSE(authorise(*who, Action::assessment_record, {.institution_id = "a"}));
}

TEST_P(ApiTokens, ExpireAtTheirEnd) {
  auto made = create("reg", {.institution_id = "a",
                             .user_id = "reg",
                             .roles = {Role::registrar},
                             .lifetime_seconds = 3600});
  ASSERT_TRUE(made);
  EXPECT_TRUE(authenticate(made->secret, {sample_now.seconds + 3599, 0}));
  auto expired = authenticate(made->secret, {sample_now.seconds + 3600, 0});
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::unauthorized);
}

TEST_P(ApiTokens, StopWorkingWhenRevoked) {
  auto made = create("reg", {.institution_id = "a", .user_id = "reg", .roles = {Role::registrar}});
  ASSERT_TRUE(made);
  auto root = principal("root");
  auto revoked = store_->transaction([&](store::Transaction& tx) {
    return revoke_api_token(tx, clock_, root, "a", made->token.id);
  });
  ASSERT_TRUE(revoked) << revoked.error().message;
  auto refused = authenticate(made->secret);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unauthorized);
  auto trail = store_->transaction([&](store::Transaction& tx) {
    return store::audit_trail(tx, "a", "api_token", made->token.id);
  });
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);
  EXPECT_EQ((*trail)[0].action, "api_token.create");
  EXPECT_EQ((*trail)[1].action, "api_token.revoke");
  EXPECT_EQ((*trail)[1].actor, "root");
}

TEST_P(ApiTokens, CannotBeRevokedByAnotherInstitutionsAdmin) {
  auto made = create("reg", {.institution_id = "a", .user_id = "reg", .roles = {Role::registrar}});
  ASSERT_TRUE(made);
  auto other = principal("other");
  auto revoked = store_->transaction([&](store::Transaction& tx) {
    return revoke_api_token(tx, clock_, other, "a", made->token.id);
  });
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(authenticate(made->secret));
}

TEST_P(ApiTokens, CarryNoRoleTheirUserLacks) {
  auto made = create("reg", {.institution_id = "a", .user_id = "reg", .roles = {Role::admin}});
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::forbidden);
  auto elsewhere =
      create("reg", {.institution_id = "b", .user_id = "reg", .roles = {Role::registrar}});
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, ErrorCode::forbidden);
}

TEST_P(ApiTokens, AreMadeForOthersOnlyByAnAdmin) {
  auto by_admin =
      create("root", {.institution_id = "a", .user_id = "reg", .roles = {Role::assessor}});
  EXPECT_TRUE(by_admin) << by_admin.error().message;
  auto by_peer =
      create("other", {.institution_id = "a", .user_id = "reg", .roles = {Role::assessor}});
  ASSERT_FALSE(by_peer);
  EXPECT_EQ(by_peer.error().code, ErrorCode::forbidden);
}

TEST_P(ApiTokens, LoseRolesTheirUserLoses) {
  auto made = create("reg", {.institution_id = "a", .user_id = "reg", .roles = {Role::registrar}});
  ASSERT_TRUE(made);
  ASSERT_TRUE(store_->transaction(
      [](store::Transaction& tx) { return store::revoke_role(tx, "a", "reg", Role::registrar); }));
  auto who = authenticate(made->secret);
  ASSERT_TRUE(who);
  EXPECT_TRUE(who->grants.empty());
  EXPECT_FALSE(authorise(*who, Action::credential_issue, {.institution_id = "a"}));
}

TEST_P(ApiTokens, RefuseUnknownSecretsAndBadLifetimes) {
  for (const char* secret :
       {"", "mct_", "mct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Bearer x"}) {
    SCOPED_TRACE(secret);
    auto refused = authenticate(secret);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::unauthorized);
  }
  for (std::int64_t lifetime : {std::int64_t{0}, std::int64_t{-5}, api_token_max_lifetime + 1}) {
    auto made = create("reg", {.institution_id = "a",
                               .user_id = "reg",
                               .roles = {Role::registrar},
                               .lifetime_seconds = lifetime});
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().field, "lifetime_seconds");
  }
}

}  // namespace
}  // namespace microcred::service
