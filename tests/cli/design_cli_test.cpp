// `microcred design check`, run as a course designer's pipeline would (#6).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/run.h"
#include "support/testsuites.h"

namespace microcred {
namespace {

using support::run;

std::string example(const char* file) {
  return (support::source_dir() / "examples" / "designs" / file).string();
}

constexpr const char* minimal_ok = R"({"format":"microcred-design/1",
  "title":"T","learning_outcomes":[{"statement":"Design a chip."}],"ects":6,"eqf_level":6,
  "assessment":{"types":["project"]},"participation":{"form":"onsite"},
  "quality_assurance":{"types":["internal"]},
  "issuing_institution":{"name":"U","country":"BE"}})";

constexpr const char* spanish_20_ects = R"({"format":"microcred-design/1",
  "title":"T","learning_outcomes":[{"statement":"Design a chip."}],"ects":20,"eqf_level":6,
  "assessment":{"types":["project"]},"participation":{"form":"onsite"},
  "quality_assurance":{"types":["internal"]},
  "issuing_institution":{"name":"U","country":"ES"}})";

TEST(CliDesignCheck, ExitsZeroOnEveryExample) {
  for (const char* file :
       {"kuleuven-chip-design.json", "ouc-blended-intensive-programme.json",
        "ouc-masters-module.json", "uoc-spain-online-6ects.json", "uab-consortium-joint.json"}) {
    SCOPED_TRACE(file);
    auto r = run("microcred design check " + example(file));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find(": 0 errors,"), std::string::npos) << r.out;
  }
}

TEST(CliDesignCheck, PrintsOneLinePerFindingLikeACompiler) {
  auto r = run("microcred design check -", minimal_ok);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<stdin>: warning [recommended-element] /purpose: "), std::string::npos)
      << r.out;
}

TEST(CliDesignCheck, ExitsOneOnAnError) {
  auto r = run("microcred design check -", R"({"format":"microcred-design/1","ects":75})");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("<stdin>: error [ects-range] /ects: ECTS must be below 60"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("<stdin>: error [mandatory-element] /title: "), std::string::npos);
}

TEST(CliDesignCheck, CountryFlagAddsTheSpanishRule) {
  auto without = run("microcred design check -", spanish_20_ects);
  EXPECT_EQ(without.exit_code, 0) << without.out;
  auto with = run("microcred design check --country ES -", spanish_20_ects);
  EXPECT_EQ(with.exit_code, 1) << with.out;
  EXPECT_NE(with.out.find("error [national-rule] /ects: ES [es-ects-below-15]"), std::string::npos)
      << with.out;
}

TEST(CliDesignCheck, PrintsJsonFindings) {
  auto r = run("microcred design check --json --country ES -", spanish_20_ects);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto doc = boost::json::parse(r.out);
  const auto& findings = doc.at("findings").as_array();
  ASSERT_FALSE(findings.empty());
  bool spain = false;
  for (const auto& f : findings) {
    const auto& o = f.as_object();
    EXPECT_EQ(o.size(), 4u);
    for (const char* key : {"rule", "severity", "field", "message"})
      EXPECT_TRUE(o.at(key).is_string()) << key;
    spain = spain || o.at("rule") == "national-rule";
  }
  EXPECT_TRUE(spain) << r.out;
  auto clean = run("microcred design check --json " + example("kuleuven-chip-design.json"));
  EXPECT_EQ(clean.exit_code, 0);
  EXPECT_EQ(clean.out.rfind("{\"findings\":[", 0), 0u) << clean.out;
}

TEST(CliDesignCheck, ExitsTwoWhenTheFileIsNotADesign) {
  auto r = run("microcred design check -", R"({"format":"microcred-design/1","titel":"T"})");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("<stdin>:/titel: unknown key"), std::string::npos) << r.err;
  EXPECT_EQ(run("microcred design check -", "{").exit_code, 2);
  EXPECT_EQ(run("microcred design check -", R"({"a":1,"a":2})").exit_code, 2);
  EXPECT_EQ(run("microcred design check -", "[1]").exit_code, 2);
  EXPECT_EQ(run("microcred design check /nonexistent/design.json").exit_code, 2);
  EXPECT_EQ(run("microcred design check --country Spain -", minimal_ok).exit_code, 2);
  EXPECT_EQ(run("microcred design check").exit_code, 2);
}

}  // namespace
}  // namespace microcred
