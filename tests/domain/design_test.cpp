#include "domain/design.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <set>

#include <boost/json.hpp>

#include "json/parse.h"
#include "support/testsuites.h"

namespace microcred::domain {
namespace {

namespace bj = boost::json;

bj::value parse(std::string_view text) {
  auto v = json::parse(text);
  EXPECT_TRUE(v) << (v ? "" : describe(v.error()));
  return v ? *v : bj::value();
}

// Every field set, so that the round trip covers each reader and writer.
MicroCredentialDesign full_design() {
  MicroCredentialDesign d;
  d.code = "MC-1";
  d.title = "Chip design";
  d.summary = "Summary";
  d.purpose = "Purpose";
  d.target_audience = "Engineers";
  d.learning_outcomes = {
      {"Design a chip.", {"http://data.europa.eu/esco/skill/S5"}, 7},
      {"Explain timing closure.", {}, std::nullopt},
  };
  d.ects = 2.5;
  d.workload_hours = 70;
  d.eqf_level = 7;
  d.nqf = NqfLevel{"VKS", "7"};
  d.cycle = QfEheaCycle::second_cycle;
  d.assessment = {{AssessmentType::project, AssessmentType::online_exam}, "Project and exam"};
  d.participation = {ParticipationForm::hybrid, Synchronicity::mixed, Pacing::self_paced};
  d.quality_assurance = {
      {QualityAssuranceType::internal, QualityAssuranceType::accreditation}, "Internal QA", "NVAO"};
  d.admission = {"Prereq",
                 {{"en", "B2"}, {"nl", ""}},
                 DegreeRequirement{"Master", 7},
                 "Digital logic",
                 "2 years",
                 "Intake interview",
                 "30 places"};
  d.supervision = SupervisionMode::supervised_online_identity_verification;
  d.grading_scheme = "0-20";
  d.stackability = {Stackability::stackable, {{"MSc EE", "https://example.org/msc"}}, "desc"};
  d.origin = {OriginKind::degree_module, "MSc EE", "H09A1"};
  d.lifespan = {"2025-09-01", "2027-08-31", Recurrence::recurring, "yearly"};
  d.validity_months = 60;
  d.languages = {"en", "nl-BE"};
  d.delivery_mode = "Labs";
  d.duration = {12, DurationUnit::weeks, "12 weeks"};
  d.dates = DateMode::fixed;
  d.enrolment_procedure = "Apply online";
  d.fees = {{{"Standard", 1800.5, "EUR", true, "", {{"Alumni", 100, "alumni"}}},
             {"Attendance", 0, "EUR", false, "Everyone", {}}},
            "Sponsored"};
  d.partners = {{"ChipCo", "https://chip.example", "BE", "teaching"}};
  d.contact = {"Office", "office@example.org", "https://example.org", "+32 16 00 00 00"};
  d.success_requirements = {10, 60.5, "Labs", "Report", "Week 12", "Pass"};
  d.industry_relevance = "Shortage";
  d.complementary = {{"Analogue IC design", "https://example.org/analogue"}};
  d.credit_transfer = "6 ECTS";
  d.terms = {"Defer once", "Full refund", "Other"};
  d.resources_and_support = "Tool licences";
  d.further_information = "https://example.org/chip";
  d.awarding_bodies = {{"KU Leuven", "https://www.kuleuven.be", "BE", "awarding body"}};
  d.issuing_institution = {"KU Leuven", "https://www.kuleuven.be", "BE", "issuer"};
  d.target_countries = {"BE", "ES"};
  return d;
}

// The pointers (array items as "*") of every member in `value`.
void collect_keys(const bj::value& value, const std::string& at, std::set<std::string>& out) {
  if (value.is_object()) {
    for (const auto& member : value.get_object()) {
      std::string here = at + "/" + std::string(member.key());
      out.insert(here);
      collect_keys(member.value(), here, out);
    }
  } else if (value.is_array()) {
    for (const auto& item : value.get_array())
      collect_keys(item, at + "/*", out);
  }
}

// The pointers of every property the schema allows, following local $refs.
void collect_schema(const bj::object& root, const bj::object& schema, const std::string& at,
                    std::set<std::string>& out) {
  if (auto* ref = schema.if_contains("$ref")) {
    std::string name(ref->as_string());
    name = name.substr(name.rfind('/') + 1);
    collect_schema(root, root.at("$defs").at(name).as_object(), at, out);
    return;
  }
  if (auto* items = schema.if_contains("items"))
    collect_schema(root, items->as_object(), at + "/*", out);
  if (auto* properties = schema.if_contains("properties")) {
    EXPECT_EQ(schema.at("additionalProperties"), false) << at;
    for (const auto& member : properties->as_object()) {
      std::string here = at + "/" + std::string(member.key());
      out.insert(here);
      collect_schema(root, member.value().as_object(), here, out);
    }
  }
}

TEST(DesignJson, SchemaNamesExactlyTheKeysTheReaderKnows) {
  auto text = support::read_file(support::source_dir() / "schemas" / "design.schema.json");
  auto schema = json::parse(text);
  ASSERT_TRUE(schema) << describe(schema.error());
  std::set<std::string> in_schema;
  collect_schema(schema->as_object(), schema->as_object(), "", in_schema);
  // full_design() sets every field, so its JSON holds every key the reader accepts.
  std::set<std::string> written;
  collect_keys(to_json(full_design()), "", written);
  for (const auto& key : in_schema)
    EXPECT_TRUE(written.contains(key)) << "not written: " << key;
  for (const auto& key : written)
    EXPECT_TRUE(in_schema.contains(key)) << "not in schema: " << key;
}

TEST(DesignJson, RoundTripsEveryField) {
  auto d = full_design();
  auto json = to_json(d);
  auto back = design_from_json(json);
  ASSERT_TRUE(back) << describe(back.error());
  EXPECT_EQ(*back, d);
  // And the text is stable: writing the read-back design gives the same JSON.
  EXPECT_EQ(bj::serialize(to_json(*back)), bj::serialize(json));
}

TEST(DesignJson, RoundTripsTheEmptyDesign) {
  MicroCredentialDesign d;
  auto json = to_json(d);
  EXPECT_EQ(bj::serialize(json), R"({"format":"microcred-design/1"})");
  auto back = design_from_json(json);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, d);
}

TEST(DesignJson, RoundTripsPresentButEmptyOptionalObjects) {
  MicroCredentialDesign d;
  d.nqf = NqfLevel{};
  d.admission.prior_degree = DegreeRequirement{};
  auto back = design_from_json(to_json(d));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, d);
}

