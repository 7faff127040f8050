// The Open Badges 3.0 micro-credential builder (issue #5).
#include "vc/microcredential.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "json/parse.h"
#include "rdf/context_store.h"
#include "rdf/expand.h"
#include "rdf/jsonld.h"
#include "support/testsuites.h"
#include "vc/profile_check.h"

namespace microcred::vc {
namespace {

namespace bj = boost::json;

bj::value sample_input() {
  auto path = support::source_dir() / "bench" / "data" / "ob3-microcredential-eu.input.json";
  auto value = json::parse(support::read_file(path));
  if (!value) throw std::runtime_error(path.string() + ": " + value.error().message);
  return *value;
}

MicroCredentialData sample_data() {
  auto data = parse_microcredential_data(sample_input());
  if (!data) throw std::runtime_error(describe(data.error()));
  return *data;
}

bj::value built(const MicroCredentialData& data) {
  auto credential = build_microcredential(data);
  if (!credential) throw std::runtime_error(describe(credential.error()));
  return *credential;
}

// Sets the value at JSON pointer `pointer` (parents must exist) in a copy of `input`.
bj::value with(bj::value input, std::string_view pointer, bj::value value) {
  auto slash = pointer.rfind('/');
  bj::value& parent = slash == 0 ? input : input.at_pointer(pointer.substr(0, slash));
  std::string key(pointer.substr(slash + 1));
  if (parent.is_array())
    parent.as_array().at(std::stoul(key)) = std::move(value);
  else
    parent.as_object()[key] = std::move(value);
  return input;
}

bj::value without(bj::value input, std::string_view pointer) {
  auto slash = pointer.rfind('/');
  bj::value& parent = slash == 0 ? input : input.at_pointer(pointer.substr(0, slash));
  parent.as_object().erase(std::string(pointer.substr(slash + 1)));
  return input;
}

TEST(MicroCredentialData, ParsesTheSampleInputForm) {
  auto data = parse_microcredential_data(sample_input());
  ASSERT_TRUE(data) << describe(data.error());
  EXPECT_EQ(data->title, "Digital Content for Community Engagement");
  EXPECT_EQ(data->ects, 5);
  EXPECT_EQ(data->eqf_level, 6);
  EXPECT_EQ(data->participation, ParticipationForm::blended);
  ASSERT_EQ(data->learning_outcomes.size(), 4u);
  EXPECT_EQ(data->learning_outcomes[0].esco_skills[0].label, "develop digital content");
  EXPECT_TRUE(data->learning_outcomes[3].esco_skills.empty());
  ASSERT_EQ(data->awarding_bodies.size(), 2u);
  EXPECT_EQ(data->awarding_bodies[1].country_code, "DE");
  EXPECT_EQ(data->supervision, SupervisionMode::supervised_online_identity_verification);
  EXPECT_EQ(data->learner.identifiers[0].hashed, true);
}

TEST(MicroCredentialData, BadInputNamesTheField) {
  struct Row {
    std::string_view pointer;
    bj::value value;
    std::string_view field;
    std::string_view message_part;
  };
  const Row rows[] = {
      {"/ects", 75, "/ects", "at most 60, got 75"},
      {"/ects", 0, "/ects", "more than 0"},
      {"/ects", "five", "/ects", "expected a number"},
      {"/eqf_level", 9, "/eqf_level", "EQF level must be 1-8, got 9"},
      {"/eqf_level", 6.5, "/eqf_level", "expected an integer"},
      {"/issuer/country", "EL", "/issuer/country", "ISO 3166-1"},
      {"/issuer/country", "pt", "/issuer/country", "ISO 3166-1"},
      {"/awarding_bodies/1/id", "hochschule", "/awarding_bodies/1/id", "absolute IRI"},
      {"/issued", "30/06/2026", "/issued", "RFC 3339"},
      {"/valid_until", "2020-01-01T00:00:00Z", "/valid_until", "after \"issued\""},
      {"/learning_outcomes/1/esco/0", "https://example.org/skill", "/learning_outcomes/1/esco/0",
       "not an ESCO URI"},
      {"/learning_outcomes/2/text", "", "/learning_outcomes/2/text", "must not be empty"},
      {"/learning_outcomes", bj::array{}, "/learning_outcomes", "at least one"},
      {"/participation", "hybrid", "/participation", "online, onsite, blended"},
      {"/assessment/types/1", "quiz", "/assessment/types/1", "not one of"},
      {"/quality_assurance/types", bj::array{}, "/quality_assurance/types", "at least one"},
      {"/supervision", "supervised", "/supervision", "not one of"},
      {"/learner/identifiers/0/type", "email", "/learner/identifiers/0/type", "identity type"},
      {"/languages/1", "Portuguese", "/languages/1", "BCP 47"},
      {"/grade/result_type", "Mark", "/grade/result_type", "result type"},
      {"/titel", "typo", "/titel", "unknown field \"titel\""},
      {"/issuer/countryCode", "PT", "/issuer/countryCode", "unknown field"},
      {"/achievement_id", "https://uni.example.eu/mc#v2", "/achievement_id", "fragment"},
      {"/qf_ehea_cycle", "second_cycle", "/qf_ehea_cycle",
       "second_cycle corresponds to EQF level 7, but \"eqf_level\" is 6"},
      {"/qf_ehea_cycle", "bachelor", "/qf_ehea_cycle", "not one of"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(std::string(row.pointer) + " = " + bj::serialize(row.value));
    auto data = parse_microcredential_data(with(sample_input(), row.pointer, row.value));
    ASSERT_FALSE(data);
    EXPECT_EQ(data.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(data.error().field, row.field);
    EXPECT_NE(data.error().message.find(row.message_part), std::string::npos)
        << data.error().message;
  }
}

TEST(MicroCredentialData, MissingMandatoryElementsAreErrors) {
  for (std::string_view pointer :
       {"/title", "/learner", "/issuer", "/issued", "/ects", "/eqf_level", "/assessment",
        "/participation", "/quality_assurance", "/issuer/country", "/issuer/name"}) {
    SCOPED_TRACE(pointer);
    auto data = parse_microcredential_data(without(sample_input(), pointer));
    ASSERT_FALSE(data);
    EXPECT_EQ(data.error().field, pointer);
  }
}

TEST(MicroCredentialData, SaysWhatAMissingFieldNeeds) {
  auto participation = parse_microcredential_data(without(sample_input(), "/participation"));
  ASSERT_FALSE(participation);
  EXPECT_EQ(participation.error().message, "required: one of online, onsite, blended");
  auto issued = parse_microcredential_data(without(sample_input(), "/issued"));
  ASSERT_FALSE(issued);
  EXPECT_NE(issued.error().message.find("RFC 3339"), std::string::npos);
}

TEST(MicroCredentialData, LearnerNeedsAnIdOrAnIdentifier) {
  bj::value input = with(sample_input(), "/learner", bj::object{});
  auto data = parse_microcredential_data(input);
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().field, "/learner");
}

TEST(MicroCredentialData, RefusesANonObject) {
  auto data = parse_microcredential_data(bj::value(bj::array{}));
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().field, "/");
}

// Every JSON pointer in `value`, the root included.
void pointers(const bj::value& value, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (value.is_object())
    for (const auto& [key, child] : value.as_object())
      pointers(child, at + "/" + std::string(key), out);
  if (value.is_array())
    for (std::size_t i = 0; i < value.as_array().size(); ++i)
      pointers(value.as_array()[i], at + "/" + std::to_string(i), out);
}

// No input, however odd, crashes the parser or the builder: every value of the sample
// replaced by every JSON type either parses into data that builds, or fails naming a field.
TEST(MicroCredentialData, SurvivesEveryValueReplaced) {
  const bj::value input = sample_input();
  std::vector<std::string> all;
  pointers(input, "", all);
  const bj::value replacements[] = {nullptr, 0,           -1,           1e300, "",
                                    "x",     bj::array{}, bj::object{}, true};
  std::size_t refused = 0;
  for (const auto& pointer : all) {
    if (pointer.empty()) continue;
    for (const auto& replacement : replacements) {
      SCOPED_TRACE(pointer + " = " + bj::serialize(replacement));
      auto data = parse_microcredential_data(with(input, pointer, replacement));
      if (!data) {
        EXPECT_FALSE(data.error().field.empty()) << data.error().message;
        ++refused;
        continue;
      }
      crypto::DeterministicRandom random({});
      auto credential = build_microcredential(*data, {.random = &random});
      EXPECT_TRUE(credential) << describe(credential.error());
    }
  }
  EXPECT_GT(refused, all.size());
}

TEST(BuildMicroCredential, WritesAnOpenBadgeCredential) {
  bj::value credential = built(sample_data());
  const auto& o = credential.as_object();
  EXPECT_EQ(o.at("@context").as_array().size(), 3u);
  EXPECT_EQ(o.at("@context").as_array()[2], bj::value(microcredential_context_url));
  EXPECT_EQ(o.at("type").as_array()[1], "OpenBadgeCredential");
  EXPECT_EQ(o.at("validFrom"), "2026-06-30T10:00:00Z");
  EXPECT_EQ(o.at("awardedDate"), "2026-06-30T10:00:00Z");
  EXPECT_EQ(o.at("issuer").at("address").at("addressCountryCode"), "PT");
  const auto& achievement = o.at("credentialSubject").at("achievement").as_object();
  EXPECT_EQ(achievement.at("achievementType"), "MicroCredential");
  EXPECT_EQ(achievement.at("creditsAvailable"), 5);  // an integer, as JavaScript writes it
  EXPECT_EQ(achievement.at("participationForm"), "blended");
  // OB 3.0's JSON schema wants one string; all languages go to our `languages`.
  EXPECT_EQ(achievement.at("inLanguage"), "en");
  EXPECT_EQ(achievement.at("languages"), (bj::array{"en", "pt"}));
  const auto& eqf = achievement.at("alignment").as_array()[0];
  EXPECT_EQ(eqf.at("targetUrl"), "http://data.europa.eu/snb/eqf/6");
  EXPECT_EQ(eqf.at("targetCode"), "6");
  EXPECT_EQ(eqf.at("targetFramework"), "European Qualifications Framework");
  EXPECT_EQ(achievement.at("awardingBody").as_array().size(), 2u);
  const auto& cycle = achievement.at("alignment").as_array()[1];
  EXPECT_EQ(cycle.at("targetCode"), "first_cycle");
  EXPECT_EQ(cycle.at("targetFramework"),
            "Qualifications Framework in the European Higher Education Area");
}

TEST(BuildMicroCredential, HashesTheLearnerIdentifierWithItsSalt) {
  bj::value credential = built(sample_data());
  const auto& identifiers = credential.at_pointer("/credentialSubject/identifier").as_array();
  ASSERT_EQ(identifiers.size(), 2u);
  EXPECT_EQ(identifiers[0].at("hashed"), true);
  EXPECT_EQ(identifiers[0].at("salt"), "3f9a6c1d2b7e4a58");
  EXPECT_EQ(identifiers[0].at("identityHash"),
            bj::value(identity_hash("ana.silva@example.org", "3f9a6c1d2b7e4a58")));
  EXPECT_EQ(identifiers[1].at("hashed"), false);
  EXPECT_EQ(identifiers[1].at("identityHash"), "2026-004217");
  EXPECT_EQ(bj::serialize(credential).find("ana.silva"), std::string::npos);
}

TEST(BuildMicroCredential, IdentityHashIsSha256OfValueThenSalt) {
  // sha256("abc"), FIPS 180-2.
  EXPECT_EQ(identity_hash("ab", "c"),
            "sha256$ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(BuildMicroCredential, DrawsMissingIdsAndSaltsFromTheRandomSource) {
  MicroCredentialData data = sample_data();
  data.id.clear();
  data.learner.identifiers[0].salt.clear();
  auto refused = build_microcredential(data);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "/id");

  crypto::DeterministicRandom random({});
  auto credential = build_microcredential(data, {.random = &random});
  ASSERT_TRUE(credential) << describe(credential.error());
  EXPECT_TRUE(credential->at("id").as_string().starts_with("urn:uuid:"));
  EXPECT_EQ(credential->at_pointer("/credentialSubject/identifier/0/salt").as_string().size(), 32u);
}

TEST(BuildMicroCredential, CarriesAllElevenEuElements) {
  auto report = check_profile(built(sample_data()));
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->complete()) << render_text(*report);
  for (const auto& finding : report->elements) {
    SCOPED_TRACE(std::string(to_string(finding.element)));
    EXPECT_TRUE(finding.found);  // the sample has every optional element too
  }
}

TEST(BuildMicroCredential, MinimalDataIsStillComplete) {
  MicroCredentialData data;
  data.id = "urn:uuid:00000000-0000-4000-8000-000000000001";
  data.achievement_id = "https://uni.example.eu/mc/1";
  data.title = "Minimal";
  data.learner.id = "did:example:learner";
  data.issuer = {"did:web:uni.example.eu", "Uni", "", "FI", ""};
  data.issued = {1'700'000'000, 0};
  data.learning_outcomes = {{"Do one thing well.", {}}};
  data.ects = 1.5;
  data.eqf_level = 4;
  data.assessment_types = {AssessmentType::oral_exam};
  data.participation = ParticipationForm::onsite;
  data.quality_assurance = {QualityAssuranceType::internal};
  bj::value credential = built(data);
  EXPECT_EQ(credential.at_pointer("/credentialSubject/achievement/creditsAvailable"), 1.5);
  auto report = check_profile(credential);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->complete()) << render_text(*report);
  EXPECT_FALSE(report->at(EuElement::grade).found);
  EXPECT_FALSE(report->at(EuElement::validity_period).found);

  data.participation.reset();  // never defaulted silently
  auto refused = build_microcredential(data);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "/participation");
}

