// Acceptance of #6: tenant A's staff can neither read nor change tenant B's data. Every
// store query on institution data takes the tenant; these tests ask as A for B's rows.
#include <gtest/gtest.h>

#include "store/api_tokens.h"
#include "store/audit.h"
#include "store/design_records.h"
#include "store/institutions.h"
#include "store/users.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using support::sample_institution;
using support::sample_key;
using support::sample_now;
using support::sample_user;

class TenantIsolation : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction([](Transaction& tx) -> Result<void> {
      for (const char* id : {"a", "b"}) {
        if (auto r = insert_institution(tx, sample_institution(id)); !r) return r;
        auto staff = std::string("staff-") + id;
        if (auto r = insert_user(tx, sample_user(staff)); !r) return r;
        if (auto r = grant_role(tx, id, staff, domain::Role::admin); !r) return r;
        if (auto r = insert_signing_key(tx, id, sample_key(id, "key-1")); !r) return r;
      }
      if (auto r = insert_design_record(tx, "b", b_draft()); !r) return r;
      if (auto r = insert_api_token(tx, "b", b_token()); !r) return r;
      auto event = append_audit_event(tx, {.institution_id = "b",
                                           .actor = "staff-b",
                                           .action = "design.create",
                                           .object_type = "design",
                                           .object_id = "b-draft",
                                           .at = sample_now});
      if (!event) return event.error();
      return {};
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
  }

  static DesignRecord b_draft() {
    return {"b-draft", "b", 1, "draft", "{\"title\":\"B's secret draft\"}", sample_now, sample_now};
  }
  static domain::ApiToken b_token() {
    return {.id = "b-token",
            .institution_id = "b",
            .user_id = "staff-b",
            .secret_sha256 = std::string(64, 'b'),
            .roles = {domain::Role::admin},
            .created_at = sample_now,
            .expires_at = {sample_now.seconds + 3600, 0}};
  }
};
MICROCRED_ON_BOTH_BACKENDS(TenantIsolation);

TEST_P(TenantIsolation, HidesAnotherTenantsDrafts) {
  auto read =
      store_->transaction([](Transaction& tx) { return find_design_record(tx, "a", "b-draft"); });
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::not_found);
  auto listed = store_->transaction([](Transaction& tx) { return list_design_records(tx, "a"); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
  auto own =
      store_->transaction([](Transaction& tx) { return find_design_record(tx, "b", "b-draft"); });
  ASSERT_TRUE(own);
  EXPECT_EQ(*own, b_draft());
}

TEST_P(TenantIsolation, RefusesChangesToAnotherTenantsDrafts) {
  auto as_b = b_draft();
  as_b.json = "{\"title\":\"defaced\"}";
  auto claimed =
      store_->transaction([&](Transaction& tx) { return update_design_record(tx, "a", as_b); });
  ASSERT_FALSE(claimed);
  EXPECT_EQ(claimed.error().code, ErrorCode::forbidden);
  auto relabelled = as_b;
  relabelled.institution_id = "a";
  auto sneaked = store_->transaction(
      [&](Transaction& tx) { return update_design_record(tx, "a", relabelled); });
  ASSERT_FALSE(sneaked);
  EXPECT_EQ(sneaked.error().code, ErrorCode::not_found);
  auto planted = store_->transaction(
      [&](Transaction& tx) { return insert_design_record(tx, "a", b_draft()); });
  ASSERT_FALSE(planted);
  EXPECT_EQ(planted.error().code, ErrorCode::forbidden);
  auto unchanged =
      store_->transaction([](Transaction& tx) { return find_design_record(tx, "b", "b-draft"); });
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(*unchanged, b_draft());
}

TEST_P(TenantIsolation, KeepsTokensStaffKeysAndAuditApart) {
  auto revoked =
      store_->transaction([](Transaction& tx) { return revoke_api_token(tx, "a", "b-token"); });
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().code, ErrorCode::not_found);
  auto tokens = store_->transaction([](Transaction& tx) { return list_api_tokens(tx, "a"); });
  ASSERT_TRUE(tokens);
  EXPECT_TRUE(tokens->empty());
  auto staff = store_->transaction([](Transaction& tx) { return staff_of(tx, "a"); });
  ASSERT_TRUE(staff);
  ASSERT_EQ(staff->size(), 1u);
  EXPECT_EQ(staff->front().user_id, "staff-a");
  auto trail = store_->transaction(
      [](Transaction& tx) { return audit_trail(tx, "a", "design", "b-draft"); });
  ASSERT_TRUE(trail);
  EXPECT_TRUE(trail->empty());
  auto keys = store_->transaction([](Transaction& tx) { return list_signing_keys(tx, "a"); });
  ASSERT_TRUE(keys);
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(keys->front().institution_id, "a");
  auto rotated = store_->transaction([](Transaction& tx) {
    return rotate_signing_key(tx, "a", sample_key("b", "key-2"), sample_now);
  });
  ASSERT_FALSE(rotated);
  EXPECT_EQ(rotated.error().code, ErrorCode::forbidden);
  auto renamed = store_->transaction([](Transaction& tx) {
    auto b = sample_institution("b");
    b.name = "Taken over";
    return update_institution(tx, "a", b);
  });
  ASSERT_FALSE(renamed);
  EXPECT_EQ(renamed.error().code, ErrorCode::forbidden);
  auto b_key = store_->transaction([](Transaction& tx) { return active_signing_key(tx, "b"); });
  ASSERT_TRUE(b_key);
  EXPECT_EQ(b_key->id, "did:web:b.example#key-1");
}

}  // namespace
}  // namespace microcred::store
