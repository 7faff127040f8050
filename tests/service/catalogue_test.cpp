#include "service/catalogue.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "json/parse.h"
#include "store/design_records.h"
#include "store/institutions.h"
#include "support/catalogue_data.h"
#include "support/sample_data.h"
#include "support/test_store.h"
#include "support/testsuites.h"

namespace microcred::service {
namespace {

using store::Transaction;
using support::sample_institution;
using support::sample_now;

domain::MicroCredentialDesign example_design(const std::string& name) {
  auto text = support::read_file(support::source_dir() / "examples" / "designs" / name);
  auto json = json::parse(text, {.max_bytes = 1024 * 1024, .max_depth = 32});
  EXPECT_TRUE(json) << name;
  auto design = domain::design_from_json(*json);
  EXPECT_TRUE(design) << name << ": " << design.error().message;
  return *design;
}

TEST(CatalogueEntryOf, CopiesWhatTheCatalogueShowsFromTheDesign) {
  auto design = example_design("uoc-spain-online-6ects.json");
  design.learning_outcomes[1].esco_uris.push_back("http://data.europa.eu/esco/skill/S4");
  design.fees.tiers.push_back({"Attendance only", 120, "EUR", false, "", {}});
  design.awarding_bodies.push_back({"Partner", "", "pt", ""});
  auto entry = catalogue_entry_of("uoc", "d-gov", 3, design, sample_now);
  EXPECT_EQ(entry.design_id, "d-gov");
  EXPECT_EQ(entry.institution_id, "uoc");
  EXPECT_EQ(entry.version, 3);
  EXPECT_EQ(entry.title, "Data Governance and Data Protection in Organisations");
  EXPECT_EQ(entry.summary, design.summary);
  EXPECT_EQ(entry.institution_name, "Universitat Oberta de Catalunya");
  ASSERT_EQ(entry.learning_outcomes.size(), 3u);
  EXPECT_EQ(entry.learning_outcomes[2], design.learning_outcomes[2].statement);
  // Every outcome's skills, each once, in order.
  EXPECT_EQ(entry.skill_uris, (std::vector<std::string>{"http://data.europa.eu/esco/skill/S2",
                                                        "http://data.europa.eu/esco/skill/S4"}));
  EXPECT_EQ(entry.eqf_level, 6);
  EXPECT_EQ(entry.ects, 6.0);
  EXPECT_EQ(entry.languages, (std::vector<std::string>{"es", "ca"}));
  EXPECT_EQ(entry.delivery_mode, design.delivery_mode);
  EXPECT_EQ(entry.participation_form, "online");
  EXPECT_EQ(entry.pacing, "cohort");
  EXPECT_EQ(entry.synchronicity, "asynchronous");
  EXPECT_EQ(entry.countries, (std::vector<std::string>{"ES", "PT"}));
  EXPECT_EQ(entry.fee_min, 120.0);
  EXPECT_EQ(entry.fee_max, 420.0);
  EXPECT_EQ(entry.currency, "EUR");
  EXPECT_EQ(entry.start_date, "2025-02-01");
  EXPECT_EQ(entry.published_at, sample_now);
}

TEST(CatalogueEntryOf, LeavesOutWhatTheDesignLeavesOut) {
  domain::MicroCredentialDesign design;
  design.title = "Bare";
  auto entry = catalogue_entry_of("a", "d", 1, design, sample_now);
  EXPECT_FALSE(entry.eqf_level);
  EXPECT_FALSE(entry.ects);
  EXPECT_FALSE(entry.fee_min);
  EXPECT_FALSE(entry.fee_max);
  EXPECT_TRUE(entry.countries.empty());
  EXPECT_TRUE(entry.participation_form.empty());
  EXPECT_TRUE(entry.start_date.empty());
}

class CatalogueService : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ASSERT_TRUE(store_->transaction([](Transaction& tx) -> Result<void> {
      if (auto r = store::insert_institution(tx, sample_institution("a", "ES")); !r) return r;
      return store::insert_institution(tx, sample_institution("b", "BE"));
    }));
  }

