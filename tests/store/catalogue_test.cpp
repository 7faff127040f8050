#include "store/catalogue.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "store/design_records.h"
#include "store/institutions.h"
#include "support/sample_data.h"
#include "support/test_store.h"

namespace microcred::store {
namespace {

using support::sample_institution;
using support::sample_now;

constexpr std::string_view skill_circuits =
    "http://data.europa.eu/esco/skill/0d6a2b3c-8d1e-4f5a-9b7c-1e2d3f4a5b6c";
constexpr std::string_view skill_gdpr =
    "http://data.europa.eu/esco/skill/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

// An entry of institution `tenant` with every field set; tests change what they look at.
CatalogueEntry sample_entry(const std::string& id, const std::string& tenant = "a") {
  CatalogueEntry e;
  e.design_id = id;
  e.institution_id = tenant;
  e.version = 1;
  e.title = "Chip design with VHDL";
  e.summary = "A blended course for engineers in industry.";
  e.institution_name = "University " + tenant;
  e.learning_outcomes = {"Design a digital filter in VHDL and verify it on an FPGA.",
                         "Explain timing closure to a colleague."};
  e.skill_uris = {std::string(skill_circuits)};
  e.eqf_level = 7;
  e.ects = 5;
  e.languages = {"en-GB", "nl"};
  e.delivery_mode = "Lectures and labs";
  e.participation_form = "blended";
  e.pacing = "cohort";
  e.synchronicity = "synchronous";
  e.countries = {"BE", "NL"};
  e.fee_min = 450;
  e.fee_max = 900.5;
  e.currency = "EUR";
  e.start_date = "2026-02-01";
  e.published_at = sample_now;
  return e;
}

class Catalogue : public support::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    ASSERT_TRUE(store_->transaction([](Transaction& tx) -> Result<void> {
      if (auto r = insert_institution(tx, sample_institution("a", "ES")); !r) return r;
      return insert_institution(tx, sample_institution("b", "BE"));
    }));
  }

  // Writes the design record the entry copies (when missing) and the entry.
  Result<void> publish(const CatalogueEntry& entry, const std::string& status = "published") {
    return store_->transaction([&](Transaction& tx) -> Result<void> {
      if (!find_design_record(tx, entry.institution_id, entry.design_id, entry.version)) {
        auto made = insert_design_record(tx, entry.institution_id,
                                         {.id = entry.design_id,
                                          .institution_id = entry.institution_id,
                                          .version = entry.version,
                                          .status = status,
                                          .json = "{}",
                                          .created_at = sample_now,
                                          .updated_at = sample_now});
        if (!made) return made;
      }
      return put_catalogue_entry(tx, entry.institution_id, entry);
    });
  }

  void publish_all(const std::vector<CatalogueEntry>& entries) {
    for (const auto& entry : entries) {
      auto put = publish(entry);
      ASSERT_TRUE(put) << entry.design_id << ": " << put.error().message;
    }
  }

  Result<CataloguePage> search(const CatalogueQuery& query) {
    return store_->transaction([&](Transaction& tx) { return search_catalogue(tx, query); });
  }

  // The ids of one page.
  std::vector<std::string> ids(const CatalogueQuery& query) {
    auto page = search(query);
    EXPECT_TRUE(page) << page.error().field << ": " << page.error().message;
    std::vector<std::string> out;
    if (page)
      for (const auto& hit : page->hits)
        out.push_back(hit.entry.design_id);
    return out;
  }

  // Every hit of `query`, page by page.
  std::vector<CatalogueHit> all_pages(CatalogueQuery query) {
    std::vector<CatalogueHit> hits;
    for (int pages = 0; pages < 1'000; ++pages) {
      auto page = search(query);
      EXPECT_TRUE(page) << page.error().field << ": " << page.error().message;
      if (!page) break;
      hits.insert(hits.end(), page->hits.begin(), page->hits.end());
      if (page->next_cursor.empty()) break;
      EXPECT_EQ(page->hits.size(), query.limit);
      query.cursor = page->next_cursor;
    }
    return hits;
  }
};
MICROCRED_ON_BOTH_BACKENDS(Catalogue);

