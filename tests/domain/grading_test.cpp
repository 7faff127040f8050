#include "domain/grading.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <cmath>

#include <boost/json.hpp>

#include "domain/design.h"
#include "json/parse.h"
#include "support/testsuites.h"

namespace microcred::domain {
namespace {

GradingScheme numeric(double min, double max, double pass, int decimals) {
  GradingScheme s;
  s.kind = GradingKind::numeric;
  s.min = min;
  s.max = max;
  s.pass_mark = pass;
  s.decimals = decimals;
  return s;
}

GradingScheme ects_letters() {
  GradingScheme s;
  s.kind = GradingKind::letter;
  s.letters = {"A", "B", "C", "D", "E", "FX", "F"};
  s.lowest_pass = "E";
  return s;
}

TEST(Grading, ChecksNumericGrades) {
  auto scheme = numeric(0, 20, 10, 1);
  struct Row {
    std::string_view grade;
    std::string canonical;
    bool passed;
  };
  for (const auto& row :
       {Row{"14", "14", true}, Row{"14.5", "14.5", true}, Row{"14,5", "14.5", true},
        Row{" 10 ", "10", true}, Row{"9.9", "9.9", false}, Row{"0", "0", false},
        Row{"20", "20", true}, Row{"12.50", "12.5", true}, Row{"12.0", "12", true}}) {
    SCOPED_TRACE(row.grade);
    auto check = check_grade(scheme, row.grade);
    ASSERT_TRUE(check) << check.error().message;
    EXPECT_EQ(check->grade, row.canonical);
    EXPECT_EQ(check->passed, row.passed);
  }
}

TEST(Grading, RefusesNumericGradesTheSchemeDoesNotAllow) {
  auto scheme = numeric(0, 20, 10, 1);
  struct Row {
    std::string_view grade;
    std::string_view says;
  };
  for (const auto& row :
       {Row{"21", "grade 21 is outside 0-20"}, Row{"-1", "outside 0-20"},
        Row{"14.25", "2 decimals; the scheme allows 1"}, Row{"abc", "is not a number"},
        Row{"1e1", "is not a number"}, Row{"", "the grade is missing"},
        Row{"14.", "is not a number"}, Row{"B", "is not a number"}}) {
    SCOPED_TRACE(row.grade);
    auto check = check_grade(scheme, row.grade);
    ASSERT_FALSE(check);
    EXPECT_EQ(check.error().field, "grade");
    EXPECT_NE(check.error().message.find(std::string(row.says)), std::string::npos)
        << check.error().message;
  }
  auto whole = numeric(0, 10, 5, 0);
  EXPECT_FALSE(check_grade(whole, "7.5"));
  EXPECT_TRUE(check_grade(whole, "7.0"));  // trailing zeros are not decimals
}

TEST(Grading, ChecksLetterAndPassFailGrades) {
  auto letters = ects_letters();
  EXPECT_EQ(*check_grade(letters, "b"), (GradeCheck{"B", true}));
  EXPECT_EQ(*check_grade(letters, "E"), (GradeCheck{"E", true}));
  EXPECT_EQ(*check_grade(letters, "fx"), (GradeCheck{"FX", false}));
  EXPECT_EQ(*check_grade(letters, "F"), (GradeCheck{"F", false}));
  auto bad = check_grade(letters, "G");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("A, B, C, D, E, FX, F"), std::string::npos);