  Result<void> add_record(const std::string& tenant, const std::string& id, int version,
                          Timestamp updated_at, const std::string& status = "published") {
    return store_->transaction([&](Transaction& tx) {
      return store::insert_design_record(tx, tenant,
                                         {.id = id,
                                          .institution_id = tenant,
                                          .version = version,
                                          .status = status,
                                          .json = "{}",
                                          .created_at = sample_now,
                                          .updated_at = updated_at});
    });
  }

  std::vector<std::string> ids(const store::CatalogueQuery& query) {
    auto page =
        store_->transaction([&](Transaction& tx) { return store::search_catalogue(tx, query); });
    EXPECT_TRUE(page) << page.error().message;
    std::vector<std::string> out;
    if (page)
      for (const auto& hit : page->hits)
        out.push_back(hit.entry.design_id);
    return out;
  }
};
MICROCRED_ON_BOTH_BACKENDS(CatalogueService);

TEST_P(CatalogueService, IndexesAPublishedDesignAtItsPublicationTime) {
  auto design = example_design("kuleuven-chip-design.json");
  Timestamp published{sample_now.seconds + 3'600, 0};
  ASSERT_TRUE(add_record("a", "chip", 1, published));
  auto indexed = store_->transaction(
      [&](Transaction& tx) { return index_published_design(tx, "a", "chip", 1, design); });
  ASSERT_TRUE(indexed) << indexed.error().message;
  auto entry =
      store_->transaction([](Transaction& tx) { return store::find_catalogue_entry(tx, "chip"); });
  ASSERT_TRUE(entry) << entry.error().message;
  EXPECT_EQ(*entry, catalogue_entry_of("a", "chip", 1, design, published));
  EXPECT_EQ(ids({.text = "chip design"}), std::vector<std::string>{"chip"});
}

TEST_P(CatalogueService, ReplacesTheEntryWithANewVersionAndUnindexesOnRetire) {
  auto design = example_design("kuleuven-chip-design.json");
  ASSERT_TRUE(add_record("a", "chip", 1, sample_now));
  ASSERT_TRUE(add_record("a", "chip", 2, sample_now, "approved"));
  ASSERT_TRUE(store_->transaction(
      [&](Transaction& tx) { return index_published_design(tx, "a", "chip", 1, design); }));
  auto renamed = design;
  renamed.title = "Neuromorphic hardware";
  ASSERT_TRUE(store_->transaction([&](Transaction& tx) {
    return index_published_design(tx, "a", "chip", 2, renamed, sample_now);
  }));
  EXPECT_EQ(ids({.text = "neuromorphic"}), std::vector<std::string>{"chip"});
  EXPECT_TRUE(ids({.text = renamed.title + " " + design.title}).empty());
  auto entry =
      store_->transaction([](Transaction& tx) { return store::find_catalogue_entry(tx, "chip"); });
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->version, 2);
  ASSERT_TRUE(store_->transaction([](Transaction& tx) { return unindex_design(tx, "a", "chip"); }));
  EXPECT_TRUE(ids({}).empty());
  auto again = store_->transaction([](Transaction& tx) { return unindex_design(tx, "a", "chip"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::not_found);
}

TEST_P(CatalogueService, KeepsEachTenantToItsOwnDesigns) {
  auto design = example_design("kuleuven-chip-design.json");
  ASSERT_TRUE(add_record("a", "chip", 1, sample_now));
  // b cannot publish a's design, nor a version that does not exist.
  for (auto [tenant, version] : {std::pair{"b", 1}, std::pair{"a", 2}}) {
    auto indexed = store_->transaction([&](Transaction& tx) {
      return index_published_design(tx, tenant, "chip", version, design);
    });
    ASSERT_FALSE(indexed);
    EXPECT_EQ(indexed.error().code, ErrorCode::not_found);
  }
  ASSERT_TRUE(store_->transaction(
      [&](Transaction& tx) { return index_published_design(tx, "a", "chip", 1, design); }));
  auto taken = store_->transaction([](Transaction& tx) { return unindex_design(tx, "b", "chip"); });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::not_found);
  EXPECT_EQ(ids({.institution = "a"}), std::vector<std::string>{"chip"});
}

TEST_P(CatalogueService, RefusesADesignTheCatalogueCannotShow) {
  auto design = example_design("kuleuven-chip-design.json");
  design.eqf_level = 11;
  ASSERT_TRUE(add_record("a", "chip", 1, sample_now));
  auto indexed = store_->transaction(
      [&](Transaction& tx) { return index_published_design(tx, "a", "chip", 1, design); });
  ASSERT_FALSE(indexed);
  EXPECT_EQ(indexed.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(indexed.error().field, "eqf_level");
}

// Loads `count` generated designs through the service into `store`.
Result<void> load_generated(store::Store& store, std::size_t count, std::size_t institutions) {
  return store.transaction([&](store::Transaction& tx) -> Result<void> {
    for (std::size_t i = 0; i < institutions; ++i) {
      auto inst = support::generated_institution(i);
      auto made = store::insert_institution(
          tx,
          {.id = inst.id, .name = inst.name, .country = inst.country, .created_at = sample_now});
      if (!made) return made;
    }
    for (std::size_t n = 0; n < count; ++n) {
      auto g = support::generated_design(2026, n, institutions);
      auto record = store::insert_design_record(tx, g.institution,
                                                {.id = g.id,
                                                 .institution_id = g.institution,
                                                 .version = 1,
                                                 .status = "published",
                                                 .json = "{}",
                                                 .created_at = g.published_at,
                                                 .updated_at = g.published_at});
      if (!record) return record;
      auto indexed = index_published_design(tx, g.institution, g.id, 1, g.design);
      if (!indexed) return indexed;
    }
    return {};
  });
}

// A realistic generated catalogue gives the same pages on SQLite and PostgreSQL for a mixed
// workload of generated queries (the bench's workload, at test size).
TEST(CatalogueServiceOnBothBackends, GiveTheSameResultsForGeneratedDesigns) {
  if (auto why = support::postgres_unavailable(); !why.empty()) {
    if (support::postgres_required()) GTEST_FAIL() << why;
    GTEST_SKIP() << why;
  }
  constexpr std::size_t designs = 400, institutions = 12, queries = 300;
  support::TestDatabase sqlite_db(store::Backend::sqlite), postgres_db(store::Backend::postgres);
  auto sqlite = sqlite_db.open();
  auto postgres = postgres_db.open();
  for (auto* store : {sqlite.get(), postgres.get()}) {
    auto loaded = load_generated(*store, designs, institutions);
    ASSERT_TRUE(loaded) << loaded.error().message;
  }
  std::size_t pages = 0, hits = 0;
  for (std::size_t n = 0; n < queries; ++n) {
    auto q = support::generated_query(99, n, institutions, 0);
    SCOPED_TRACE("query " + std::to_string(n) + ": " + support::describe(q));
    for (int page = 0; page < 500; ++page) {
      auto a = sqlite->transaction([&](Transaction& tx) { return store::search_catalogue(tx, q); });
      auto b =
          postgres->transaction([&](Transaction& tx) { return store::search_catalogue(tx, q); });
      ASSERT_TRUE(a) << a.error().field << ": " << a.error().message;
      ASSERT_TRUE(b) << b.error().field << ": " << b.error().message;
      ASSERT_EQ(*a, *b) << "page " << page;
      ++pages;
      hits += a->hits.size();
      if (a->next_cursor.empty()) break;
      q.cursor = a->next_cursor;
    }
  }
  EXPECT_GT(hits, queries);  // the workload finds things
  std::printf("catalogue: %zu queries, %zu pages, %zu hits, equal on SQLite and PostgreSQL\n",
              queries, pages, hits);
}

}  // namespace
}  // namespace microcred::service
