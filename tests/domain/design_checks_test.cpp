#include "domain/design_checks.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace microcred::domain {
namespace {

// A design every check passes without a single finding.
MicroCredentialDesign clean_design() {
  MicroCredentialDesign d;
  d.title = "Chip design";
  d.purpose = "Train chip designers";
  d.target_audience = "Engineers";
  d.learning_outcomes = {{"Design a digital chip from a specification.",
                          {"http://data.europa.eu/esco/skill/S5"},
                          std::nullopt}};
  d.ects = 6;
  d.workload_hours = 165;
  d.eqf_level = 7;
  d.assessment.types = {AssessmentType::project};
  d.participation.form = ParticipationForm::onsite;
  d.quality_assurance.types = {QualityAssuranceType::internal};
  d.languages = {"en"};
  d.contact.url = "https://example.org";
  d.duration = {12, DurationUnit::weeks, ""};
  d.fees.tiers = {{"Standard", 1800, "EUR", true, "", {}}};
  d.issuing_institution = {"KU Leuven", "https://www.kuleuven.be", "BE", ""};
  return d;
}

std::vector<Finding> of_rule(const std::vector<Finding>& findings, std::string_view rule) {
  std::vector<Finding> out;
  for (const auto& f : findings)
    if (f.rule == rule) out.push_back(f);
  return out;
}

std::string dump(const std::vector<Finding>& findings) {
  return boost::json::serialize(to_json(findings));
}

// One finding of `rule`, with `severity` at `field`.
void expect_one(const MicroCredentialDesign& d, std::string_view rule, Severity severity,
                std::string_view field, const CheckOptions& options = {}) {
  auto all = check_design(d, options);
  auto found = of_rule(all, rule);
  ASSERT_EQ(found.size(), 1u) << dump(all);
  EXPECT_EQ(found[0].severity, severity) << dump(all);
  EXPECT_EQ(found[0].field, field) << dump(all);
  EXPECT_FALSE(found[0].message.empty());
}

void expect_none(const MicroCredentialDesign& d, std::string_view rule,
                 const CheckOptions& options = {}) {
  auto all = check_design(d, options);
  EXPECT_TRUE(of_rule(all, rule).empty()) << dump(all);
}

TEST(DesignChecks, FindNothingInACleanDesign) {
  auto findings = check_design(clean_design());
  EXPECT_TRUE(findings.empty()) << dump(findings);
  EXPECT_FALSE(has_error(findings));
}

TEST(DesignChecks, MandatoryElementNamesEachMissingEuElement) {
  MicroCredentialDesign empty;
  auto found = of_rule(check_design(empty), "mandatory-element");
  std::vector<std::string> fields;
  for (const auto& f : found)
    fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"/title", "/issuing_institution/name",
                                              "/issuing_institution/country", "/learning_outcomes",
                                              "/ects", "/eqf_level", "/assessment/types",
                                              "/participation/form", "/quality_assurance/types"}));
  EXPECT_TRUE(has_error(found));
  expect_none(clean_design(), "mandatory-element");
}

TEST(DesignChecks, MandatoryElementFlagsAnEmptyOutcomeAndNamelessAwardingBody) {
  auto d = clean_design();
  d.learning_outcomes.push_back({"  ", {}, std::nullopt});
  expect_one(d, "mandatory-element", Severity::error, "/learning_outcomes/1/statement");
  d = clean_design();
  d.awarding_bodies = {{"", "", "BE", ""}};
  expect_one(d, "mandatory-element", Severity::error, "/awarding_bodies/0/name");
}

TEST(DesignChecks, MandatoryElementWarnsWhenOnlyHoursOrOnlyNqfAreGiven) {
  auto d = clean_design();
  d.ects.reset();
  expect_one(d, "mandatory-element", Severity::warning, "/ects");
  d = clean_design();
  d.eqf_level.reset();
  d.nqf = NqfLevel{"MECES", "2"};
  expect_one(d, "mandatory-element", Severity::warning, "/eqf_level");
}

