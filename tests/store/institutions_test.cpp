#include "store/institutions.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using support::sample_institution;
using support::sample_key;
using support::sample_now;

class Institutions : public support::StoreTest {};
MICROCRED_ON_BOTH_BACKENDS(Institutions);

TEST_P(Institutions, RoundTripEveryField) {
  auto institution = sample_institution("uni-a", "DE");
  ASSERT_TRUE(
      store_->transaction([&](Transaction& tx) { return insert_institution(tx, institution); }));
  auto found = store_->transaction([](Transaction& tx) { return find_institution(tx, "uni-a"); });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, institution);
}

TEST_P(Institutions, RefuseBadFieldsNamingTheField) {
  struct Row {
    const char* field;
    domain::Institution institution;
  };
  auto bad_country = sample_institution("x", "XX");
  auto lower_country = sample_institution("x", "es");
  auto http = sample_institution("x");
  http.website = "http://x.example";
  auto no_name = sample_institution("x");
  no_name.name.clear();
  auto email = sample_institution("x");
  email.contact_email = "nobody";
  for (const auto& row :
       {Row{"country", bad_country}, Row{"country", lower_country}, Row{"website", http},
        Row{"name", no_name}, Row{"contact_email", email}}) {
    SCOPED_TRACE(row.field);
    auto inserted = store_->transaction(
        [&](Transaction& tx) { return insert_institution(tx, row.institution); });
    ASSERT_FALSE(inserted);
    EXPECT_EQ(inserted.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(inserted.error().field, row.field);
  }
}

TEST_P(Institutions, RefuseATakenId) {
  ASSERT_TRUE(store_->transaction(
      [](Transaction& tx) { return insert_institution(tx, sample_institution("a")); }));
  auto again = store_->transaction(
      [](Transaction& tx) { return insert_institution(tx, sample_institution("a")); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_P(Institutions, UpdateTheirOwnFields) {
  ASSERT_TRUE(store_->transaction(
      [](Transaction& tx) { return insert_institution(tx, sample_institution("a")); }));
  auto changed = sample_institution("a");
  changed.name = "Universidad A";
  changed.did = "did:web:new.example";
  ASSERT_TRUE(
      store_->transaction([&](Transaction& tx) { return update_institution(tx, "a", changed); }));
  auto found = store_->transaction([](Transaction& tx) { return find_institution(tx, "a"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, changed);
  auto missing = store_->transaction([](Transaction& tx) { return find_institution(tx, "zz"); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(Institutions, RotateKeysAndKeepOldOnesResolvable) {
  auto later = Timestamp{sample_now.seconds + 86'400, 0};
  auto rotated = store_->transaction([&](Transaction& tx) -> Result<void> {
    auto institution = insert_institution(tx, sample_institution("a"));
    if (!institution) return institution;
    auto first = insert_signing_key(tx, "a", sample_key("a", "key-1"));
    if (!first) return first;
    return rotate_signing_key(tx, "a", sample_key("a", "key-2", later), later);
  });
  ASSERT_TRUE(rotated) << rotated.error().message;
  auto active = store_->transaction([](Transaction& tx) { return active_signing_key(tx, "a"); });
  ASSERT_TRUE(active);
  EXPECT_EQ(active->id, "did:web:a.example#key-2");
  auto old = store_->transaction(
      [](Transaction& tx) { return find_signing_key(tx, "did:web:a.example#key-1"); });
  ASSERT_TRUE(old) << old.error().message;
  EXPECT_EQ(old->status, domain::KeyStatus::retired);
  EXPECT_EQ(old->retired_at, later);
  EXPECT_EQ(old->public_key_multibase, "z6Mkkey-1");
  auto all = store_->transaction([](Transaction& tx) { return list_signing_keys(tx, "a"); });
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
}

TEST_P(Institutions, RollBackAFailedRotationCompletely) {
  ASSERT_TRUE(store_->transaction([](Transaction& tx) -> Result<void> {
    auto institution = insert_institution(tx, sample_institution("a"));
    if (!institution) return institution;
    return insert_signing_key(tx, "a", sample_key("a", "key-1"));
  }));
  // The new key reuses the old key's id, so the insert fails after the retirement ran.
  auto rotated = store_->transaction([](Transaction& tx) {
    return rotate_signing_key(tx, "a", sample_key("a", "key-1"), sample_now);
  });
  ASSERT_FALSE(rotated);
  auto active = store_->transaction([](Transaction& tx) { return active_signing_key(tx, "a"); });
  ASSERT_TRUE(active) << active.error().message;
  EXPECT_EQ(active->status, domain::KeyStatus::active);
}

}  // namespace
}  // namespace microcred::store
