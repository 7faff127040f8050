// `microcred catalogue search` (#6): the database is seeded here through the store, then the
// command runs as a user would run it.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include <boost/json.hpp>

#include "store/catalogue.h"
#include "store/design_records.h"
#include "store/institutions.h"
#include "store/store.h"
#include "support/run.h"
#include "support/sample_data.h"

namespace microcred {
namespace {

using support::run;

class CliCatalogue : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device device;
    dir_ = std::filesystem::temp_directory_path() /
           ("microcred-cli-catalogue-" + std::to_string(device()));
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "db.sqlite").string();
    auto store = store::open_store(url_);
    ASSERT_TRUE(store) << store.error().message;
    auto seeded = (*store)->transaction([](store::Transaction& tx) -> Result<void> {
      if (auto r = store::insert_institution(tx, support::sample_institution("a")); !r) return r;
      for (int i = 1; i <= 3; ++i) {
        std::string id = "d" + std::to_string(i);
        auto made = store::insert_design_record(tx, "a",
                                                {.id = id,
                                                 .institution_id = "a",
                                                 .version = 1,
                                                 .status = "published",
                                                 .json = "{}",
                                                 .created_at = support::sample_now,
                                                 .updated_at = support::sample_now});
        if (!made) return made;
        store::CatalogueEntry e;
        e.design_id = id;
        e.institution_id = "a";
        e.title = i == 1 ? "Chip design with VHDL" : "Data protection " + std::to_string(i);
        e.summary = "A course.";
        e.institution_name = "University a";
        e.eqf_level = 5 + i;
        e.ects = 2.5 * i;
        e.languages = {i == 3 ? "es" : "en"};
        e.countries = {"ES"};
        e.published_at = {support::sample_now.seconds + i, 0};
        if (auto put = store::put_catalogue_entry(tx, "a", e); !put) return put;
      }
      return {};
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string search(const std::string& flags) {
    return "microcred catalogue search --db '" + url_ + "' " + flags;
  }

  std::filesystem::path dir_;
  std::string url_;
};

TEST_F(CliCatalogue, PrintsMatchingEntries) {
  auto r = run(search("--q chip"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("d1 v1  Chip design with VHDL (University a)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 entry\n"), std::string::npos) << r.out;
}

TEST_F(CliCatalogue, PrintsJsonPageByPage) {
  auto first = run(search("--language en --limit 1 --json"));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto page = boost::json::parse(first.out).as_object();
  ASSERT_EQ(page.at("hits").as_array().size(), 1u);
  EXPECT_EQ(page.at("hits").as_array()[0].at("design_id").as_string(), "d2");  // newest en
  EXPECT_EQ(page.at("hits").as_array()[0].at("ects").as_double(), 5.0);
  std::string cursor(page.at("next_cursor").as_string());
  ASSERT_FALSE(cursor.empty());
  auto second = run(search("--language en --limit 1 --json --cursor " + cursor));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  page = boost::json::parse(second.out).as_object();
  EXPECT_EQ(page.at("hits").as_array()[0].at("design_id").as_string(), "d1");
  EXPECT_EQ(page.at("next_cursor").as_string(), "");
}

TEST_F(CliCatalogue, NamesTheFlagOfABadFilter) {
  struct Row {
    std::string flags;
    std::string flag;
  };
  const Row rows[] = {{"--eqf 9", "--eqf"},         {"--ects-min 5 --ects-max 1", "--ects-min"},
                      {"--limit 0", "--limit"},     {"--limit 101", "--limit"},
                      {"--sort price", "--sort"},   {"--q '\"*:-'", "--q"},
                      {"--country XX", "--country"}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.flags);
    auto r = run(search(row.flags));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(row.flag + ": "), std::string::npos) << r.err;
  }
}

TEST_F(CliCatalogue, RefusesAMissingDatabaseWithoutMakingOne) {
  auto missing = dir_ / "nowhere.sqlite";
  auto r = run("microcred catalogue search --db sqlite:" + missing.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no database"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(missing));
}

}  // namespace
}  // namespace microcred