TEST(DesignChecks, RecommendedElementWarnsAboutMissingCommunicationAspects) {
  auto d = clean_design();
  d.target_audience.clear();
  expect_one(d, "recommended-element", Severity::warning, "/target_audience");
  d = clean_design();
  d.fees.tiers.clear();
  expect_one(d, "recommended-element", Severity::info, "/fees/tiers");
  expect_none(clean_design(), "recommended-element");
}

TEST(DesignChecks, OutcomeVagueVerbSuggestsABloomVerb) {
  struct Row {
    const char* statement;
    const char* suggestion;
  };
  const Row rows[] = {
      {"Understand the basics of chip design.", "\"explain\""},
      {"Know the GDPR.", "\"describe\""},
      {"Be aware of accessibility rules.", "\"identify\""},
      {"Learners will be able to appreciate open licences.", "\"discuss\""},
      {"On completion, the learner will be able to understand timing.", "\"explain\""},
      {"Learn Python.", "\"apply\""},
      {"Students will know how to debug.", "\"demonstrate\""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.statement);
    auto d = clean_design();
    d.learning_outcomes[0].statement = row.statement;
    expect_one(d, "outcome-vague-verb", Severity::warning, "/learning_outcomes/0/statement");
    auto found = of_rule(check_design(d), "outcome-vague-verb");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].message.find(row.suggestion), std::string::npos) << found[0].message;
  }
}

TEST(DesignChecks, OutcomeVagueVerbAcceptsActionVerbs) {
  for (const char* statement :
       {"Design a digital chip.", "Learners will be able to explain timing closure.",
        "The student can evaluate models with cross-validation.",
        "Knowledge-free: identify the legal basis."}) {
    SCOPED_TRACE(statement);
    auto d = clean_design();
    d.learning_outcomes[0].statement = statement;
    expect_none(d, "outcome-vague-verb");
  }
}

TEST(DesignChecks, OutcomeActionVerbNotesAnUnknownFirstWord) {
  auto d = clean_design();
  d.learning_outcomes[0].statement = "Chip design fundamentals.";
  expect_one(d, "outcome-action-verb", Severity::info, "/learning_outcomes/0/statement");
  expect_none(clean_design(), "outcome-action-verb");
}

TEST(DesignChecks, EctsRangeErrsAtZeroAndSixtyAndWarnsFromThirty) {
  struct Row {
    double ects;
    std::optional<Severity> severity;
  };
  const Row rows[] = {{0, Severity::error},      {-1, Severity::error}, {0.5, std::nullopt},
                      {14.5, std::nullopt},      {29.9, std::nullopt},  {30, Severity::warning},
                      {59.5, Severity::warning}, {60, Severity::error}, {75, Severity::error}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.ects);
    auto d = clean_design();
    d.ects = row.ects;
    d.workload_hours.reset();
    if (row.severity)
      expect_one(d, "ects-range", *row.severity, "/ects");
    else
      expect_none(d, "ects-range");
  }
}

TEST(DesignChecks, HoursPerEctsWarnsOutsideTwentyFiveToThirty) {
  struct Row {
    double hours;
    bool warned;
  };
  const Row rows[] = {{150, false}, {180, false}, {149, true}, {181, true}, {40, true}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.hours);
    auto d = clean_design();
    d.ects = 6;
    d.workload_hours = row.hours;
    if (row.warned)
      expect_one(d, "hours-per-ects", Severity::warning, "/workload_hours");
    else
      expect_none(d, "hours-per-ects");
  }
  auto d = clean_design();
  d.workload_hours = 0;
  expect_one(d, "hours-per-ects", Severity::error, "/workload_hours");
}

TEST(DesignChecks, SuccessHoursAddUpToTheWorkload) {
  auto d = clean_design();
  d.success_requirements.hours_online = 45;
  d.success_requirements.hours_offline = 120;
  expect_none(d, "success-hours");
  d.success_requirements.hours_offline = 100;
  expect_one(d, "success-hours", Severity::warning, "/success_requirements");
  d.success_requirements.hours_offline.reset();
  expect_none(d, "success-hours");  // online only: the rest may be offline
  d.success_requirements.hours_online = 200;
  expect_one(d, "success-hours", Severity::warning, "/success_requirements");
}

