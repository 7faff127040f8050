#include "domain/admission.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "json/parse.h"
#include "support/testsuites.h"

namespace microcred::domain {
namespace {

Admission criteria() {
  Admission a;
  a.languages = {{"en", "B2"}};
  a.prior_degree = DegreeRequirement{"Bachelor in engineering", 6};
  a.prior_knowledge = "Digital logic";
  a.work_experience = "At least 2 years as an engineer";
  a.alternative_routes = "Portfolio and intake interview";
  return a;
}

ApplicationEvidence strong() {
  ApplicationEvidence e;
  e.languages = {{"en-GB", CefrLevel::c1, "IELTS 7.5", "doc-1"}};
  e.degrees = {{"MSc Electronics", 7, "KU Leuven", "BE", "doc-2"}};
  e.knowledge = {{"Course in VHDL", "doc-3"}};
  e.experience = {{"Engineer at ChipCo", 18, ""}, {"Intern at FabWorks", 6, ""}};
  return e;
}

// A copy, so that a criterion of a temporary report outlives it.
CriterionResult criterion(const EligibilityReport& r, CriterionKind kind) {
  for (const auto& c : r.criteria)
    if (c.criterion == kind) return c;
  ADD_FAILURE() << "no criterion " << to_string(kind);
  return {};
}

TEST(Admission, CefrLevelsOrderAndParse) {
  EXPECT_LT(CefrLevel::b1, CefrLevel::b2);
  EXPECT_EQ(parse_cefr_level("b2"), CefrLevel::b2);
  EXPECT_EQ(parse_cefr_level("C2"), CefrLevel::c2);
  EXPECT_FALSE(parse_cefr_level("B3"));
  EXPECT_FALSE(parse_cefr_level(""));
  EXPECT_EQ(to_string(CefrLevel::a1), "A1");
}

TEST(Admission, EvaluatesEachCriterionAutomaticallyWhereItCan) {
  auto report = evaluate_eligibility(criteria(), strong());
  ASSERT_EQ(report.criteria.size(), 4u);
  const auto language = criterion(report, CriterionKind::language);
  EXPECT_EQ(language.verdict, Verdict::met);
  EXPECT_EQ(language.field, "/admission/languages/0");
  EXPECT_EQ(language.requirement, "en at B2 or above");
  EXPECT_EQ(language.reason, "C1 (IELTS 7.5) at /languages/0 meets B2");
  const auto degree = criterion(report, CriterionKind::prior_degree);
  EXPECT_EQ(degree.verdict, Verdict::met);
  EXPECT_EQ(degree.reason, "\"MSc Electronics\" (/degrees/0) is EQF 7, meeting EQF 6");
  EXPECT_EQ(criterion(report, CriterionKind::prior_knowledge).verdict, Verdict::needs_review);
  const auto experience = criterion(report, CriterionKind::work_experience);
  EXPECT_EQ(experience.verdict, Verdict::met);
  EXPECT_EQ(experience.reason, "24 month(s) given, meeting the 24 required");
  // Free-text prior knowledge always needs a person.
  EXPECT_EQ(report.overall, Eligibility::needs_review);
}

TEST(Admission, EligibleWhenEveryCriterionIsMet) {
  auto a = criteria();
  a.prior_knowledge.clear();
  auto report = evaluate_eligibility(a, strong());
  EXPECT_EQ(report.overall, Eligibility::eligible);
}

TEST(Admission, OpenAdmissionIsEligible) {
  auto report = evaluate_eligibility(Admission{}, ApplicationEvidence{});
  EXPECT_EQ(report.overall, Eligibility::eligible);
  EXPECT_TRUE(report.criteria.empty());
}

TEST(Admission, ExplainsUnmetLanguage) {
  auto e = strong();
  e.languages = {{"en", CefrLevel::b1, "", ""}, {"nl", CefrLevel::c2, "", ""}};
  auto report = evaluate_eligibility(criteria(), e);
  const auto language = criterion(report, CriterionKind::language);
  EXPECT_EQ(language.verdict, Verdict::not_met);
  EXPECT_EQ(language.reason, "B1 at /languages/0 is below the required B2");
  EXPECT_EQ(report.overall, Eligibility::not_eligible);

  e.languages.clear();
  EXPECT_EQ(criterion(evaluate_eligibility(criteria(), e), CriterionKind::language).reason,
            "no certificate for en was given");
}

TEST(Admission, TakesTheBestCertificateOfALanguage) {
  auto e = strong();
  e.languages = {{"en", CefrLevel::b1, "", ""}, {"EN-us", CefrLevel::b2, "TOEFL", ""}};
  const auto language = criterion(evaluate_eligibility(criteria(), e), CriterionKind::language);
  EXPECT_EQ(language.verdict, Verdict::met);
  EXPECT_EQ(language.reason, "B2 (TOEFL) at /languages/1 meets B2");
}

TEST(Admission, ALanguageWithoutLevelNeedsOnlyACertificate) {
  Admission a;
  a.languages = {{"pt", ""}};
  ApplicationEvidence e;
  e.languages = {{"pt-BR", CefrLevel::a2, "", ""}};
  auto report = evaluate_eligibility(a, e);
  EXPECT_EQ(report.criteria[0].verdict, Verdict::met);
  a.languages = {{"pt", "B5"}};
  EXPECT_EQ(evaluate_eligibility(a, e).criteria[0].verdict, Verdict::needs_review);
}

TEST(Admission, ExplainsDegreeLevels) {
  struct Row {
    std::string name;
    std::vector<PriorDegree> degrees;
    Verdict verdict;
    std::string reason;
  };
  for (const auto& row : std::vector<Row>{
           {"lower",
            {{"Associate degree", 5, "", "", ""}},
            Verdict::not_met,
            "\"Associate degree\" (/degrees/0) is EQF 5, below the required EQF 6"},
           {"unknown level",
            {{"Diploma", std::nullopt, "", "", ""}},
            Verdict::needs_review,
            "the EQF level of \"Diploma\" (/degrees/0) is not given; check it against EQF 6"},
           {"impossible level",
            {{"Diploma", 9, "", "", ""}},
            Verdict::needs_review,
            "the EQF level of \"Diploma\" (/degrees/0) is given as 9, which is not a level 1-8; "
            "check it against EQF 6"},
           {"second meets",
            {{"HND", 5, "", "", ""}, {"BSc", 6, "", "", ""}},
            Verdict::met,
            "\"BSc\" (/degrees/1) is EQF 6, meeting EQF 6"},
           {"none", {}, Verdict::not_met, "no degree was given"},
       }) {
    SCOPED_TRACE(row.name);
    auto e = strong();
    e.degrees = row.degrees;
    const auto degree = criterion(evaluate_eligibility(criteria(), e), CriterionKind::prior_degree);
    EXPECT_EQ(degree.verdict, row.verdict);
    EXPECT_EQ(degree.reason, row.reason);
  }
}

TEST(Admission, ADegreeWithoutLevelNeedsReview) {
  Admission a;
  a.prior_degree = DegreeRequirement{"A degree in law", std::nullopt};
  auto e = strong();
  const auto degree = evaluate_eligibility(a, e).criteria[0];
  EXPECT_EQ(degree.verdict, Verdict::needs_review);
  EXPECT_EQ(degree.reason, "check \"MSc Electronics\" (/degrees/0) against \"A degree in law\"");
}

TEST(Admission, ReadsWorkExperienceRequirements) {
  struct Row {
    std::string requirement;
    std::vector<WorkExperience> experience;
    Verdict verdict;
  };
  for (const auto& row : std::vector<Row>{
           {"6 months in a lab", {{"Lab", 6, ""}}, Verdict::met},
           {"two years of practice", {{"Practice", 23, ""}}, Verdict::not_met},
           {"3+ years", {{"Job", 40, ""}}, Verdict::met},
           {"1 year", {{"Job", 6, ""}, {"Other", std::nullopt, ""}}, Verdict::needs_review},
           {"relevant experience", {{"Job", 1, ""}}, Verdict::needs_review},
           {"relevant experience", {}, Verdict::not_met},
       }) {
    SCOPED_TRACE(row.requirement);
    Admission a;
    a.work_experience = row.requirement;
    ApplicationEvidence e;
    e.experience = row.experience;
    EXPECT_EQ(evaluate_eligibility(a, e).criteria[0].verdict, row.verdict);
  }
}

TEST(Admission, TheAlternativeRouteStandsInForFormalCriteria) {
  auto e = strong();
  e.degrees.clear();
  e.experience.clear();
  e.alternative_route = AlternativeRoute{"Portfolio of chip projects", "doc-9"};
  auto report = evaluate_eligibility(criteria(), e);
  EXPECT_EQ(report.overall, Eligibility::needs_review);
  const auto degree = criterion(report, CriterionKind::prior_degree);
  EXPECT_EQ(degree.verdict, Verdict::needs_review);
  EXPECT_EQ(degree.reason, "no degree was given; the alternative route may stand in for it");
  const auto route = criterion(report, CriterionKind::alternative_route);
  EXPECT_EQ(route.field, "/admission/alternative_routes");
  EXPECT_EQ(route.verdict, Verdict::needs_review);

  // Never for the language of instruction.
  e.languages.clear();
  auto no_language = evaluate_eligibility(criteria(), e);
  EXPECT_EQ(criterion(no_language, CriterionKind::language).verdict, Verdict::not_met);
  EXPECT_EQ(no_language.overall, Eligibility::not_eligible);

  // Nor when the design offers no alternative route.
  auto a = criteria();
  a.alternative_routes.clear();
  e = strong();
  e.degrees.clear();
  e.alternative_route = AlternativeRoute{"Portfolio", ""};
  EXPECT_EQ(evaluate_eligibility(a, e).overall, Eligibility::not_eligible);
}

TEST(Admission, ChecksEvidence) {
  auto e = strong();
  EXPECT_TRUE(check_evidence(e).empty());
  e.languages[0].language = "english";
  e.degrees[0].eqf_level = 0;
  e.degrees[0].country = "XX";
  e.degrees[0].title = "";
  e.knowledge[0].description = " ";
  e.experience[0].months = -3;
  e.alternative_route = AlternativeRoute{};
  std::vector<std::string> fields;
  for (const auto& f : check_evidence(e)) {
    EXPECT_EQ(f.rule, "application-evidence");
    fields.push_back(f.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"/languages/0/language", "/degrees/0/title",
                                              "/degrees/0/eqf_level", "/degrees/0/country",
                                              "/knowledge/0/description", "/experience/0/months",
                                              "/alternative_route/description"}));
}

TEST(Admission, EvidenceRoundTripsJson) {
  auto e = strong();
  e.alternative_route = AlternativeRoute{"Interview", "doc-7"};
  auto back = evidence_from_json(to_json(e));
  ASSERT_TRUE(back) << describe(back.error());
  EXPECT_EQ(*back, e);
  auto empty = evidence_from_json(to_json(ApplicationEvidence{}));
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, ApplicationEvidence{});
}

