// The EU micro-credential profile checker (issue #5).
#include "vc/profile_check.h"

#include <gtest/gtest.h>

#include <set>

#include <boost/json.hpp>

#include "json/parse.h"
#include "support/testsuites.h"

namespace microcred::vc {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;

bj::value read_json(const fs::path& path) {
  auto value = json::parse(support::read_file(path));
  if (!value) throw std::runtime_error(path.string() + ": " + value.error().message);
  return *value;
}

bj::value sample() {
  return read_json(support::source_dir() / "bench" / "data" / "ob3-microcredential-eu.json");
}

ProfileReport checked(const bj::value& credential) {
  auto report = check_profile(credential);
  if (!report) throw std::runtime_error(describe(report.error()));
  return *report;
}

std::set<EuElement> found(const ProfileReport& report) {
  std::set<EuElement> out;
  for (const auto& finding : report.elements)
    if (finding.found) out.insert(finding.element);
  return out;
}

std::string names(const std::set<EuElement>& elements) {
  std::string out;
  for (auto element : elements)
    out += std::string(to_string(element)) + " ";
  return out;
}

// Removes the member or array element at JSON pointer `pointer` from `document`.
void erase(bj::value& document, std::string_view pointer) {
  auto slash = pointer.rfind('/');
  bj::value& parent = slash == 0 ? document : document.at_pointer(pointer.substr(0, slash));
  std::string key(pointer.substr(slash + 1));
  if (parent.is_array()) {
    auto& array = parent.as_array();
    array.erase(array.begin() + static_cast<std::ptrdiff_t>(std::stoul(key)));
  } else {
    parent.as_object().erase(key);
  }
}

using enum EuElement;

TEST(CheckProfile, FindsEveryElementOfTheSample) {
  ProfileReport report = checked(sample());
  EXPECT_TRUE(report.complete()) << render_text(report);
  ASSERT_EQ(report.elements.size(), eu_elements);
  for (std::size_t i = 0; i < eu_elements; ++i) {
    SCOPED_TRACE(std::string(to_string(report.elements[i].element)));
    EXPECT_EQ(static_cast<std::size_t>(report.elements[i].element), i);
    EXPECT_TRUE(report.elements[i].found);
    EXPECT_FALSE(report.elements[i].paths.empty());
  }
}

TEST(CheckProfile, SaysWhereAndWhat) {
  ProfileReport report = checked(sample());
  EXPECT_EQ(report.at(level).paths.front(), "$.credentialSubject.achievement.alignment[0]");
  EXPECT_EQ(report.at(level).summary, "EQF level 6; QF-EHEA first cycle");
  EXPECT_EQ(report.at(issuer_country).paths.front(), "$.issuer.address.addressCountryCode");
  EXPECT_EQ(report.at(participation_form).summary, "blended");
  EXPECT_EQ(report.at(assessment_type).paths.front(),
            "$.credentialSubject.achievement.assessmentType");
  EXPECT_EQ(report.at(assessment_type).summary.substr(0, 22), "portfolio, online_exam");
  EXPECT_EQ(report.at(grade).summary, "17");
  EXPECT_NE(report.at(workload).summary.find("5 credits available"), std::string::npos);
  EXPECT_NE(report.at(learner_identification).summary.find("emailAddress (hashed)"),
            std::string::npos);
}

// Each mandatory element, removed from the sample, is reported missing, and only it.
TEST(CheckProfile, ReportsEachRemovedElement) {
  struct Row {
    EuElement element;
    std::vector<std::string_view> removed;
  };
  const Row rows[] = {
      {learner_identification, {"/credentialSubject/id", "/credentialSubject/identifier"}},
      {title, {"/credentialSubject/achievement/name"}},
      {issuer_country,
       {"/issuer/address", "/credentialSubject/achievement/awardingBody/0/address",
        "/credentialSubject/achievement/awardingBody/1/address"}},
      {issue_date, {"/validFrom", "/awardedDate"}},
      {learning_outcomes,
       {"/credentialSubject/achievement/alignment/4", "/credentialSubject/achievement/alignment/3",
        "/credentialSubject/achievement/alignment/2", "/credentialSubject/achievement/criteria",
        "/credentialSubject/achievement/resultDescription"}},
      {workload,
       {"/credentialSubject/achievement/creditsAvailable", "/credentialSubject/creditsEarned",
        "/credentialSubject/achievement/workloadHours"}},
      {assessment_type,
       {"/credentialSubject/achievement/assessmentType",
        "/credentialSubject/achievement/assessmentDescription"}},
      {participation_form, {"/credentialSubject/achievement/participationForm"}},
      {quality_assurance,
       {"/credentialSubject/achievement/qualityAssurance",
        "/credentialSubject/achievement/qualityAssuranceDescription",
        "/credentialSubject/achievement/qualityAssuranceBody"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(std::string(to_string(row.element)));
    bj::value credential = sample();
    for (auto pointer : row.removed)
      erase(credential, pointer);
    ProfileReport report = checked(credential);
    EXPECT_FALSE(report.complete());
    EXPECT_EQ(report.missing(), std::vector<EuElement>{row.element}) << render_text(report);
  }
}

TEST(CheckProfile, ReportsAMissingLevel) {
  bj::value credential = sample();
  auto& alignment = credential.at_pointer("/credentialSubject/achievement/alignment").as_array();
  alignment.erase(alignment.begin(), alignment.begin() + 2);  // EQF, QF-EHEA
  ProfileReport report = checked(credential);
  EXPECT_EQ(report.missing(), std::vector<EuElement>{level});
  EXPECT_NE(render_text(report).find("not a complete EU micro-credential: missing Level"),
            std::string::npos);
}

TEST(CheckProfile, RecognisesTheLevelInSeveralForms) {
  struct Row {
    const char* alignment;
    bool is_level;
  };
  const Row rows[] = {
      {R"j({"targetName":"Level 5","targetFramework":"EQF","targetCode":"5"})j", true},
      {R"j({"targetName":"L6","targetUrl":"http://data.europa.eu/snb/eqf/6"})j", true},
      {R"j({"targetName":"L7","targetFramework":"European Qualifications Framework (EQF)"})j",
       true},
      {R"j({"targetName":"Second cycle","targetFramework":"Qualifications Framework in the European Higher Education Area"})j",
       true},
      {R"j({"targetName":"L4","targetFramework":"EQF level 4"})j", true},
      {R"j({"targetName":"ICT","targetFramework":"ISCED-F 2013","targetCode":"0613"})j", false},
      {R"j({"targetName":"Teamwork","targetUrl":"http://data.europa.eu/esco/skill/x"})j", false},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.alignment);
    bj::value credential = {
        {"credentialSubject",
         {{"achievement", {{"alignment", bj::array{*json::parse(row.alignment)}}}}}}};
    ProfileReport report = checked(credential);
    EXPECT_EQ(report.at(level).found, row.is_level);
    EXPECT_EQ(report.at(learning_outcomes).found, !row.is_level);
  }
}

TEST(CheckProfile, ReadsVc11Dates) {
  bj::value credential = {{"issuanceDate", "2020-01-01T00:00:00Z"},
                          {"expirationDate", "2021-01-01T00:00:00Z"},
                          {"credentialSubject", {{"id", "did:example:1"}}}};
  ProfileReport report = checked(credential);
  EXPECT_EQ(report.at(issue_date).paths, std::vector<std::string>{"$.issuanceDate"});
  EXPECT_TRUE(report.at(validity_period).found);
}

TEST(CheckProfile, ReadsSeveralSubjects) {
  bj::value credential = {
      {"credentialSubject", bj::array{bj::object{{"id", "did:example:1"}},
                                      bj::object{{"achievement", {{"name", "Second"}}}}}}};
  ProfileReport report = checked(credential);
  EXPECT_EQ(report.at(learner_identification).paths.front(), "$.credentialSubject[0].id");
  EXPECT_EQ(report.at(title).paths.front(), "$.credentialSubject[1].achievement.name");
}

TEST(CheckProfile, RefusesANonObject) {
  auto report = check_profile(bj::value(bj::array{1, 2}));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
}

TEST(CheckProfile, SurvivesOddShapes) {
  // Values of unexpected types are ignored, never dereferenced blindly.
  bj::value credential = {
      {"issuer", bj::array{1, "x", nullptr}},
      {"credentialSubject",
       {{"identifier", "not-a-list"},
        {"result", bj::array{1, bj::object{{"value", bj::object{}}}}},
        {"achievement",
         {{"alignment", bj::array{1, "x"}}, {"resultDescription", 7}, {"criteria", "text"}}}}}};
  ProfileReport report = checked(credential);
  EXPECT_FALSE(report.complete());
}

TEST(ProfileJson, ListsEveryElementAndTheMissingOnes) {
  bj::value credential = sample();
  erase(credential, "/credentialSubject/achievement/participationForm");
  bj::value out = to_json(checked(credential));
  EXPECT_EQ(out.at("complete"), false);
  EXPECT_EQ(out.at("mandatory_found"), 10);
  EXPECT_EQ(out.at("mandatory_total"), 11);
  EXPECT_EQ(out.at("missing"), (bj::array{"participation_form"}));
  const auto& elements = out.at("elements").as_array();
  ASSERT_EQ(elements.size(), eu_elements);
  EXPECT_EQ(elements[9].at("element"), "participation_form");
  EXPECT_EQ(elements[9].at("found"), false);
  EXPECT_EQ(elements[9].at("mandatory"), true);
  EXPECT_EQ(elements[11].at("mandatory"), false);
  EXPECT_EQ(elements[7].at("paths").as_array()[0], "$.credentialSubject.achievement.alignment[0]");
}

void pointers(const bj::value& value, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (value.is_object())
    for (const auto& [key, child] : value.as_object())
      pointers(child, at + "/" + std::string(key), out);
  if (value.is_array())
    for (std::size_t i = 0; i < value.as_array().size(); ++i)
      pointers(value.as_array()[i], at + "/" + std::to_string(i), out);
}

// Every value of the sample replaced by every JSON type: the checker still answers.
TEST(CheckProfile, SurvivesEveryValueReplaced) {
  const bj::value credential = sample();
  std::vector<std::string> all;
  pointers(credential, "", all);
  const bj::value replacements[] = {nullptr,      0,
                                    2.5,          "",
                                    bj::array{},  bj::array{1, "x"},
                                    bj::object{}, bj::object{{"@value", "v"}},
                                    false};
  for (const auto& pointer : all) {
    if (pointer.empty()) continue;
    for (const auto& replacement : replacements) {
      SCOPED_TRACE(pointer + " = " + bj::serialize(replacement));
      bj::value changed = credential;
      changed.at_pointer(pointer) = replacement;
      auto report = check_profile(changed);
      ASSERT_TRUE(report);
      EXPECT_EQ(report->elements.size(), eu_elements);
      EXPECT_FALSE(render_text(*report).empty());
    }
  }
}

TEST(ProfileVerdict, NamesTheMissingElements) {
  EXPECT_EQ(verdict(checked(sample())),
            "complete EU micro-credential: all 11 mandatory elements present");
  bj::value credential = sample();
  erase(credential, "/credentialSubject/achievement/participationForm");
  erase(credential, "/credentialSubject/achievement/qualityAssurance");
  erase(credential, "/credentialSubject/achievement/qualityAssuranceDescription");
  erase(credential, "/credentialSubject/achievement/qualityAssuranceBody");
  EXPECT_EQ(verdict(checked(credential)),
            "not a complete EU micro-credential: missing Form of participation; Type of quality "
            "assurance");
}

// The Open Badges 3.0 examples are Open Badges, not EU micro-credentials: each lacks at least
// the level, assessment type, form of participation and quality assurance.
TEST(CheckProfile, AnswersRightOnTheOpenBadgesExamples) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  struct Row {
    const char* file;
    std::set<EuElement> found;
  };
  const std::set<EuElement> basic = {learner_identification, title, awarding_body, issue_date,
                                     learning_outcomes};
  const Row rows[] = {
      {"examples/complete-openbadgecredential.json",
       {learner_identification, title, issuer_country, awarding_body, issue_date, learning_outcomes,
        workload, grade, validity_period}},
      {"examples/sample-openbadgecredential.json", basic},
      {"examples/sample-openbadgecredential-file-contents.json", basic},
      {"examples/achievement-alignment-case.json", basic},
      {"examples/skill-assertion-case.json", basic},
      {"examples/sample-credential-a.json", basic},
      {"examples/credential-with-extensions-context.json",
       {learner_identification, awarding_body, issue_date}},
      {"examples/sample-assertion-credential.json",
       {learner_identification, awarding_body, issue_date}},
      {"examples/sample-endorsementcredential.json",
       {learner_identification, title, awarding_body, issue_date, validity_period}},
      {"examples/sample-putprofile-response.json", {}},
      {"examples/openbadges-2-0-with-related-openbadges-3-0.json", {}},
      {"third-party/mynextid/open-badge-mc-example.json",
       {learner_identification, title, awarding_body, issue_date, learning_outcomes, workload,
        language, validity_period}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.file);
    ProfileReport report = checked(read_json(suites / "openbadges" / row.file));
    EXPECT_EQ(names(found(report)), names(row.found)) << render_text(report);
    EXPECT_FALSE(report.complete());
  }

  // Every example checks without an error, and none is a complete EU micro-credential.
  std::size_t checked_files = 0;
  for (const auto& entry : fs::directory_iterator(suites / "openbadges" / "examples")) {
    if (entry.path().filename() == "index.json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto report = check_profile(read_json(entry.path()));
    ASSERT_TRUE(report);
    EXPECT_FALSE(report->complete());
    for (auto element : {level, assessment_type, participation_form, quality_assurance})
      EXPECT_FALSE(report->at(element).found) << to_string(element);
    ++checked_files;
  }
  EXPECT_GE(checked_files, 18u);
}

TEST(CheckProfile, SaysWhatTheMyNextIdMicroCredentialLacks) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  ProfileReport report = checked(
      read_json(suites / "openbadges" / "third-party" / "mynextid" / "open-badge-mc-example.json"));
  EXPECT_EQ(report.missing(), (std::vector<EuElement>{issuer_country, level, assessment_type,
                                                      participation_form, quality_assurance}));
  EXPECT_EQ(report.at(workload).summary, "5 credits available");
}

}  // namespace
}  // namespace microcred::vc