  GradingScheme pass_fail;
  EXPECT_EQ(*check_grade(pass_fail, "Pass"), (GradeCheck{"pass", true}));
  EXPECT_EQ(*check_grade(pass_fail, "passed"), (GradeCheck{"pass", true}));
  EXPECT_EQ(*check_grade(pass_fail, "FAIL"), (GradeCheck{"fail", false}));
  EXPECT_FALSE(check_grade(pass_fail, "10"));
  EXPECT_FALSE(check_grade(pass_fail, std::string(100, 'p')));
}

TEST(Grading, ChecksSchemes) {
  EXPECT_TRUE(check_grading_scheme(numeric(0, 20, 10, 1)).empty());
  EXPECT_TRUE(check_grading_scheme(ects_letters()).empty());
  EXPECT_TRUE(check_grading_scheme(GradingScheme{}).empty());

  struct Row {
    GradingScheme scheme;
    std::string field;
    Severity severity;
  };
  GradingScheme one_letter = ects_letters();
  one_letter.letters = {"A"};
  one_letter.lowest_pass = "A";
  GradingScheme twice = ects_letters();
  twice.letters.push_back("a");
  GradingScheme no_pass = ects_letters();
  no_pass.lowest_pass = "";
  GradingScheme unknown_pass = ects_letters();
  unknown_pass.lowest_pass = "G";
  GradingScheme all_pass = ects_letters();
  all_pass.lowest_pass = "F";
  GradingScheme pf_letters;
  pf_letters.letters = {"P", "F"};
  GradingScheme numeric_letters = numeric(0, 10, 5, 0);
  numeric_letters.letters = {"A"};
  for (const auto& row : {
           Row{numeric(20, 0, 10, 0), "/grading_scheme/max", Severity::error},
           Row{numeric(0, 20, 25, 0), "/grading_scheme/pass_mark", Severity::error},
           Row{numeric(0, 20, 0, 0), "/grading_scheme/pass_mark", Severity::warning},
           Row{numeric(0, 20, 10, 4), "/grading_scheme/decimals", Severity::error},
           Row{numeric(0, 20, 10, -1), "/grading_scheme/decimals", Severity::error},
           Row{one_letter, "/grading_scheme/letters", Severity::error},
           Row{twice, "/grading_scheme/letters/7", Severity::error},
           Row{no_pass, "/grading_scheme/lowest_pass", Severity::error},
           Row{unknown_pass, "/grading_scheme/lowest_pass", Severity::error},
           Row{all_pass, "/grading_scheme/lowest_pass", Severity::warning},
           Row{pf_letters, "/grading_scheme/letters", Severity::error},
           Row{numeric_letters, "/grading_scheme/letters", Severity::error},
       }) {
    SCOPED_TRACE(row.field);
    auto findings = check_grading_scheme(row.scheme, "/grading_scheme");
    ASSERT_FALSE(findings.empty());
    bool found = false;
    for (const auto& f : findings) {
      EXPECT_EQ(f.rule, "grading-scheme");
      found = found || (f.field == row.field && f.severity == row.severity);
    }
    EXPECT_TRUE(found) << findings[0].field << ": " << findings[0].message;
  }
}

TEST(Grading, ReadsTheExampleDesignsSchemes) {
  struct Row {
    std::string_view text;
    GradingScheme scheme;
  };
  for (const auto& row : {
           Row{"0-10 scale; 5 or more is a pass.", numeric(0, 10, 5, 2)},
           Row{"0-20 scale; 10 or more is a pass.", numeric(0, 20, 10, 2)},
           Row{"0-10 scale (Spanish university scale); 5 or more is a pass.", numeric(0, 10, 5, 2)},
           Row{"Scores from 0 to 100, pass mark 55", numeric(0, 100, 55, 2)},
           Row{"0\xE2\x80\x93"
               "20, at least 12",
               numeric(0, 20, 12, 2)},
           Row{"1-5.5; minimum of 3.5", numeric(1, 5.5, 3.5, 2)},
           Row{"Pass / fail.", GradingScheme{}},
           Row{"Pass / fail with written feedback.", GradingScheme{}},
           Row{"pass-fail", GradingScheme{}},
           Row{"ECTS grades A-F (FX fails)", ects_letters()},
       }) {
    SCOPED_TRACE(row.text);
    auto scheme = read_grading_scheme(row.text);
    ASSERT_TRUE(scheme) << scheme.error().message;
    EXPECT_EQ(*scheme, row.scheme) << describe(*scheme);
  }
  auto abc = read_grading_scheme("Letters A-D, C or better passes");
  ASSERT_TRUE(abc);
  EXPECT_EQ(abc->letters, (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_EQ(abc->lowest_pass, "C");
}

TEST(Grading, ReadsEveryExampleDesignsScheme) {
  int read = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(support::source_dir() / "examples" / "designs")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto json = json::parse(support::read_file(entry.path()));
    ASSERT_TRUE(json);
    auto design = design_from_json(*json);
    ASSERT_TRUE(design) << describe(design.error());
    if (design->grading_scheme.empty()) continue;
    auto scheme = read_grading_scheme(design->grading_scheme);
    EXPECT_TRUE(scheme) << scheme.error().message;
    if (scheme) {
      EXPECT_TRUE(check_grading_scheme(*scheme).empty()) << describe(*scheme);
    }
    ++read;
  }
  EXPECT_GE(read, 5);
}

TEST(Grading, SaysWhyASchemeTextCannotBeRead) {
  struct Row {
    std::string_view text;
    std::string_view says;
  };
  for (const auto& row :
       {Row{"", "no grading scheme"}, Row{"0-20", "gives the range 0-20 but no pass mark"},
        Row{"Letters A-D", "lowest pass"}, Row{"Graded by the teacher", "cannot read"}}) {
    SCOPED_TRACE(row.text);
    auto scheme = read_grading_scheme(row.text);
    ASSERT_FALSE(scheme);
    EXPECT_EQ(scheme.error().field, "/grading_scheme");
    EXPECT_NE(scheme.error().message.find(std::string(row.says)), std::string::npos)
        << scheme.error().message;
    EXPECT_NE(scheme.error().message.find("10 or more is a pass"), std::string::npos);
  }
  EXPECT_FALSE(read_grading_scheme(std::string(5'000, 'x')));
}

TEST(Grading, ReadsLongOrOddTextsWithoutTrouble) {
  for (const std::string& text :
       {std::string(1'999, '-'), std::string(1'000, '1') + "-" + std::string(990, '2'),
        "0-20" + std::string(1'990, ' '), std::string(500, '9') + "-1e400",
        std::string("\0-1", 3)}) {
    auto scheme = read_grading_scheme(text);
    if (scheme) {
      EXPECT_FALSE(describe(*scheme).empty());
    }
  }
  auto huge = read_grading_scheme("0-" + std::string(400, '9') + " or more");
  if (huge) {
    EXPECT_TRUE(std::isfinite(huge->max) || !check_grading_scheme(*huge).empty());
  }
}

TEST(Grading, DescribesSchemes) {
  EXPECT_EQ(describe(numeric(0, 20, 10, 1)), "0-20, pass from 10");
  EXPECT_EQ(describe(numeric(1, 5.5, 3.5, 1)), "1-5.5, pass from 3.5");
  EXPECT_EQ(describe(ects_letters()), "A-F, pass from E");
  EXPECT_EQ(describe(GradingScheme{}), "pass/fail");
}

TEST(Grading, RoundTripsJson) {
  for (const auto& scheme :
       {numeric(0, 20, 10, 1), numeric(1, 5.5, 3.5, 2), ects_letters(), GradingScheme{}}) {
    SCOPED_TRACE(describe(scheme));
    auto back = grading_scheme_from_json(to_json(scheme));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, scheme);
  }
  EXPECT_EQ(boost::json::serialize(to_json(numeric(0, 20, 10, 1))),
            R"({"kind":"numeric","min":0,"max":20,"pass_mark":10,"decimals":1})");
}

TEST(Grading, RefusesBadJsonNamingTheField) {
  struct Row {
    std::string_view json;
    std::string_view field;
  };
  for (const auto& row : {
           Row{R"({"min":0})", "/g/kind"},
           Row{R"({"kind":"stars"})", "/g/kind"},
           Row{R"({"kind":"numeric","max":20,"pass_mark":10})", "/g/min"},
           Row{R"({"kind":"numeric","min":0,"max":"20","pass_mark":10})", "/g/max"},
           Row{R"({"kind":"numeric","min":0,"max":20,"pass_mark":10,"decimals":9})", "/g/decimals"},
           Row{R"({"kind":"letter","letters":["A","B"]})", "/g/lowest_pass"},
           Row{R"({"kind":"letter","lowest_pass":"A"})", "/g/letters"},
           Row{R"({"kind":"pass_fail","letters":["P"]})", "/g/letters"},
           Row{R"({"kind":"pass_fail","pas_mark":3})", "/g/pas_mark"},
           Row{R"([])", "/g"},
       }) {
    SCOPED_TRACE(row.json);
    auto json = json::parse(row.json);
    ASSERT_TRUE(json);
    auto scheme = grading_scheme_from_json(*json, "/g");
    ASSERT_FALSE(scheme);
    EXPECT_EQ(scheme.error().field, row.field) << scheme.error().message;
  }
}

}  // namespace
}  // namespace microcred::domain