TEST(DesignJson, WritesWholeNumbersAsIntegers) {
  MicroCredentialDesign d;
  d.ects = 6;
  EXPECT_EQ(bj::serialize(to_json(d)), R"({"format":"microcred-design/1","ects":6})");
}

TEST(DesignJson, UsesTheVcModuleWireStrings) {
  EXPECT_EQ(to_string(ParticipationForm::onsite), "onsite");
  EXPECT_EQ(to_string(AssessmentType::practical_demonstration), "practical_demonstration");
  EXPECT_EQ(to_string(QualityAssuranceType::accreditation), "accreditation");
  EXPECT_EQ(to_string(QfEheaCycle::short_cycle), "short_cycle");
  EXPECT_EQ(to_string(SupervisionMode::onsite_identity_verification),
            "onsite_identity_verification");
  EXPECT_EQ(to_string(Stackability::standalone), "standalone");
  EXPECT_EQ(to_string(Pacing::self_paced), "self_paced");
  EXPECT_EQ(to_string(OriginKind::degree_module), "degree_module");
}

struct BadRow {
  const char* input;
  const char* field;
  const char* message_part;
};

TEST(DesignJson, NamesTheBadField) {
  const BadRow rows[] = {
      {R"([1])", "", "expected an object"},
      {R"({})", "/format", "required"},
      {R"({"format":"microcred-design/2"})", "/format", "microcred-design/1"},
      {R"({"format":"microcred-design/1","titel":"x"})", "/titel", "did you mean \"title\"?"},
      {R"({"format":"microcred-design/1","colour":"x"})", "/colour", "expected one of: format,"},
      {R"({"format":"microcred-design/1","contact":{"zz":"x"}})", "/contact/zz",
       "expected one of: name, email, url, phone"},
      {R"({"format":"microcred-design/1","contact":{"mail":"x"}})", "/contact/mail",
       "did you mean \"email\"?"},
      {R"({"format":"microcred-design/1","a/b":1})", "/a~1b", "unknown key"},
      {R"({"format":"microcred-design/1","title":5})", "/title", "expected a string, got a number"},
      {R"({"format":"microcred-design/1","title":null})", "/title", "null is not allowed"},
      {R"({"format":"microcred-design/1","ects":"6"})", "/ects", "expected a number"},
      {R"({"format":"microcred-design/1","eqf_level":6.5})", "/eqf_level", "whole number"},
      {R"({"format":"microcred-design/1","eqf_level":99999999999})", "/eqf_level", "between"},
      {R"({"format":"microcred-design/1","cycle":"first"})", "/cycle", "short_cycle, first_cycle"},
      {R"({"format":"microcred-design/1","learning_outcomes":{}})", "/learning_outcomes",
       "expected an array"},
      {R"({"format":"microcred-design/1","learning_outcomes":[{"statement":"A"},{}]})",
       "/learning_outcomes/1/statement", "required"},
      {R"({"format":"microcred-design/1","learning_outcomes":[{"statement":"A","esco_uris":[1]}]})",
       "/learning_outcomes/0/esco_uris/0", "expected a string"},
      {R"({"format":"microcred-design/1","assessment":{"types":["exam"]}})", "/assessment/types/0",
       "\"exam\" is not one of"},
      {R"({"format":"microcred-design/1","participation":{"form":"on-site"}})",
       "/participation/form", "online, onsite, blended, hybrid"},
      {R"({"format":"microcred-design/1","lifespan":{"available_from":"2025-02-30"}})",
       "/lifespan/available_from", "not a date in the calendar"},
      {R"({"format":"microcred-design/1","lifespan":{"available_until":"1/2/2025"}})",
       "/lifespan/available_until", "YYYY-MM-DD"},
      {R"({"format":"microcred-design/1","fees":{"tiers":[{"name":"A"}]}})", "/fees/tiers/0/amount",
       "required"},
      {R"({"format":"microcred-design/1","fees":{"tiers":[{"amount":1,"includes_assessment":"yes"}]}})",
       "/fees/tiers/0/includes_assessment", "true or false"},
      {R"({"format":"microcred-design/1","admission":{"languages":[{"cefr_level":"B2"}]}})",
       "/admission/languages/0/language", "required"},
      {R"({"format":"microcred-design/1","issuing_institution":{"name":"X","land":"BE"}})",
       "/issuing_institution/land", "unknown key"},
      {R"({"format":"microcred-design/1","stackability":{"towards":[{"id":"x"}]}})",
       "/stackability/towards/0/name", "required"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.input);
    auto d = design_from_json(parse(row.input));
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(d.error().field, row.field);
    EXPECT_NE(d.error().message.find(row.message_part), std::string::npos) << d.error().message;
  }
}

TEST(DesignJson, LeavesRangesToTheChecks) {
  auto d = design_from_json(parse(R"({"format":"microcred-design/1","ects":-3,"eqf_level":12})"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->ects, -3);
  EXPECT_EQ(d->eqf_level, 12);
}

TEST(DesignJson, SurvivesDeepNestingInAnUnknownKey) {
  std::string deep =
      R"({"format":"microcred-design/1","x":)" + std::string(50, '[') + std::string(50, ']') + "}";
  auto v = json::parse(deep, {.max_depth = 100});
  ASSERT_TRUE(v);
  auto d = design_from_json(*v);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().field, "/x");
}

}  // namespace
}  // namespace microcred::domain
