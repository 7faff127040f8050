#include "domain/national_rules.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include "domain/design_checks.h"

namespace microcred::domain {
namespace {

NationalRules shipped() {
  auto rules = parse_national_rules(shipped_national_rules_json());
  EXPECT_TRUE(rules) << (rules ? "" : describe(rules.error()));
  return rules ? *rules : NationalRules{};
}

MicroCredentialDesign spanish_design(double ects) {
  MicroCredentialDesign d;
  d.title = "Data governance";
  d.ects = ects;
  d.eqf_level = 6;
  d.target_countries = {"ES"};
  return d;
}

std::vector<Finding> national(const MicroCredentialDesign& d, const CheckOptions& options) {
  std::vector<Finding> out;
  for (const auto& f : check_design(d, options))
    if (f.rule == "national-rule") out.push_back(f);
  return out;
}

TEST(NationalRules, ShipsTheSpanishRule) {
  auto rules = shipped();
  ASSERT_EQ(rules.rules.size(), 1u);
  const auto& es = rules.rules[0];
  EXPECT_EQ(es.id, "es-ects-below-15");
  EXPECT_EQ(es.country, "ES");
  EXPECT_TRUE(es.error);
  EXPECT_EQ(es.ects_less_than, 15);
  EXPECT_NE(es.source.find("Royal Decree 822/2021"), std::string::npos);
}

TEST(NationalRules, SpainRefusesFifteenEctsOrMore) {
  auto rules = shipped();
  for (double ects : {15.0, 20.0, 29.0}) {
    SCOPED_TRACE(ects);
    auto found = national(spanish_design(ects), {.national_rules = &rules});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::error);
    EXPECT_EQ(found[0].field, "/ects");
    EXPECT_NE(found[0].message.find("ES [es-ects-below-15]"), std::string::npos)
        << found[0].message;
    EXPECT_NE(found[0].message.find("Royal Decree 822/2021"), std::string::npos);
  }
}

TEST(NationalRules, SpainAcceptsFewerThanFifteenEcts) {
  auto rules = shipped();
  for (double ects : {6.0, 14.5}) {
    SCOPED_TRACE(ects);
    EXPECT_TRUE(national(spanish_design(ects), {.national_rules = &rules}).empty());
  }
}

TEST(NationalRules, ApplyOnlyToTheNamedCountries) {
  auto rules = shipped();
  auto d = spanish_design(20);
  d.target_countries = {"BE"};
  auto found = national(d, {.national_rules = &rules});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::info);  // no rules known for BE
  EXPECT_EQ(found[0].field, "/target_countries/0");
  found = national(d, {.national_rules = &rules, .extra_countries = {"ES"}});
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].severity, Severity::error);
  d.target_countries.clear();
  EXPECT_TRUE(national(d, {.national_rules = &rules}).empty());
}

TEST(NationalRules, AppliesEachCountryOnce) {
  auto rules = shipped();
  auto d = spanish_design(20);
  d.target_countries = {"ES", "ES"};
  EXPECT_EQ(national(d, {.national_rules = &rules, .extra_countries = {"ES"}}).size(), 1u);
}

TEST(NationalRules, ReadEveryKindOfCondition) {
  auto rules = parse_national_rules(R"({"format":"microcred-national-rules/1","rules":[
    {"id":"xx-min","country":"PT","severity":"warning","message":"m","source":"s",
     "ects_at_least":1,"ects_at_most":30,"eqf_level_at_least":5,"eqf_level_at_most":7,
     "requires_fields":["/nqf","/admission/prior_degree"]}]})");
  ASSERT_TRUE(rules) << describe(rules.error());
  MicroCredentialDesign d;
  d.ects = 40;
  d.eqf_level = 8;
  d.target_countries = {"PT"};
  auto found = national(d, {.national_rules = &*rules});
  std::vector<std::string> fields;
  for (const auto& f : found) {
    EXPECT_EQ(f.severity, Severity::warning);
    fields.push_back(f.field);
  }
  EXPECT_EQ(fields,
            (std::vector<std::string>{"/ects", "/eqf_level", "/nqf", "/admission/prior_degree"}));
  d.ects = 10;
  d.eqf_level = 6;
  d.nqf = NqfLevel{"QNQ", "6"};
  d.admission.prior_degree = DegreeRequirement{"Licenciatura", 6};
  EXPECT_TRUE(national(d, {.national_rules = &*rules}).empty());
}

TEST(NationalRules, RefuseBadRuleFiles) {
  struct Row {
    const char* text;
    const char* field;
  };
  const Row rows[] = {
      {R"([])", ""},
      {R"({"rules":[]})", "/format"},
      {R"({"format":"microcred-national-rules/1"})", "/rules"},
      {R"({"format":"microcred-national-rules/1","rules":[],"extra":1})", "/extra"},
      {R"({"format":"microcred-national-rules/1","rules":[{"id":"a","country":"es","severity":"error","message":"m","source":"s","ects_less_than":15}]})",
       "/rules/0/country"},
      {R"({"format":"microcred-national-rules/1","rules":[{"id":"a","country":"ES","severity":"fatal","message":"m","source":"s","ects_less_than":15}]})",
       "/rules/0/severity"},
      {R"({"format":"microcred-national-rules/1","rules":[{"id":"a","country":"ES","severity":"error","message":"m","source":"","ects_less_than":15}]})",
       "/rules/0/source"},
      {R"({"format":"microcred-national-rules/1","rules":[{"id":"a","country":"ES","severity":"error","message":"m","source":"s"}]})",
       "/rules/0"},
      {R"({"format":"microcred-national-rules/1","rules":[{"id":"a","country":"ES","severity":"error","message":"m","source":"s","ects_below":15}]})",
       "/rules/0/ects_below"},
      {R"({"format":"microcred-national-rules/1","rules":[{"id":"a","country":"ES","severity":"error","message":"m","source":"s","eqf_level_at_most":9}]})",
       "/rules/0/eqf_level_at_most"},
      {R"({"format":"microcred-national-rules/1","rules":[{"id":"a","country":"ES","severity":"error","message":"m","source":"s","requires_fields":["nqf"]}]})",
       "/rules/0/requires_fields/0"},
      {R"({"format":"microcred-national-rules/1","rules":[{"id":"a","country":"ES","severity":"error","message":"m","source":"s","ects_at_most":1},{"id":"a","country":"PT","severity":"error","message":"m","source":"s","ects_at_most":1}]})",
       "/rules/1/id"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    auto rules = parse_national_rules(row.text);
    ASSERT_FALSE(rules);
    EXPECT_EQ(rules.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(rules.error().field, row.field);
  }
  auto bad_json = parse_national_rules(R"({"format":1,"format":2})");
  ASSERT_FALSE(bad_json);
  EXPECT_EQ(bad_json.error().code, ErrorCode::duplicate_key);
}

}  // namespace
}  // namespace microcred::domain
