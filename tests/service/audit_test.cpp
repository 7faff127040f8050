#include "service/audit.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/audit.h"
#include "store/institutions.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::service {
namespace {

TEST(CanonicalDigest, IgnoresKeyOrderAndWhitespace) {
  auto one = canonical_digest(R"({"b":1,"a":[true,null]})");
  auto two = canonical_digest("{ \"a\" : [ true , null ] ,\n \"b\" : 1.0 }");
  ASSERT_TRUE(one);
  ASSERT_TRUE(two);
  EXPECT_EQ(*one, *two);
  EXPECT_EQ(one->size(), 64u);
  EXPECT_NE(*one, *canonical_digest(R"({"b":2,"a":[true,null]})"));
}

class AuditTrail : public support::StoreTest {};
MICROCRED_ON_BOTH_BACKENDS(AuditTrail);

TEST_P(AuditTrail, RecordsDigestsOfBothSides) {
  FixedClock clock(support::sample_now);
  auto recorded = store_->transaction([&](store::Transaction& tx) -> Result<std::int64_t> {
    if (auto r = store::insert_institution(tx, support::sample_institution("a")); !r)
      return r.error();
    return record_change(tx, clock,
                         {.institution_id = "a",
                          .actor = "ana",
                          .action = "design.submit",
                          .object_type = "design",
                          .object_id = "d1",
                          .before_json = R"({"status":"draft"})",
                          .after_json = R"({"status":"submitted"})"});
  });
  ASSERT_TRUE(recorded) << recorded.error().message;
  auto trail = store_->transaction(
      [](store::Transaction& tx) { return store::audit_trail(tx, "a", "design", "d1"); });
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].before_sha256, *canonical_digest(R"({"status":"draft"})"));
  EXPECT_EQ((*trail)[0].after_sha256, *canonical_digest(R"({"status":"submitted"})"));
  EXPECT_EQ((*trail)[0].at, support::sample_now);
}

TEST_P(AuditTrail, RefusesASideThatIsNotJson) {
  FixedClock clock(support::sample_now);
  auto recorded = store_->transaction([&](store::Transaction& tx) {
    return record_change(tx, clock,
                         {.actor = "ana",
                          .action = "x",
                          .object_type = "y",
                          .object_id = "z",
                          .after_json = "{not json"});
  });
  ASSERT_FALSE(recorded);
  EXPECT_EQ(recorded.error().field, "after_json");
}

}  // namespace
}  // namespace microcred::service
