#include "domain/offering.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "domain/codes.h"
#include "domain/detail/json_fields.h"

namespace microcred::domain {
namespace {

namespace bj = boost::json;
using detail::child;

constexpr std::array<std::string_view, 2> activity_names = {"attendance_only", "assessed"};
constexpr std::array<std::string_view, 2> pacing_names = {"cohort", "self_paced"};
constexpr std::array<std::string_view, 2> promotion_names = {"automatic", "manual"};
constexpr std::array<std::string_view, 4> participation_names = {"online", "onsite", "blended",
                                                                 "hybrid"};

// Bounds on integers read from JSON; the checks then say what is sensible.
constexpr std::int64_t max_version = 1'000'000'000;
constexpr std::int64_t max_places = 10'000'000;
constexpr std::int64_t max_access_days = 36'500;
constexpr std::int64_t max_quorum = 1'000;
// A learner category is a short slug: "degree_student".
constexpr std::size_t max_category_length = 64;

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_category(std::string_view s) {
  return !s.empty() && s.size() <= max_category_length &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool offers(const Offering& o, Activity a) {
  return std::find(o.activities.begin(), o.activities.end(), a) != o.activities.end();
}

std::string offered_list(const Offering& o) {
  std::string out;
  for (auto a : o.activities)
    out += (out.empty() ? "" : ", ") + std::string(to_string(a));
  return out.empty() ? "nothing" : out;
}

std::string category_label(std::string_view category) {
  return category.empty() ? std::string("learners of any other category")
                          : std::string(category) + " learners";
}

class Findings {
 public:
  void add(std::string_view rule, Severity severity, std::string field, std::string message) {
    list_.push_back({std::string(rule), severity, std::move(field), std::move(message)});
  }
  void append(std::vector<Finding> more) {
    for (auto& f : more)
      list_.push_back(std::move(f));
  }
  std::vector<Finding> take() { return std::move(list_); }

 private:
  std::vector<Finding> list_;
};

// --- checks -----------------------------------------------------------------------------------

void check_ids(const Offering& o, Findings& out) {
  constexpr std::string_view rule = "offering-ids";
  if (is_blank(o.institution_id))
    out.add(rule, Severity::error, "/institution_id",
            "name the institution that runs the offering");
  if (is_blank(o.design_id))
    out.add(rule, Severity::error, "/design_id", "name the micro-credential design it runs");
  if (o.design_version < 1)
    out.add(
        rule, Severity::error, "/design_version",
        "give the exact design version it runs (from 1), got " + std::to_string(o.design_version));
}

void check_dates(const Offering& o, const MicroCredentialDesign* design, Findings& out) {
  constexpr std::string_view rule = "offering-dates";
  if (o.pacing == Pacing::cohort) {
    if (!o.starts_on)
      out.add(rule, Severity::error, "/starts_on", "a cohort offering needs a start date");
    if (!o.ends_on)
      out.add(rule, Severity::error, "/ends_on", "a cohort offering needs an end date");
    if (o.access_days)
      out.add(rule, Severity::warning, "/access_days",
              "access_days applies to self-paced offerings only; a cohort follows its dates");
  } else if (o.access_days && *o.access_days < 1) {
    out.add(rule, Severity::error, "/access_days",
            "a learner's access period is at least 1 day, got " + std::to_string(*o.access_days));
  }
  if (o.starts_on && o.ends_on && *o.ends_on < *o.starts_on)
    out.add(rule, Severity::error, "/ends_on",
            "the end date " + format_date(*o.ends_on) + " is before the start date " +
                format_date(*o.starts_on));
  if (!design) return;
  if (design->participation.pacing && *design->participation.pacing != o.pacing)
    out.add(rule, Severity::warning, "/pacing",
            "the offering is " + std::string(to_string(o.pacing)) + " but the design says " +
                std::string(to_string(*design->participation.pacing)));
  auto from = parse_date(design->lifespan.available_from);
  auto until = parse_date(design->lifespan.available_until);
  if (o.starts_on && from && *o.starts_on < *from)
    out.add(rule, Severity::warning, "/starts_on",
            "the offering starts " + format_date(*o.starts_on) +
                ", before the design is available from " + format_date(*from));
  if (o.ends_on && until && *o.ends_on > *until)
    out.add(rule, Severity::warning, "/ends_on",
            "the offering ends " + format_date(*o.ends_on) +
                ", after the design is available until " + format_date(*until));
}

void check_window(const Offering& o, Findings& out) {
  constexpr std::string_view rule = "offering-window";
  const auto& w = o.application_window;
  if (w.opens && w.closes && *w.closes <= *w.opens)
    out.add(rule, Severity::error, "/application_window/closes",
            "the window closes at " + format_rfc3339(*w.closes) + ", not after it opens at " +
                format_rfc3339(*w.opens));
  if (o.ends_on) {
    const Timestamp end = end_of_day(*o.ends_on);
    if (w.closes && *w.closes > end)
      out.add(rule, Severity::error, "/application_window/closes",
              "the window closes at " + format_rfc3339(*w.closes) +
                  ", after the offering ends on " + format_date(*o.ends_on));
    if (w.opens && *w.opens >= end)
      out.add(rule, Severity::error, "/application_window/opens",
              "the window opens at " + format_rfc3339(*w.opens) + ", after the offering ends on " +
                  format_date(*o.ends_on));
  }
  if (o.pacing == Pacing::cohort && o.starts_on && w.closes &&
      *w.closes > start_of_day(*o.starts_on))
    out.add(rule, Severity::warning, "/application_window/closes",
            "applications close at " + format_rfc3339(*w.closes) + ", after the course starts on " +
                format_date(*o.starts_on) + " (late admission)");
}

void check_capacity(const Offering& o, Findings& out) {
  constexpr std::string_view rule = "offering-capacity";
  if (o.capacity && *o.capacity < 1)
    out.add(rule, Severity::error, "/capacity",
            "capacity is at least 1 place, got " + std::to_string(*o.capacity) +
                "; leave it out for unlimited places");
  if (o.waiting_list.limit && *o.waiting_list.limit < 1)
    out.add(rule, Severity::error, "/waiting_list/limit",
            "a waiting list holds at least 1 applicant, got " +
                std::to_string(*o.waiting_list.limit) + "; disable it instead");
  if (!o.capacity && o.waiting_list.enabled && o.waiting_list.limit)
    out.add(rule, Severity::warning, "/waiting_list",
            "places are unlimited, so the waiting list is never used");
}

void check_activities(const Offering& o, Findings& out) {
  constexpr std::string_view rule = "offering-activities";
  if (o.activities.empty())
    out.add(rule, Severity::error, "/activities",
            "offer at least one activity: assessed or attendance_only");
  for (std::size_t i = 0; i < o.activities.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (o.activities[i] == o.activities[j])
        out.add(rule, Severity::error, "/activities/" + std::to_string(i),
                std::string(to_string(o.activities[i])) + " is listed twice");
}

bool amounts_used(const Offering& o) {
  if (!o.fee_tiers.empty()) return true;
  for (const auto& d : o.discounts)
    if (d.amount_minor) return true;
  for (const auto& s : o.sponsorships)
    if (s.cap_minor) return true;
  return false;
}

void check_amount(std::int64_t minor, const std::string& field, std::string_view what,
                  Findings& out, std::string_view rule) {
  if (minor < 0)
    out.add(rule, Severity::error, field, std::string(what) + " cannot be negative");
  else if (minor > max_amount_minor)
    out.add(rule, Severity::error, field, std::string(what) + " is too large");
}

void check_fees(const Offering& o, const MicroCredentialDesign* design, Findings& out) {
  constexpr std::string_view rule = "offering-fees";
  if (!o.currency.empty() && !is_currency_code(o.currency))
    out.add(rule, Severity::error, "/currency",
            quoted(o.currency) + " is not an ISO 4217 currency code (\"EUR\")");
  else if (o.currency.empty() && amounts_used(o))
    out.add(rule, Severity::error, "/currency",
            "give the currency of the fees, ISO 4217 (\"EUR\")");

  std::set<std::string> ids;
  std::map<std::pair<std::string, Activity>, std::size_t> tier_at;
  for (std::size_t i = 0; i < o.fee_tiers.size(); ++i) {
    const auto& t = o.fee_tiers[i];
    const std::string at = "/fee_tiers/" + std::to_string(i);
    if (t.id.empty())
      out.add(rule, Severity::error, at + "/id", "give the tier an id (\"professional-assessed\")");
    else if (!ids.insert(t.id).second)
      out.add(rule, Severity::error, at + "/id", "tier id " + quoted(t.id) + " is used twice");
    if (!t.learner_category.empty() && !is_category(t.learner_category))
      out.add(rule, Severity::error, at + "/learner_category",
              quoted(t.learner_category) +
                  " is not a learner category; use lower-case letters, digits, '_' and '-' "
                  "(\"degree_student\", \"job_seeker\")");
    if (!offers(o, t.activity))
      out.add(rule, Severity::error, at + "/activity",
              std::string(to_string(t.activity)) + " is not offered; the offering offers " +
                  offered_list(o));
    check_amount(t.price_minor, at + "/price", "a price", out, rule);
    auto [it, fresh] = tier_at.emplace(std::pair{t.learner_category, t.activity}, i);
    if (!fresh)
      out.add(rule, Severity::error, at,
              "two tiers price " + category_label(t.learner_category) + " taking " +
                  std::string(to_string(t.activity)) + ": /fee_tiers/" +
                  std::to_string(it->second) + " and this one");
  }
  // MCE D4.2: attendance only pays less than assessed with ECTS.
  for (const auto& [key, index] : tier_at) {
    if (key.second != Activity::attendance_only) continue;
    auto assessed = tier_at.find({key.first, Activity::assessed});
    if (assessed == tier_at.end()) continue;
    if (o.fee_tiers[index].price_minor > o.fee_tiers[assessed->second].price_minor)
      out.add(rule, Severity::warning, "/fee_tiers/" + std::to_string(index) + "/price",
              "attendance only costs more than assessed with ECTS for " +
                  category_label(key.first) + "; it usually costs less");
  }
  if (!o.fee_tiers.empty()) {
    for (auto activity : o.activities) {
      if (tier_at.count({"", activity})) continue;
      std::string named;
      for (const auto& [key, index] : tier_at)
        if (key.second == activity) named += (named.empty() ? "" : ", ") + key.first;
      out.add(rule, Severity::warning, "/fee_tiers",
              "no tier without a learner category for " + std::string(to_string(activity)) +
                  ", so only " + (named.empty() ? std::string("no") : named) +
                  " learners can be quoted a fee for it");
    }
  }
  if (o.fee_tiers.empty() && design && !design->fees.tiers.empty())
    out.add(rule, Severity::warning, "/fee_tiers",
            "the design lists fees but the offering has no fee tier, so it is free");
}

bool some_tier_takes(const Offering& o, std::string_view category) {
  return std::any_of(o.fee_tiers.begin(), o.fee_tiers.end(), [&](const OfferingFeeTier& t) {
    return t.learner_category.empty() || t.learner_category == category;
  });
}

void check_discounts(const Offering& o, Findings& out) {
  constexpr std::string_view rule = "offering-discounts";
  std::set<std::string> ids;
  for (std::size_t i = 0; i < o.discounts.size(); ++i) {
    const auto& d = o.discounts[i];
    const std::string at = "/discounts/" + std::to_string(i);
    if (d.id.empty())
      out.add(rule, Severity::error, at + "/id", "give the discount an id (\"alumni\")");
    else if (!ids.insert(d.id).second)
      out.add(rule, Severity::error, at + "/id", "discount id " + quoted(d.id) + " is used twice");
    if (is_blank(d.name)) out.add(rule, Severity::error, at + "/name", "name the discount");
    if (d.percent.has_value() == d.amount_minor.has_value())
      out.add(rule, Severity::error, at,
              "give either percent or amount" + std::string(d.percent ? ", not both" : ""));
    if (d.percent && (*d.percent <= 0 || *d.percent > basis_points_per_whole))
      out.add(
          rule, Severity::error, at + "/percent",
          "a discount is more than 0% and at most 100%, got " + format_percent(*d.percent) + "%");
    if (d.amount_minor) {
      if (*d.amount_minor <= 0)
        out.add(rule, Severity::error, at + "/amount", "a discount amount is more than 0");
      else
        check_amount(*d.amount_minor, at + "/amount", "a discount", out, rule);
    }
    for (std::size_t j = 0; j < d.learner_categories.size(); ++j) {
      const auto& c = d.learner_categories[j];
      const std::string cat = at + "/learner_categories/" + std::to_string(j);
      if (!is_category(c))
        out.add(rule, Severity::error, cat, quoted(c) + " is not a learner category");
      else if (!o.fee_tiers.empty() && !some_tier_takes(o, c))
        out.add(rule, Severity::warning, cat,
                "no fee tier takes " + c + " learners, so the discount never applies to them");
    }
    if (d.activity && !offers(o, *d.activity))
      out.add(rule, Severity::error, at + "/activity",
              std::string(to_string(*d.activity)) + " is not offered; the offering offers " +
                  offered_list(o));
    if (!d.automatic && is_blank(d.condition))
      out.add(rule, Severity::warning, at + "/condition",
              "say who qualifies, so the registrar can check it before granting the discount");
  }
}

void check_sponsorships(const Offering& o, Findings& out) {
  constexpr std::string_view rule = "offering-sponsorships";
  std::set<std::string> ids;
  std::map<std::string, std::size_t> sponsored_by;  // learner (lower-cased) -> sponsorship
  for (std::size_t i = 0; i < o.sponsorships.size(); ++i) {
    const auto& s = o.sponsorships[i];
    const std::string at = "/sponsorships/" + std::to_string(i);
    if (s.id.empty())
      out.add(rule, Severity::error, at + "/id", "give the sponsorship an id");
    else if (!ids.insert(s.id).second)
      out.add(rule, Severity::error, at + "/id",
              "sponsorship id " + quoted(s.id) + " is used twice");
    if (is_blank(s.sponsor))
      out.add(rule, Severity::error, at + "/sponsor", "name the sponsor (\"ChipCo NV\")");
    if (s.learners.empty())
      out.add(rule, Severity::error, at + "/learners", "name the learners the sponsor pays for");
    for (std::size_t j = 0; j < s.learners.size(); ++j) {
      const std::string lat = at + "/learners/" + std::to_string(j);
      const auto key = lowered(s.learners[j]);
      if (is_blank(key)) {
        out.add(rule, Severity::error, lat, "a learner id or e-mail address is empty");
        continue;
      }
      auto [it, fresh] = sponsored_by.emplace(key, i);
      if (fresh) continue;
      if (it->second == i)
        out.add(rule, Severity::error, lat, quoted(s.learners[j]) + " is named twice");
      else
        out.add(rule, Severity::error, lat,
                quoted(s.learners[j]) + " is already sponsored by " +
                    quoted(o.sponsorships[it->second].sponsor) + " (/sponsorships/" +
                    std::to_string(it->second) + "); a learner has one sponsor");
    }
    if (s.share <= 0 || s.share > basis_points_per_whole)
      out.add(rule, Severity::error, at + "/share",
              "a sponsor pays more than 0% and at most 100%, got " + format_percent(s.share) + "%");
    if (s.cap_minor) {
      if (*s.cap_minor <= 0)
        out.add(rule, Severity::error, at + "/cap", "a cap is more than 0; leave it out for none");
      else
        check_amount(*s.cap_minor, at + "/cap", "a cap", out, rule);
    }
    if (s.activity && !offers(o, *s.activity))
      out.add(rule, Severity::error, at + "/activity",
              std::string(to_string(*s.activity)) + " is not offered; the offering offers " +
                  offered_list(o));
  }
}

void check_language(const Offering& o, const MicroCredentialDesign* design, Findings& out) {
  constexpr std::string_view rule = "offering-language";
  if (o.language.empty()) {
    out.add(rule, Severity::error, "/language",
            "give the language of instruction, BCP 47 (\"en\", \"pt-PT\")");
    return;
  }
  if (!is_language_tag(o.language)) {
    out.add(rule, Severity::error, "/language",
            quoted(o.language) + " is not a BCP 47 language tag (\"en\", \"pt-PT\", \"es-419\")");
    return;
  }
  if (design && !design->languages.empty() &&
      std::none_of(design->languages.begin(), design->languages.end(),
                   [&](const std::string& l) { return lowered(l) == lowered(o.language); })) {
    std::string listed;
    for (const auto& l : design->languages)
      listed += (listed.empty() ? "" : ", ") + l;
    out.add(rule, Severity::warning, "/language",
            quoted(o.language) + " is not among the design's languages: " + listed);
  }
}

void check_delivery(const Offering& o, const MicroCredentialDesign* design, Findings& out) {
  constexpr std::string_view rule = "offering-delivery";
  const auto& d = o.delivery;
  if (d.form && *d.form != ParticipationForm::online && is_blank(d.location))
    out.add(rule, Severity::warning, "/delivery/location",
            "a " + std::string(to_string(*d.form)) + " offering has on-site parts; say where");
  if (d.form && *d.form != ParticipationForm::onsite && is_blank(d.platform))
    out.add(rule, Severity::info, "/delivery/platform",
            "a " + std::string(to_string(*d.form)) +
                " offering has online parts; give the learning platform's URL");
  if (design && d.form && design->participation.form && *design->participation.form != *d.form)
    out.add(rule, Severity::warning, "/delivery/form",
            "the offering is " + std::string(to_string(*d.form)) + " but the design says " +
                std::string(to_string(*design->participation.form)));
}

void check_reviewer(const Offering& o, const MicroCredentialDesign* design, Findings& out) {
  // MCE D4.2, "Admission": a consortium has one application procedure, and one institution
  // reviewing every application treats applicants equally.
  if (design && design->awarding_bodies.size() > 1 && is_blank(o.reviewing_institution_id))
    out.add("offering-reviewer", Severity::warning, "/reviewing_institution_id",
            "a joint micro-credential has one admission procedure; name the institution that "
            "reviews every application");
}

void check_board(const Offering& o, Findings& out) {
  constexpr std::string_view rule = "offering-board";
  const auto& b = o.assessment_board;
  if (b.quorum < 1)
    out.add(rule, Severity::error, "/assessment_board/quorum",
            "a quorum is at least 1 approval, got " + std::to_string(b.quorum));
  std::set<std::string> members;
  for (std::size_t i = 0; i < b.members.size(); ++i) {
    const std::string at = "/assessment_board/members/" + std::to_string(i);
    if (is_blank(b.members[i]))
      out.add(rule, Severity::error, at, "a member's user id is empty");
    else if (!members.insert(b.members[i]).second)
      out.add(rule, Severity::error, at, quoted(b.members[i]) + " is listed twice");
  }
  if (b.required && !b.members.empty() && members.size() < static_cast<std::size_t>(b.quorum))
    out.add(rule, Severity::error, "/assessment_board/members",
            std::to_string(members.size()) + " members cannot reach a quorum of " +
                std::to_string(b.quorum));
  if (b.required && !b.members.empty() && members.size() == static_cast<std::size_t>(b.quorum))
    out.add(rule, Severity::info, "/assessment_board/members",
            "every member must approve; a member who assessed a learner cannot approve that "
            "result, so such results cannot reach the quorum");
}

void check_grading(const Offering& o, const MicroCredentialDesign* design, Findings& out) {
  if (o.grading_scheme) {
    out.append(check_grading_scheme(*o.grading_scheme, "/grading_scheme"));
    return;
  }
  if (!design || !offers(o, Activity::assessed)) return;
  auto read = read_grading_scheme(design->grading_scheme);
  if (!read) out.add("grading-scheme", Severity::error, "/grading_scheme", read.error().message);
}

// --- JSON -------------------------------------------------------------------------------------

using detail::ObjectReader;

std::int64_t amount_from(const bj::value& v, const std::string& at, const std::string& currency) {
  if (!is_currency_code(currency))
    detail::fail("/currency", currency.empty()
                                  ? "required with amounts: ISO 4217 (\"EUR\")"
                                  : quoted(currency) + " is not an ISO 4217 currency code");
  return detail::as_amount(v, at, currency);
}

OfferingFeeTier tier_from(const bj::value& v, const std::string& at, const std::string& currency) {
  ObjectReader r(v, at);
  OfferingFeeTier t;
  r.string("id", t.id);
  r.string("learner_category", t.learner_category);
  t.activity = detail::as_enum<Activity>(r.require("activity", "assessed or attendance_only"),
                                         r.at("activity"), activity_names);
  t.price_minor =
      amount_from(r.require("price", "the price, \"0\" when free"), r.at("price"), currency);
  r.done();
  return t;
}

OfferingDiscount discount_from(const bj::value& v, const std::string& at,
                               const std::string& currency) {
  ObjectReader r(v, at);
  OfferingDiscount d;
  r.string("id", d.id);
  r.string("name", d.name);
  if (auto* p = r.get("percent")) d.percent = detail::as_percent(*p, r.at("percent"));
  if (auto* a = r.get("amount")) d.amount_minor = amount_from(*a, r.at("amount"), currency);
  r.strings("learner_categories", d.learner_categories);
  r.enumeration("activity", d.activity, activity_names);
  r.timestamp("until", d.until);
  r.boolean("automatic", d.automatic);
  r.string("condition", d.condition);
  r.done();
  return d;
}

Sponsorship sponsorship_from(const bj::value& v, const std::string& at,
                             const std::string& currency) {
  ObjectReader r(v, at);
  Sponsorship s;
  r.string("id", s.id);
  r.string("sponsor", s.sponsor);
  r.strings("learners", s.learners);
  if (auto* p = r.get("share")) s.share = detail::as_percent(*p, r.at("share"));
  if (auto* c = r.get("cap")) s.cap_minor = amount_from(*c, r.at("cap"), currency);
  r.enumeration("activity", s.activity, activity_names);
  r.done();
  return s;
}

Offering offering_from(const bj::value& v) {
  ObjectReader r(v, "");
  Offering o;
  const auto& format = r.require("format", quoted(offering_format));
  if (!format.is_string() || format.get_string() != offering_format)
    detail::fail("/format", "expected " + quoted(offering_format));
  r.string("id", o.id);
  r.string("institution_id", o.institution_id);
  r.string("design_id", o.design_id);
  std::optional<int> version;
  r.integer("design_version", version, 0, max_version);
  o.design_version = version.value_or(0);
  r.string("code", o.code);
  r.enumeration("pacing", o.pacing, pacing_names);
  r.date("starts_on", o.starts_on);
  r.date("ends_on", o.ends_on);
  r.integer("access_days", o.access_days, -max_access_days, max_access_days);
  r.object("application_window", o.application_window,
           [](const bj::value& w, const std::string& wat) {
             ObjectReader wr(w, wat);
             ApplicationWindow window;
             wr.timestamp("opens", window.opens);
             wr.timestamp("closes", window.closes);
             wr.done();
             return window;
           });
  r.integer("capacity", o.capacity, -max_places, max_places);
  r.object("waiting_list", o.waiting_list, [](const bj::value& w, const std::string& wat) {
    ObjectReader wr(w, wat);
    WaitingListPolicy policy;
    wr.boolean("enabled", policy.enabled);
    wr.integer("limit", policy.limit, -max_places, max_places);
    wr.enumeration("promotion", policy.promotion, promotion_names);
    wr.done();
    return policy;
  });
  if (r.get("activities")) {
    o.activities.clear();
    r.enumerations("activities", o.activities, activity_names);
  }
  r.string("currency", o.currency);
  auto with_currency = [&](auto parse) {
    return [&, parse](const bj::value& item, const std::string& at) {
      return parse(item, at, o.currency);
    };
  };
  r.list("fee_tiers", o.fee_tiers, with_currency(tier_from));
  r.list("discounts", o.discounts, with_currency(discount_from));
  r.list("sponsorships", o.sponsorships, with_currency(sponsorship_from));
  r.string("language", o.language);
  r.object("delivery", o.delivery, [](const bj::value& d, const std::string& dat) {
    ObjectReader dr(d, dat);
    Delivery delivery;
    dr.enumeration("form", delivery.form, participation_names);
    dr.string("location", delivery.location);
    dr.string("platform", delivery.platform);
    dr.string("schedule", delivery.schedule);
    dr.string("notes", delivery.notes);
    dr.done();
    return delivery;
  });
  r.string("reviewing_institution_id", o.reviewing_institution_id);
  if (auto* g = r.get("grading_scheme")) {
    auto scheme = grading_scheme_from_json(*g, r.at("grading_scheme"));
    if (!scheme) throw detail::JsonFailure{scheme.error()};
    o.grading_scheme = *scheme;
  }
  r.object("assessment_board", o.assessment_board, [](const bj::value& b, const std::string& bat) {
    ObjectReader br(b, bat);
    BoardPolicy board;
    br.boolean("required", board.required);
    std::optional<int> quorum;
    br.integer("quorum", quorum, -max_quorum, max_quorum);
    board.quorum = quorum.value_or(1);
    br.strings("members", board.members);
    br.done();
    return board;
  });
  r.done();
  return o;
}

bj::value amount_json(std::int64_t minor, const std::string& currency) {
  return bj::value(format_amount(minor, currency));
}

}  // namespace

std::string_view to_string(WaitingListPromotion value) {
  return promotion_names[static_cast<std::size_t>(value)];
}

std::vector<Finding> check_offering(const Offering& offering, const OfferingCheckOptions& options) {
  Findings out;
  const auto* design = options.design;
  check_ids(offering, out);
  check_dates(offering, design, out);
  check_window(offering, out);
  check_capacity(offering, out);
  check_activities(offering, out);
  check_fees(offering, design, out);
  check_discounts(offering, out);
  check_sponsorships(offering, out);
  check_language(offering, design, out);
  check_delivery(offering, design, out);
  check_reviewer(offering, design, out);
  check_board(offering, out);
  check_grading(offering, design, out);
  return out.take();
}

Result<Offering> offering_from_json(const bj::value& input) {
  return detail::read_json<Offering>([&] { return offering_from(input); });
}

bj::value to_json(const Offering& o) {
  detail::ObjectWriter w;
  w.raw()["format"] = offering_format;
  w.string("id", o.id);
  w.string("institution_id", o.institution_id);
  w.string("design_id", o.design_id);
  w.raw()["design_version"] = o.design_version;
  w.string("code", o.code);
  w.raw()["pacing"] = to_string(o.pacing);
  w.date("starts_on", o.starts_on);
  w.date("ends_on", o.ends_on);
  w.integer("access_days", o.access_days);
  if (!(o.application_window == ApplicationWindow{})) {
    detail::ObjectWriter window;
    window.timestamp("opens", o.application_window.opens);
    window.timestamp("closes", o.application_window.closes);
    w.raw()["application_window"] = window.take();
  }
  w.integer("capacity", o.capacity);
  {
    detail::ObjectWriter list;
    list.raw()["enabled"] = o.waiting_list.enabled;
    list.integer("limit", o.waiting_list.limit);
    list.raw()["promotion"] = to_string(o.waiting_list.promotion);
    w.raw()["waiting_list"] = list.take();
  }
  bj::array activities;
  for (auto a : o.activities)
    activities.emplace_back(to_string(a));
  w.raw()["activities"] = std::move(activities);
  w.string("currency", o.currency);
  w.list("fee_tiers", o.fee_tiers, [&](const OfferingFeeTier& t) {
    detail::ObjectWriter tw;
    tw.string("id", t.id);
    tw.string("learner_category", t.learner_category);
    tw.raw()["activity"] = to_string(t.activity);
    tw.raw()["price"] = amount_json(t.price_minor, o.currency);
    return tw.take();
  });
  w.list("discounts", o.discounts, [&](const OfferingDiscount& d) {
    detail::ObjectWriter dw;
    dw.string("id", d.id);
    dw.string("name", d.name);
    if (d.percent) dw.raw()["percent"] = format_percent(*d.percent);
    if (d.amount_minor) dw.raw()["amount"] = amount_json(*d.amount_minor, o.currency);
    dw.strings("learner_categories", d.learner_categories);
    if (d.activity) dw.raw()["activity"] = to_string(*d.activity);
    dw.timestamp("until", d.until);
    if (d.automatic) dw.raw()["automatic"] = true;
    dw.string("condition", d.condition);
    return dw.take();
  });
  w.list("sponsorships", o.sponsorships, [&](const Sponsorship& s) {
    detail::ObjectWriter sw;
    sw.string("id", s.id);
    sw.string("sponsor", s.sponsor);
    sw.strings("learners", s.learners);
    sw.raw()["share"] = format_percent(s.share);
    if (s.cap_minor) sw.raw()["cap"] = amount_json(*s.cap_minor, o.currency);
    if (s.activity) sw.raw()["activity"] = to_string(*s.activity);
    return sw.take();
  });
  w.string("language", o.language);
  if (!(o.delivery == Delivery{})) {
    detail::ObjectWriter dw;
    if (o.delivery.form) dw.raw()["form"] = to_string(*o.delivery.form);
    dw.string("location", o.delivery.location);
    dw.string("platform", o.delivery.platform);
    dw.string("schedule", o.delivery.schedule);
    dw.string("notes", o.delivery.notes);
    w.raw()["delivery"] = dw.take();
  }
  w.string("reviewing_institution_id", o.reviewing_institution_id);
  if (o.grading_scheme) w.raw()["grading_scheme"] = to_json(*o.grading_scheme);
  {
    detail::ObjectWriter bw;
    bw.raw()["required"] = o.assessment_board.required;
    bw.raw()["quorum"] = o.assessment_board.quorum;
    bw.strings("members", o.assessment_board.members);
    w.raw()["assessment_board"] = bw.take();
  }
  return w.take();
}

Result<void> check_application_window(const Offering& o, Timestamp now) {
  const auto& w = o.application_window;
  if (w.opens && now < *w.opens)
    return make_error(ErrorCode::conflict, "applications open at " + format_rfc3339(*w.opens),
                      "/application_window");
  if (w.closes && now >= *w.closes)
    return make_error(ErrorCode::conflict, "applications closed at " + format_rfc3339(*w.closes),
                      "/application_window");
  if (o.ends_on && now >= end_of_day(*o.ends_on))
    return make_error(ErrorCode::conflict, "the offering ended on " + format_date(*o.ends_on),
                      "/application_window");
  return {};
}

Result<AssessmentRequirements> assessment_requirements(const MicroCredentialDesign& design,
                                                       const Offering& offering) {
  return assessment_requirements(design, offering.grading_scheme, offering.assessment_board);
}

Result<FeeQuote> quote_fee(const Offering& o, const FeeRequest& request) {
  if (!offers(o, request.activity))
    return make_error(ErrorCode::invalid_argument,
                      std::string(to_string(request.activity)) +
                          " is not offered; the offering offers " + offered_list(o),
                      "activity");
  FeeQuote q;
  for (Money* m : {&q.list_price, &q.discount, &q.sponsored, &q.payable})
    m->currency = o.currency;

  // The tier: the learner's category first, else the tier for everyone else.
  const OfferingFeeTier* tier = nullptr;
  for (const auto& t : o.fee_tiers)
    if (t.activity == request.activity && t.learner_category == request.learner_category &&
        !request.learner_category.empty())
      tier = &t;
  if (!tier)
    for (const auto& t : o.fee_tiers)
      if (t.activity == request.activity && t.learner_category.empty()) tier = &t;
  if (!tier && !o.fee_tiers.empty())
    return make_error(ErrorCode::not_found,
                      "no fee tier for " + category_label(request.learner_category) + " taking " +
                          std::string(to_string(request.activity)),
                      "learner_category");
  if (tier) {
    q.tier_id = tier->id;
    q.list_price.minor = tier->price_minor;
  }

  // The discount: the largest applicable one, granted or automatic.
  auto applies = [&](const OfferingDiscount& d) -> std::string {
    if (d.activity && *d.activity != request.activity)
      return "it is for " + std::string(to_string(*d.activity)) + " only";
    if (!d.learner_categories.empty() &&
        std::find(d.learner_categories.begin(), d.learner_categories.end(),
                  request.learner_category) == d.learner_categories.end())
      return "it is not for " + category_label(request.learner_category);
    if (d.until && request.at >= *d.until) return "it ended at " + format_rfc3339(*d.until);
    return {};
  };
  auto amount_of = [&](const OfferingDiscount& d) {
    if (d.percent) return percent_of(q.list_price.minor, *d.percent);
    return std::min(d.amount_minor.value_or(0), q.list_price.minor);
  };
  std::vector<const OfferingDiscount*> candidates;
  for (std::size_t i = 0; i < request.discount_ids.size(); ++i) {
    const auto& id = request.discount_ids[i];
    auto found = std::find_if(o.discounts.begin(), o.discounts.end(),
                              [&](const OfferingDiscount& d) { return d.id == id; });
    if (found == o.discounts.end())
      return make_error(ErrorCode::invalid_argument, "there is no discount " + quoted(id),
                        "discount_ids/" + std::to_string(i));
    candidates.push_back(&*found);
  }
  for (const auto& d : o.discounts)
    if (d.automatic && std::find(candidates.begin(), candidates.end(), &d) == candidates.end())
      candidates.push_back(&d);
  const OfferingDiscount* best = nullptr;
  std::int64_t best_amount = 0;
  for (const auto* d : candidates) {
    if (auto why = applies(*d); !why.empty()) {
      q.notes.push_back("discount " + quoted(d->id) + " does not apply: " + why);
      continue;
    }
    if (auto amount = amount_of(*d); !best || amount > best_amount) {
      best = d;
      best_amount = amount;
    }
  }
  if (best) {
    q.discount_id = best->id;
    q.discount.minor = best_amount;
    for (const auto* d : candidates)
      if (d != best && applies(*d).empty())
        q.notes.push_back("discount " + quoted(d->id) + " not applied: discounts do not stack, " +
                          quoted(best->id) + " is the largest");
  }
  const std::int64_t after_discount = q.list_price.minor - q.discount.minor;

  // The sponsor: the first sponsorship naming the learner, for this activity.
  const auto id = lowered(request.learner_id);
  const auto email = lowered(request.learner_email);
  for (const auto& s : o.sponsorships) {
    bool named = std::any_of(s.learners.begin(), s.learners.end(), [&](const std::string& l) {
      auto key = lowered(l);
      return !key.empty() && (key == id || key == email);
    });
    if (!named) continue;
    if (s.activity && *s.activity != request.activity) {
      q.notes.push_back("sponsorship " + quoted(s.id) + " is for " +
                        std::string(to_string(*s.activity)) + " only");
      continue;
    }
    std::int64_t pays = percent_of(after_discount, s.share);
    if (s.cap_minor) pays = std::min(pays, *s.cap_minor);
    q.sponsorship_id = s.id;
    q.sponsor = s.sponsor;
    q.sponsored.minor = pays;
    break;
  }
  q.payable.minor = after_discount - q.sponsored.minor;
  return q;
}

}  // namespace microcred::domain