TEST(Admission, TheDocumentedEvidenceReadsAndChecksClean) {
  auto text = support::read_file(support::source_dir() / "docs" / "learner-path.md");
  auto at = text.find("```json\n{\n  \"languages\"");
  ASSERT_NE(at, std::string::npos);
  at = text.find('{', at);
  auto json = json::parse(text.substr(at, text.find("```", at) - at));
  ASSERT_TRUE(json) << describe(json.error());
  auto e = evidence_from_json(*json);
  ASSERT_TRUE(e) << describe(e.error());
  EXPECT_TRUE(check_evidence(*e).empty());
  EXPECT_EQ(e->experience[0].months, 18);
}

TEST(Admission, RefusesBadEvidenceJson) {
  struct Row {
    std::string_view json;
    std::string_view field;
  };
  for (const auto& row :
       {Row{R"({"languages":[{"language":"en","level":"B7"}]})", "/languages/0/level"},
        Row{R"({"languages":[{"level":"B2"}]})", "/languages/0/language"},
        Row{R"({"degrees":[{"eqf_level":"six"}]})", "/degrees/0/eqf_level"},
        Row{R"({"experience":[{"months":1.5}]})", "/experience/0/months"},
        Row{R"({"degree":[]})", "/degree"},
        Row{R"({"alternative_route":"yes"})", "/alternative_route"}}) {
    SCOPED_TRACE(row.json);
    auto json = json::parse(row.json);
    ASSERT_TRUE(json);
    auto e = evidence_from_json(*json);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().field, row.field) << e.error().message;
  }
}

