#include "store/offerings.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/design_records.h"
#include "store/detail/connection.h"
#include "store/institutions.h"
#include "support/learner_path_data.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using support::offering_record;

class Offerings : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    auto seeded = store_->transaction(support::seed_learner_path);
    ASSERT_TRUE(seeded) << seeded.error().message;
  }
};
MICROCRED_ON_BOTH_BACKENDS(Offerings);

TEST_P(Offerings, ReadBackWhatWasStored) {
  auto stored = offering_record("off-1", 30);
  ASSERT_TRUE(
      store_->transaction([&](Transaction& tx) { return insert_offering(tx, "a", stored); }));
  auto found = store_->transaction([](Transaction& tx) { return find_offering(tx, "a", "off-1"); });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, stored);
  auto unlimited = offering_record("off-2", std::nullopt);
  ASSERT_TRUE(
      store_->transaction([&](Transaction& tx) { return insert_offering(tx, "a", unlimited); }));
  auto all = store_->transaction([](Transaction& tx) { return list_offerings(tx, "a"); });
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1], unlimited);
  auto other_design = store_->transaction(
      [](Transaction& tx) { return list_offerings(tx, "a", std::string_view("draft")); });
  ASSERT_TRUE(other_design);
  EXPECT_TRUE(other_design->empty());
}

TEST_P(Offerings, AreSeenByTheirInstitutionAndTheirReviewerOnly) {
  ASSERT_TRUE(store_->transaction(
      [](Transaction& tx) { return insert_offering(tx, "a", offering_record("joint", 10, "b")); }));
  ASSERT_TRUE(store_->transaction(
      [](Transaction& tx) { return insert_offering(tx, "a", offering_record("own", 10)); }));
  auto reviewer =
      store_->transaction([](Transaction& tx) { return lock_offering(tx, "b", "joint"); });
  ASSERT_TRUE(reviewer) << reviewer.error().message;
  EXPECT_EQ(reviewer->institution_id, "a");
  auto stranger =
      store_->transaction([](Transaction& tx) { return find_offering(tx, "b", "own"); });
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::not_found);
  auto listed = store_->transaction([](Transaction& tx) { return list_offerings(tx, "b"); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());  // reviewing is not owning
}

TEST_P(Offerings, RefuseAnotherInstitutionsRecord) {
  auto made = store_->transaction(
      [](Transaction& tx) { return insert_offering(tx, "b", offering_record("off-1")); });
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::forbidden);
}

TEST_P(Offerings, RunOnlyAPublishedVersionOfTheInstitutionsOwnDesign) {
  // The store refuses by itself, whatever the caller forgot to check.
  for (const auto& [design, version] : {std::pair{"draft", 1}, std::pair{"chip", 2}}) {
    SCOPED_TRACE(std::string(design) + " v" + std::to_string(version));
    auto record = offering_record("off-x");
    record.design_id = design;
    record.design_version = version;
    auto made =
        store_->transaction([&](Transaction& tx) { return insert_offering(tx, "a", record); });
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, ErrorCode::invalid_argument) << made.error().message;
  }
  ASSERT_TRUE(store_->transaction([](Transaction& tx) -> Result<void> {
    return insert_design_record(tx, "b",
                                {.id = "b-design",
                                 .institution_id = "b",
                                 .version = 1,
                                 .status = "published",
                                 .json = "{}",
                                 .created_at = support::sample_now,
                                 .updated_at = support::sample_now});
  }));
  auto record = offering_record("off-y");
  record.design_id = "b-design";
  auto borrowed =
      store_->transaction([&](Transaction& tx) { return insert_offering(tx, "a", record); });
  ASSERT_FALSE(borrowed);
  EXPECT_EQ(borrowed.error().code, ErrorCode::invalid_argument);
}

TEST_P(Offerings, KeepOneCodePerDesign) {
  ASSERT_TRUE(store_->transaction(
      [](Transaction& tx) { return insert_offering(tx, "a", offering_record("off-1")); }));
  auto twin = offering_record("off-2");
  twin.code = "code-off-1";
  auto made = store_->transaction([&](Transaction& tx) { return insert_offering(tx, "a", twin); });
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::conflict);
}

}  // namespace
}  // namespace microcred::store
