#include "domain/design_checks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>

#include <boost/json.hpp>

namespace microcred::domain {
namespace {

namespace bj = boost::json;

constexpr int min_eqf_level = 1;
constexpr int max_eqf_level = 8;
// Council Recommendation 2022: a micro-credential is a "small volume of learning"; MCE D4.2:
// it must not equate to a degree. 60 ECTS is a full-time year; 30 ECTS a semester.
constexpr double ects_error_from = 60;
constexpr double ects_warning_from = 30;
// ECTS Users' Guide 2015: one credit is 25-30 hours of work.
constexpr double min_hours_per_ects = 25;
constexpr double max_hours_per_ects = 30;
// The QF-EHEA short cycle matches EQF level 5, and each later cycle one level up.
constexpr int short_cycle_eqf_level = 5;

constexpr std::array<std::string_view, 6> cefr_levels = {"A1", "A2", "B1", "B2", "C1", "C2"};

// Verbs that name a state of mind rather than something an assessor can observe, each with
// an observable verb from Bloom's revised taxonomy to use instead.
struct VagueVerb {
  std::string_view phrase;
  std::string_view suggestion;
};
constexpr std::array<VagueVerb, 22> vague_verbs = {{
    {"understand", "explain"},
    {"know", "describe"},
    {"know how to", "demonstrate"},
    {"be aware of", "identify"},
    {"be familiar with", "outline"},
    {"be acquainted with", "outline"},
    {"be exposed to", "identify"},
    {"become familiar with", "outline"},
    {"become aware of", "identify"},
    {"familiarise", "describe"},
    {"familiarize", "describe"},
    {"have knowledge of", "describe"},
    {"have an understanding of", "explain"},
    {"learn", "apply"},
    {"appreciate", "discuss"},
    {"comprehend", "interpret"},
    {"grasp", "explain"},
    {"realise", "recognise"},
    {"realize", "recognize"},
    {"gain", "demonstrate"},
    {"acquire", "demonstrate"},
    {"believe", "justify"},
}};

// Observable action verbs, Bloom's revised taxonomy (Anderson & Krathwohl 2001), from
// remember to create; enough to recognise most well-written outcomes.
constexpr std::string_view action_verbs =
    " define list recall name identify recognise recognize state describe outline label match "
    "reproduce select locate cite explain summarise summarize classify compare contrast discuss "
    "interpret illustrate paraphrase distinguish estimate predict translate report express "
    "infer exemplify apply use demonstrate implement execute solve calculate compute operate "
    "perform prepare produce show sketch conduct administer model program code configure install "
    "simulate measure draw write present practise practice analyse analyze differentiate examine "
    "investigate test diagnose debug categorise categorize deconstruct inspect organise organize "
    "question relate attribute map prioritise prioritize evaluate assess appraise argue critique "
    "criticise criticize defend judge justify recommend review validate verify support weigh "
    "rate monitor check create design develop construct compose formulate plan propose devise "
    "build generate invent synthesise synthesize integrate adapt modify optimise optimize lead "
    "manage negotiate communicate collaborate coordinate document draft facilitate mentor reflect "
    "specify structure deploy engineer establish assemble choose decide determine advise "
    "elaborate articulate author conceptualise conceptualize interview moderate pitch prototype "
    "benchmark audit survey quantify forecast publish curate license teach train coach "
    "troubleshoot maintain calibrate control schedule visualise visualize annotate refactor "
    "automate secure protect critically effectively independently ";

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc{} ? std::string(buffer.data(), end) : std::to_string(value);
}

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (is_alpha(c) || c == '-') {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

class Findings {
 public:
  void add(std::string_view rule, Severity severity, std::string field, std::string message) {
    list_.push_back(Finding{std::string(rule), severity, std::move(field), std::move(message)});
  }
  std::vector<Finding> take() { return std::move(list_); }

 private:
  std::vector<Finding> list_;
};

// --- the 11 EU elements and the recommended aspects ---------------------------------------

void check_mandatory(const MicroCredentialDesign& d, Findings& out) {
  constexpr std::string_view rule = "mandatory-element";
  if (d.title.empty())
    out.add(rule, Severity::error, "/title", "EU element 2: the title is missing");
  if (d.issuing_institution.name.empty())
    out.add(rule, Severity::error, "/issuing_institution/name",
            "the issuing institution is missing; it issues on behalf of every awarding body");
  if (d.issuing_institution.country.empty())
    out.add(rule, Severity::error, "/issuing_institution/country",
            "EU element 3: the country of the issuer is missing; give an ISO 3166-1 code (\"BE\")");
  for (std::size_t i = 0; i < d.awarding_bodies.size(); ++i)
    if (d.awarding_bodies[i].name.empty())
      out.add(rule, Severity::error, "/awarding_bodies/" + std::to_string(i) + "/name",
              "EU element 4: an awarding body needs a name");
  if (d.learning_outcomes.empty())
    out.add(rule, Severity::error, "/learning_outcomes",
            "EU element 6: state at least one learning outcome");
  for (std::size_t i = 0; i < d.learning_outcomes.size(); ++i)
    if (d.learning_outcomes[i].statement.find_first_not_of(" \t\r\n") == std::string::npos)
      out.add(rule, Severity::error, "/learning_outcomes/" + std::to_string(i) + "/statement",
              "EU element 6: the learning outcome is empty");
  if (!d.ects && !d.workload_hours)
    out.add(rule, Severity::error, "/ects",
            "EU element 7: the notional workload is missing; give it in ECTS");
  else if (!d.ects)
    out.add(rule, Severity::warning, "/ects",
            "EU element 7 asks for the workload in ECTS wherever possible; only hours are given");
  if (!d.eqf_level && !d.nqf)
    out.add(rule, Severity::error, "/eqf_level",
            "EU element 8: the level is missing; give the EQF level (1-8)");
  else if (!d.eqf_level)
    out.add(rule, Severity::warning, "/eqf_level",
            "EU element 8: only a national level is given; add the EQF level it maps to");
  if (d.assessment.types.empty())
    out.add(rule, Severity::error, "/assessment/types",
            "EU element 9: the type of assessment is missing");
  if (!d.participation.form)
    out.add(rule, Severity::error, "/participation/form",
            "EU element 10: the form of participation is missing (online, onsite, blended or "
            "hybrid)");
  if (d.quality_assurance.types.empty())
    out.add(rule, Severity::error, "/quality_assurance/types",
            "EU element 11: the type of quality assurance is missing (internal, external or "
            "accreditation)");
}

void check_recommended(const MicroCredentialDesign& d, Findings& out) {
  constexpr std::string_view rule = "recommended-element";
  auto warn = [&](bool missing, std::string field, std::string message) {
    if (missing) out.add(rule, Severity::warning, std::move(field), std::move(message));
  };
  warn(d.purpose.empty(), "/purpose", "state the purpose and overall learning objective");
  warn(d.target_audience.empty(), "/target_audience",
       "describe the target audience, so learners can tell whether the course is for them");
  warn(d.languages.empty(), "/languages", "give the language(s) of instruction");
  warn(d.contact == Contact{}, "/contact", "give a contact for enquiries");
  if (d.fees.tiers.empty())
    out.add(rule, Severity::info, "/fees/tiers", "no fee tier: state the fee, 0 when it is free");
  if (d.duration == Duration{})
    out.add(rule, Severity::info, "/duration", "no duration: tell learners how long it takes");
}

// --- learning outcomes ----------------------------------------------------------------------

// The outcome's first words after the usual lead-in ("On completion, the learner will be able
// to ...").
std::vector<std::string> outcome_words(std::string_view statement) {
  std::string text = lower(statement);
  if (auto at = text.find("able to "); at != std::string::npos) text = text.substr(at + 8);
  auto all = words(text);
  static const std::set<std::string_view> lead_in = {
      "the",      "a",           "an",           "learner",    "learners",  "student",
      "students", "participant", "participants", "graduate",   "graduates", "you",
      "they",     "will",        "should",       "shall",      "must",      "can",
      "to",       "is",          "are",          "successful", "also"};
  std::size_t start = 0;
  while (start < all.size() && lead_in.contains(all[start]))
    ++start;
  return {all.begin() + static_cast<std::ptrdiff_t>(start), all.end()};
}

void check_outcomes(const MicroCredentialDesign& d, Findings& out) {
  bool any_esco = false;
  for (std::size_t i = 0; i < d.learning_outcomes.size(); ++i) {
    const auto& outcome = d.learning_outcomes[i];
    const std::string at = "/learning_outcomes/" + std::to_string(i);
    any_esco = any_esco || !outcome.esco_uris.empty();
    auto first = outcome_words(outcome.statement);
    if (first.empty()) continue;
    std::string joined;
    for (const auto& w : first)
      joined += w + " ";
    const VagueVerb* vague = nullptr;
    for (const auto& v : vague_verbs)
      if (joined.starts_with(std::string(v.phrase) + " ") &&
          (!vague || v.phrase.size() > vague->phrase.size()))
        vague = &v;
    if (vague) {
      out.add("outcome-vague-verb", Severity::warning, at + "/statement",
              quoted(vague->phrase) +
                  " cannot be observed or assessed; start with an action verb such as " +
                  quoted(vague->suggestion) + " and say how the learner shows it");
    } else if (action_verbs.find(" " + first[0] + " ") == std::string_view::npos) {
      out.add("outcome-action-verb", Severity::info, at + "/statement",
              quoted(first[0]) +
                  " is not an action verb microcred knows; start the outcome with an observable "
                  "verb (identify, explain, apply, analyse, evaluate, design, ...)");
    }
  }
  if (!d.learning_outcomes.empty() && !any_esco)
    out.add("esco-uri", Severity::info, "/learning_outcomes",
            "no learning outcome names an ESCO skill; aligning outcomes to ESCO helps "
            "employers and recognition");
}

// --- workload and levels ----------------------------------------------------------------------

void check_workload(const MicroCredentialDesign& d, Findings& out) {
  if (d.ects) {
    double ects = *d.ects;
    if (ects <= 0)
      out.add("ects-range", Severity::error, "/ects",
              "ECTS must be more than 0, got " + format_number(ects));
    else if (ects >= ects_error_from)
      out.add("ects-range", Severity::error, "/ects",
              "ECTS must be below 60 (a full year of study, a degree's volume), got " +
                  format_number(ects));
    else if (ects >= ects_warning_from)
      out.add("ects-range", Severity::warning, "/ects",
              format_number(ects) +
                  " ECTS is a semester or more; a micro-credential is a small volume of "
                  "learning: consider splitting it into stackable parts");
  }
  if (d.workload_hours && *d.workload_hours <= 0) {
    out.add("hours-per-ects", Severity::error, "/workload_hours",
            "notional hours must be more than 0, got " + format_number(*d.workload_hours));
  } else if (d.workload_hours && d.ects && *d.ects > 0) {
    double per = *d.workload_hours / *d.ects;
    if (per < min_hours_per_ects || per > max_hours_per_ects)
      out.add("hours-per-ects", Severity::warning, "/workload_hours",
              format_number(*d.workload_hours) + " hours for " + format_number(*d.ects) +
                  " ECTS is " + format_number(per) +
                  " hours per credit; the ECTS Users' Guide counts 25-30, so expect " +
                  format_number(*d.ects * min_hours_per_ects) + "-" +
                  format_number(*d.ects * max_hours_per_ects) + " hours");
  }
}

// The seed's "success requirements" split the hours into online and offline; they should add
// up to the notional workload.
void check_success_hours(const MicroCredentialDesign& d, Findings& out) {
  const auto& s = d.success_requirements;
  if (!d.workload_hours || (!s.hours_online && !s.hours_offline)) return;
  const double sum = s.hours_online.value_or(0) + s.hours_offline.value_or(0);
  const bool both = s.hours_online && s.hours_offline;
  if (sum > *d.workload_hours || (both && sum != *d.workload_hours))
    out.add("success-hours", Severity::warning, "/success_requirements",
            "hours online and offline add up to " + format_number(sum) +
                ", but the notional workload is " + format_number(*d.workload_hours) + " hours");
}

void check_level(std::optional<int> level, std::string field, Findings& out) {
  if (level && (*level < min_eqf_level || *level > max_eqf_level))
    out.add("eqf-level", Severity::error, std::move(field),
            "an EQF level is 1-8, got " + std::to_string(*level));
}

void check_levels(const MicroCredentialDesign& d, Findings& out) {
  check_level(d.eqf_level, "/eqf_level", out);
  for (std::size_t i = 0; i < d.learning_outcomes.size(); ++i)
    check_level(d.learning_outcomes[i].eqf_level,
                "/learning_outcomes/" + std::to_string(i) + "/eqf_level", out);
  if (d.admission.prior_degree)
    check_level(d.admission.prior_degree->eqf_level, "/admission/prior_degree/eqf_level", out);
  if (d.cycle && d.eqf_level) {
    int expected = short_cycle_eqf_level + static_cast<int>(*d.cycle);
    if (*d.eqf_level != expected)
      out.add("eqf-level", Severity::error, "/cycle",
              "the " + std::string(to_string(*d.cycle)) + " of the QF-EHEA matches EQF level " +
                  std::to_string(expected) + ", but the design has EQF level " +
                  std::to_string(*d.eqf_level));
  }
}

// --- assessment, stackability, origin, dates ------------------------------------------------

void check_supervision(const MicroCredentialDesign& d, Findings& out) {
  if (d.supervision) return;
  constexpr std::string_view rule = "online-assessment-supervision";
  bool online_exam = std::find(d.assessment.types.begin(), d.assessment.types.end(),
                               AssessmentType::online_exam) != d.assessment.types.end();
  const auto form = d.participation.form;
  const std::string choose =
      "; choose one of the Recommendation's four modes (unsupervised_no_identity_verification, "
      "supervised_no_identity_verification, supervised_online_identity_verification, "
      "onsite_identity_verification)";
  if (online_exam || form == ParticipationForm::online)
    out.add(rule, Severity::error, "/supervision",
            std::string(online_exam ? "an online exam" : "an online course") +
                " needs a stated supervision and identity-verification mode" + choose);
  else if (form == ParticipationForm::blended || form == ParticipationForm::hybrid)
    out.add(rule, Severity::warning, "/supervision",
            "a " + std::string(to_string(*form)) +
                " course may be assessed online; state the supervision and identity-verification "
                "mode" +
                choose);
}

void check_stackability(const MicroCredentialDesign& d, Findings& out) {
  constexpr std::string_view rule = "stackable-target";
  const auto& s = d.stackability;
  if (s.kind == Stackability::stackable && s.towards.empty())
    out.add(rule, Severity::error, "/stackability/towards",
            "a stackable micro-credential must name what it stacks towards (a pathway, a larger "
            "credential or a degree programme)");
  else if (s.kind == Stackability::integrated && s.towards.empty())
    out.add(rule, Severity::warning, "/stackability/towards",
            "name the programme the micro-credential is integrated in");
  else if (s.kind == Stackability::standalone && !s.towards.empty())
    out.add(rule, Severity::warning, "/stackability/kind",
            "a stand-alone micro-credential names targets to stack towards; make it stackable "
            "or remove the targets");
  for (std::size_t i = 0; i < s.towards.size(); ++i)
    if (s.towards[i].name.empty())
      out.add(rule, Severity::error, "/stackability/towards/" + std::to_string(i) + "/name",
              "name the pathway or programme");
}

void check_origin(const MicroCredentialDesign& d, Findings& out) {
  if (d.origin.kind != OriginKind::degree_module) return;
  if (d.origin.programme.empty())
    out.add("origin-module", Severity::error, "/origin/programme",
            "a micro-credential opened from a degree module names the degree programme");
  if (d.origin.module_code.empty())
    out.add("origin-module", Severity::error, "/origin/module_code",
            "a micro-credential opened from a degree module gives the module's code");
}

void check_dates(const MicroCredentialDesign& d, Findings& out) {
  const auto& l = d.lifespan;
  // YYYY-MM-DD strings order as the dates do.
  if (!l.available_from.empty() && !l.available_until.empty() &&
      l.available_from > l.available_until)
    out.add(
        "lifespan-order", Severity::error, "/lifespan/available_until",
        "available until " + l.available_until + " is before available from " + l.available_from);
  if (d.validity_months && *d.validity_months <= 0)
    out.add("validity-period", Severity::error, "/validity_months",
            "a validity period is at least 1 month, got " + std::to_string(*d.validity_months) +
                "; leave it out when credentials do not expire");
  const auto& du = d.duration;
  if (du.value && *du.value <= 0)
    out.add("duration", Severity::error, "/duration/value",
            "a duration is more than 0, got " + format_number(*du.value));
  if (du.value && !du.unit)
    out.add("duration", Severity::error, "/duration/unit", "give the unit: days, weeks or months");
  if (!du.value && du.unit)
    out.add("duration", Severity::error, "/duration/value",
            "give the number of " + std::string(to_string(*du.unit)));
}

// --- fees ------------------------------------------------------------------------------------

bool is_currency_code(std::string_view code) {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void check_fees(const MicroCredentialDesign& d, Findings& out) {
  constexpr std::string_view rule = "fee-tiers";
  std::set<std::string> names;
  std::set<std::string> currencies;
  for (std::size_t i = 0; i < d.fees.tiers.size(); ++i) {
    const auto& tier = d.fees.tiers[i];
    const std::string at = "/fees/tiers/" + std::to_string(i);
    if (tier.name.empty())
      out.add(rule, Severity::error, at + "/name", "name the fee tier (\"Assessed, with ECTS\")");
    else if (!names.insert(tier.name).second)
      out.add(rule, Severity::error, at + "/name",
              "fee tier " + quoted(tier.name) + " is named twice; tier names must be unique");
    if (tier.amount < 0)
      out.add(rule, Severity::error, at + "/amount",
              "a fee cannot be negative, got " + format_number(tier.amount));
    if (!is_currency_code(tier.currency))
      out.add(rule, Severity::error, at + "/currency",
              (tier.currency.empty() ? std::string("the currency is missing")
                                     : quoted(tier.currency) + " is not a currency code") +
                  "; use ISO 4217 (\"EUR\")");
    else
      currencies.insert(tier.currency);
    std::set<std::string> discount_names;
    for (std::size_t j = 0; j < tier.discounts.size(); ++j) {
      const auto& discount = tier.discounts[j];
      const std::string dat = at + "/discounts/" + std::to_string(j);
      if (discount.amount < 0)
        out.add(rule, Severity::error, dat + "/amount",
                "a discount cannot be negative, got " + format_number(discount.amount));
      else if (discount.amount > tier.amount)
        out.add(rule, Severity::error, dat + "/amount",
                "the discount " + format_number(discount.amount) + " is more than the fee " +
                    format_number(tier.amount));
      if (discount.name.empty())
        out.add(rule, Severity::error, dat + "/name", "name the discount (\"Alumni\")");
      else if (!discount_names.insert(discount.name).second)
        out.add(rule, Severity::error, dat + "/name",
                "discount " + quoted(discount.name) + " is named twice in this tier");
    }
  }
  if (currencies.size() > 1)
    out.add(rule, Severity::warning, "/fees/tiers",
            "the fee tiers use several currencies; learners compare prices more easily in one");
}

// --- codes ------------------------------------------------------------------------------------

void check_language(const std::string& tag, std::string field, Findings& out) {
  if (!is_language_tag(tag))
    out.add("language-code", Severity::error, std::move(field),
            quoted(tag) + " is not a BCP 47 language tag (\"en\", \"pt-PT\", \"es-419\")");
}

void check_languages(const MicroCredentialDesign& d, Findings& out) {
  for (std::size_t i = 0; i < d.languages.size(); ++i)
    check_language(d.languages[i], "/languages/" + std::to_string(i), out);
  for (std::size_t i = 0; i < d.admission.languages.size(); ++i) {
    const auto& req = d.admission.languages[i];
    const std::string at = "/admission/languages/" + std::to_string(i);
    check_language(req.language, at + "/language", out);
    if (!req.cefr_level.empty() &&
        std::find(cefr_levels.begin(), cefr_levels.end(), req.cefr_level) == cefr_levels.end())
      out.add("cefr-level", Severity::error, at + "/cefr_level",
              quoted(req.cefr_level) + " is not a CEFR level (A1, A2, B1, B2, C1, C2)");
  }
}

void check_country(const std::string& code, std::string field, Findings& out) {
  if (code.empty() || is_country_code(code)) return;
  std::string hint;
  if (is_country_code(upper(code)))
    hint = "; write it in upper case: " + quoted(upper(code));
  else if (code == "EL")
    hint = "; ISO 3166-1 has GR for Greece (EL is the EU's own abbreviation)";
  else if (code == "UK")
    hint = "; ISO 3166-1 has GB for the United Kingdom";
  out.add("country-code", Severity::error, std::move(field),
          quoted(code) + " is not an ISO 3166-1 alpha-2 country code" + hint);
}

void check_countries(const MicroCredentialDesign& d, Findings& out) {
  check_country(d.issuing_institution.country, "/issuing_institution/country", out);
  for (std::size_t i = 0; i < d.awarding_bodies.size(); ++i)
    check_country(d.awarding_bodies[i].country,
                  "/awarding_bodies/" + std::to_string(i) + "/country", out);
  for (std::size_t i = 0; i < d.partners.size(); ++i)
    check_country(d.partners[i].country, "/partners/" + std::to_string(i) + "/country", out);
  for (std::size_t i = 0; i < d.target_countries.size(); ++i) {
    const std::string at = "/target_countries/" + std::to_string(i);
    if (d.target_countries[i].empty())
      out.add("country-code", Severity::error, at, "an empty country code");
    check_country(d.target_countries[i], at, out);
  }
}

void check_esco(const MicroCredentialDesign& d, Findings& out) {
  for (std::size_t i = 0; i < d.learning_outcomes.size(); ++i) {
    const auto& uris = d.learning_outcomes[i].esco_uris;
    for (std::size_t j = 0; j < uris.size(); ++j) {
      if (is_esco_uri(uris[j])) continue;
      std::string hint;
      if (uris[j].starts_with("https://data.europa.eu/esco/"))
        hint = "; ESCO URIs start with http://, not https://";
      else if (uris[j].starts_with("https://esco.ec.europa.eu/"))
        hint = "; that is the ESCO portal's page, give the concept URI instead";
      out.add("esco-uri", Severity::error,
              "/learning_outcomes/" + std::to_string(i) + "/esco_uris/" + std::to_string(j),
              quoted(uris[j]) +
                  " is not an ESCO skill or occupation URI "
                  "(http://data.europa.eu/esco/skill/<uuid>)" +
                  hint);
    }
  }
}

// --- national rules ---------------------------------------------------------------------------

bool is_empty_json(const bj::value& v) {
  if (v.is_string()) return v.get_string().empty();
  if (v.is_array()) return v.get_array().empty();
  if (v.is_object()) return v.get_object().empty();
  return v.is_null();
}

void apply_rule(const NationalRule& rule, const MicroCredentialDesign& d, const bj::value& json,
                Findings& out) {
  const Severity severity = rule.error ? Severity::error : Severity::warning;
  auto add = [&](std::string field, const std::string& got) {
    out.add("national-rule", severity, std::move(field),
            rule.country + " [" + rule.id + "]: " + rule.message + "; " + got + " (" + rule.source +
                (rule.url.empty() ? "" : ", " + rule.url) + ")");
  };
  if (d.ects) {
    const std::string got = "the design has " + format_number(*d.ects) + " ECTS";
    if (rule.ects_less_than && !(*d.ects < *rule.ects_less_than)) add("/ects", got);
    if (rule.ects_at_most && !(*d.ects <= *rule.ects_at_most)) add("/ects", got);
    if (rule.ects_at_least && !(*d.ects >= *rule.ects_at_least)) add("/ects", got);
  }
  if (d.eqf_level) {
    const std::string got = "the design has EQF level " + std::to_string(*d.eqf_level);
    if (rule.eqf_level_at_least && *d.eqf_level < *rule.eqf_level_at_least) add("/eqf_level", got);
    if (rule.eqf_level_at_most && *d.eqf_level > *rule.eqf_level_at_most) add("/eqf_level", got);
  }
  for (const auto& pointer : rule.requires_fields) {
    boost::system::error_code ec;
    const bj::value* found = json.find_pointer(pointer, ec);
    if (!found || is_empty_json(*found)) add(pointer, "the design leaves " + pointer + " empty");
  }
}

void check_national(const MicroCredentialDesign& d, const CheckOptions& options, Findings& out) {
  // Each country once, with where it was named: its place in the design, or the options.
  std::vector<std::pair<std::string, std::string>> countries;
  auto add_country = [&](const std::string& code, std::string field) {
    for (const auto& [seen, at] : countries)
      if (seen == code) return;
    if (is_country_code(code)) countries.emplace_back(code, std::move(field));
  };
  for (std::size_t i = 0; i < d.target_countries.size(); ++i)
    add_country(d.target_countries[i], "/target_countries/" + std::to_string(i));
  for (const auto& code : options.extra_countries)
    add_country(code, "/target_countries");
  if (countries.empty()) return;
  const bj::value json = to_json(d);
  for (const auto& [country, field] : countries) {
    bool any = false;
    if (options.national_rules)
      for (const auto& rule : options.national_rules->rules)
        if (rule.country == country) {
          any = true;
          apply_rule(rule, d, json, out);
        }
    if (!any)
      out.add("national-rule", Severity::info, field,
              "no national rules for " + country + " are known; only the EU checks apply");
  }
}

}  // namespace

std::string_view to_string(Severity value) {
  switch (value) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "info";
  }
  return "error";
}

std::vector<Finding> check_design(const MicroCredentialDesign& design,
                                  const CheckOptions& options) {
  Findings out;
  check_mandatory(design, out);
  check_recommended(design, out);
  check_outcomes(design, out);
  check_workload(design, out);
  check_success_hours(design, out);
  check_levels(design, out);
  check_supervision(design, out);
  check_stackability(design, out);
  check_origin(design, out);
  check_dates(design, out);
  check_fees(design, out);
  check_languages(design, out);
  check_countries(design, out);
  check_esco(design, out);
  check_national(design, options, out);
  return out.take();
}

bool has_error(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::error; });
}

boost::json::value to_json(const std::vector<Finding>& findings) {
  bj::array list;
  for (const auto& f : findings)
    list.push_back(bj::object{{"rule", f.rule},
                              {"severity", to_string(f.severity)},
                              {"field", f.field},
                              {"message", f.message}});
  return bj::object{{"findings", std::move(list)}};
}

}  // namespace microcred::domain