TEST(Admission, ReportsEligibilityAsJson) {
  auto json = to_json(evaluate_eligibility(criteria(), strong()));
  EXPECT_EQ(json.at("overall"), "needs_review");
  EXPECT_EQ(json.at("criteria").at(0).at("verdict"), "met");
  EXPECT_EQ(json.at("criteria").at(0).at("field"), "/admission/languages/0");
}

// --- decisions ----------------------------------------------------------------------------------

const Timestamp t0{1'750'000'000, 0};

Timestamp at(int minutes) {
  return Timestamp{t0.seconds + minutes * 60, 0};
}

std::vector<Application> applications(int n) {
  std::vector<Application> apps;
  for (int i = 0; i < n; ++i) {
    Application a;
    a.id = "app-" + std::to_string(i);
    a.offering_id = "off-1";
    a.learner_id = "learner-" + std::to_string(i);
    a.submitted_at = at(i);
    apps.push_back(a);
  }
  return apps;
}

AdmissionPolicy policy(int capacity,
                       WaitingListPromotion promotion = WaitingListPromotion::automatic) {
  return AdmissionPolicy{capacity, WaitingListPolicy{true, 2, promotion}};
}

DecisionRequest request(std::string id, Decision decision, int minute, std::string reason = "") {
  return DecisionRequest{std::move(id), decision, std::move(reason), "registrar", at(minute)};
}

std::vector<Application> apply_all(std::vector<Application> apps, const AdmissionPolicy& p,
                                   const std::vector<DecisionRequest>& requests) {
  for (const auto& r : requests) {
    auto outcome = decide(apps, p, r);
    EXPECT_TRUE(outcome) << r.application_id << ": " << outcome.error().message;
    if (outcome) apps = outcome->applications;
  }
  return apps;
}

TEST(Admission, AdmitsUpToTheCapacity) {
  auto p = policy(2);
  auto apps =
      apply_all(applications(4), p,
                {request("app-0", Decision::admit, 10), request("app-1", Decision::admit, 11)});
  auto full = decide(apps, p, request("app-2", Decision::admit, 12));
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::conflict);
  EXPECT_EQ(full.error().field, "decision");
  EXPECT_EQ(full.error().message,
            "no place left: 2 of 2 places are taken; put it on the waiting list");
  EXPECT_EQ(count_admissions(apps, p), (AdmissionCounts{2, 0, 0}));
}