TEST(BuildMicroCredential, ExpandsInSafeModeWithoutIssuerDependentTerms) {
  rdf::ContextStore store = rdf::ContextStore::embedded();
  ASSERT_TRUE(store.contains(microcredential_context_url));
  rdf::JsonLdProcessor processor(store);
  bj::value credential = built(sample_data());
  auto expanded = rdf::expand(credential, processor, {.safe_mode = true});
  ASSERT_TRUE(expanded) << describe(expanded.error());
  const std::string text = bj::serialize(*expanded);
  EXPECT_EQ(text.find("issuer-dependent"), std::string::npos) << text;
  EXPECT_NE(text.find("https://microcred.eu/vocab#participationForm"), std::string::npos);
  EXPECT_NE(text.find("https://microcred.eu/vocab#awardingBody"), std::string::npos);
}

TEST(BuildMicroCredential, Canonicalizes) {
  rdf::ContextStore store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(store);
  auto canonical = rdf::canonicalize_jsonld(built(sample_data()), processor);
  ASSERT_TRUE(canonical) << describe(canonical.error());
}

TEST(BuildMicroCredential, IsDeterministic) {
  EXPECT_EQ(built(sample_data()), built(sample_data()));
}

TEST(BuildMicroCredential, MatchesTheBenchSample) {
  auto path = support::source_dir() / "bench" / "data" / "ob3-microcredential-eu.json";
  auto sample = json::parse(support::read_file(path));
  ASSERT_TRUE(sample);
  EXPECT_EQ(*sample, built(sample_data())) << "regenerate: build/microcred microcredential build "
                                              "bench/data/ob3-microcredential-eu.input.json";
}

}  // namespace
}  // namespace microcred::vc
