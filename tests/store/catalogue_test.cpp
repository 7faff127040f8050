#include "store/catalogue.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
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
  Result<void> publish(const CatalogueEntry& entry) {
    return store_->transaction([&](Transaction& tx) -> Result<void> {
      if (!find_design_record(tx, entry.institution_id, entry.design_id, entry.version)) {
        auto made = insert_design_record(tx, entry.institution_id,
                                         {.id = entry.design_id,
                                          .institution_id = entry.institution_id,
                                          .version = entry.version,
                                          .status = "approved",
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

}  // namespace
}  // namespace microcred::store