TEST(Admission, NeverExceedsTheCapacityWhateverTheOrder) {
  // Every sequence of decisions on 5 applications with 2 places keeps at most 2 admitted.
  auto p = policy(2);
  const std::vector<Decision> decisions = {Decision::admit, Decision::waitlist, Decision::reject,
                                           Decision::withdraw};
  std::uint64_t sequences = 0;
  for (std::uint32_t code = 0; code < (1u << 12); ++code) {
    auto apps = applications(5);
    std::uint32_t c = code;
    for (int step = 0; step < 6; ++step) {
      auto decision = decisions[c % 4];
      c /= 4;
      auto target = "app-" + std::to_string((code + static_cast<std::uint32_t>(step) * 3) % 5);
      auto outcome = decide(apps, p, request(target, decision, 100 + step, "r"));
      if (outcome) apps = outcome->applications;
      ASSERT_LE(count_admissions(apps, p).admitted, 2);
      ASSERT_LE(count_admissions(apps, p).waitlisted, 2);
    }
    ++sequences;
  }
  EXPECT_EQ(sequences, 4096u);
}

TEST(Admission, WithdrawalPromotesTheFirstOnTheWaitingList) {
  auto p = policy(1);
  auto apps =
      apply_all(applications(3), p,
                {request("app-0", Decision::admit, 10), request("app-2", Decision::waitlist, 11),
                 request("app-1", Decision::waitlist, 12)});
  EXPECT_EQ(waiting_list(apps), (std::vector<std::string>{"app-2", "app-1"}));
  auto outcome = decide(apps, p, DecisionRequest{"app-0", Decision::withdraw, "", "", at(20)});
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->changed, (std::vector<std::string>{"app-0", "app-2"}));
  const auto& promoted = outcome->applications[2];
  EXPECT_EQ(promoted.status, ApplicationStatus::admitted);
  EXPECT_EQ(promoted.reason, "promoted from the waiting list");
  EXPECT_EQ(promoted.decided_at, at(20));
  EXPECT_EQ(outcome->applications[0].status, ApplicationStatus::withdrawn);
  EXPECT_EQ(waiting_list(outcome->applications), (std::vector<std::string>{"app-1"}));
}

TEST(Admission, ManualPromotionWaitsForTheRegistrar) {
  auto p = policy(1, WaitingListPromotion::manual);
  auto apps =
      apply_all(applications(2), p,
                {request("app-0", Decision::admit, 10), request("app-1", Decision::waitlist, 11),
                 request("app-0", Decision::withdraw, 12)});
  EXPECT_EQ(apps[1].status, ApplicationStatus::waitlisted);
  auto promoted = promote_from_waiting_list(apps, p, at(13), "registrar");
  EXPECT_EQ(promoted.changed, (std::vector<std::string>{"app-1"}));
  EXPECT_EQ(promoted.applications[1].status, ApplicationStatus::admitted);
}

TEST(Admission, PromotionFillsRaisedCapacity) {
  auto apps =
      apply_all(applications(4), policy(1),
                {request("app-0", Decision::admit, 10), request("app-1", Decision::waitlist, 11),
                 request("app-2", Decision::waitlist, 12)});
  auto promoted = promote_from_waiting_list(apps, policy(3), at(20), "registrar");
  EXPECT_EQ(promoted.changed, (std::vector<std::string>{"app-1", "app-2"}));
  EXPECT_EQ(count_admissions(promoted.applications, policy(3)), (AdmissionCounts{3, 0, 0}));
  auto none = promote_from_waiting_list(apps, policy(1), at(20), "registrar");
  EXPECT_TRUE(none.changed.empty());
}

