#include "store/design_records.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/institutions.h"
#include "store/users.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using support::sample_institution;
using support::sample_now;
using support::sample_user;

class DesignRecords : public support::StoreTest {
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
MICROCRED_ON_BOTH_BACKENDS(DesignRecords);

TEST_P(DesignRecords, KeepEveryVersion) {
  auto written = store_->transaction([](Transaction& tx) -> Result<void> {
    for (int version : {1, 2}) {
      auto made =
          insert_design_record(tx, "a",
                               {"d1", "a", version, version == 1 ? "published" : "draft",
                                "{\"v\":" + std::to_string(version) + "}", sample_now, sample_now});
      if (!made) return made;
    }
    return insert_design_record(tx, "a", {"d2", "a", 1, "draft", "{}", sample_now, sample_now});
  });
  ASSERT_TRUE(written) << written.error().message;
  auto newest =
      store_->transaction([](Transaction& tx) { return find_design_record(tx, "a", "d1"); });
  ASSERT_TRUE(newest);
  EXPECT_EQ(newest->version, 2);
  EXPECT_EQ(newest->json, "{\"v\":2}");
  auto first =
      store_->transaction([](Transaction& tx) { return find_design_record(tx, "a", "d1", 1); });
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, "published");
  auto drafts = store_->transaction(
      [](Transaction& tx) { return list_design_records(tx, "a", std::string_view("draft")); });
  ASSERT_TRUE(drafts);
  ASSERT_EQ(drafts->size(), 2u);
  EXPECT_EQ((*drafts)[0].id, "d1");
  EXPECT_EQ((*drafts)[1].id, "d2");
  auto published = store_->transaction(
      [](Transaction& tx) { return list_design_records(tx, "a", std::string_view("published")); });
  ASSERT_TRUE(published);
  EXPECT_TRUE(published->empty());  // d1's newest version is a draft
}

}  // namespace
}  // namespace microcred::store