TEST(DesignChecks, EqfLevelIsOneToEight) {
  for (int level : {0, 9, -1}) {
    SCOPED_TRACE(level);
    auto d = clean_design();
    d.eqf_level = level;
    expect_one(d, "eqf-level", Severity::error, "/eqf_level");
  }
  for (int level = 1; level <= 8; ++level) {
    auto d = clean_design();
    d.eqf_level = level;
    expect_none(d, "eqf-level");
  }
  auto d = clean_design();
  d.learning_outcomes[0].eqf_level = 10;
  expect_one(d, "eqf-level", Severity::error, "/learning_outcomes/0/eqf_level");
  d = clean_design();
  d.admission.prior_degree = DegreeRequirement{"Bachelor", 0};
  expect_one(d, "eqf-level", Severity::error, "/admission/prior_degree/eqf_level");
}

TEST(DesignChecks, EqfLevelMustMatchTheCycle) {
  auto d = clean_design();
  d.eqf_level = 7;
  d.cycle = QfEheaCycle::second_cycle;
  expect_none(d, "eqf-level");
  d.cycle = QfEheaCycle::first_cycle;
  expect_one(d, "eqf-level", Severity::error, "/cycle");
}

TEST(DesignChecks, OnlineAssessmentNeedsASupervisionMode) {
  auto d = clean_design();
  d.participation.form = ParticipationForm::online;
  expect_one(d, "online-assessment-supervision", Severity::error, "/supervision");
  d.supervision = SupervisionMode::supervised_online_identity_verification;
  expect_none(d, "online-assessment-supervision");

  d = clean_design();
  d.assessment.types.push_back(AssessmentType::online_exam);
  expect_one(d, "online-assessment-supervision", Severity::error, "/supervision");

  d = clean_design();
  d.participation.form = ParticipationForm::blended;
  expect_one(d, "online-assessment-supervision", Severity::warning, "/supervision");
  expect_none(clean_design(), "online-assessment-supervision");
}

TEST(DesignChecks, StackableTargetIsRequired) {
  auto d = clean_design();
  d.stackability.kind = Stackability::stackable;
  expect_one(d, "stackable-target", Severity::error, "/stackability/towards");
  d.stackability.towards = {{"MSc Electrical Engineering", ""}};
  expect_none(d, "stackable-target");
  d.stackability.kind = Stackability::standalone;
  expect_one(d, "stackable-target", Severity::warning, "/stackability/kind");
  d = clean_design();
  d.stackability.kind = Stackability::integrated;
  expect_one(d, "stackable-target", Severity::warning, "/stackability/towards");
}

TEST(DesignChecks, OriginModuleNeedsProgrammeAndCode) {
  auto d = clean_design();
  d.origin.kind = OriginKind::degree_module;
  auto found = of_rule(check_design(d), "origin-module");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].field, "/origin/programme");
  EXPECT_EQ(found[1].field, "/origin/module_code");
  d.origin = {OriginKind::degree_module, "MSc Data Science", "DSA510"};
  expect_none(d, "origin-module");
}

TEST(DesignChecks, LifespanDatesAreOrdered) {
  auto d = clean_design();
  d.lifespan.available_from = "2026-01-01";
  d.lifespan.available_until = "2025-12-31";
  expect_one(d, "lifespan-order", Severity::error, "/lifespan/available_until");
  d.lifespan.available_until = "2026-01-01";
  expect_none(d, "lifespan-order");
  d.lifespan.available_until.clear();
  expect_none(d, "lifespan-order");
}

TEST(DesignChecks, ValidityPeriodIsPositive) {
  auto d = clean_design();
  d.validity_months = 0;
  expect_one(d, "validity-period", Severity::error, "/validity_months");
  d.validity_months = 36;
  expect_none(d, "validity-period");
}

TEST(DesignChecks, DurationHasAPositiveValueAndAUnit) {
  auto d = clean_design();
  d.duration = {0, DurationUnit::days, ""};
  expect_one(d, "duration", Severity::error, "/duration/value");
  d.duration = {3, std::nullopt, ""};
  expect_one(d, "duration", Severity::error, "/duration/unit");
  expect_none(clean_design(), "duration");
}

