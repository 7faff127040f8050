#include "service/offerings.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "learner_path_fixture.h"
#include "store/audit.h"

namespace microcred::service {
namespace {

using support::offering_json;
using support::OfferingSpec;

class Offerings : public testing::LearnerPath {};
MICROCRED_ON_BOTH_BACKENDS(Offerings);

TEST_P(Offerings, OpenForAPublishedDesignVersion) {
  auto opened = open("reg", offering_json({.id = ""}));
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_TRUE(opened->opened);
  const auto& view = *opened->offering;
  EXPECT_EQ(view.record.id.size(), 36u);  // a fresh UUID
  EXPECT_EQ(view.offering.institution_id, "a");
  EXPECT_EQ(view.record.reviewing_institution_id, "a");
  EXPECT_EQ(view.record.capacity, 2);
  auto read = tx([&](store::Transaction& t) { return get_offering(t, "a", view.record.id); });
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->offering, view.offering);
  auto trail = tx([&](store::Transaction& t) {
    return store::audit_trail(t, "a", "offering", view.record.id);
  });
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].action, "offering.open");
  EXPECT_EQ((*trail)[0].actor, "reg");
}

TEST_P(Offerings, RefuseADesignVersionThatIsNotPublished) {
  auto draft = open("reg", offering_json({.design_id = "draft"}));
  ASSERT_FALSE(draft);
  EXPECT_EQ(draft.error().code, ErrorCode::conflict);
  EXPECT_EQ(draft.error().field, "/design_version");
  EXPECT_NE(draft.error().message.find("draft"), std::string::npos) << draft.error().message;
  auto missing = open("reg", offering_json({.design_version = 2}));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(Offerings, AreNotOpenedWithAnErrorFinding) {
  auto opened = open("reg", offering_json({.capacity = 0}));
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_FALSE(opened->opened);
  ASSERT_FALSE(opened->findings.empty());
  bool named = false;
  for (const auto& finding : opened->findings)
    named = named || (finding.field == "/capacity" && finding.severity == domain::Severity::error);
  EXPECT_TRUE(named);
  auto listed = tx([](store::Transaction& t) { return offerings_of(t, "a"); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());  // nothing was written
}

TEST_P(Offerings, RefuseBadInput) {
  struct Row {
    std::string json;
    ErrorCode code;
  };
  const Row rows[] = {
      {"{", ErrorCode::parse_error},
      {R"({"format":"microcred-offering/1","capacty":3})", ErrorCode::invalid_argument},
      {offering_json({.reviewing_institution_id = "nowhere"}), ErrorCode::not_found},
      {std::string(300 * 1024, ' ') + "{}", ErrorCode::limit_exceeded},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.json.substr(0, 60));
    auto opened = open("reg", row.json);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, row.code) << opened.error().message;
  }
  auto value = offering_json();
  value.insert(1, R"("institution_id":"b",)");
  auto foreign = open("reg", value);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().field, "/institution_id");
}

TEST_P(Offerings, AreOpenedByTheInstitutionsRegistrarOnly) {
  for (const auto& [user, institution] :
       {std::pair{"ass", "a"}, std::pair{"root", "a"}, std::pair{"lea", "a"},
        std::pair{"regb", "a"}, std::pair{"regb", "b"}}) {
    SCOPED_TRACE(std::string(user) + " in " + institution);
    auto opened = open(user, offering_json(), institution);
    ASSERT_FALSE(opened);
    // "b" has no design "chip": its registrar cannot offer a's design as its own.
    EXPECT_TRUE(opened.error().code == ErrorCode::forbidden ||
                opened.error().code == ErrorCode::not_found)
        << opened.error().message;
  }
}

TEST_P(Offerings, KeepIdsAndCodesUnique) {
  open_ok();
  auto again = open("reg", offering_json());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto same_code = open("reg", offering_json({.id = "off-2"}));
  ASSERT_FALSE(same_code);
  EXPECT_EQ(same_code.error().code, ErrorCode::conflict);
  open_ok({.id = "off-2", .code = "2026-autumn"});
  auto listed = tx([](store::Transaction& t) { return offerings_of(t, "a"); });
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 2u);
}

TEST_P(Offerings, AreSeenByTheReviewingInstitution) {
  open_ok({.reviewing_institution_id = "b"});
  auto seen = tx([](store::Transaction& t) { return get_offering(t, "b", "off-1"); });
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->record.reviewing_institution_id, "b");
}

}  // namespace
}  // namespace microcred::service
