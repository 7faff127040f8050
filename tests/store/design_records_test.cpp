#include "store/design_records.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/detail/connection.h"
#include "store/institutions.h"
#include "store/qa_reviews.h"
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

DesignRecord published_v1() {
  return {.id = "d1",
          .institution_id = "a",
          .version = 1,
          .status = "published",
          .json = "{\"title\":\"T\"}",
          .created_at = sample_now,
          .updated_at = sample_now,
          .author_id = "ana",
          .content_sha256 = std::string(64, 'c'),
          .submitted_by = "ana",
          .submitted_at = sample_now,
          .published_by = "reg",
          .published_at = Timestamp{sample_now.seconds + 60, 0}};
}

TEST_P(DesignRecords, KeepEveryField) {
  auto record = published_v1();
  record.retired_at = Timestamp{sample_now.seconds + 120, 0};
  record.status = "retired";
  ASSERT_TRUE(
      store_->transaction([&](Transaction& tx) { return insert_design_record(tx, "a", record); }));
  auto found =
      store_->transaction([](Transaction& tx) { return find_design_record(tx, "a", "d1", 1); });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, record);
}

TEST_P(DesignRecords, RefuseAnUnknownStatus) {
  auto record = published_v1();
  record.status = "review";
  auto inserted =
      store_->transaction([&](Transaction& tx) { return insert_design_record(tx, "a", record); });
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, ErrorCode::invalid_argument) << inserted.error().message;
}

TEST_P(DesignRecords, LetAPublishedVersionOnlyBeRetired) {
  ASSERT_TRUE(store_->transaction(
      [](Transaction& tx) { return insert_design_record(tx, "a", published_v1()); }));
  auto changed = published_v1();
  changed.json = "{\"title\":\"Changed\"}";
  auto rewrite =
      store_->transaction([&](Transaction& tx) { return update_design_record(tx, "a", changed); });
  ASSERT_FALSE(rewrite);
  EXPECT_EQ(rewrite.error().code, ErrorCode::conflict);
  EXPECT_NE(rewrite.error().message.find("make a new version"), std::string::npos);
  auto back_to_draft = published_v1();
  back_to_draft.status = "draft";
  auto reopened = store_->transaction(
      [&](Transaction& tx) { return update_design_record(tx, "a", back_to_draft); });
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().code, ErrorCode::conflict);
  auto retired = published_v1();
  retired.status = "retired";
  retired.retired_at = Timestamp{sample_now.seconds + 120, 0};
  retired.updated_at = Timestamp{sample_now.seconds + 120, 0};
  auto retirement =
      store_->transaction([&](Transaction& tx) { return update_design_record(tx, "a", retired); });
  ASSERT_TRUE(retirement) << retirement.error().message;
  auto again = retired;
  again.status = "published";
  auto revived =
      store_->transaction([&](Transaction& tx) { return update_design_record(tx, "a", again); });
  ASSERT_FALSE(revived);
  EXPECT_EQ(revived.error().code, ErrorCode::conflict);
  auto found =
      store_->transaction([](Transaction& tx) { return find_design_record(tx, "a", "d1", 1); });
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, retired);
}

// The database keeps published versions immutable even for SQL that bypasses the repository.
TEST_P(DesignRecords, DatabaseRefusesChangesToPublishedAndRetiredVersions) {
  auto retired = published_v1();
  retired.id = "d2";
  retired.status = "retired";
  ASSERT_TRUE(store_->transaction([&](Transaction& tx) -> Result<void> {
    if (auto r = insert_design_record(tx, "a", published_v1()); !r) return r;
    return insert_design_record(tx, "a", retired);
  }));
  for (const char* sql : {"UPDATE design_records SET json = '{}' WHERE id = 'd1'",
                          "UPDATE design_records SET content_sha256 = 'x' WHERE id = 'd1'",
                          "UPDATE design_records SET status = 'draft' WHERE id = 'd1'",
                          "UPDATE design_records SET published_at = 1 WHERE id = 'd1'",
                          "DELETE FROM design_records WHERE id = 'd1'",
                          "UPDATE design_records SET status = 'published' WHERE id = 'd2'",
                          "UPDATE design_records SET updated_at = 1 WHERE id = 'd2'",
                          "DELETE FROM design_records WHERE id = 'd2'"}) {
    SCOPED_TRACE(sql);
    auto changed = store_->transaction([&](Transaction& tx) -> Result<void> {
      auto rows = detail::run(tx, sql);
      if (!rows) return rows.error();
      return {};
    });
    ASSERT_FALSE(changed);
    EXPECT_NE(changed.error().message.find("immutable"), std::string::npos)
        << changed.error().message;
  }
  auto retire = store_->transaction([](Transaction& tx) -> Result<void> {
    auto rows = detail::run(tx,
                            "UPDATE design_records SET status = 'retired', retired_at = 5, "
                            "updated_at = 5 WHERE id = 'd1'");
    if (!rows) return rows.error();
    return {};
  });
  EXPECT_TRUE(retire) << retire.error().message;
}

