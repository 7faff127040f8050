// The W3C rdf-canon test suite (RDFC-1.0), run from its manifest: one test per entry,
// named by its id. Reads $MICROCRED_TESTSUITES/rdf-canon; skips when it is absent.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "rdf/canonicalize.h"
#include "rdf/nquads.h"
#include "support/testsuites.h"

namespace microcred::rdf {
namespace {

constexpr const char* suite_folder = "rdf-canon";
constexpr const char* summary_suite = "RdfCanon";

struct Entry {
  std::string id;  // "test001c", without the manifest's '#'
  std::string type;
  std::string name;
  std::string action;
  std::string result;
  HashAlgorithm hash = HashAlgorithm::sha256;
};

void PrintTo(const Entry& entry, std::ostream* out) {
  *out << entry.id << " (" << entry.name << ")";
}

// Known deviations: test id -> reason. Empty: every test passes. It also feeds
// docs/conformance.md.
const std::vector<std::pair<std::string, std::string>> known_deviations = {};

std::vector<Entry> load_manifest() {
  auto root = support::testsuites_dir();
  if (!root) return {Entry{.id = "missing"}};
  const auto manifest_path = *root / suite_folder / "manifest.jsonld";
  if (!std::filesystem::exists(manifest_path)) return {Entry{.id = "missing"}};
  const boost::json::value manifest = boost::json::parse(support::read_file(manifest_path));
  std::vector<Entry> entries;
  for (const auto& item : manifest.at("entries").as_array()) {
    const auto& object = item.as_object();
    Entry entry;
    entry.id = std::string(object.at("id").as_string());
    if (!entry.id.empty() && entry.id.front() == '#') entry.id.erase(0, 1);
    entry.type = std::string(object.at("type").as_string());
    entry.name = std::string(object.at("name").as_string());
    entry.action = std::string(object.at("action").as_string());
    if (const auto* result = object.if_contains("result"))
      entry.result = std::string(result->as_string());
    if (const auto* hash = object.if_contains("hashAlgorithm")) {
      if (hash->as_string() == "SHA384") entry.hash = HashAlgorithm::sha384;
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

class RdfCanon : public testing::TestWithParam<Entry> {};

TEST_P(RdfCanon, Passes) {
  MICROCRED_REQUIRE_TESTSUITES(testsuites);
  const Entry& entry = GetParam();
  if (entry.id == "missing") GTEST_SKIP() << "rdf-canon suite not found under " << testsuites;
  const auto folder = testsuites / suite_folder;
  for (const auto& [id, reason] : known_deviations) {
    if (id == entry.id) GTEST_SKIP() << "known deviation: " << reason;
  }

  auto dataset = parse_nquads(support::read_file(folder / entry.action));
  ASSERT_TRUE(dataset) << entry.action << ": " << dataset.error().message;
  const CanonicalizeOptions options{.hash = entry.hash};

  if (entry.type == "rdfc:RDFC10NegativeEvalTest") {
    const auto start = std::chrono::steady_clock::now();
    auto canonical = canonicalize(*dataset, options);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(canonical) << "a poison graph must hit the work limit";
    EXPECT_EQ(canonical.error().code, ErrorCode::work_limit_exceeded) << canonical.error().message;
    // The suite asks for the error within one second.
    EXPECT_LT(elapsed, std::chrono::seconds(1));
    return;
  }

  auto canonical = canonicalize(*dataset, options);
  ASSERT_TRUE(canonical) << canonical.error().message;
  const std::string expected = support::read_file(folder / entry.result);
  if (entry.type == "rdfc:RDFC10EvalTest") {
    EXPECT_EQ(canonical->nquads, expected);
  } else if (entry.type == "rdfc:RDFC10MapTest") {
    boost::json::object actual;
    for (const auto& [from, to] : canonical->issued)
      actual[from] = to;
    EXPECT_EQ(boost::json::value(actual), boost::json::parse(expected))
        << "actual map: " << boost::json::serialize(actual);
  } else {
    FAIL() << "unknown test type " << entry.type;
  }
}

INSTANTIATE_TEST_SUITE_P(W3c, RdfCanon, testing::ValuesIn(load_manifest()),
                         [](const testing::TestParamInfo<Entry>& info) { return info.param.id; });

// Prints "rdf-canon: N passed, M failed" after the run.
class Summary : public testing::Environment {
 public:
  void TearDown() override {
    const auto& unit = *testing::UnitTest::GetInstance();
    int passed = 0, failed = 0, skipped = 0;
    for (int s = 0; s < unit.total_test_suite_count(); ++s) {
      const auto& suite = *unit.GetTestSuite(s);
      if (std::string(suite.name()).find(summary_suite) == std::string::npos) continue;
      for (int t = 0; t < suite.total_test_count(); ++t) {
        const auto& info = *suite.GetTestInfo(t);
        if (!info.should_run()) continue;
        if (info.result()->Skipped()) {
          ++skipped;
        } else if (info.result()->Passed()) {
          ++passed;
        } else {
          ++failed;
        }
      }
    }
    std::printf("rdf-canon: %d passed, %d failed", passed, failed);
    if (skipped > 0) std::printf(", %d skipped", skipped);
    std::printf("\n");
  }
};

[[maybe_unused]] testing::Environment* const summary =
    testing::AddGlobalTestEnvironment(new Summary);

}  // namespace
}  // namespace microcred::rdf
