// Every design in examples/designs/ is a design and passes every check with no error.
#include <filesystem>

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/design.h"
#include "domain/design_checks.h"
#include "json/parse.h"
#include "support/testsuites.h"

namespace microcred::domain {
namespace {

std::vector<std::filesystem::path> example_files() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(support::source_dir() / "examples" / "designs"))
    if (entry.path().extension() == ".json") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ExampleDesigns, AtLeastFiveAreShipped) {
  EXPECT_GE(example_files().size(), 5u);
}

TEST(ExampleDesigns, EachPassesEveryCheckWithoutError) {
  auto rules = parse_national_rules(shipped_national_rules_json());
  ASSERT_TRUE(rules);
  for (const auto& path : example_files()) {
    SCOPED_TRACE(path.filename().string());
    auto doc = json::parse(support::read_file(path));
    ASSERT_TRUE(doc) << describe(doc.error());
    auto design = design_from_json(*doc);
    ASSERT_TRUE(design) << describe(design.error());
    auto findings = check_design(*design, {.national_rules = &*rules});
    for (const auto& f : findings)
      EXPECT_NE(f.severity, Severity::error) << f.rule << " " << f.field << ": " << f.message;
    // The file is in the canonical form to_json writes, apart from whitespace and order.
    auto back = design_from_json(to_json(*design));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, *design);
  }
}

// Calls `visit` with a copy of `root` in which the value at one place is replaced by
// `replacement`, for every place in `root`.
template <class Visit>
void each_replacement(const boost::json::value& root, boost::json::value& node,
                      const boost::json::value& replacement, Visit visit) {
  if (node.is_object()) {
    for (auto& member : node.get_object()) {
      auto saved = member.value();
      member.value() = replacement;
      visit(root);
      member.value() = saved;
      each_replacement(root, member.value(), replacement, visit);
    }
  } else if (node.is_array()) {
    for (auto& item : node.get_array()) {
      auto saved = item;
      item = replacement;
      visit(root);
      item = saved;
      each_replacement(root, item, replacement, visit);
    }
  }
}

TEST(ExampleDesigns, SurviveEveryValueSwappedForEveryKind) {
  auto rules = parse_national_rules(shipped_national_rules_json());
  ASSERT_TRUE(rules);
  const boost::json::value replacements[] = {nullptr,
                                             true,
                                             0,
                                             -1,
                                             1e308,
                                             -1e308,
                                             2.5,
                                             "",
                                             "x",
                                             boost::json::array{},
                                             boost::json::object{},
                                             boost::json::array{1, "x"},
                                             boost::json::object{{"x", 1}}};
  std::size_t read = 0;
  std::size_t refused = 0;
  for (const auto& path : example_files()) {
    SCOPED_TRACE(path.filename().string());
    auto doc = json::parse(support::read_file(path));
    ASSERT_TRUE(doc);
    auto copy = *doc;
    for (const auto& replacement : replacements) {
      each_replacement(copy, copy, replacement, [&](const boost::json::value& mutated) {
        auto design = design_from_json(mutated);
        if (!design) {
          ++refused;
          EXPECT_EQ(design.error().code, ErrorCode::invalid_argument);
          EXPECT_FALSE(design.error().message.empty());
          return;
        }
        ++read;
        auto findings =
            check_design(*design, {.national_rules = &*rules, .extra_countries = {"ES", "PT"}});
        for (const auto& f : findings)
          EXPECT_FALSE(f.message.empty()) << f.rule;
        auto back = design_from_json(to_json(*design));
        ASSERT_TRUE(back);
        EXPECT_EQ(*back, *design);
      });
    }
  }
  EXPECT_GT(read, 0u);
  EXPECT_GT(refused, 0u);
}

TEST(ExampleDesigns, TheSpanishCourseFallsUnderTheSpanishRule) {
  auto rules = parse_national_rules(shipped_national_rules_json());
  ASSERT_TRUE(rules);
  auto doc = json::parse(support::read_file(support::source_dir() / "examples" / "designs" /
                                            "uoc-spain-online-6ects.json"));
  ASSERT_TRUE(doc);
  auto design = design_from_json(*doc);
  ASSERT_TRUE(design);
  design->ects = 18;
  design->workload_hours = 450;
  auto findings = check_design(*design, {.national_rules = &*rules});
  EXPECT_TRUE(has_error(findings));
}

}  // namespace
}  // namespace microcred::domain