TEST_P(DesignRecords, HoldOnePublishedAndOneOpenVersionPerDesign) {
  ASSERT_TRUE(store_->transaction(
      [](Transaction& tx) { return insert_design_record(tx, "a", published_v1()); }));
  auto second = published_v1();
  second.version = 2;
  auto published =
      store_->transaction([&](Transaction& tx) { return insert_design_record(tx, "a", second); });
  ASSERT_FALSE(published);
  EXPECT_EQ(published.error().code, ErrorCode::conflict);
  second.status = "draft";
  ASSERT_TRUE(
      store_->transaction([&](Transaction& tx) { return insert_design_record(tx, "a", second); }));
  auto third = second;
  third.version = 3;
  third.status = "submitted";
  auto open =
      store_->transaction([&](Transaction& tx) { return insert_design_record(tx, "a", third); });
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().code, ErrorCode::conflict);
  auto versions =
      store_->transaction([](Transaction& tx) { return list_design_versions(tx, "a", "d1"); });
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 1);
  EXPECT_EQ((*versions)[1].version, 2);
}

TEST_P(DesignRecords, ListVersionsOfOneTenantOnly) {
  ASSERT_TRUE(store_->transaction([](Transaction& tx) -> Result<void> {
    if (auto r = insert_institution(tx, sample_institution("b")); !r) return r;
    return insert_design_record(tx, "a", published_v1());
  }));
  auto other =
      store_->transaction([](Transaction& tx) { return list_design_versions(tx, "b", "d1"); });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
  auto contributors = store_->transaction(
      [](Transaction& tx) { return add_design_contributor(tx, "b", "d1", 1, "mallory"); });
  ASSERT_FALSE(contributors);
  EXPECT_EQ(contributors.error().code, ErrorCode::not_found);
}

TEST_P(DesignRecords, RecordEachContributorOnce) {
  auto added = store_->transaction([](Transaction& tx) -> Result<void> {
    auto draft = published_v1();
    draft.status = "draft";
    if (auto r = insert_design_record(tx, "a", draft); !r) return r;
    for (const char* user : {"ben", "ana", "ben"})
      if (auto r = add_design_contributor(tx, "a", "d1", 1, user); !r) return r;
    return {};
  });
  ASSERT_TRUE(added) << added.error().message;
  auto users =
      store_->transaction([](Transaction& tx) { return design_contributors(tx, "a", "d1", 1); });
  ASSERT_TRUE(users);
  EXPECT_EQ(*users, (std::vector<std::string>{"ana", "ben"}));
  auto missing = store_->transaction(
      [](Transaction& tx) { return add_design_contributor(tx, "a", "d1", 2, "ana"); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

class QaReviews : public DesignRecords {};
MICROCRED_ON_BOTH_BACKENDS(QaReviews);

QaReviewRecord sample_review(int version = 1) {
  return {.institution_id = "a",
          .design_id = "d1",
          .version = version,
          .reviewer_id = "ana",
          .decision = "changes_requested",
          .checklist_json = "[]",
          .comment = "Outcome 2 is vague.",
          .at = sample_now};
}

TEST_P(QaReviews, AreKeptInOrderPerVersion) {
  auto written = store_->transaction([](Transaction& tx) -> Result<std::int64_t> {
    auto draft = published_v1();
    draft.status = "submitted";
    if (auto r = insert_design_record(tx, "a", draft); !r) return r.error();
    auto first = insert_qa_review(tx, "a", sample_review());
    if (!first) return first;
    auto second = sample_review();
    second.decision = "approved";
    return insert_qa_review(tx, "a", second);
  });
  ASSERT_TRUE(written) << written.error().message;
  auto reviews =
      store_->transaction([](Transaction& tx) { return list_qa_reviews(tx, "a", "d1"); });
  ASSERT_TRUE(reviews);
  ASSERT_EQ(reviews->size(), 2u);
  EXPECT_LT((*reviews)[0].seq, (*reviews)[1].seq);
  auto expected = sample_review();
  expected.seq = (*reviews)[0].seq;
  EXPECT_EQ((*reviews)[0], expected);
  EXPECT_EQ((*reviews)[1].decision, "approved");
  auto of_v2 =
      store_->transaction([](Transaction& tx) { return list_qa_reviews(tx, "a", "d1", 2); });
  ASSERT_TRUE(of_v2);
  EXPECT_TRUE(of_v2->empty());
}

TEST_P(QaReviews, AreAppendOnlyAndScopedToTheirTenant) {
  ASSERT_TRUE(store_->transaction([](Transaction& tx) -> Result<void> {
    if (auto r = insert_institution(tx, sample_institution("b")); !r) return r;
    if (auto r = insert_design_record(tx, "a", published_v1()); !r) return r;
    auto review = insert_qa_review(tx, "a", sample_review());
    if (!review) return review.error();
    return {};
  }));
  for (const char* sql :
       {"UPDATE qa_reviews SET decision = 'approved'", "DELETE FROM qa_reviews"}) {
    SCOPED_TRACE(sql);
    auto changed = store_->transaction([&](Transaction& tx) -> Result<void> {
      auto rows = detail::run(tx, sql);
      if (!rows) return rows.error();
      return {};
    });
    ASSERT_FALSE(changed);
    EXPECT_NE(changed.error().message.find("append-only"), std::string::npos);
  }
  auto other = store_->transaction([](Transaction& tx) { return list_qa_reviews(tx, "b", "d1"); });
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
  auto claimed = store_->transaction([](Transaction& tx) {
    auto review = sample_review();
    return insert_qa_review(tx, "b", review);
  });
  ASSERT_FALSE(claimed);
  EXPECT_EQ(claimed.error().code, ErrorCode::forbidden);
  auto into_b = store_->transaction([](Transaction& tx) {
    auto review = sample_review();
    review.institution_id = "b";
    return insert_qa_review(tx, "b", review);
  });
  ASSERT_FALSE(into_b);
  EXPECT_EQ(into_b.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace microcred::store
