#include "domain/admission.h"

#include <algorithm>
#include <array>
#include <regex>
#include <tuple>

#include <boost/json.hpp>

#include "domain/codes.h"
#include "domain/detail/json_fields.h"

namespace microcred::domain {
namespace {

namespace bj = boost::json;
using detail::ObjectReader;

constexpr std::array<std::string_view, 6> cefr_names = {"A1", "A2", "B1", "B2", "C1", "C2"};
constexpr std::array<std::string_view, 5> criterion_names = {
    "language", "prior_degree", "prior_knowledge", "work_experience", "alternative_route"};
constexpr std::array<std::string_view, 3> verdict_names = {"met", "not_met", "needs_review"};
constexpr std::array<std::string_view, 3> eligibility_names = {"eligible", "not_eligible",
                                                               "needs_review"};
constexpr std::array<std::string_view, 5> status_names = {"submitted", "admitted", "waitlisted",
                                                          "rejected", "withdrawn"};
constexpr std::array<std::string_view, 4> decision_names = {"admit", "waitlist", "reject",
                                                            "withdraw"};

constexpr int min_eqf_level = 1;
constexpr int max_eqf_level = 8;
constexpr int max_experience_months = 1'200;  // A century of work is a typo.
constexpr int months_per_year = 12;
constexpr std::size_t max_requirement_text = 2'000;

template <class Enum, std::size_t N>
std::optional<Enum> parse(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// The primary language subtag, lower case: "en-GB" -> "en".
std::string primary_language(std::string_view tag) {
  return lowered(tag.substr(0, tag.find('-')));
}

bool valid_eqf(const std::optional<int>& level) {
  return level && *level >= min_eqf_level && *level <= max_eqf_level;
}

std::string degree_name(const PriorDegree& d, std::size_t i) {
  return (is_blank(d.title) ? std::string("degree") : quoted(d.title)) + " (/degrees/" +
         std::to_string(i) + ")";
}

// --- evaluation --------------------------------------------------------------------------------

CriterionResult evaluate_language(const LanguageRequirement& req, std::size_t index,
                                  const ApplicationEvidence& evidence) {
  CriterionResult r;
  r.criterion = CriterionKind::language;
  r.field = "/admission/languages/" + std::to_string(index);
  auto required = parse_cefr_level(req.cefr_level);
  r.requirement =
      req.language +
      (required ? " at " + std::string(to_string(*required)) + " or above" : std::string());
  const LanguageCertificate* best = nullptr;
  std::size_t best_index = 0;
  for (std::size_t i = 0; i < evidence.languages.size(); ++i) {
    const auto& c = evidence.languages[i];
    if (primary_language(c.language) != primary_language(req.language)) continue;
    if (!best || c.level > best->level) best = &c, best_index = i;
  }
  if (!best) {
    r.verdict = Verdict::not_met;
    r.reason = "no certificate for " + req.language + " was given";
    return r;
  }
  const std::string named = std::string(to_string(best->level)) +
                            (best->certificate.empty() ? "" : " (" + best->certificate + ")") +
                            " at /languages/" + std::to_string(best_index);
  if (!required) {
    if (!req.cefr_level.empty()) {
      r.verdict = Verdict::needs_review;
      r.reason = "the design's level " + quoted(req.cefr_level) + " is not a CEFR level; check " +
                 named + " by hand";
      return r;
    }
    r.verdict = Verdict::met;
    r.reason = named + " shows " + req.language + "; no level is required";
    return r;
  }
  if (best->level >= *required) {
    r.verdict = Verdict::met;
    r.reason = named + " meets " + std::string(to_string(*required));
  } else {
    r.verdict = Verdict::not_met;
    r.reason = named + " is below the required " + std::string(to_string(*required));
  }
  return r;
}

CriterionResult evaluate_degree(const DegreeRequirement& req, const ApplicationEvidence& evidence) {
  CriterionResult r;
  r.criterion = CriterionKind::prior_degree;
  r.field = "/admission/prior_degree";
  r.requirement = !req.description.empty() ? req.description : std::string("a prior degree");
  if (req.eqf_level) r.requirement += " (EQF " + std::to_string(*req.eqf_level) + " or above)";
  if (evidence.degrees.empty()) {
    r.verdict = Verdict::not_met;
    r.reason = "no degree was given";
    return r;
  }
  if (!req.eqf_level) {
    r.verdict = Verdict::needs_review;
    r.reason = "check " + degree_name(evidence.degrees[0], 0) +
               (evidence.degrees.size() > 1
                    ? " and " + std::to_string(evidence.degrees.size() - 1) + " more"
                    : std::string()) +
               " against " + quoted(r.requirement);
    return r;
  }
  const int required = *req.eqf_level;
  std::optional<std::size_t> meets;
  std::optional<std::size_t> unknown;
  std::optional<std::size_t> below;
  for (std::size_t i = 0; i < evidence.degrees.size(); ++i) {
    const auto& level = evidence.degrees[i].eqf_level;
    if (!valid_eqf(level)) {
      if (!unknown) unknown = i;
    } else if (*level >= required) {
      if (!meets) meets = i;
    } else if (!below || *level > *evidence.degrees[*below].eqf_level) {
      below = i;
    }
  }
  if (meets) {
    const auto& d = evidence.degrees[*meets];
    r.verdict = Verdict::met;
    r.reason = degree_name(d, *meets) + " is EQF " + std::to_string(*d.eqf_level) +
               ", meeting EQF " + std::to_string(required);
  } else if (unknown) {
    const auto& d = evidence.degrees[*unknown];
    r.verdict = Verdict::needs_review;
    r.reason =
        "the EQF level of " + degree_name(d, *unknown) +
        (d.eqf_level ? " is given as " + std::to_string(*d.eqf_level) + ", which is not a level 1-8"
                     : std::string(" is not given")) +
        "; check it against EQF " + std::to_string(required);
  } else {
    const auto& d = evidence.degrees[*below];
    r.verdict = Verdict::not_met;
    r.reason = degree_name(d, *below) + " is EQF " + std::to_string(*d.eqf_level) +
               ", below the required EQF " + std::to_string(required);
  }
  return r;
}

CriterionResult evaluate_knowledge(const std::string& requirement,
                                   const ApplicationEvidence& evidence) {
  CriterionResult r;
  r.criterion = CriterionKind::prior_knowledge;
  r.field = "/admission/prior_knowledge";
  r.requirement = requirement;
  if (evidence.knowledge.empty()) {
    r.verdict = Verdict::not_met;
    r.reason = "no evidence of prior knowledge was given";
  } else {
    r.verdict = Verdict::needs_review;
    r.reason = "check " + std::to_string(evidence.knowledge.size()) +
               " claim(s) at /knowledge against the requirement";
  }
  return r;
}

// The months a work-experience requirement names: "at least 2 years" -> 24, "6 months" -> 6,
// "one year" -> 12. Nothing when the text names no period.
std::optional<int> required_months(const std::string& text) {
  if (text.size() > max_requirement_text) return std::nullopt;
  static const std::regex period(
      R"((\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*(?:\+\s*)?(years?|yrs?|months?))");
  static constexpr std::array<std::string_view, 12> words = {
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "", "twelve"};
  std::smatch m;
  const std::string lower = lowered(text);
  if (!std::regex_search(lower, m, period)) return std::nullopt;
  const std::string count = m[1].str();
  int n = 0;
  if (count[0] >= '0' && count[0] <= '9') {
    if (count.size() > 4) return std::nullopt;
    n = std::stoi(count);
  } else {
    for (std::size_t i = 0; i < words.size(); ++i)
      if (!words[i].empty() && words[i] == count) n = static_cast<int>(i) + 1;
  }
  return m[2].str()[0] == 'y' ? n * months_per_year : n;
}

CriterionResult evaluate_experience(const std::string& requirement,
                                    const ApplicationEvidence& evidence) {
  CriterionResult r;
  r.criterion = CriterionKind::work_experience;
  r.field = "/admission/work_experience";
  r.requirement = requirement;
  if (evidence.experience.empty()) {
    r.verdict = Verdict::not_met;
    r.reason = "no work experience was given";
    return r;
  }
  auto required = required_months(requirement);
  if (!required) {
    r.verdict = Verdict::needs_review;
    r.reason = "check " + std::to_string(evidence.experience.size()) +
               " period(s) at /experience against the requirement";
    return r;
  }
  int total = 0;
  bool unstated = false;
  for (const auto& e : evidence.experience) {
    if (e.months && *e.months >= 0 && *e.months <= max_experience_months)
      total += *e.months;
    else
      unstated = true;
  }
  const std::string given = std::to_string(total) + " month(s) given";
  if (total >= *required) {
    r.verdict = Verdict::met;
    r.reason = given + ", meeting the " + std::to_string(*required) + " required";
  } else if (unstated) {
    r.verdict = Verdict::needs_review;
    r.reason = given + " of the " + std::to_string(*required) +
               " required; some periods state no length, so check them by hand";
  } else {
    r.verdict = Verdict::not_met;
    r.reason = given + ", below the " + std::to_string(*required) + " required";
  }
  return r;
}

// --- decisions ---------------------------------------------------------------------------------

bool waitlist_before(const Application& a, const Application& b) {
  auto key = [](const Application& x) {
    return std::tuple(x.waitlisted_at.value_or(x.submitted_at), x.submitted_at, x.id);
  };
  return key(a) < key(b);
}

Error state_conflict(std::string message) {
  return make_error(ErrorCode::conflict, std::move(message), "decision");
}

std::string places_text(const AdmissionCounts& counts, const AdmissionPolicy& policy) {
  return std::to_string(counts.admitted) + " of " + std::to_string(policy.capacity.value_or(0)) +
         " places are taken";
}

// Admits the first on the waiting list while places are free; appends the ids it changed.
void fill_places(std::vector<Application>& apps, const AdmissionPolicy& policy, Timestamp at,
                 const std::string& decided_by, std::vector<std::string>& changed) {
  for (;;) {
    auto counts = count_admissions(apps, policy);
    if (counts.free_places && *counts.free_places == 0) return;
    Application* first = nullptr;
    for (auto& a : apps)
      if (a.status == ApplicationStatus::waitlisted && (!first || waitlist_before(a, *first)))
        first = &a;
    if (!first) return;
    first->status = ApplicationStatus::admitted;
    first->decided_at = at;
    first->decided_by = decided_by;
    first->reason = "promoted from the waiting list";
    changed.push_back(first->id);
  }
}

// --- JSON ----------------------------------------------------------------------------------------

ApplicationEvidence evidence_from(const bj::value& v) {
  ObjectReader r(v, "");
  ApplicationEvidence e;
  r.list("languages", e.languages, [](const bj::value& item, const std::string& at) {
    ObjectReader lr(item, at);
    LanguageCertificate c;
    c.language =
        detail::as_string(lr.require("language", "a BCP 47 language tag"), lr.at("language"));
    auto level = detail::as_string(lr.require("level", "the CEFR level, A1-C2"), lr.at("level"));
    auto parsed = parse_cefr_level(level);
    if (!parsed)
      detail::fail(lr.at("level"), quoted(level) + " is not a CEFR level (A1, A2, B1, B2, C1, C2)");
    c.level = *parsed;
    lr.string("certificate", c.certificate);
    lr.string("document", c.document);
    lr.done();
    return c;
  });
  r.list("degrees", e.degrees, [](const bj::value& item, const std::string& at) {
    ObjectReader dr(item, at);
    PriorDegree d;
    dr.string("title", d.title);
    dr.integer("eqf_level", d.eqf_level, -1000, 1000);
    dr.string("institution", d.institution);
    dr.string("country", d.country);
    dr.string("document", d.document);
    dr.done();
    return d;
  });
  r.list("knowledge", e.knowledge, [](const bj::value& item, const std::string& at) {
    ObjectReader kr(item, at);
    PriorKnowledge k;
    kr.string("description", k.description);
    kr.string("document", k.document);
    kr.done();
    return k;
  });
  r.list("experience", e.experience, [](const bj::value& item, const std::string& at) {
    ObjectReader xr(item, at);
    WorkExperience x;
    xr.string("description", x.description);
    xr.integer("months", x.months, -100'000, 100'000);
    xr.string("document", x.document);
    xr.done();
    return x;
  });
  if (auto* alt = r.get("alternative_route")) {
    ObjectReader ar(*alt, r.at("alternative_route"));
    AlternativeRoute route;
    ar.string("description", route.description);
    ar.string("document", route.document);
    ar.done();
    e.alternative_route = route;
  }
  r.done();
  return e;
}

}  // namespace

std::string_view to_string(CefrLevel value) {
  return cefr_names[static_cast<std::size_t>(value)];
}

std::optional<CefrLevel> parse_cefr_level(std::string_view name) {
  std::string upper(name);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return parse<CefrLevel>(upper, cefr_names);
}

std::string_view to_string(CriterionKind value) {
  return criterion_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(Verdict value) {
  return verdict_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(Eligibility value) {
  return eligibility_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(ApplicationStatus value) {
  return status_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(Decision value) {
  return decision_names[static_cast<std::size_t>(value)];
}
std::optional<ApplicationStatus> parse_application_status(std::string_view name) {
  return parse<ApplicationStatus>(name, status_names);
}
std::optional<Decision> parse_decision(std::string_view name) {
  return parse<Decision>(name, decision_names);
}

std::vector<Finding> check_evidence(const ApplicationEvidence& e) {
  constexpr std::string_view rule = "application-evidence";
  std::vector<Finding> out;
  auto add = [&](std::string field, std::string message) {
    out.push_back({std::string(rule), Severity::error, std::move(field), std::move(message)});
  };
  for (std::size_t i = 0; i < e.languages.size(); ++i)
    if (!is_language_tag(e.languages[i].language))
      add("/languages/" + std::to_string(i) + "/language",
          quoted(e.languages[i].language) + " is not a BCP 47 language tag (\"en\", \"pt-PT\")");
  for (std::size_t i = 0; i < e.degrees.size(); ++i) {
    const auto& d = e.degrees[i];
    const std::string at = "/degrees/" + std::to_string(i);
    if (is_blank(d.title)) add(at + "/title", "give the degree's title");
    if (d.eqf_level && !valid_eqf(d.eqf_level))
      add(at + "/eqf_level", "EQF levels are 1 to 8, got " + std::to_string(*d.eqf_level) +
                                 "; leave it out if unknown");
    if (!d.country.empty() && !is_country_code(d.country))
      add(at + "/country", quoted(d.country) + " is not an ISO 3166-1 alpha-2 code (\"BE\")");
  }
  for (std::size_t i = 0; i < e.knowledge.size(); ++i)
    if (is_blank(e.knowledge[i].description))
      add("/knowledge/" + std::to_string(i) + "/description", "describe the prior knowledge");
  for (std::size_t i = 0; i < e.experience.size(); ++i) {
    const auto& x = e.experience[i];
    const std::string at = "/experience/" + std::to_string(i);
    if (is_blank(x.description)) add(at + "/description", "describe the work experience");
    if (x.months && (*x.months < 0 || *x.months > max_experience_months))
      add(at + "/months", "months of experience are 0 to " + std::to_string(max_experience_months) +
                              ", got " + std::to_string(*x.months));
  }
  if (e.alternative_route && is_blank(e.alternative_route->description))
    add("/alternative_route/description", "describe the alternative route taken");
  return out;
}

Result<ApplicationEvidence> evidence_from_json(const bj::value& input) {
  return detail::read_json<ApplicationEvidence>([&] { return evidence_from(input); });
}

bj::value to_json(const ApplicationEvidence& e) {
  detail::ObjectWriter w;
  w.list("languages", e.languages, [](const LanguageCertificate& c) {
    detail::ObjectWriter lw;
    lw.raw()["language"] = c.language;
    lw.raw()["level"] = to_string(c.level);
    lw.string("certificate", c.certificate);
    lw.string("document", c.document);
    return lw.take();
  });
  w.list("degrees", e.degrees, [](const PriorDegree& d) {
    detail::ObjectWriter dw;
    dw.string("title", d.title);
    dw.integer("eqf_level", d.eqf_level);
    dw.string("institution", d.institution);
    dw.string("country", d.country);
    dw.string("document", d.document);
    return dw.take();
  });
  w.list("knowledge", e.knowledge, [](const PriorKnowledge& k) {
    detail::ObjectWriter kw;
    kw.string("description", k.description);
    kw.string("document", k.document);
    return kw.take();
  });
  w.list("experience", e.experience, [](const WorkExperience& x) {
    detail::ObjectWriter xw;
    xw.string("description", x.description);
    xw.integer("months", x.months);
    xw.string("document", x.document);
    return xw.take();
  });
  if (e.alternative_route) {
    detail::ObjectWriter aw;
    aw.string("description", e.alternative_route->description);
    aw.string("document", e.alternative_route->document);
    w.raw()["alternative_route"] = aw.take();
  }
  return w.take();
}

EligibilityReport evaluate_eligibility(const Admission& criteria,
                                       const ApplicationEvidence& evidence) {
  EligibilityReport report;
  for (std::size_t i = 0; i < criteria.languages.size(); ++i)
    report.criteria.push_back(evaluate_language(criteria.languages[i], i, evidence));
  if (criteria.prior_degree)
    report.criteria.push_back(evaluate_degree(*criteria.prior_degree, evidence));
  if (!is_blank(criteria.prior_knowledge))
    report.criteria.push_back(evaluate_knowledge(criteria.prior_knowledge, evidence));
  if (!is_blank(criteria.work_experience))
    report.criteria.push_back(evaluate_experience(criteria.work_experience, evidence));

  // MCE D4.2: "alternatives for learners with non-traditional backgrounds". The route may
  // stand in for formal requirements, never for the language of instruction.
  if (!is_blank(criteria.alternative_routes) && evidence.alternative_route) {
    bool relieved = false;
    for (auto& c : report.criteria) {
      if (c.criterion == CriterionKind::language || c.verdict != Verdict::not_met) continue;
      c.verdict = Verdict::needs_review;
      c.reason += "; the alternative route may stand in for it";
      relieved = true;
    }
    CriterionResult route;
    route.criterion = CriterionKind::alternative_route;
    route.field = "/admission/alternative_routes";
    route.requirement = criteria.alternative_routes;
    route.verdict = Verdict::needs_review;
    route.reason = "the learner applies through the alternative route (/alternative_route)" +
                   std::string(relieved ? ", in place of unmet criteria" : "") + "; review it";
    report.criteria.push_back(std::move(route));
  }

  report.overall = Eligibility::eligible;
  for (const auto& c : report.criteria) {
    if (c.verdict == Verdict::not_met) {
      report.overall = Eligibility::not_eligible;
      break;
    }
    if (c.verdict == Verdict::needs_review) report.overall = Eligibility::needs_review;
  }
  return report;
}

bj::value to_json(const EligibilityReport& report) {
  bj::object out;
  out["overall"] = to_string(report.overall);
  bj::array criteria;
  for (const auto& c : report.criteria)
    criteria.push_back(bj::object{{"criterion", to_string(c.criterion)},
                                  {"field", c.field},
                                  {"requirement", c.requirement},
                                  {"verdict", to_string(c.verdict)},
                                  {"reason", c.reason}});
  out["criteria"] = std::move(criteria);
  return out;
}

AdmissionPolicy admission_policy(const Offering& offering) {
  return AdmissionPolicy{offering.capacity, offering.waiting_list};
}

AdmissionCounts count_admissions(const std::vector<Application>& applications,
                                 const AdmissionPolicy& policy) {
  AdmissionCounts counts;
  for (const auto& a : applications) {
    if (a.status == ApplicationStatus::admitted) ++counts.admitted;
    if (a.status == ApplicationStatus::waitlisted) ++counts.waitlisted;
  }
  if (policy.capacity) counts.free_places = std::max(0, *policy.capacity - counts.admitted);
  return counts;
}

std::vector<std::string> waiting_list(const std::vector<Application>& applications) {
  std::vector<const Application*> list;
  for (const auto& a : applications)
    if (a.status == ApplicationStatus::waitlisted) list.push_back(&a);
  std::sort(list.begin(), list.end(),
            [](const Application* a, const Application* b) { return waitlist_before(*a, *b); });
  std::vector<std::string> ids;
  for (const auto* a : list)
    ids.push_back(a->id);
  return ids;
}

Result<AdmissionOutcome> decide(const std::vector<Application>& applications,
                                const AdmissionPolicy& policy, const DecisionRequest& request) {
  AdmissionOutcome outcome{applications, {}};
  auto found = std::find_if(outcome.applications.begin(), outcome.applications.end(),
                            [&](const Application& a) { return a.id == request.application_id; });
  if (found == outcome.applications.end())
    return make_error(ErrorCode::not_found,
                      "there is no application " + quoted(request.application_id),
                      "application_id");
  Application& app = *found;
  const std::string verb(to_string(request.decision));
  const std::string status(to_string(app.status));
  if (app.status == ApplicationStatus::rejected || app.status == ApplicationStatus::withdrawn)
    return state_conflict("cannot " + verb + " application " + quoted(app.id) + ": it is " +
                          status + ", a final decision");
  if (request.decision != Decision::withdraw && is_blank(request.decided_by))
    return make_error(ErrorCode::invalid_argument, "name who decides", "decided_by");
  if (request.decision == Decision::reject && is_blank(request.reason))
    return make_error(ErrorCode::invalid_argument, "give the reason for the rejection", "reason");
  if (request.at < app.submitted_at || (app.decided_at && request.at < *app.decided_at))
    return make_error(ErrorCode::invalid_argument,
                      "the decision at " + format_rfc3339(request.at) +
                          " is before the application's last change",
                      "at");

  const auto counts = count_admissions(outcome.applications, policy);
  const bool automatic = policy.waiting_list.promotion == WaitingListPromotion::automatic;
  bool frees_place = false;
  switch (request.decision) {
    case Decision::admit:
      if (app.status == ApplicationStatus::admitted)
        return state_conflict("application " + quoted(app.id) + " is already admitted");
      if (counts.free_places && *counts.free_places == 0)
        return state_conflict("no place left: " + places_text(counts, policy) +
                              (policy.waiting_list.enabled ? "; put it on the waiting list"
                                                           : "; reject it or raise the capacity"));
      app.status = ApplicationStatus::admitted;
      break;
    case Decision::waitlist:
      if (app.status != ApplicationStatus::submitted)
        return state_conflict("only a submitted application can go on the waiting list; " +
                              quoted(app.id) + " is " + status);
      if (!policy.waiting_list.enabled) return state_conflict("this offering has no waiting list");
      if (policy.waiting_list.limit && counts.waitlisted >= *policy.waiting_list.limit)
        return state_conflict("the waiting list is full: " + std::to_string(counts.waitlisted) +
                              " of " + std::to_string(*policy.waiting_list.limit));
      if (automatic && (!counts.free_places || *counts.free_places > 0))
        return state_conflict(counts.free_places
                                  ? std::to_string(*counts.free_places) +
                                        " place(s) are free; admit it instead"
                                  : std::string("places are unlimited; admit it instead"));
      app.status = ApplicationStatus::waitlisted;
      app.waitlisted_at = request.at;
      break;
    case Decision::reject:
      if (app.status == ApplicationStatus::admitted)
        return state_conflict("application " + quoted(app.id) +
                              " is admitted; it can only be withdrawn");
      app.status = ApplicationStatus::rejected;
      break;
    case Decision::withdraw:
      frees_place = app.status == ApplicationStatus::admitted;
      app.status = ApplicationStatus::withdrawn;
      break;
  }
  app.decided_at = request.at;
  app.decided_by = request.decided_by;
  app.reason = request.reason;
  outcome.changed.push_back(app.id);
  if (frees_place && automatic)
    fill_places(outcome.applications, policy, request.at, request.decided_by, outcome.changed);
  return outcome;
}

AdmissionOutcome promote_from_waiting_list(const std::vector<Application>& applications,
                                           const AdmissionPolicy& policy, Timestamp at,
                                           const std::string& decided_by) {
  AdmissionOutcome outcome{applications, {}};
  fill_places(outcome.applications, policy, at, decided_by, outcome.changed);
  return outcome;
}

}  // namespace microcred::domain
