#include "service/password.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/institutions.h"
#include "store/users.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::service {
namespace {

// libsodium's smallest costs keep the tests fast; production uses the defaults.
constexpr PasswordOptions fast{.passes = 1, .memory_bytes = 8 * 1024};

TEST(Password, VerifiesTheRightPasswordAndRefusesAWrongOne) {
  auto hash = hash_password("correct horse battery", fast);
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$"));
  EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(*hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password(*hash, ""));
}

TEST(Password, SaltsEveryHash) {
  EXPECT_NE(*hash_password("correct horse battery", fast),
            *hash_password("correct horse battery", fast));
}

TEST(Password, RefusesTooShortOrTooLongPasswords) {
  auto short_one = hash_password("short", fast);
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.error().field, "password");
  EXPECT_FALSE(hash_password(std::string(password_max_length + 1, 'x'), fast));
}

TEST(Password, RefusesHashesThatAreNotArgon2id) {
  for (const char* hash : {"", "plain", "$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
                           "$argon2id$v=19$m=8,t=1,p=1$", "$argon2id$garbage"}) {
    SCOPED_TRACE(hash);
    EXPECT_FALSE(verify_password(hash, "correct horse battery"));
  }
}

TEST(Password, AsksForARehashWhenTheCostsChange) {
  auto hash = hash_password("correct horse battery", fast);
  ASSERT_TRUE(hash);
  EXPECT_FALSE(password_needs_rehash(*hash, fast));
  EXPECT_TRUE(password_needs_rehash(*hash, {}));
}

class LogIn : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction([](store::Transaction& tx) -> Result<void> {
      if (auto r = store::insert_institution(tx, support::sample_institution("a")); !r) return r;
      if (auto r = store::insert_user(tx, support::sample_user("ana")); !r) return r;
      if (auto r = store::grant_role(tx, "a", "ana", domain::Role::qa); !r) return r;
      return set_password(tx, "ana", "correct horse battery", fast);
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
  }
};
MICROCRED_ON_BOTH_BACKENDS(LogIn);

TEST_P(LogIn, GivesThePrincipalForTheRightPassword) {
  auto principal = store_->transaction([](store::Transaction& tx) {
    return log_in(tx, "ana@example.org", "correct horse battery");
  });
  ASSERT_TRUE(principal) << principal.error().message;
  EXPECT_EQ(principal->user_id, "ana");
  ASSERT_EQ(principal->grants.size(), 1u);
  EXPECT_EQ(principal->grants[0].role, domain::Role::qa);
}

TEST_P(LogIn, RefusesAWrongPasswordAnUnknownEmailAndADisabledAccountAlike) {
  auto wrong = store_->transaction(
      [](store::Transaction& tx) { return log_in(tx, "ana@example.org", "wrong horse battery"); });
  auto unknown = store_->transaction([](store::Transaction& tx) {
    return log_in(tx, "bob@example.org", "correct horse battery");
  });
  ASSERT_TRUE(store_->transaction(
      [](store::Transaction& tx) { return store::set_user_disabled(tx, "ana", true); }));
  auto disabled = store_->transaction([](store::Transaction& tx) {
    return log_in(tx, "ana@example.org", "correct horse battery");
  });
  for (const auto* result : {&wrong, &unknown, &disabled}) {
    ASSERT_FALSE(*result);
    EXPECT_EQ(result->error().code, ErrorCode::unauthorized);
    EXPECT_EQ(result->error().message, "wrong email or password");
  }
}

}  // namespace
}  // namespace microcred::service
