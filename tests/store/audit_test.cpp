#include "store/audit.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "store/detail/connection.h"
#include "store/institutions.h"
#include "store/users.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using support::sample_institution;
using support::sample_now;
using support::sample_user;

class AuditEvents : public support::StoreTest {
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
MICROCRED_ON_BOTH_BACKENDS(AuditEvents);

TEST_P(AuditEvents, AreAppendOnly) {
  auto appended = store_->transaction([](Transaction& tx) -> Result<std::int64_t> {
    auto first = append_audit_event(tx, {.institution_id = "a",
                                         .actor = "u1",
                                         .action = "design.create",
                                         .object_type = "design",
                                         .object_id = "d1",
                                         .at = sample_now,
                                         .after_sha256 = "aa"});
    if (!first) return first;
    return append_audit_event(tx, {.institution_id = "a",
                                   .actor = "u2",
                                   .action = "design.submit",
                                   .object_type = "design",
                                   .object_id = "d1",
                                   .at = sample_now,
                                   .before_sha256 = "aa",
                                   .after_sha256 = "bb"});
  });
  ASSERT_TRUE(appended) << appended.error().message;
  for (const char* change :
       {"UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events"}) {
    SCOPED_TRACE(change);
    auto changed = store_->transaction([&](Transaction& tx) -> Result<void> {
      auto rows = detail::run(tx, change);
      if (!rows) return rows.error();
      return {};
    });
    ASSERT_FALSE(changed);
    EXPECT_NE(changed.error().message.find("append-only"), std::string::npos)
        << changed.error().message;
  }
  auto trail =
      store_->transaction([](Transaction& tx) { return audit_trail(tx, "a", "design", "d1"); });
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);
  EXPECT_LT((*trail)[0].seq, (*trail)[1].seq);
  EXPECT_EQ((*trail)[1].actor, "u2");
  EXPECT_EQ((*trail)[1].before_sha256, "aa");
  EXPECT_EQ((*trail)[1].after_sha256, "bb");
}

}  // namespace
}  // namespace microcred::store