TEST_P(Catalogue, KeepsEveryFieldOfAnEntry) {
  auto entry = sample_entry("d1");
  ASSERT_TRUE(publish(entry));
  auto found = store_->transaction([](Transaction& tx) { return find_catalogue_entry(tx, "d1"); });
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, entry);
}

TEST_P(Catalogue, FindsByTitleSummaryOutcomeAndSkill) {
  publish_all({sample_entry("d1")});
  for (std::string_view text :
       {std::string_view("chip"), std::string_view("VHDL"), std::string_view("engineers"),
        std::string_view("timing closure"), std::string_view("FPGA"), skill_circuits,
        std::string_view("0d6a2b3c-8d1e-4f5a-9b7c-1e2d3f4a5b6c")}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ids({.text = std::string(text)}), std::vector<std::string>{"d1"});
  }
  EXPECT_TRUE(ids({.text = "chip python"}).empty());  // every word must occur
}

TEST_P(Catalogue, ReplacesTheEntryWhenANewVersionIsPublished) {
  auto first = sample_entry("d1");
  ASSERT_TRUE(publish(first));
  auto second = first;
  second.version = 2;
  second.title = "Chip design with Verilog";
  auto replaced = publish(second, "approved");  // one published version per design
  ASSERT_TRUE(replaced) << replaced.error().message;
  EXPECT_EQ(ids({.text = "VHDL chip"}), std::vector<std::string>{"d1"});  // outcomes stay
  EXPECT_EQ(ids({.text = "verilog"}), std::vector<std::string>{"d1"});
  EXPECT_EQ(ids({.text = "chip"}), std::vector<std::string>{"d1"});  // one entry, not two
  auto found = store_->transaction([](Transaction& tx) { return find_catalogue_entry(tx, "d1"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->version, 2);
}

TEST_P(Catalogue, WritesAreScopedToTheTenant) {
  ASSERT_TRUE(publish(sample_entry("d1", "a")));
  // b may not write an entry naming a, nor take over a's design, nor remove it.
  auto named = store_->transaction(
      [](Transaction& tx) { return put_catalogue_entry(tx, "b", sample_entry("d1", "a")); });
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().code, ErrorCode::forbidden);
  auto takeover = store_->transaction(
      [](Transaction& tx) { return put_catalogue_entry(tx, "b", sample_entry("d1", "b")); });
  ASSERT_FALSE(takeover);
  EXPECT_EQ(takeover.error().code, ErrorCode::not_found);  // b has no design d1
  auto removed =
      store_->transaction([](Transaction& tx) { return remove_catalogue_entry(tx, "b", "d1"); });
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, ErrorCode::not_found);
  EXPECT_EQ(ids({.text = "chip"}), std::vector<std::string>{"d1"});
  // Reading is public: the entry carries its tenant.
  auto found = store_->transaction([](Transaction& tx) { return find_catalogue_entry(tx, "d1"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->institution_id, "a");
  ASSERT_TRUE(
      store_->transaction([](Transaction& tx) { return remove_catalogue_entry(tx, "a", "d1"); }));
  EXPECT_TRUE(ids({.text = "chip"}).empty());
  auto gone = store_->transaction([](Transaction& tx) { return find_catalogue_entry(tx, "d1"); });
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
}

TEST_P(Catalogue, RefusesAnEntryWithoutItsDesignVersion) {
  auto put = store_->transaction(
      [](Transaction& tx) { return put_catalogue_entry(tx, "a", sample_entry("nowhere")); });
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().code, ErrorCode::not_found);
}

TEST_P(Catalogue, RefusesABadEntryNamingTheField) {
  struct Row {
    std::function<void(CatalogueEntry&)> change;
    std::string field;
  };
  const Row rows[] = {
      {[](CatalogueEntry& e) { e.title.clear(); }, "title"},
      {[](CatalogueEntry& e) { e.eqf_level = 9; }, "eqf_level"},
      {[](CatalogueEntry& e) { e.ects = -1; }, "ects"},
      {[](CatalogueEntry& e) { e.fee_min = 1000; }, "fee_min"},
      {[](CatalogueEntry& e) { e.start_date = "2026-02-30"; }, "start_date"},
      {[](CatalogueEntry& e) { e.version = 0; }, "version"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.field);
    auto entry = sample_entry("d1");
    row.change(entry);
    auto put = publish(entry);
    ASSERT_FALSE(put);
    EXPECT_EQ(put.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(put.error().field, row.field);
  }
}

// Five entries that differ in every filtered field.
std::vector<CatalogueEntry> filter_entries() {
  std::vector<CatalogueEntry> out;
  for (int i = 1; i <= 5; ++i) {
    auto e = sample_entry("d" + std::to_string(i), i % 2 ? "a" : "b");
    e.eqf_level = 3 + i;  // 4..8
    e.ects = i * 1.5;     // 1.5 .. 7.5
    e.languages = {std::vector<std::string>{"en-GB", "es", "fr", "en", "de"}[i - 1]};
    e.countries = {std::vector<std::string>{"BE", "ES", "FR", "BE", "DE"}[i - 1]};
    e.skill_uris = {i == 3 ? std::string(skill_gdpr) : std::string(skill_circuits)};
    e.participation_form =
        std::vector<std::string>{"online", "onsite", "blended", "hybrid", "online"}[i - 1];
    e.pacing = i <= 2 ? "self_paced" : "cohort";
    e.synchronicity = i == 4 ? "mixed" : "asynchronous";
    e.fee_min = 100.0 * i;  // 100 .. 500
    e.fee_max = 100.0 * i + 50;
    if (i == 5) e.fee_min = e.fee_max = std::nullopt;
    e.start_date = i == 4 ? "" : "2026-0" + std::to_string(i) + "-15";
    e.published_at = {sample_now.seconds + i * 100, 0};
    out.push_back(e);
  }
  return out;
}

TEST_P(Catalogue, FiltersByEachField) {
  publish_all(filter_entries());
  using Ids = std::vector<std::string>;
  struct Row {
    std::string name;
    CatalogueQuery query;
    Ids expected;  // newest first: d5, d4, ...
  };
  const Row rows[] = {
      {"everything", {}, {"d5", "d4", "d3", "d2", "d1"}},
      {"eqf", {.eqf_level = 6}, {"d3"}},
      {"ects range", {.ects_min = 3, .ects_max = 6}, {"d4", "d3", "d2"}},
      {"ects min", {.ects_min = 6.5}, {"d5"}},
      {"ects max", {.ects_max = 1.5}, {"d1"}},
      {"language en matches en-GB", {.language = "en"}, {"d4", "d1"}},
      {"language en-GB exactly", {.language = "EN-gb"}, {"d1"}},
      {"country", {.country = "be"}, {"d4", "d1"}},
      {"institution", {.institution = "b"}, {"d4", "d2"}},
      {"skill", {.skill = std::string(skill_gdpr)}, {"d3"}},
      {"participation", {.participation_form = "online"}, {"d5", "d1"}},
      {"pacing", {.pacing = "self_paced"}, {"d2", "d1"}},
      {"synchronicity", {.synchronicity = "mixed"}, {"d4"}},
      {"fee range", {.fee_min = 200, .fee_max = 400}, {"d4", "d3", "d2"}},
      {"fee max leaves out entries without fees", {.fee_max = 150}, {"d1"}},
      {"start from", {.start_from = "2026-03-01"}, {"d5", "d3"}},
      {"start until", {.start_until = "2026-02-15"}, {"d2", "d1"}},
      {"combined", {.text = "chip", .language = "en", .country = "BE", .pacing = "cohort"}, {"d4"}},
      {"nothing", {.eqf_level = 1}, {}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto query = row.query;
    query.sort = "newest";
    EXPECT_EQ(ids(query), row.expected);
  }
}

TEST_P(Catalogue, SortsByNewestAndByStartDate) {
  publish_all(filter_entries());
  EXPECT_EQ(ids({}), (std::vector<std::string>{"d5", "d4", "d3", "d2", "d1"}));
  // Soonest first; d4 has no start date and comes last.
  EXPECT_EQ(ids({.sort = "start_date"}), (std::vector<std::string>{"d1", "d2", "d3", "d5", "d4"}));
}

TEST_P(Catalogue, RanksTitleAboveOutcomesAboveSummaryThenById) {
  auto in_title = sample_entry("z-title");
  in_title.title = "Solar energy systems";
  auto in_outcome = sample_entry("m-outcome");
  in_outcome.title = "Grid planning";
  in_outcome.learning_outcomes = {"Size solar installations for a house."};
  auto in_summary = sample_entry("a-summary");
  in_summary.title = "Energy markets";
  in_summary.summary = "Covers solar, wind and storage.";
  auto twice = sample_entry("b-title-and-outcome");
  twice.title = "Solar storage";
  twice.learning_outcomes = {"Plan a storage system."};
  auto tie = sample_entry("a-title");
  tie.title = "Solar heat";
  publish_all({in_title, in_outcome, in_summary, twice, tie});
  auto page = search({.text = "solar storage"});
  ASSERT_TRUE(page) << page.error().message;
  std::vector<std::pair<std::string, int>> got;
  for (const auto& hit : page->hits)
    got.emplace_back(hit.entry.design_id, hit.score);
  // "solar storage": b has both in its title (4 + 4); a-summary has both in its summary (1 + 1).
  EXPECT_EQ(got, (std::vector<std::pair<std::string, int>>{{"b-title-and-outcome", 8},
                                                           {"a-summary", 2}}));
  page = search({.text = "solar"});
  ASSERT_TRUE(page);
  got.clear();
  for (const auto& hit : page->hits)
    got.emplace_back(hit.entry.design_id, hit.score);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, int>>{{"a-title", 4},
                                                           {"b-title-and-outcome", 4},
                                                           {"z-title", 4},
                                                           {"m-outcome", 2},
                                                           {"a-summary", 1}}));
}

TEST_P(Catalogue, PagesWithoutDuplicatesOrGaps) {
  std::vector<CatalogueEntry> entries;
  for (int i = 0; i < 23; ++i) {
    // Ids with a line break, quotes and a space must page like any other.
    std::string odd[] = {"p\n", "p'", "p\"", "p "};
    auto e = sample_entry((i < 4 ? odd[i] : "p") + std::to_string(100 + i));
    e.title = i % 3 ? "Data science" : "Data";
    e.summary = i % 2 ? "science" : "";
    e.published_at = {sample_now.seconds + (i % 4) * 60, 0};  // ties on purpose
    e.start_date = i % 5 ? "2026-0" + std::to_string(1 + i % 7) + "-01" : "";
    entries.push_back(e);
  }
  publish_all(entries);
  for (std::string sort : {"relevance", "newest", "start_date"}) {
    for (std::size_t limit : {1u, 4u, 7u, 23u, 100u}) {
      SCOPED_TRACE(sort + " limit " + std::to_string(limit));
      auto whole = search({.text = "data", .sort = sort, .limit = 100});
      ASSERT_TRUE(whole);
      ASSERT_EQ(whole->hits.size(), 23u);
      EXPECT_TRUE(whole->next_cursor.empty());
      auto paged = all_pages({.text = "data", .sort = sort, .limit = limit});
      EXPECT_EQ(paged, whole->hits);
    }
  }
}

// Filters without text first look at the 1,000 newest (or soonest) entries; what they do
// not find there must still come, in order, with no page missing an entry.
TEST_P(Catalogue, FindsFilteredEntriesBeyondTheFirstThousand) {
  constexpr int count = 1'050;
  auto loaded = store_->transaction([&](Transaction& tx) -> Result<void> {
    for (int i = 0; i < count; ++i) {
      auto e = sample_entry("e" + std::to_string(10'000 + i));
      e.published_at = {sample_now.seconds + i / 2, 0};  // pairs share a date
      e.start_date = i % 7 ? "2026-03-" + std::to_string(10 + i % 19) : "";
      e.eqf_level = i % 100 == 0 ? 8 : 5;
      e.countries = {i < 30 ? "FI" : "BE"};
      auto made = insert_design_record(tx, "a",
                                       {.id = e.design_id,
                                        .institution_id = "a",
                                        .version = 1,
                                        .status = "published",
                                        .json = "{}",
                                        .created_at = sample_now,
                                        .updated_at = sample_now});
      if (!made) return made;
      if (auto put = put_catalogue_entry(tx, "a", e); !put) return put;
    }
    return {};
  });
  ASSERT_TRUE(loaded) << loaded.error().message;
  // The expected order, computed here: newest first, or soonest first; ties by id.
  struct Row {
    std::string id;
    std::int64_t published;
    std::string start_key;
    int eqf;
    bool finnish;
  };
  std::vector<Row> rows;
  for (int i = 0; i < count; ++i) {
    rows.push_back({"e" + std::to_string(10'000 + i), sample_now.seconds + i / 2,
                    i % 7 ? "2026-03-" + std::to_string(10 + i % 19) : "~", i % 100 == 0 ? 8 : 5,
                    i < 30});
  }
  for (std::string sort : {"newest", "start_date"}) {
    auto ordered = rows;
    std::sort(ordered.begin(), ordered.end(), [&](const Row& a, const Row& b) {
      if (sort == "newest" && a.published != b.published) return a.published > b.published;
      if (sort == "start_date" && a.start_key != b.start_key) return a.start_key < b.start_key;
      return a.id < b.id;
    });
    struct Case {
      std::string name;
      CatalogueQuery query;
      std::function<bool(const Row&)> keep;
    };
    const Case cases[] = {
        {"broad", {.eqf_level = 5, .limit = 97}, [](const Row& r) { return r.eqf == 5; }},
        {"spread", {.eqf_level = 8, .limit = 4}, [](const Row& r) { return r.eqf == 8; }},
        {"beyond", {.country = "FI", .limit = 7}, [](const Row& r) { return r.finnish; }},
        {"late start",
         {.start_from = "2026-03-25", .limit = 50},
         [](const Row& r) { return r.start_key != "~" && r.start_key >= "2026-03-25"; }},
        {"start range",
         {.start_from = "2026-03-12", .start_until = "2026-03-14", .limit = 9},
         [](const Row& r) { return r.start_key >= "2026-03-12" && r.start_key <= "2026-03-14"; }},
    };
    for (const auto& c : cases) {
      SCOPED_TRACE(sort + " " + c.name);
      auto query = c.query;
      query.sort = sort;
      std::vector<std::string> expected, got;
      for (const auto& r : ordered)
        if (c.keep(r)) expected.push_back(r.id);
      for (const auto& hit : all_pages(query))
        got.push_back(hit.entry.design_id);
      if (c.name == "broad") {
        expected.resize(400);  // the first pages are enough
        got.resize(std::min<std::size_t>(got.size(), 400));
      }
      EXPECT_EQ(got, expected);
    }
  }
}

TEST_P(Catalogue, RefusesACursorOfAnotherQuery) {
  std::vector<CatalogueEntry> entries;
  for (int i = 0; i < 3; ++i)
    entries.push_back(sample_entry("d" + std::to_string(i)));
  publish_all(entries);
  auto first = search({.text = "chip", .limit = 1});
  ASSERT_TRUE(first);
  ASSERT_FALSE(first->next_cursor.empty());
  for (const auto& query :
       {CatalogueQuery{.text = "vhdl", .cursor = first->next_cursor},
        CatalogueQuery{.text = "chip", .sort = "newest", .cursor = first->next_cursor},
        CatalogueQuery{.text = "chip", .eqf_level = 7, .cursor = first->next_cursor},
        CatalogueQuery{.text = "chip", .cursor = "not a cursor"},
        CatalogueQuery{.text = "chip", .cursor = first->next_cursor.substr(1)}}) {
    auto page = search(query);
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(page.error().field, "cursor");
  }
  // The same query with another limit may go on.
  EXPECT_TRUE(search({.text = "chip", .limit = 2, .cursor = first->next_cursor}));
}

TEST_P(Catalogue, RefusesABadQueryNamingTheField) {
  struct Row {
    CatalogueQuery query;
    std::string field;
  };
  const Row rows[] = {
      {{.eqf_level = 0}, "eqf_level"},
      {{.eqf_level = 9}, "eqf_level"},
      {{.ects_min = 10, .ects_max = 5}, "ects_min"},
      {{.ects_min = -1}, "ects_min"},
      {{.ects_max = std::numeric_limits<double>::quiet_NaN()}, "ects_max"},
      {{.fee_min = 500, .fee_max = 100}, "fee_min"},
      {{.limit = 0}, "limit"},
      {{.limit = 101}, "limit"},
      {{.sort = "price"}, "sort"},
      {{.sort = "Relevance"}, "sort"},
      {{.language = "english"}, "language"},
      {{.country = "XX"}, "country"},
      {{.country = "BEL"}, "country"},
      {{.participation_form = "distance"}, "participation_form"},
      {{.pacing = "fast"}, "pacing"},
      {{.synchronicity = "sometimes"}, "synchronicity"},
      {{.start_from = "2026-13-01"}, "start_from"},
      {{.start_until = "tomorrow"}, "start_until"},
      {{.start_from = "2026-06-01", .start_until = "2026-01-01"}, "start_from"},
      {{.text = "\"*:-()^"}, "text"},
      {{.text = std::string(1'001, 'a')}, "text"},
      {{.text = "b c d e f g h j k l m n o p q r s"}, "text"},
      {{.text = "the of in"}, "text"},
      {{.skill = std::string(600, 'x')}, "skill"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.field);
    auto page = search(row.query);
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(page.error().field, row.field);
  }
}

TEST_P(Catalogue, ReadsQuerySyntaxAsPlainWords) {
  auto a = sample_entry("d1");
  a.title = "Data science near the sea";
  auto b = sample_entry("d2");
  b.title = "Data protection";
  auto c = sample_entry("d3");
  c.title = "Marine science";
  publish_all({a, b, c});
  struct Row {
    std::string hostile;
    std::string plain;
  };
  const Row rows[] = {
      {"\"data", "data"},
      {"data\"", "data"},
      {"data*", "data"},
      {"-science", "science"},
      {"data -science", "data science"},
      {"title:data", "title data"},
      {"NEAR(data science)", "near data science"},
      {"data NEAR science", "data near science"},
      {"data OR protection", "data or protection"},
      {"data AND NOT science", "data and not science"},
      {"data & !science | sea", "data science sea"},
      {"'data' <-> science:*", "data science"},
      {"^data {science}", "data science"},
      {"data\\ science;--", "data science"},
      {"data' OR '1'='1", "data or 1 1"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.hostile);
    auto hostile = search({.text = row.hostile});
    ASSERT_TRUE(hostile) << hostile.error().message;
    auto plain = search({.text = row.plain});
    ASSERT_TRUE(plain);
    EXPECT_EQ(*hostile, *plain);
  }
  EXPECT_EQ(ids({.text = "data -science"}), std::vector<std::string>{"d1"});
  EXPECT_EQ(ids({.text = "NEAR(data science)"}), std::vector<std::string>{"d1"});
}

TEST(CatalogueTerms, FoldCaseAccentsPluralsAndIdentifiers) {
  using Terms = std::vector<std::string>;
  struct Row {
    std::string text;
    Terms terms;
  };
  const Row rows[] = {
      {"Data Science", {"data", "science"}},
      {"Gestión de Datos", {"gestion", "de", "dato"}},
      {"Straße Ærø Łódź œuvre", {"strasse", "aero", "lodz", "oeuvre"}},
      {"courses studies skills analysis business",
       {"course", "study", "skill", "analysi", "business"}},
      {"e-learning, self-paced!", {"e", "learning", "self", "paced"}},
      {"\"NEAR\" * - : ( ) ^ OR AND NOT", {"near", "not"}},
      {"ΨΗΦΙΑΚΉ Ψηφιακή", {"ψηφιακη"}},
      {"ЦИФРОВОЙ цифровой", {"цифровой"}},
      {"Ｄａｔａ２０２６", {"data2026"}},
      {"http://data.europa.eu/esco/skill/0D6A2B3C-8d1e-4f5a-9b7c-1e2d3f4a5b6c",
       {"0d6a2b3c8d1e4f5a9b7c1e2d3f4a5b6c"}},
      {"0d6a2b3c-8d1e-4f5a-9b7c-1e2d3f4a5b6c", {"0d6a2b3c8d1e4f5a9b7c1e2d3f4a5b6c"}},
      {"http://data.europa.eu/esco/skill/S2", {"s2"}},
      {"data data DATA", {"data"}},
      {"The design of chips in Europe, for the region", {"design", "chip", "europe", "region"}},
      {"e\xCC\x81t\xC3\xA9", {"ete"}},  // a decomposed and a composed é
      {"bad\xFFutf8\xC3", {"bad", "utf8"}},
      {std::string(100, 'x'), {std::string(64, 'x')}},
      {"", {}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(catalogue_terms(row.text), row.terms);
  }
}

std::string describe_query(const CatalogueQuery& q) {
  std::string out = "text=\"" + q.text + "\" sort=" + q.sort + " limit=" + std::to_string(q.limit);
  if (q.eqf_level) out += " eqf=" + std::to_string(*q.eqf_level);
  if (q.ects_min) out += " ects_min=" + std::to_string(*q.ects_min);
  if (q.ects_max) out += " ects_max=" + std::to_string(*q.ects_max);
  if (q.fee_max) out += " fee_max=" + std::to_string(*q.fee_max);
  for (const auto* v :
       {&q.language, &q.country, &q.institution, &q.participation_form, &q.start_from})
    if (!v->empty()) out += " " + *v;
  return out;
}

// A generated catalogue of small random entries: few words, so many ties.
std::vector<CatalogueEntry> random_entries(std::size_t count) {
  static const std::vector<std::string> words = {
      "data",   "science", "energy", "solar", "design", "chip",  "health", "policy",
      "ethics", "cloud",   "urban",  "food",  "safety", "robot", "marine", "finance"};
  std::uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33);
  };
  auto text = [&](std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
      out += (i ? " " : "") + words[next() % words.size()];
    return out;
  };
  std::vector<CatalogueEntry> out;
  for (std::size_t i = 0; i < count; ++i) {
    auto e = sample_entry("r" + std::to_string(1000 + next() % 9000) + "-" + std::to_string(i),
                          next() % 3 ? "a" : "b");
    e.title = text(1 + next() % 3);
    e.summary = text(next() % 6);
    e.learning_outcomes = {text(2 + next() % 3), text(next() % 3)};
    e.eqf_level = static_cast<int>(1 + next() % 8);
    e.ects = static_cast<double>(next() % 30) / 2;
    e.languages = {std::vector<std::string>{"en", "en-GB", "es", "fr"}[next() % 4]};
    e.countries = {std::vector<std::string>{"BE", "ES", "FR"}[next() % 3]};
    e.participation_form = std::vector<std::string>{"online", "onsite", "blended"}[next() % 3];
    e.fee_min = static_cast<double>(next() % 1000);
    e.fee_max = *e.fee_min + 10;
    e.start_date =
        next() % 4 ? "2026-0" + std::to_string(1 + next() % 9) + "-1" + std::to_string(next() % 10)
                   : "";
    e.published_at = {sample_now.seconds + static_cast<std::int64_t>(next() % 20) * 3600, 0};
    out.push_back(e);
  }
  return out;
}

// The same data on SQLite and PostgreSQL gives the same pages for every query: same ids,
// same order, same scores, same cursors.
TEST(CatalogueOnBothBackends, GiveTheSameResults) {
  if (auto why = support::postgres_unavailable(); !why.empty()) {
    if (support::postgres_required()) GTEST_FAIL() << why;
    GTEST_SKIP() << why;
  }
  support::TestDatabase sqlite_db(Backend::sqlite), postgres_db(Backend::postgres);
  auto sqlite = sqlite_db.open();
  auto postgres = postgres_db.open();
  auto entries = random_entries(300);
  for (auto* store : {sqlite.get(), postgres.get()}) {
    auto loaded = store->transaction([&](Transaction& tx) -> Result<void> {
      for (const auto& id : {"a", "b"})
        if (auto r = insert_institution(tx, sample_institution(id)); !r) return r;
      for (const auto& e : entries) {
        auto made = insert_design_record(tx, e.institution_id,
                                         {.id = e.design_id,
                                          .institution_id = e.institution_id,
                                          .version = 1,
                                          .status = "published",
                                          .json = "{}",
                                          .created_at = sample_now,
                                          .updated_at = sample_now});
        if (!made) return made;
        if (auto put = put_catalogue_entry(tx, e.institution_id, e); !put) return put;
      }
      return {};
    });
    ASSERT_TRUE(loaded) << loaded.error().message;
  }
  static const std::vector<std::string> texts = {
      "",       "data",           "science data",
      "solar",  "chip design",    "health policy ethics",
      "robots", "marine-finance", "\"cloud\" NEAR urban*",
      "energy", "food safety",    "designs",
      "zebra"};
  std::size_t compared = 0, nonempty = 0;
  std::uint64_t state = 7;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33);
  };
  for (std::size_t n = 0; n < 400; ++n) {
    CatalogueQuery q;
    q.text = texts[next() % texts.size()];
    if (next() % 4 == 0) q.eqf_level = static_cast<int>(1 + next() % 8);
    if (next() % 4 == 0) q.ects_min = static_cast<double>(next() % 8);
    if (next() % 5 == 0) q.ects_max = 8 + static_cast<double>(next() % 8);
    if (next() % 4 == 0) q.language = next() % 2 ? "en" : "fr";
    if (next() % 5 == 0) q.country = "es";
    if (next() % 6 == 0) q.institution = "b";
    if (next() % 6 == 0) q.participation_form = "online";
    if (next() % 6 == 0) q.fee_max = static_cast<double>(next() % 1000);
    if (next() % 6 == 0) q.start_from = "2026-04-01";
    q.sort = std::vector<std::string>{"", "relevance", "newest", "start_date"}[next() % 4];
    q.limit = 1 + next() % 30;
    SCOPED_TRACE("query " + std::to_string(n) + ": " + describe_query(q));
    // Walk every page on both, comparing page by page.
    for (int pages = 0; pages < 400; ++pages) {
      auto a = sqlite->transaction([&](Transaction& tx) { return search_catalogue(tx, q); });
      auto b = postgres->transaction([&](Transaction& tx) { return search_catalogue(tx, q); });
      ASSERT_TRUE(a) << a.error().message;
      ASSERT_TRUE(b) << b.error().message;
      ASSERT_EQ(*a, *b) << "page " << pages;
      ++compared;
      if (!a->hits.empty()) ++nonempty;
      if (a->next_cursor.empty()) break;
      q.cursor = a->next_cursor;
    }
  }
  EXPECT_GT(nonempty, compared / 2);  // the queries do find things
  std::printf("catalogue: %zu pages equal on SQLite and PostgreSQL (%zu with hits)\n", compared,
              nonempty);
}

}  // namespace
}  // namespace microcred::store
