#include "domain/offering.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "json/parse.h"
#include "support/testsuites.h"

namespace microcred::domain {
namespace {

namespace bj = boost::json;

Timestamp instant(std::string_view text) {
  auto t = parse_rfc3339(text);
  EXPECT_TRUE(t) << text;
  return t ? *t : Timestamp{};
}

// A cohort offering with every field set, consistent and free of findings.
Offering full_offering() {
  Offering o;
  o.id = "off-1";
  o.institution_id = "kuleuven";
  o.design_id = "chip-design";
  o.design_version = 3;
  o.code = "2025-autumn";
  o.pacing = Pacing::cohort;
  o.starts_on = Date{2025, 9, 15};
  o.ends_on = Date{2025, 12, 19};
  o.application_window = {instant("2025-05-01T00:00:00Z"), instant("2025-09-01T00:00:00Z")};
  o.capacity = 30;
  o.waiting_list = {true, 20, WaitingListPromotion::automatic};
  o.activities = {Activity::assessed, Activity::attendance_only};
  o.currency = "EUR";
  o.fee_tiers = {
      {"pro-assessed", "professional", Activity::assessed, 120'000},
      {"pro-attendance", "professional", Activity::attendance_only, 80'000},
      {"student-assessed", "degree_student", Activity::assessed, 20'000},
      {"assessed", "", Activity::assessed, 90'000},
      {"attendance", "", Activity::attendance_only, 50'000},
  };
  OfferingDiscount alumni;
  alumni.id = "alumni";
  alumni.name = "Alumni";
  alumni.percent = 2'000;
  alumni.learner_categories = {"professional"};
  alumni.condition = "graduates of KU Leuven";
  OfferingDiscount early;
  early.id = "early";
  early.name = "Early bird";
  early.amount_minor = 15'000;
  early.until = instant("2025-07-01T00:00:00Z");
  early.automatic = true;
  OfferingDiscount job_seekers;
  job_seekers.id = "job-seekers";
  job_seekers.name = "Job seekers";
  job_seekers.percent = 5'000;
  job_seekers.activity = Activity::assessed;
  job_seekers.condition = "registered with the public employment service";
  o.discounts = {alumni, early, job_seekers};
  o.sponsorships = {
      {"chipco", "ChipCo NV", {"ann@chipco.example", "learner-42"}, 10'000, 100'000, {}},
      {"fab", "FabWorks", {"bob@fab.example"}, 5'000, {}, Activity::assessed},
  };
  o.language = "en";
  o.delivery = {ParticipationForm::blended, "Leuven, ESAT", "https://toledo.kuleuven.be",
                "Tuesdays 18:00-21:00", "Labs on campus"};
  o.reviewing_institution_id = "kuleuven";
  GradingScheme g;
  g.kind = GradingKind::numeric;
  g.min = 0;
  g.max = 20;
  g.pass_mark = 10;
  g.decimals = 1;
  o.grading_scheme = g;
  o.assessment_board = {true, 2, {"b1", "b2", "b3"}};
  return o;
}

MicroCredentialDesign design() {
  MicroCredentialDesign d;
  d.title = "Chip design";
  d.languages = {"en"};
  d.participation.form = ParticipationForm::blended;
  d.participation.pacing = Pacing::cohort;
  d.grading_scheme = "0-20 scale; 10 or more is a pass.";
  d.lifespan.available_from = "2025-01-01";
  d.lifespan.available_until = "2027-12-31";
  return d;
}

// A copy, so that a finding of a temporary list outlives it.
std::optional<Finding> find(const std::vector<Finding>& findings, std::string_view field) {
  for (const auto& f : findings)
    if (f.field == field) return f;
  return std::nullopt;
}

std::string list(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += f.field + ": " + f.message + "\n";
  return out;
}

TEST(Offering, AFullOfferingHasNoFindings) {
  auto d = design();
  auto findings = check_offering(full_offering(), {.design = &d});
  EXPECT_TRUE(findings.empty()) << list(findings);
}

TEST(Offering, RoundTripsJson) {
  auto o = full_offering();
  auto json = to_json(o);
  EXPECT_EQ(json.as_object().begin()->key(), "format");
  auto back = offering_from_json(json);
  ASSERT_TRUE(back) << describe(back.error());
  EXPECT_EQ(*back, o);

  Offering minimal;
  minimal.activities.clear();
  auto minimal_back = offering_from_json(to_json(minimal));
  ASSERT_TRUE(minimal_back) << describe(minimal_back.error());
  EXPECT_EQ(*minimal_back, minimal);
}

TEST(Offering, WritesAmountsAsExactStrings) {
  auto json = to_json(full_offering());
  const auto& tier = json.at("fee_tiers").at(0);
  EXPECT_EQ(tier.at("price"), "1200.00");
  EXPECT_EQ(json.at("discounts").at(0).at("percent"), "20");
  EXPECT_EQ(json.at("sponsorships").at(0).at("cap"), "1000.00");
}

TEST(Offering, ReadsAWrittenOffering) {
  auto json = json::parse(R"({
    "format": "microcred-offering/1",
    "institution_id": "uoc", "design_id": "data-literacy", "design_version": 1,
    "pacing": "self_paced", "access_days": 90,
    "capacity": 200, "waiting_list": {"enabled": false},
    "activities": ["assessed"],
    "currency": "EUR",
    "fee_tiers": [{"id": "all", "activity": "assessed", "price": 450}],
    "discounts": [{"id": "alumni", "name": "Alumni", "amount": "50.5", "condition": "UOC alumni"}],
    "language": "ca",
    "grading_scheme": {"kind": "pass_fail"}
  })");
  ASSERT_TRUE(json);
  auto o = offering_from_json(*json);
  ASSERT_TRUE(o) << describe(o.error());
  EXPECT_EQ(o->pacing, Pacing::self_paced);
  EXPECT_EQ(o->access_days, 90);
  EXPECT_FALSE(o->waiting_list.enabled);
  EXPECT_EQ(o->fee_tiers[0].price_minor, 45'000);
  EXPECT_EQ(o->discounts[0].amount_minor, 5'050);
  EXPECT_EQ(o->assessment_board.quorum, 1);
  EXPECT_TRUE(check_offering(*o).empty()) << list(check_offering(*o));
}

TEST(Offering, RefusesBadJsonNamingTheField) {
  struct Row {
    std::string_view json;
    std::string_view field;
    std::string_view says;
  };
  for (
      const auto& row : {
          Row{R"({})", "/format", "required"},
          Row{R"({"format":"microcred-design/1"})", "/format", "microcred-offering/1"},
          Row{R"({"format":"microcred-offering/1","capacty":3})", "/capacty",
              "did you mean \"capacity\""},
          Row{R"({"format":"microcred-offering/1","capacity":2.5})", "/capacity", "whole number"},
          Row{R"({"format":"microcred-offering/1","starts_on":"2025-02-30"})", "/starts_on",
              "not a date in the calendar"},
          Row{R"({"format":"microcred-offering/1","application_window":{"opens":"tomorrow"}})",
              "/application_window/opens", "RFC 3339"},
          Row{R"({"format":"microcred-offering/1","pacing":"fast"})", "/pacing",
              "cohort, self_paced"},
          Row{R"({"format":"microcred-offering/1","fee_tiers":[{"activity":"assessed","price":"1"}]})",
              "/currency", "required with amounts"},
          Row{R"({"format":"microcred-offering/1","currency":"EUR","fee_tiers":[{"activity":"assessed","price":450.5}]})",
              "/fee_tiers/0/price", "as a string"},
          Row{R"({"format":"microcred-offering/1","currency":"EUR","fee_tiers":[{"activity":"assessed","price":"450.555"}]})",
              "/fee_tiers/0/price", "more than 2 decimals"},
          Row{R"({"format":"microcred-offering/1","currency":"EUR","fee_tiers":[{"activity":"assessed","price":-1}]})",
              "/fee_tiers/0/price", "negative"},
          Row{R"({"format":"microcred-offering/1","currency":"EUR","fee_tiers":[{"price":"1"}]})",
              "/fee_tiers/0/activity", "required"},
          Row{R"({"format":"microcred-offering/1","discounts":[{"percent":"120"}]})",
              "/discounts/0/percent", "over 100"},
          Row{R"({"format":"microcred-offering/1","sponsorships":[{"learners":"ann"}]})",
              "/sponsorships/0/learners", "expected an array"},
          Row{R"({"format":"microcred-offering/1","grading_scheme":{"kind":"numeric"}})",
              "/grading_scheme/min", "required"},
          Row{R"({"format":"microcred-offering/1","language":null})", "/language", "null"},
          Row{R"({"format":"microcred-offering/1","activities":["attend"]})", "/activities/0",
              "attendance_only"},
      }) {
    SCOPED_TRACE(row.json);
    auto json = json::parse(row.json);
    ASSERT_TRUE(json);
    auto o = offering_from_json(*json);
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(o.error().field, row.field) << o.error().message;
    EXPECT_NE(o.error().message.find(std::string(row.says)), std::string::npos)
        << o.error().message;
  }
}

struct CheckRow {
  std::string name;
  Offering offering;
  std::string field;
  Severity severity;
  std::string says;
};

void expect_finding(const CheckRow& row, const MicroCredentialDesign* d) {
  SCOPED_TRACE(row.name);
  auto findings = check_offering(row.offering, {.design = d});
  auto f = find(findings, row.field);
  ASSERT_TRUE(f) << list(findings);
  EXPECT_EQ(f->severity, row.severity) << f->message;
  EXPECT_NE(f->message.find(row.says), std::string::npos) << f->message;
  EXPECT_EQ(f->rule.rfind(f->rule == "grading-scheme" ? "grading" : "offering-", 0), 0u);
}

TEST(Offering, ChecksIdsDatesAndWindow) {
  std::vector<CheckRow> rows;
  auto add = [&](std::string name, auto change, std::string field, Severity s, std::string says) {
    auto o = full_offering();
    change(o);
    rows.push_back({std::move(name), o, std::move(field), s, std::move(says)});
  };
  add(
      "no institution", [](Offering& o) { o.institution_id = ""; }, "/institution_id",
      Severity::error, "name the institution");
  add(
      "no design", [](Offering& o) { o.design_id = ""; }, "/design_id", Severity::error, "design");
  add(
      "no version", [](Offering& o) { o.design_version = 0; }, "/design_version", Severity::error,
      "exact design version");
  add(
      "cohort without start", [](Offering& o) { o.starts_on.reset(); }, "/starts_on",
      Severity::error, "a cohort offering needs a start date");
  add(
      "cohort without end", [](Offering& o) { o.ends_on.reset(); }, "/ends_on", Severity::error,
      "end date");
  add(
      "end before start",
      [](Offering& o) {
        o.ends_on = Date{2025, 9, 1};
      },
      "/ends_on", Severity::error, "the end date 2025-09-01 is before the start date 2025-09-15");
  add(
      "cohort access days", [](Offering& o) { o.access_days = 30; }, "/access_days",
      Severity::warning, "self-paced");
  add(
      "self-paced zero days",
      [](Offering& o) {
        o.pacing = Pacing::self_paced;
        o.access_days = 0;
      },
      "/access_days", Severity::error, "at least 1 day");
  add(
      "window backwards",
      [](Offering& o) { o.application_window.closes = instant("2025-04-01T00:00:00Z"); },
      "/application_window/closes", Severity::error, "not after it opens");
  add(
      "window after the end",
      [](Offering& o) { o.application_window.closes = instant("2025-12-20T00:00:01Z"); },
      "/application_window/closes", Severity::error, "after the offering ends on 2025-12-19");
  add(
      "opens after the end",
      [](Offering& o) {
        o.application_window = {instant("2025-12-20T00:00:00Z"), std::nullopt};
      },
      "/application_window/opens", Severity::error, "after the offering ends");
  add(
      "late admission",
      [](Offering& o) { o.application_window.closes = instant("2025-09-20T00:00:00Z"); },
      "/application_window/closes", Severity::warning, "late admission");
  for (const auto& row : rows)
    expect_finding(row, nullptr);
  // The window may close at the very end of the last day.
  auto o = full_offering();
  o.application_window.closes = end_of_day(*o.ends_on);
  EXPECT_FALSE(find(check_offering(o), "/application_window/closes") &&
               find(check_offering(o), "/application_window/closes")->severity == Severity::error);
}

TEST(Offering, ChecksCapacityActivitiesAndFees) {
  std::vector<CheckRow> rows;
  auto add = [&](std::string name, auto change, std::string field, Severity s, std::string says) {
    auto o = full_offering();
    change(o);
    rows.push_back({std::move(name), o, std::move(field), s, std::move(says)});
  };
  add(
      "zero capacity", [](Offering& o) { o.capacity = 0; }, "/capacity", Severity::error,
      "capacity is at least 1 place, got 0; leave it out for unlimited places");
  add(
      "zero list", [](Offering& o) { o.waiting_list.limit = 0; }, "/waiting_list/limit",
      Severity::error, "at least 1");
  add(
      "list without capacity", [](Offering& o) { o.capacity.reset(); }, "/waiting_list",
      Severity::warning, "never used");
  add(
      "no activities", [](Offering& o) { o.activities.clear(); }, "/activities", Severity::error,
      "offer at least one activity");
  add(
      "activity twice", [](Offering& o) { o.activities.push_back(Activity::assessed); },
      "/activities/2", Severity::error, "listed twice");
  add(
      "bad currency", [](Offering& o) { o.currency = "EURO"; }, "/currency", Severity::error,
      "ISO 4217");
  add(
      "no currency", [](Offering& o) { o.currency = ""; }, "/currency", Severity::error,
      "give the currency");
  add(
      "no tier id", [](Offering& o) { o.fee_tiers[0].id = ""; }, "/fee_tiers/0/id", Severity::error,
      "give the tier an id");
  add(
      "tier id twice", [](Offering& o) { o.fee_tiers[1].id = "pro-assessed"; }, "/fee_tiers/1/id",
      Severity::error, "used twice");
  add(
      "bad category", [](Offering& o) { o.fee_tiers[0].learner_category = "Job Seeker"; },
      "/fee_tiers/0/learner_category", Severity::error, "not a learner category");
  add(
      "tier for an activity not offered", [](Offering& o) { o.activities = {Activity::assessed}; },
      "/fee_tiers/1/activity", Severity::error,
      "attendance_only is not offered; the offering offers assessed");
  add(
      "negative price", [](Offering& o) { o.fee_tiers[0].price_minor = -1; }, "/fee_tiers/0/price",
      Severity::error, "cannot be negative");
  add(
      "same category and activity twice",
      [](Offering& o) { o.fee_tiers[1].activity = Activity::assessed; }, "/fee_tiers/1",
      Severity::error, "two tiers price professional learners taking assessed: /fee_tiers/0");
  add(
      "attendance dearer", [](Offering& o) { o.fee_tiers[1].price_minor = 130'000; },
      "/fee_tiers/1/price", Severity::warning,
      "attendance only costs more than assessed with ECTS for professional");
  add(
      "no catch-all", [](Offering& o) { o.fee_tiers.erase(o.fee_tiers.begin() + 4); }, "/fee_tiers",
      Severity::warning,
      "no tier without a learner category for attendance_only, so only professional learners");
  for (const auto& row : rows)
    expect_finding(row, nullptr);
}

TEST(Offering, ChecksDiscountsAndSponsorships) {
  std::vector<CheckRow> rows;
  auto add = [&](std::string name, auto change, std::string field, Severity s, std::string says) {
    auto o = full_offering();
    change(o);
    rows.push_back({std::move(name), o, std::move(field), s, std::move(says)});
  };
  add(
      "discount id twice", [](Offering& o) { o.discounts[1].id = "alumni"; }, "/discounts/1/id",
      Severity::error, "used twice");
  add(
      "discount without name", [](Offering& o) { o.discounts[0].name = ""; }, "/discounts/0/name",
      Severity::error, "name the discount");
  add(
      "both percent and amount", [](Offering& o) { o.discounts[0].amount_minor = 100; },
      "/discounts/0", Severity::error, "give either percent or amount, not both");
  add(
      "neither", [](Offering& o) { o.discounts[0].percent.reset(); }, "/discounts/0",
      Severity::error, "give either percent or amount");
  add(
      "zero percent", [](Offering& o) { o.discounts[0].percent = 0; }, "/discounts/0/percent",
      Severity::error, "more than 0%");
  add(
      "zero amount", [](Offering& o) { o.discounts[1].amount_minor = 0; }, "/discounts/1/amount",
      Severity::error, "more than 0");
  add(
      "unknown category",
      [](Offering& o) {
        o.fee_tiers.erase(o.fee_tiers.begin() + 3, o.fee_tiers.end());
        o.discounts[0].learner_categories = {"retiree"};
      },
      "/discounts/0/learner_categories/0", Severity::warning, "no fee tier takes retiree");
  add(
      "discount for an activity not offered",
      [](Offering& o) {
        o.activities = {Activity::attendance_only};
        o.fee_tiers = {{"a", "", Activity::attendance_only, 100}};
      },
      "/discounts/2/activity", Severity::error, "assessed is not offered");
  add(
      "granted discount without condition", [](Offering& o) { o.discounts[0].condition = ""; },
      "/discounts/0/condition", Severity::warning, "say who qualifies");
  add(
      "sponsor without name", [](Offering& o) { o.sponsorships[0].sponsor = ""; },
      "/sponsorships/0/sponsor", Severity::error, "name the sponsor");
  add(
      "sponsor without learners", [](Offering& o) { o.sponsorships[0].learners.clear(); },
      "/sponsorships/0/learners", Severity::error, "name the learners");
  add(
      "learner sponsored twice",
      [](Offering& o) { o.sponsorships[1].learners.push_back("ANN@chipco.example"); },
      "/sponsorships/1/learners/1", Severity::error,
      "\"ANN@chipco.example\" is already sponsored by \"ChipCo NV\" (/sponsorships/0)");
  add(
      "learner named twice",
      [](Offering& o) { o.sponsorships[0].learners.push_back("learner-42"); },
      "/sponsorships/0/learners/2", Severity::error, "named twice");
  add(
      "share over 100", [](Offering& o) { o.sponsorships[0].share = 10'001; },
      "/sponsorships/0/share", Severity::error, "at most 100%");
  add(
      "zero cap", [](Offering& o) { o.sponsorships[0].cap_minor = 0; }, "/sponsorships/0/cap",
      Severity::error, "more than 0");
  for (const auto& row : rows)
    expect_finding(row, nullptr);
}

TEST(Offering, ChecksLanguageDeliveryBoardAndGrading) {
  auto d = design();
  d.awarding_bodies = {{"UAb", "", "PT", ""}, {"UNED", "", "ES", ""}};
  std::vector<CheckRow> rows;
  auto add = [&](std::string name, auto change, std::string field, Severity s, std::string says) {
    auto o = full_offering();
    change(o);
    rows.push_back({std::move(name), o, std::move(field), s, std::move(says)});
  };
  add(
      "no language", [](Offering& o) { o.language = ""; }, "/language", Severity::error,
      "give the language of instruction");
  add(
      "bad language", [](Offering& o) { o.language = "english"; }, "/language", Severity::error,
      "not a BCP 47 language tag");
  add(
      "language not in design", [](Offering& o) { o.language = "nl"; }, "/language",
      Severity::warning, "\"nl\" is not among the design's languages: en");
  add(
      "blended without location", [](Offering& o) { o.delivery.location = ""; },
      "/delivery/location", Severity::warning, "say where");
  add(
      "blended without platform", [](Offering& o) { o.delivery.platform = ""; },
      "/delivery/platform", Severity::info, "learning platform");
  add(
      "form differs", [](Offering& o) { o.delivery.form = ParticipationForm::online; },
      "/delivery/form", Severity::warning, "the design says blended");
  add(
      "pacing differs", [](Offering& o) { o.pacing = Pacing::self_paced; }, "/pacing",
      Severity::warning, "the design says cohort");
  add(
      "before the design's lifespan",
      [](Offering& o) {
        o.starts_on = Date{2024, 12, 1};
      },
      "/starts_on", Severity::warning, "before the design is available from 2025-01-01");
  add(
      "joint without reviewer", [](Offering& o) { o.reviewing_institution_id = ""; },
      "/reviewing_institution_id", Severity::warning, "one admission procedure");
  add(
      "quorum zero", [](Offering& o) { o.assessment_board.quorum = 0; }, "/assessment_board/quorum",
      Severity::error, "at least 1");
  add(
      "too few members", [](Offering& o) { o.assessment_board.quorum = 4; },
      "/assessment_board/members", Severity::error, "3 members cannot reach a quorum of 4");
  add(
      "every member needed", [](Offering& o) { o.assessment_board.quorum = 3; },
      "/assessment_board/members", Severity::info, "every member must approve");
  add(
      "member twice", [](Offering& o) { o.assessment_board.members.push_back("b1"); },
      "/assessment_board/members/3", Severity::error, "listed twice");
  add(
      "bad grading scheme", [](Offering& o) { o.grading_scheme->pass_mark = 30; },
      "/grading_scheme/pass_mark", Severity::error, "outside 0-20");
  for (const auto& row : rows)
    expect_finding(row, &d);

  auto unreadable = design();
  unreadable.grading_scheme = "Graded by the teacher";
  auto o = full_offering();
  o.grading_scheme.reset();
  expect_finding({"design scheme unreadable", o, "/grading_scheme", Severity::error,
                  "cannot read a grading scheme"},
                 &unreadable);
  o.activities = {Activity::attendance_only};
  o.fee_tiers = {{"a", "", Activity::attendance_only, 100}};
  o.discounts.clear();
  o.sponsorships.clear();
  EXPECT_FALSE(find(check_offering(o, {.design = &unreadable}), "/grading_scheme"))
      << "attendance only needs no grading";
}

TEST(Offering, AcceptsApplicationsOnlyInsideTheWindow) {
  auto o = full_offering();
  EXPECT_TRUE(check_application_window(o, instant("2025-05-01T00:00:00Z")));
  auto early = check_application_window(o, instant("2025-04-30T23:59:59Z"));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);
  EXPECT_EQ(early.error().message, "applications open at 2025-05-01T00:00:00Z");
  auto late = check_application_window(o, instant("2025-09-01T00:00:00Z"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().message, "applications closed at 2025-09-01T00:00:00Z");
  o.application_window = {};
  EXPECT_TRUE(check_application_window(o, instant("2025-12-19T23:59:59Z")));
  auto ended = check_application_window(o, instant("2025-12-20T00:00:00Z"));
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().message, "the offering ended on 2025-12-19");
}

FeeRequest request(std::string category, Activity activity, std::vector<std::string> discounts = {},
                   std::string_view at = "2025-08-01T00:00:00Z") {
  FeeRequest r;
  r.learner_id = "learner-1";
  r.learner_email = "someone@example.org";
  r.learner_category = std::move(category);
  r.activity = activity;
  r.discount_ids = std::move(discounts);
  r.at = instant(at);
  return r;
}

TEST(Offering, QuotesTheTierOfTheCategoryAndActivity) {
  auto o = full_offering();
  auto q = quote_fee(o, request("professional", Activity::attendance_only));
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ(q->tier_id, "pro-attendance");
  EXPECT_EQ(q->list_price, (Money{80'000, "EUR"}));
  EXPECT_EQ(q->payable, (Money{80'000, "EUR"}));
  EXPECT_TRUE(q->discount_id.empty());

  auto other = quote_fee(o, request("job_seeker", Activity::assessed));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->tier_id, "assessed");  // the tier for every other category
  auto none = quote_fee(o, request("", Activity::attendance_only));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->tier_id, "attendance");
}

TEST(Offering, QuotesTheLargestDiscountOnly) {
  auto o = full_offering();
  // Before 1 July the automatic early bird (150.00) applies; alumni is 20% of 1200.00 = 240.00.
  auto q =
      quote_fee(o, request("professional", Activity::assessed, {"alumni"}, "2025-06-01T00:00:00Z"));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->discount_id, "alumni");
  EXPECT_EQ(q->discount.minor, 24'000);
  EXPECT_EQ(q->payable.minor, 96'000);
  ASSERT_EQ(q->notes.size(), 1u);
  EXPECT_EQ(q->notes[0],
            "discount \"early\" not applied: discounts do not stack, \"alumni\" is the largest");

  auto early_only =
      quote_fee(o, request("degree_student", Activity::assessed, {}, "2025-06-30T23:59:59Z"));
  ASSERT_TRUE(early_only);
  EXPECT_EQ(early_only->discount_id, "early");
  EXPECT_EQ(early_only->payable.minor, 5'000);

  auto expired =
      quote_fee(o, request("degree_student", Activity::assessed, {}, "2025-07-01T00:00:00Z"));
  ASSERT_TRUE(expired);
  EXPECT_TRUE(expired->discount_id.empty());
  ASSERT_EQ(expired->notes.size(), 1u);
  EXPECT_EQ(expired->notes[0],
            "discount \"early\" does not apply: it ended at 2025-07-01T00:00:00Z");
}

TEST(Offering, CapsAFixedDiscountAtThePrice) {
  auto o = full_offering();
  o.fee_tiers[2].price_minor = 10'000;  // students pay 100.00; the early bird is 150.00
  auto q = quote_fee(o, request("degree_student", Activity::assessed, {}, "2025-06-01T00:00:00Z"));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->discount.minor, 10'000);
  EXPECT_EQ(q->payable.minor, 0);
}

TEST(Offering, ExplainsDiscountsThatDoNotApply) {
  auto o = full_offering();
  auto q =
      quote_fee(o, request("degree_student", Activity::attendance_only, {"alumni", "job-seekers"}));
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ(q->tier_id, "attendance");
  EXPECT_TRUE(q->discount_id.empty());
  EXPECT_EQ(q->payable.minor, 50'000);
  EXPECT_EQ(q->notes,
            (std::vector<std::string>{
                "discount \"alumni\" does not apply: it is not for degree_student learners",
                "discount \"job-seekers\" does not apply: it is for assessed only",
                "discount \"early\" does not apply: it ended at 2025-07-01T00:00:00Z"}));
}

TEST(Offering, QuotesSponsorships) {
  auto o = full_offering();
  auto ann = request("professional", Activity::assessed);
  ann.learner_email = "Ann@ChipCo.example";
  auto q = quote_fee(o, ann);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->sponsorship_id, "chipco");
  EXPECT_EQ(q->sponsor, "ChipCo NV");
  EXPECT_EQ(q->sponsored.minor, 100'000);  // 100% of 1200.00, capped at 1000.00
  EXPECT_EQ(q->payable.minor, 20'000);

  auto by_id = request("professional", Activity::attendance_only);
  by_id.learner_id = "learner-42";
  auto q2 = quote_fee(o, by_id);
  ASSERT_TRUE(q2);
  EXPECT_EQ(q2->sponsored.minor, 80'000);
  EXPECT_EQ(q2->payable.minor, 0);

  // Half of what is left after the discount: 1200.00 - 20% = 960.00; the sponsor pays 480.00.
  auto bob = request("professional", Activity::assessed, {"alumni"});
  bob.learner_email = "bob@fab.example";
  auto q3 = quote_fee(o, bob);
  ASSERT_TRUE(q3);
  EXPECT_EQ(q3->discount.minor, 24'000);
  EXPECT_EQ(q3->sponsored.minor, 48'000);
  EXPECT_EQ(q3->payable.minor, 48'000);
  EXPECT_EQ(q3->list_price.minor - q3->discount.minor - q3->sponsored.minor, q3->payable.minor);

  bob.activity = Activity::attendance_only;
  bob.discount_ids.clear();
  auto q4 = quote_fee(o, bob);
  ASSERT_TRUE(q4);
  EXPECT_TRUE(q4->sponsorship_id.empty());
  EXPECT_EQ(q4->notes, (std::vector<std::string>{
                           "discount \"early\" does not apply: it ended at 2025-07-01T00:00:00Z",
                           "sponsorship \"fab\" is for assessed only"}));
}

TEST(Offering, RoundsPercentagesToTheCent) {
  auto o = full_offering();
  o.fee_tiers[0].price_minor = 33'333;  // 333.33
  o.discounts[0].percent = 3'333;       // 33.33% -> 111.0988... -> 111.10
  auto q = quote_fee(o, request("professional", Activity::assessed, {"alumni"}));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->discount.minor, 11'110);
  EXPECT_EQ(q->payable.minor, 22'223);
}

TEST(Offering, RefusesQuotesItCannotMake) {
  auto o = full_offering();
  o.activities = {Activity::assessed};
  auto not_offered = quote_fee(o, request("professional", Activity::attendance_only));
  ASSERT_FALSE(not_offered);
  EXPECT_EQ(not_offered.error().field, "activity");
  EXPECT_EQ(not_offered.error().message,
            "attendance_only is not offered; the offering offers assessed");

  auto unknown =
      quote_fee(full_offering(), request("professional", Activity::assessed, {"alumni", "vip"}));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "discount_ids/1");
  EXPECT_EQ(unknown.error().message, "there is no discount \"vip\"");

  auto narrow = full_offering();
  narrow.fee_tiers = {{"pro", "professional", Activity::assessed, 100}};
  auto no_tier = quote_fee(narrow, request("job_seeker", Activity::assessed));
  ASSERT_FALSE(no_tier);
  EXPECT_EQ(no_tier.error().code, ErrorCode::not_found);
  EXPECT_EQ(no_tier.error().field, "learner_category");
  EXPECT_EQ(no_tier.error().message, "no fee tier for job_seeker learners taking assessed");
}

TEST(Offering, IsFreeWithoutTiers) {
  Offering o;
  o.currency = "EUR";
  auto q = quote_fee(o, request("anyone", Activity::assessed));
  ASSERT_TRUE(q);
  EXPECT_TRUE(q->tier_id.empty());
  EXPECT_EQ(q->payable, (Money{0, "EUR"}));
}

TEST(Offering, DerivesAssessmentRequirements) {
  auto d = design();
  auto o = full_offering();
  auto req = assessment_requirements(d, o);
  ASSERT_TRUE(req);
  EXPECT_EQ(req->grading.decimals, 1);  // the offering's scheme, not the design's text
  EXPECT_EQ(req->board.quorum, 2);
  o.grading_scheme.reset();
  req = assessment_requirements(d, o);
  ASSERT_TRUE(req);
  EXPECT_EQ(req->grading.decimals, 2);
}

// The JSON blocks of docs/learner-path.md, so that the documented examples stay true.
std::vector<std::string> documented_json() {
  auto text = support::read_file(support::source_dir() / "docs" / "learner-path.md");
  std::vector<std::string> blocks;
  const std::string open = "```json\n";
  for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    at += open.size();
    auto end = text.find("```", at);
    blocks.push_back(text.substr(at, end - at));
  }
  return blocks;
}

TEST(Offering, TheDocumentedExampleReadsAndChecksClean) {
  int found = 0;
  for (const auto& block : documented_json()) {
    if (block.find("microcred-offering/1") == std::string::npos) continue;
    ++found;
    auto json = json::parse(block);
    ASSERT_TRUE(json) << describe(json.error());
    auto o = offering_from_json(*json);
    ASSERT_TRUE(o) << describe(o.error());
    auto d = design();
    auto findings = check_offering(*o, {.design = &d});
    EXPECT_TRUE(findings.empty()) << list(findings);
    auto q = quote_fee(*o, request("professional", Activity::assessed, {"alumni"}));
    ASSERT_TRUE(q);
    EXPECT_EQ(format_money(q->payable), "960.00 EUR");
  }
  EXPECT_EQ(found, 1);
}

}  // namespace
}  // namespace microcred::domain