TEST(Admission, RefusesWaitlistingWhenItCannot) {
  auto p = policy(1);
  auto free_place = decide(applications(1), p, request("app-0", Decision::waitlist, 5));
  ASSERT_FALSE(free_place);
  EXPECT_EQ(free_place.error().message, "1 place(s) are free; admit it instead");

  auto apps =
      apply_all(applications(4), p,
                {request("app-0", Decision::admit, 10), request("app-1", Decision::waitlist, 11),
                 request("app-2", Decision::waitlist, 12)});
  auto full_list = decide(apps, p, request("app-3", Decision::waitlist, 13));
  ASSERT_FALSE(full_list);
  EXPECT_EQ(full_list.error().message, "the waiting list is full: 2 of 2");

  AdmissionPolicy no_list{1, WaitingListPolicy{false, {}, WaitingListPromotion::automatic}};
  auto admitted = apply_all(applications(2), no_list, {request("app-0", Decision::admit, 10)});
  auto none = decide(admitted, no_list, request("app-1", Decision::waitlist, 11));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message, "this offering has no waiting list");
  auto full = decide(admitted, no_list, request("app-1", Decision::admit, 11));
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().message,
            "no place left: 1 of 1 places are taken; reject it or raise the capacity");

  AdmissionPolicy unlimited{std::nullopt, WaitingListPolicy{}};
  auto no_need = decide(applications(1), unlimited, request("app-0", Decision::waitlist, 1));
  ASSERT_FALSE(no_need);
  EXPECT_EQ(no_need.error().message, "places are unlimited; admit it instead");
}

TEST(Admission, RejectionNeedsAReasonAndIsFinal) {
  auto p = policy(2);
  auto no_reason = decide(applications(1), p, request("app-0", Decision::reject, 1));
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto rejected = decide(applications(1), p,
                         request("app-0", Decision::reject, 1, "EQF 5 below the required 6"));
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->applications[0].reason, "EQF 5 below the required 6");
  auto again = decide(rejected->applications, p, request("app-0", Decision::admit, 2));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().message,
            "cannot admit application \"app-0\": it is rejected, a final decision");
}

TEST(Admission, RefusesOtherBadDecisions) {
  auto p = policy(2);
  auto apps = apply_all(applications(2), p, {request("app-0", Decision::admit, 10)});
  struct Row {
    std::string name;
    DecisionRequest request;
    ErrorCode code;
    std::string field;
  };
  for (const auto& row : std::vector<Row>{
           {"unknown", request("app-9", Decision::admit, 11), ErrorCode::not_found,
            "application_id"},
           {"admit twice", request("app-0", Decision::admit, 11), ErrorCode::conflict, "decision"},
           {"reject admitted", request("app-0", Decision::reject, 11, "x"), ErrorCode::conflict,
            "decision"},
           {"waitlist admitted", request("app-0", Decision::waitlist, 11), ErrorCode::conflict,
            "decision"},
           {"no decider", DecisionRequest{"app-1", Decision::admit, "", "", at(11)},
            ErrorCode::invalid_argument, "decided_by"},
           {"before submission", request("app-1", Decision::admit, -5), ErrorCode::invalid_argument,
            "at"},
           {"before the last decision", request("app-0", Decision::withdraw, 9),
            ErrorCode::invalid_argument, "at"},
       }) {
    SCOPED_TRACE(row.name);
    auto outcome = decide(apps, p, row.request);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, row.code);
    EXPECT_EQ(outcome.error().field, row.field);
  }
}

TEST(Admission, TakesItsPolicyFromTheOffering) {
  Offering o;
  o.capacity = 12;
  o.waiting_list = {true, 5, WaitingListPromotion::manual};
  EXPECT_EQ(admission_policy(o), (AdmissionPolicy{12, o.waiting_list}));
}

TEST(Admission, NamesRoundTrip) {
  for (auto s :
       {ApplicationStatus::submitted, ApplicationStatus::admitted, ApplicationStatus::waitlisted,
        ApplicationStatus::rejected, ApplicationStatus::withdrawn})
    EXPECT_EQ(parse_application_status(to_string(s)), s);
  for (auto d : {Decision::admit, Decision::waitlist, Decision::reject, Decision::withdraw})
    EXPECT_EQ(parse_decision(to_string(d)), d);
  EXPECT_FALSE(parse_decision("accept"));
}

}  // namespace
}  // namespace microcred::domain
