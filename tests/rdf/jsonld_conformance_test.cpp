// The W3C JSON-LD 1.1 API test suite (toRdf and expand manifests), run as data: one test
// per manifest entry, named by its id. Known deviations sit in `known_failures` with a
// reason; a listed test that starts passing fails the run, so the list stays true.
// MICROCRED_UPDATE_CONFORMANCE=1 rewrites the json-ld-api section of docs/conformance.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "json/parse.h"
#include "rdf/canonicalize.h"
#include "rdf/detail/direct_to_rdf.h"
#include "rdf/expand.h"
#include "rdf/jsonld.h"
#include "rdf/nquads.h"
#include "rdf/to_rdf.h"
#include "support/testsuites.h"

namespace microcred::rdf {
namespace {

namespace fs = std::filesystem;
namespace bj = boost::json;

constexpr std::string_view suite_base = "https://w3c.github.io/json-ld-api/tests/";

// Tests that do not apply to microcred, by id prefix of the option that rules them out.
struct KnownFailure {
  std::string_view id;
  std::string_view reason;
};

// "<manifest>#<id>" -> why it fails. Keep short; each entry is a bug or a deliberate choice.
constexpr KnownFailure known_failures[] = {
    {"toRdf#te111",
     "keeps the IRI http://example.com/vocabulary/./rel2##fragment-works, as jsonld.js does: "
     "toRdf drops exactly the IRIs jsonld.js drops (scheme, then no white space), so "
     "signatures made with it verify"},
    {"toRdf#te112", "the same IRI with two '#' as toRdf#te111, kept as jsonld.js keeps it"},
    {"toRdf#tli12", "keeps the IRI http://invalid/<>/test, as jsonld.js does (see toRdf#te111)"},
};

enum class Outcome { passed, failed, skipped, known_failure };

struct Row {
  std::string manifest;
  std::string id;
  std::string name;
  Outcome outcome;
  std::string note;
};

std::mutex rows_mutex;
std::vector<Row>& rows() {
  static std::vector<Row> r;
  return r;
}
void record(Row row) {
  std::lock_guard lock(rows_mutex);
  rows().push_back(std::move(row));
}

struct Entry {
  std::string manifest;  // "toRdf" or "expand"
  std::string id;        // "te001" (no "#")
  bj::object test;
};

void PrintTo(const Entry& entry, std::ostream* out) {
  *out << entry.manifest << "#" << entry.id;
}

std::string gtest_name(const std::string& id) {
  std::string out;
  for (char c : id)
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

std::vector<Entry> load_manifest(const std::string& manifest) {
  std::vector<Entry> out;
  auto dir = support::testsuites_dir();
  fs::path path = dir ? *dir / "json-ld-api" / (manifest + "-manifest.jsonld") : fs::path();
  if (!dir || !fs::exists(path)) {
    out.push_back({manifest, "absent", {}});
    return out;
  }
  auto doc = bj::parse(support::read_file(path));
  for (const auto& t : doc.at("sequence").as_array()) {
    std::string id(t.at("@id").as_string());
    if (id.starts_with("#")) id.erase(0, 1);
    out.push_back({manifest, id, t.as_object()});
  }
  return out;
}

// Every JSON document of the suite, under its https://w3c.github.io/json-ld-api/tests/ URL.
const ContextStore& suite_store(const fs::path& root) {
  static std::once_flag once;
  static ContextStore store;
  std::call_once(once, [&] {
    for (const auto& file : fs::recursive_directory_iterator(root)) {
      if (!file.is_regular_file()) continue;
      auto ext = file.path().extension().string();
      if (ext != ".jsonld" && ext != ".json") continue;
      std::string url(suite_base);
      url.append(fs::relative(file.path(), root).generic_string());
      (void)store.add(url, support::read_file(file.path()));
    }
  });
  return store;
}

std::string option_string(const bj::object& test, std::string_view key) {
  if (auto* option = test.if_contains("option"); option && option->is_object())
    if (auto* v = option->as_object().if_contains(key); v && v->is_string())
      return std::string(v->as_string());
  return {};
}
bool option_bool(const bj::object& test, std::string_view key) {
  if (auto* option = test.if_contains("option"); option && option->is_object())
    if (auto* v = option->as_object().if_contains(key); v && v->is_bool()) return v->as_bool();
  return false;
}
bool has_type(const bj::object& test, std::string_view type) {
  for (const auto& t : test.at("@type").as_array())
    if (t.as_string() == type) return true;
  return false;
}

// Why a test does not apply, or empty.
std::string skip_reason(const bj::object& test) {
  if (option_string(test, "specVersion") == "json-ld-1.0") return "specVersion json-ld-1.0 only";
  if (option_string(test, "processingMode") == "json-ld-1.0") return "processingMode json-ld-1.0";
  if (option_bool(test, "produceGeneralizedRdf")) return "produceGeneralizedRdf (never produced)";
  std::string input(test.at("input").as_string());
  if (input.ends_with(".html")) return "HTML input";
  return {};
}

// The JSON-LD error code an error stands for.
std::string error_code(const Error& error) {
  if (error.code == ErrorCode::unknown_context) return "loading remote context failed";
  if (error.code == ErrorCode::invalid_jsonld) {
    auto colon = error.message.find(':');
    return error.message.substr(0, colon);
  }
  return std::string(to_string(error.code));
}

// JSON-LD object comparison: arrays unordered except under @list; numbers by value;
// language tags case-insensitive.
bool same_json(const bj::value& a, const bj::value& b, bool ordered, std::string_view key);

bool same_array(const bj::array& a, const bj::array& b, bool ordered) {
  if (a.size() != b.size()) return false;
  if (ordered) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_json(a[i], b[i], false, {})) return false;
    return true;
  }
  std::vector<bool> used(b.size(), false);
  for (const auto& x : a) {
    bool found = false;
    for (std::size_t j = 0; j < b.size() && !found; ++j) {
      if (!used[j] && same_json(x, b[j], false, {})) {
        used[j] = true;
        found = true;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool same_json(const bj::value& a, const bj::value& b, bool ordered, std::string_view key) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) return same_array(a.get_array(), b.get_array(), ordered);
  if (a.is_object()) {
    const auto& x = a.get_object();
    const auto& y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& [k, v] : x) {
      auto* w = y.if_contains(k);
      if (!w || !same_json(v, *w, k == "@list", k)) return false;
    }
    return true;
  }
  if (a.is_string() && key == "@language") {
    std::string s(a.get_string()), t(b.get_string());
    for (auto& c : s)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto& c : t)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s == t;
  }
  return a == b;
}

// Dataset isomorphism by comparing RDFC-1.0 canonical forms.
Result<std::string> canonical(const Dataset& dataset) {
  auto c = canonicalize(dataset);
  if (!c) return c.error();
  return std::move(c->nquads);
}

class JsonLdApi : public testing::TestWithParam<Entry> {};

TEST_P(JsonLdApi, Passes) {
  const Entry& entry = GetParam();
  MICROCRED_REQUIRE_TESTSUITES(suites);
  const fs::path root = suites / "json-ld-api";
  const bj::object& test = entry.test;
  const std::string key = entry.manifest + "#" + entry.id;
  const std::string name(test.at("name").as_string());
  if (auto reason = skip_reason(test); !reason.empty()) {
    record({entry.manifest, entry.id, name, Outcome::skipped, reason});
    GTEST_SKIP() << reason;
  }
  const KnownFailure* known = nullptr;
  for (const auto& k : known_failures)
    if (k.id == key) known = &k;

  const std::string input(test.at("input").as_string());
  JsonLdProcessor processor(suite_store(root));
  ExpandOptions options;
  options.base = option_string(test, "base");
  if (options.base.empty()) options.base = std::string(suite_base) + input;
  bj::value expand_context;
  if (auto ec = option_string(test, "expandContext"); !ec.empty()) {
    expand_context = bj::parse(support::read_file(root / ec));
    options.expand_context = &expand_context;
  }
  ToRdfOptions rdf_options;
  if (auto d = option_string(test, "rdfDirection"); d == "i18n-datatype")
    rdf_options.rdf_direction = RdfDirection::i18n_datatype;
  else if (d == "compound-literal")
    rdf_options.rdf_direction = RdfDirection::compound_literal;

  // Run it; `problem` is empty when the outcome matches the manifest.
  std::string problem;
  auto document = json::parse(support::read_file(root / input),
                              {.max_bytes = 16 * 1024 * 1024, .max_depth = 512});
  const bool negative = has_type(test, "jld:NegativeEvaluationTest");
  if (!document) {
    problem = negative ? "" : "input does not parse: " + describe(document.error());
    if (negative &&
        error_code(document.error()) != std::string(test.at("expectErrorCode").as_string()))
      problem = "input does not parse: " + describe(document.error());
  } else if (entry.manifest == "expand") {
    auto expanded = expand(*document, processor, options);
    if (negative) {
      std::string expected(test.at("expectErrorCode").as_string());
      if (expanded)
        problem = "expected error \"" + expected + "\", got " + bj::serialize(*expanded);
      else if (error_code(expanded.error()) != expected)
        problem = "expected error \"" + expected + "\", got " + describe(expanded.error());
    } else if (!expanded) {
      problem = "unexpected error: " + describe(expanded.error());
    } else {
      // json::parse, not bj::parse: Boost.JSON 1.81 alone rounds some decimals one ulp off.
      auto expected =
          json::parse(support::read_file(root / std::string(test.at("expect").as_string())),
                      {.max_bytes = 16 * 1024 * 1024, .max_depth = 512});
      if (!expected) {
        problem = "expected output does not parse: " + describe(expected.error());
      } else if (!same_json(*expanded, *expected, false, {})) {
        problem = "got " + bj::serialize(*expanded) + "\nexpected " + bj::serialize(*expected);
      }
    }
  } else {
    auto dataset = to_rdf(*document, processor, options, rdf_options);
    // canonicalize_jsonld goes from the expanded form straight to RDFC-1.0 without a
    // Dataset; it must agree with canonicalize(to_rdf(...)) on every test, errors included.
    auto fast =
        canonicalize_jsonld(*document, processor, {.expand = options, .to_rdf = rdf_options});
    if (dataset && !fast) {
      problem = "canonicalize_jsonld failed where to_rdf did not: " + describe(fast.error());
    } else if (!dataset && fast) {
      problem = "canonicalize_jsonld succeeded where to_rdf failed: " + describe(dataset.error());
    } else if (!dataset && error_code(dataset.error()) != error_code(fast.error())) {
      problem = "canonicalize_jsonld failed with " + describe(fast.error()) + ", to_rdf with " +
                describe(dataset.error());
    } else if (dataset) {
      auto slow = canonical(*dataset);
      if (!slow || *slow != fast->nquads)
        problem = "canonicalize_jsonld differs from canonicalize(to_rdf(...)):\n" + fast->nquads;
    }
    if (!problem.empty()) {
      // Reported below like any other failure.
    } else if (negative) {
      std::string expected(test.at("expectErrorCode").as_string());
      if (dataset)
        problem = "expected error \"" + expected + "\", got " +
                  std::to_string(dataset->quads.size()) + " quads";
      else if (error_code(dataset.error()) != expected)
        problem = "expected error \"" + expected + "\", got " + describe(dataset.error());
    } else if (!dataset) {
      problem = "unexpected error: " + describe(dataset.error());
    } else if (has_type(test, "jld:PositiveEvaluationTest")) {
      auto expected_text = support::read_file(root / std::string(test.at("expect").as_string()));
      auto expected = parse_nquads(expected_text);
      if (!expected) {
        problem = "expected output does not parse: " + describe(expected.error());
      } else {
        auto got = canonical(*dataset);
        auto want = canonical(*expected);
        if (!got || !want)
          problem = "canonicalization failed";
        else if (*got != *want)
          problem = "got\n" + *got + "expected\n" + *want;
      }
    }
  }

  if (known) {
    if (problem.empty()) {
      record({entry.manifest, entry.id, name, Outcome::failed, "known failure now passes"});
      FAIL() << key << " is listed as a known failure but passes: remove it from the list";
    }
    record({entry.manifest, entry.id, name, Outcome::known_failure, std::string(known->reason)});
    GTEST_SKIP() << "known failure: " << known->reason;
  }
  if (!problem.empty()) {
    record({entry.manifest, entry.id, name, Outcome::failed, problem.substr(0, 200)});
    FAIL() << key << " (" << name << "): " << problem;
  }
  record({entry.manifest, entry.id, name, Outcome::passed, {}});
}

std::string param_name(const testing::TestParamInfo<Entry>& info) {
  return info.param.manifest + "_" + gtest_name(info.param.id);
}

INSTANTIATE_TEST_SUITE_P(ToRdf, JsonLdApi, testing::ValuesIn(load_manifest("toRdf")), param_name);
INSTANTIATE_TEST_SUITE_P(Expand, JsonLdApi, testing::ValuesIn(load_manifest("expand")), param_name);

// The direct path (detail/direct_to_rdf.h) takes the documents it knows and leaves the rest
// to expand + toRdf. On every input of both manifests, lax and in safe mode, whenever it
// takes a document it must give the dataset to_rdf gives, and it must never take one that
// to_rdf refuses.
struct DirectCounts {
  int documents = 0;
  int taken = 0;
  int disagreements = 0;
};
DirectCounts& direct_counts() {
  static DirectCounts counts;
  return counts;
}

class DirectToRdf : public testing::TestWithParam<Entry> {};

TEST_P(DirectToRdf, AgreesWithExpandAndToRdf) {
  const Entry& entry = GetParam();
  MICROCRED_REQUIRE_TESTSUITES(suites);
  const fs::path root = suites / "json-ld-api";
  const bj::object& test = entry.test;
  if (auto reason = skip_reason(test); !reason.empty()) GTEST_SKIP() << reason;
  const std::string input(test.at("input").as_string());
  auto document = json::parse(support::read_file(root / input),
                              {.max_bytes = 16 * 1024 * 1024, .max_depth = 512});
  if (!document || !document->is_object()) GTEST_SKIP() << "not a JSON object";
  JsonLdProcessor processor(suite_store(root));
  bj::value expand_context;
  if (auto ec = option_string(test, "expandContext"); !ec.empty())
    expand_context = bj::parse(support::read_file(root / ec));
  for (bool safe : {false, true}) {
    SCOPED_TRACE(safe ? "safe mode" : "lax");
    ExpandOptions options;
    options.base = option_string(test, "base");
    if (options.base.empty()) options.base = std::string(suite_base) + input;
    if (!expand_context.is_null()) options.expand_context = &expand_context;
    options.safe_mode = safe;
    ToRdfOptions rdf_options;
    rdf_options.safe_mode = safe;
    if (auto d = option_string(test, "rdfDirection"); d == "i18n-datatype")
      rdf_options.rdf_direction = RdfDirection::i18n_datatype;
    else if (d == "compound-literal")
      rdf_options.rdf_direction = RdfDirection::compound_literal;

    auto dataset = to_rdf(*document, processor, options, rdf_options);
    detail::PreparedDataset prepared;
    detail::DirectStorage storage;
    const bool taken = detail::direct_to_rdf(document->as_object(), nullptr, processor, options,
                                             rdf_options, prepared, storage);
    std::lock_guard lock(rows_mutex);
    ++direct_counts().documents;
    if (!taken) continue;
    ++direct_counts().taken;
    if (!dataset) {
      ++direct_counts().disagreements;
      ADD_FAILURE() << "the direct path took a document to_rdf refuses: "
                    << describe(dataset.error());
      continue;
    }
    auto direct = detail::canonicalize_prepared(prepared, {});
    auto general = canonical(*dataset);
    ASSERT_TRUE(direct && general);
    if (direct->nquads != *general) {
      ++direct_counts().disagreements;
      ADD_FAILURE() << "direct:\n" << direct->nquads << "expand + toRdf:\n" << *general;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ToRdf, DirectToRdf, testing::ValuesIn(load_manifest("toRdf")), param_name);
INSTANTIATE_TEST_SUITE_P(Expand, DirectToRdf, testing::ValuesIn(load_manifest("expand")),
                         param_name);

std::string escape_cell(std::string s) {
  for (auto& c : s)
    if (c == '|' || c == '\n') c = ' ';
  return s;
}

// Prints the summary lines and, on request, rewrites docs/conformance.md's section.
class Summary : public testing::Environment {
 public:
  void TearDown() override {
    std::lock_guard lock(rows_mutex);
    if (rows().empty()) return;
    std::sort(rows().begin(), rows().end(), [](const Row& a, const Row& b) {
      return std::tie(a.manifest, a.id) < std::tie(b.manifest, b.id);
    });
    std::ostringstream section;
    std::string summary_lines;
    for (std::string manifest : {"toRdf", "expand"}) {
      int passed = 0, failed = 0, skipped = 0, known = 0;
      for (const auto& r : rows()) {
        if (r.manifest != manifest) continue;
        if (r.outcome == Outcome::passed) ++passed;
        if (r.outcome == Outcome::failed) ++failed;
        if (r.outcome == Outcome::skipped) ++skipped;
        if (r.outcome == Outcome::known_failure) ++known;
      }
      if (passed + failed + skipped + known == 0) continue;
      char line[200];
      std::snprintf(line, sizeof line,
                    "json-ld-api %s: %d passed, %d failed, %d skipped (%d known failures)",
                    manifest.c_str(), passed, failed + known, skipped, known);
      std::printf("%s\n", line);
      summary_lines += std::string(line) + "\n";
      int applicable = passed + failed + known;
      char rate[160];
      std::snprintf(rate, sizeof rate, "- %s: %.1f%% of %d applicable tests pass\n",
                    manifest.c_str(), applicable ? 100.0 * passed / applicable : 0.0, applicable);
      section << rate;
    }
    section << "\n| test | name | outcome | reason |\n|---|---|---|---|\n";
    for (const auto& r : rows()) {
      if (r.outcome == Outcome::passed) continue;
      const char* outcome = r.outcome == Outcome::failed    ? "failed"
                            : r.outcome == Outcome::skipped ? "skipped"
                                                            : "known failure";
      section << "| " << r.manifest << "#" << r.id << " | " << escape_cell(r.name) << " | "
              << outcome << " | " << escape_cell(r.note) << " |\n";
    }
    if (direct_counts().documents > 0) {
      std::printf(
          "direct toRdf: took %d of %d suite documents (lax and safe mode), %d disagreed with "
          "expand + toRdf\n",
          direct_counts().taken, direct_counts().documents, direct_counts().disagreements);
    }
    const char* update = std::getenv("MICROCRED_UPDATE_CONFORMANCE");
    if (!update || std::string_view(update) != "1") return;
    fs::path doc = support::source_dir() / "docs" / "conformance.md";
    std::string text;
    if (fs::exists(doc)) text = support::read_file(doc);
    const std::string begin = "<!-- json-ld-api:begin -->";
    const std::string end = "<!-- json-ld-api:end -->";
    std::string body =
        begin +
        "\nW3C JSON-LD 1.1 API test suite, `json-ld-api/toRdf-manifest.jsonld` and "
        "`expand-manifest.jsonld` (upstream commit `92f0770`), run by "
        "`tests/rdf/jsonld_conformance_test.cpp` with "
        "`https://w3c.github.io/json-ld-api/tests/` mapped to the local folder (no network). "
        "toRdf output is compared as datasets (RDFC-1.0 of both sides), expand output as "
        "JSON-LD (arrays unordered except `@list`), negative tests by their error code (our "
        "`invalid_jsonld` messages start with the spec's code; `unknown_context` counts as "
        "\"loading remote context failed\").\n\n"
        "```\n$ ninja -C build jsonld_tests && build/tests/rdf/jsonld_tests "
        "--gtest_filter='*JsonLdApi*'\n...\n" +
        summary_lines + "```\n\n" + section.str() +
        "\nRegenerate with `MICROCRED_UPDATE_CONFORMANCE=1 build/tests/rdf/jsonld_tests`; "
        "passing tests are not listed.\n" +
        end;
    auto b = text.find(begin);
    auto e = text.find(end);
    if (b != std::string::npos && e != std::string::npos) {
      text.replace(b, e + end.size() - b, body);
    } else {
      if (text.empty()) text = "# Conformance\n";
      text += "\n## json-ld-api\n\n" + body + "\n";
    }
    std::ofstream(doc, std::ios::binary) << text;
  }
};

const auto* summary = testing::AddGlobalTestEnvironment(new Summary);

}  // namespace
}  // namespace microcred::rdf