TEST(DesignChecks, FeeTiersAreConsistent) {
  auto d = clean_design();
  d.fees.tiers = {{"Standard", -5, "EUR", true, "", {}}};
  expect_one(d, "fee-tiers", Severity::error, "/fees/tiers/0/amount");

  d.fees.tiers = {{"Standard", 100, "EUR", true, "", {{"Alumni", 150, ""}}}};
  expect_one(d, "fee-tiers", Severity::error, "/fees/tiers/0/discounts/0/amount");

  d.fees.tiers = {{"Standard", 100, "EUR", true, "", {{"Alumni", -1, ""}}}};
  expect_one(d, "fee-tiers", Severity::error, "/fees/tiers/0/discounts/0/amount");

  d.fees.tiers = {{"Standard", 100, "EUR", true, "", {}}, {"Standard", 50, "EUR", false, "", {}}};
  expect_one(d, "fee-tiers", Severity::error, "/fees/tiers/1/name");

  d.fees.tiers = {{"Standard", 100, "euro", true, "", {}}};
  expect_one(d, "fee-tiers", Severity::error, "/fees/tiers/0/currency");

  d.fees.tiers = {{"A", 100, "EUR", true, "", {}}, {"B", 100, "CHF", true, "", {}}};
  expect_one(d, "fee-tiers", Severity::warning, "/fees/tiers");

  d.fees.tiers = {{"Assessed", 100, "EUR", true, "", {{"Unemployed", 100, ""}}},
                  {"Attendance", 0, "EUR", false, "", {}}};
  expect_none(d, "fee-tiers");
}

TEST(DesignChecks, LanguageCodesAreBcp47) {
  auto d = clean_design();
  d.languages = {"en", "english"};
  expect_one(d, "language-code", Severity::error, "/languages/1");
  d.languages = {"en"};
  d.admission.languages = {{"e", "B2"}};
  expect_one(d, "language-code", Severity::error, "/admission/languages/0/language");
  expect_none(clean_design(), "language-code");
}

TEST(DesignChecks, CefrLevelIsA1ToC2) {
  auto d = clean_design();
  d.admission.languages = {{"en", "B3"}};
  expect_one(d, "cefr-level", Severity::error, "/admission/languages/0/cefr_level");
  d.admission.languages = {{"en", "C1"}};
  expect_none(d, "cefr-level");
}

TEST(DesignChecks, CountryCodesAreIso3166Alpha2) {
  auto d = clean_design();
  d.issuing_institution.country = "be";
  expect_one(d, "country-code", Severity::error, "/issuing_institution/country");
  auto found = of_rule(check_design(d), "country-code");
  EXPECT_NE(found[0].message.find("upper case"), std::string::npos);
  d = clean_design();
  d.target_countries = {"EL"};
  expect_one(d, "country-code", Severity::error, "/target_countries/0");
  d = clean_design();
  d.partners = {{"ChipCo", "", "UK", ""}};
  expect_one(d, "country-code", Severity::error, "/partners/0/country");
  d = clean_design();
  d.awarding_bodies = {{"X", "", "ZZ", ""}};
  expect_one(d, "country-code", Severity::error, "/awarding_bodies/0/country");
  expect_none(clean_design(), "country-code");
}

TEST(DesignChecks, EscoUrisAreWellFormed) {
  auto d = clean_design();
  d.learning_outcomes[0].esco_uris = {"https://data.europa.eu/esco/skill/S5"};
  expect_one(d, "esco-uri", Severity::error, "/learning_outcomes/0/esco_uris/0");
  auto found = of_rule(check_design(d), "esco-uri");
  EXPECT_NE(found[0].message.find("http://, not https://"), std::string::npos);
  d.learning_outcomes[0].esco_uris.clear();
  expect_one(d, "esco-uri", Severity::info, "/learning_outcomes");
  expect_none(clean_design(), "esco-uri");
}

TEST(DesignChecks, FindingsAsJson) {
  std::vector<Finding> findings = {{"ects-range", Severity::warning, "/ects", "m"}};
  EXPECT_EQ(
      dump(findings),
      R"({"findings":[{"rule":"ects-range","severity":"warning","field":"/ects","message":"m"}]})");
  EXPECT_EQ(dump({}), R"({"findings":[]})");
}

}  // namespace
}  // namespace microcred::domain
