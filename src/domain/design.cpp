#include "domain/design.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>

#include <boost/json.hpp>

namespace microcred::domain {
namespace {

namespace bj = boost::json;

constexpr std::array<std::string_view, 4> participation_names = {"online", "onsite", "blended",
                                                                 "hybrid"};
constexpr std::array<std::string_view, 3> synchronicity_names = {"synchronous", "asynchronous",
                                                                 "mixed"};
constexpr std::array<std::string_view, 2> pacing_names = {"cohort", "self_paced"};
constexpr std::array<std::string_view, 11> assessment_names = {
    "written_exam", "oral_exam",  "online_exam",  "practical_demonstration", "project",
    "portfolio",    "assignment", "presentation", "continuous_assessment",   "peer_assessment",
    "other"};
constexpr std::array<std::string_view, 3> quality_assurance_names = {"internal", "external",
                                                                     "accreditation"};
constexpr std::array<std::string_view, 4> cycle_names = {"short_cycle", "first_cycle",
                                                         "second_cycle", "third_cycle"};
constexpr std::array<std::string_view, 4> supervision_names = {
    "unsupervised_no_identity_verification", "supervised_no_identity_verification",
    "supervised_online_identity_verification", "onsite_identity_verification"};
constexpr std::array<std::string_view, 3> stackability_names = {"standalone", "integrated",
                                                                "stackable"};
constexpr std::array<std::string_view, 2> origin_names = {"new_course", "degree_module"};
constexpr std::array<std::string_view, 2> recurrence_names = {"once", "recurring"};
constexpr std::array<std::string_view, 2> date_mode_names = {"fixed", "flexible"};
constexpr std::array<std::string_view, 3> duration_unit_names = {"days", "weeks", "months"};

// Integers in a design (levels, months) are small; anything past this is a typo.
constexpr std::int64_t max_integer = 1'000'000;

// Note: inside this file a bad value throws `Bad`, which `design_from_json` catches, so
// that the ~60 field readers stay one line each. No exception leaves the module.
struct Bad {
  Error error;
};

[[noreturn]] void fail(const std::string& at, std::string message) {
  throw Bad{make_error(ErrorCode::invalid_argument, std::move(message), at)};
}

// RFC 6901: '~' and '/' in a key are escaped in a JSON pointer.
std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string child(const std::string& at, std::string_view key) {
  return at + "/" + pointer_token(key);
}

std::string child(const std::string& at, std::size_t index) {
  return at + "/" + std::to_string(index);
}

std::string_view kind_name(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      return "null";
    case bj::kind::bool_:
      return "a boolean";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_:
      return "a number";
    case bj::kind::string:
      return "a string";
    case bj::kind::array:
      return "an array";
    case bj::kind::object:
      return "an object";
  }
  return "a value";
}

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

const bj::object& as_object(const bj::value& v, const std::string& at) {
  if (!v.is_object()) fail(at, "expected an object, got " + std::string(kind_name(v)));
  return v.get_object();
}

const bj::array& as_array(const bj::value& v, const std::string& at) {
  if (!v.is_array()) fail(at, "expected an array, got " + std::string(kind_name(v)));
  return v.get_array();
}

std::string as_string(const bj::value& v, const std::string& at) {
  if (!v.is_string()) fail(at, "expected a string, got " + std::string(kind_name(v)));
  return std::string(v.get_string());
}

double as_number(const bj::value& v, const std::string& at) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  fail(at, "expected a number, got " + std::string(kind_name(v)));
}

int as_integer(const bj::value& v, const std::string& at) {
  std::int64_t n = 0;
  if (v.is_int64()) {
    n = v.get_int64();
  } else if (v.is_uint64()) {
    n = std::numeric_limits<std::int64_t>::max();
  } else if (v.is_double() && std::trunc(v.get_double()) == v.get_double() &&
             std::abs(v.get_double()) <= static_cast<double>(max_integer)) {
    n = static_cast<std::int64_t>(v.get_double());
  } else {
    fail(at, "expected a whole number, got " +
                 (v.is_double() ? std::to_string(v.get_double()) : std::string(kind_name(v))));
  }
  if (n > max_integer || n < -max_integer)
    fail(at, "expected a whole number between " + std::to_string(-max_integer) + " and " +
                 std::to_string(max_integer));
  return static_cast<int>(n);
}

bool as_bool(const bj::value& v, const std::string& at) {
  if (!v.is_bool()) fail(at, "expected true or false, got " + std::string(kind_name(v)));
  return v.get_bool();
}

template <class Enum, std::size_t N>
Enum as_enum(const bj::value& v, const std::string& at,
             const std::array<std::string_view, N>& names) {
  auto s = as_string(v, at);
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<Enum>(i);
  fail(at, "\"" + s + "\" is not one of: " + joined(names));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A calendar date YYYY-MM-DD (RFC 3339 full-date), checked for the month's length.
std::string as_date(const bj::value& v, const std::string& at) {
  auto s = as_string(v, at);
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    shape = shape && is_digit(s[i]);
  if (!shape) fail(at, "\"" + s + "\" is not a date YYYY-MM-DD");
  int year = std::stoi(s.substr(0, 4));
  int month = std::stoi(s.substr(5, 2));
  int day = std::stoi(s.substr(8, 2));
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  constexpr std::array<int, 12> month_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 ||
      day > month_days[month - 1] + (month == 2 && leap ? 1 : 0))
    fail(at, "\"" + s + "\" is not a date in the calendar");
  return s;
}

// A misspelt key is at most this many edits from the key meant ("titel" -> "title").
constexpr std::size_t max_typo_distance = 2;
constexpr std::size_t short_key_length = 4;

// Levenshtein distance; keys are short, so the quadratic table is fine.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Reads the members of one JSON object: each `get` names a key it knows; `done` refuses
// the keys nobody asked for.
class ObjectReader {
 public:
  ObjectReader(const bj::value& v, std::string at)
      : object_(as_object(v, at)), at_(std::move(at)) {}

  const bj::value* get(std::string_view key) {
    known_.push_back(key);
    auto* v = object_.if_contains(key);
    if (v && v->is_null()) fail(child(at_, key), "null is not allowed; leave the key out instead");
    return v;
  }
  std::string at(std::string_view key) const { return child(at_, key); }

  void string(std::string_view key, std::string& out) {
    if (auto* v = get(key)) out = as_string(*v, at(key));
  }
  void date(std::string_view key, std::string& out) {
    if (auto* v = get(key)) out = as_date(*v, at(key));
  }
  void number(std::string_view key, std::optional<double>& out) {
    if (auto* v = get(key)) out = as_number(*v, at(key));
  }
  void number(std::string_view key, double& out) {
    if (auto* v = get(key)) out = as_number(*v, at(key));
  }
  void integer(std::string_view key, std::optional<int>& out) {
    if (auto* v = get(key)) out = as_integer(*v, at(key));
  }
  void boolean(std::string_view key, bool& out) {
    if (auto* v = get(key)) out = as_bool(*v, at(key));
  }
  template <class Enum, std::size_t N>
  void enumeration(std::string_view key, std::optional<Enum>& out,
                   const std::array<std::string_view, N>& names) {
    if (auto* v = get(key)) out = as_enum<Enum>(*v, at(key), names);
  }
  template <class Enum, std::size_t N>
  void enumerations(std::string_view key, std::vector<Enum>& out,
                    const std::array<std::string_view, N>& names) {
    list(key, out, [&](const bj::value& item, const std::string& where) {
      return as_enum<Enum>(item, where, names);
    });
  }
  void strings(std::string_view key, std::vector<std::string>& out) { list(key, out, as_string); }
  template <class T, class Parse>
  void list(std::string_view key, std::vector<T>& out, Parse parse) {
    auto* v = get(key);
    if (!v) return;
    const auto& items = as_array(*v, at(key));
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(parse(items[i], child(at(key), i)));
  }
  template <class T, class Parse>
  void object(std::string_view key, T& out, Parse parse) {
    if (auto* v = get(key)) out = parse(*v, at(key));
  }

  void done() const {
    for (const auto& member : object_) {
      bool known = false;
      for (auto k : known_)
        known = known || k == member.key();
      if (known) continue;
      const std::string key(member.key());
      std::string_view nearest;
      // Short keys get one edit, or "ur" would suggest "id".
      std::size_t best = (key.size() <= short_key_length ? 1 : max_typo_distance) + 1;
      for (auto k : known_)
        if (auto d = edit_distance(key, k); d < best) best = d, nearest = k;
      if (!nearest.empty())
        fail(child(at_, key),
             "unknown key \"" + key + "\"; did you mean \"" + std::string(nearest) + "\"?");
      std::string expected;
      for (auto k : known_)
        expected += (expected.empty() ? "" : ", ") + std::string(k);
      fail(child(at_, key), "unknown key \"" + key + "\"; expected one of: " + expected);
    }
  }

 private:
  const bj::object& object_;
  std::string at_;
  std::vector<std::string_view> known_;
};

LearningOutcome outcome_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  LearningOutcome o;
  if (!r.get("statement")) fail(r.at("statement"), "required: what the learner can do");
  r.string("statement", o.statement);
  r.strings("esco_uris", o.esco_uris);
  r.integer("eqf_level", o.eqf_level);
  r.done();
  return o;
}

NqfLevel nqf_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  NqfLevel n;
  r.string("framework", n.framework);
  r.string("level", n.level);
  r.done();
  return n;
}

Assessment assessment_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Assessment a;
  r.enumerations("types", a.types, assessment_names);
  r.string("methods", a.methods);
  r.done();
  return a;
}

Participation participation_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Participation p;
  r.enumeration("form", p.form, participation_names);
  r.enumeration("synchronicity", p.synchronicity, synchronicity_names);
  r.enumeration("pacing", p.pacing, pacing_names);
  r.done();
  return p;
}

QualityAssurance quality_assurance_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  QualityAssurance q;
  r.enumerations("types", q.types, quality_assurance_names);
  r.string("description", q.description);
  r.string("body", q.body);
  r.done();
  return q;
}

LanguageRequirement language_requirement_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  LanguageRequirement l;
  if (!r.get("language")) fail(r.at("language"), "required: a BCP 47 language tag");
  r.string("language", l.language);
  r.string("cefr_level", l.cefr_level);
  r.done();
  return l;
}

DegreeRequirement degree_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  DegreeRequirement d;
  r.string("description", d.description);
  r.integer("eqf_level", d.eqf_level);
  r.done();
  return d;
}

Admission admission_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Admission a;
  r.string("prerequisites", a.prerequisites);
  r.list("languages", a.languages, language_requirement_from);
  r.object("prior_degree", a.prior_degree, degree_from);
  r.string("prior_knowledge", a.prior_knowledge);
  r.string("work_experience", a.work_experience);
  r.string("alternative_routes", a.alternative_routes);
  r.string("capacity", a.capacity);
  r.done();
  return a;
}

CredentialReference reference_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  CredentialReference c;
  if (!r.get("name")) fail(r.at("name"), "required: the name of the credential or programme");
  r.string("name", c.name);
  r.string("id", c.id);
  r.done();
  return c;
}

StackabilityOptions stackability_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  StackabilityOptions s;
  r.enumeration("kind", s.kind, stackability_names);
  r.list("towards", s.towards, reference_from);
  r.string("description", s.description);
  r.done();
  return s;
}

Origin origin_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Origin o;
  r.enumeration("kind", o.kind, origin_names);
  r.string("programme", o.programme);
  r.string("module_code", o.module_code);
  r.done();
  return o;
}

Lifespan lifespan_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Lifespan l;
  r.date("available_from", l.available_from);
  r.date("available_until", l.available_until);
  r.enumeration("recurrence", l.recurrence, recurrence_names);
  r.string("description", l.description);
  r.done();
  return l;
}

Duration duration_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Duration d;
  r.number("value", d.value);
  r.enumeration("unit", d.unit, duration_unit_names);
  r.string("description", d.description);
  r.done();
  return d;
}

Discount discount_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Discount d;
  if (!r.get("amount")) fail(r.at("amount"), "required: the amount taken off the tier's price");
  r.string("name", d.name);
  r.number("amount", d.amount);
  r.string("condition", d.condition);
  r.done();
  return d;
}

FeeTier tier_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  FeeTier t;
  if (!r.get("amount")) fail(r.at("amount"), "required: the price, 0 when free");
  r.string("name", t.name);
  r.number("amount", t.amount);
  r.string("currency", t.currency);
  r.boolean("includes_assessment", t.includes_assessment);
  r.string("learner_category", t.learner_category);
  r.list("discounts", t.discounts, discount_from);
  r.done();
  return t;
}

Fees fees_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Fees f;
  r.list("tiers", f.tiers, tier_from);
  r.string("funding", f.funding);
  r.done();
  return f;
}

Organisation organisation_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Organisation o;
  r.string("name", o.name);
  r.string("id", o.id);
  r.string("country", o.country);
  r.string("role", o.role);
  r.done();
  return o;
}

Contact contact_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Contact c;
  r.string("name", c.name);
  r.string("email", c.email);
  r.string("url", c.url);
  r.string("phone", c.phone);
  r.done();
  return c;
}

SuccessRequirements success_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  SuccessRequirements s;
  r.number("hours_online", s.hours_online);
  r.number("hours_offline", s.hours_offline);
  r.string("activities", s.activities);
  r.string("assessment_format", s.assessment_format);
  r.string("assessment_timing", s.assessment_timing);
  r.string("description", s.description);
  r.done();
  return s;
}

Terms terms_from(const bj::value& v, const std::string& at) {
  ObjectReader r(v, at);
  Terms t;
  r.string("suspension", t.suspension);
  r.string("refunds", t.refunds);
  r.string("other", t.other);
  r.done();
  return t;
}

MicroCredentialDesign design_from(const bj::value& v) {
  ObjectReader r(v, "");
  MicroCredentialDesign d;
  auto* format = r.get("format");
  if (!format) fail("/format", "required: \"" + std::string(design_format) + "\"");
  if (!format->is_string() || format->get_string() != design_format)
    fail("/format", "expected \"" + std::string(design_format) + "\"");
  r.string("code", d.code);
  r.string("title", d.title);
  r.string("summary", d.summary);
  r.string("purpose", d.purpose);
  r.string("target_audience", d.target_audience);
  r.list("learning_outcomes", d.learning_outcomes, outcome_from);
  r.number("ects", d.ects);
  r.number("workload_hours", d.workload_hours);
  r.integer("eqf_level", d.eqf_level);
  r.object("nqf", d.nqf, nqf_from);
  r.enumeration("cycle", d.cycle, cycle_names);
  r.object("assessment", d.assessment, assessment_from);
  r.object("participation", d.participation, participation_from);
  r.object("quality_assurance", d.quality_assurance, quality_assurance_from);
  r.object("admission", d.admission, admission_from);
  r.enumeration("supervision", d.supervision, supervision_names);
  r.string("grading_scheme", d.grading_scheme);
  r.object("stackability", d.stackability, stackability_from);
  r.object("origin", d.origin, origin_from);
  r.object("lifespan", d.lifespan, lifespan_from);
  r.integer("validity_months", d.validity_months);
  r.strings("languages", d.languages);
  r.string("delivery_mode", d.delivery_mode);
  r.object("duration", d.duration, duration_from);
  r.enumeration("dates", d.dates, date_mode_names);
  r.string("enrolment_procedure", d.enrolment_procedure);
  r.object("fees", d.fees, fees_from);
  r.list("partners", d.partners, organisation_from);
  r.object("contact", d.contact, contact_from);
  r.object("success_requirements", d.success_requirements, success_from);
  r.string("industry_relevance", d.industry_relevance);
  r.list("complementary", d.complementary, reference_from);
  r.string("credit_transfer", d.credit_transfer);
  r.object("terms", d.terms, terms_from);
  r.string("resources_and_support", d.resources_and_support);
  r.string("further_information", d.further_information);
  r.list("awarding_bodies", d.awarding_bodies, organisation_from);
  r.object("issuing_institution", d.issuing_institution, organisation_from);
  r.strings("target_countries", d.target_countries);
  r.done();
  return d;
}

// --- writing ------------------------------------------------------------------------------

// An integral number as a JSON integer ("6", not "6.0"), which reads back to the same double.
bj::value number_value(double value) {
  if (std::trunc(value) == value && std::abs(value) < 1e15)
    return bj::value(static_cast<std::int64_t>(value));
  return bj::value(value);
}

class ObjectWriter {
 public:
  void string(std::string_view key, const std::string& value) {
    if (!value.empty()) object_[key] = value;
  }
  void number(std::string_view key, const std::optional<double>& value) {
    if (value) object_[key] = number_value(*value);
  }
  void number(std::string_view key, double value) { object_[key] = number_value(value); }
  void integer(std::string_view key, const std::optional<int>& value) {
    if (value) object_[key] = *value;
  }
  template <class Enum>
  void enumeration(std::string_view key, const std::optional<Enum>& value) {
    if (value) object_[key] = to_string(*value);
  }
  template <class Enum>
  void enumerations(std::string_view key, const std::vector<Enum>& values) {
    if (values.empty()) return;
    bj::array out;
    for (auto v : values)
      out.emplace_back(to_string(v));
    object_[key] = std::move(out);
  }
  void strings(std::string_view key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    bj::array out;
    for (const auto& v : values)
      out.emplace_back(v);
    object_[key] = std::move(out);
  }
  template <class T, class Write>
  void list(std::string_view key, const std::vector<T>& values, Write write) {
    if (values.empty()) return;
    bj::array out;
    for (const auto& v : values)
      out.push_back(write(v));
    object_[key] = std::move(out);
  }
  // A nested object, left out when it holds nothing but defaults.
  template <class T, class Write>
  void object(std::string_view key, const T& value, Write write) {
    if (!(value == T{})) object_[key] = write(value);
  }
  template <class T, class Write>
  void object(std::string_view key, const std::optional<T>& value, Write write) {
    if (value) object_[key] = write(*value);
  }
  bj::value take() { return bj::value(std::move(object_)); }
  bj::object& raw() { return object_; }

 private:
  bj::object object_;
};

bj::value outcome_json(const LearningOutcome& o) {
  ObjectWriter w;
  w.raw()["statement"] = o.statement;
  w.strings("esco_uris", o.esco_uris);
  w.integer("eqf_level", o.eqf_level);
  return w.take();
}

bj::value nqf_json(const NqfLevel& n) {
  ObjectWriter w;
  w.string("framework", n.framework);
  w.string("level", n.level);
  return w.take();
}

bj::value assessment_json(const Assessment& a) {
  ObjectWriter w;
  w.enumerations("types", a.types);
  w.string("methods", a.methods);
  return w.take();
}

bj::value participation_json(const Participation& p) {
  ObjectWriter w;
  w.enumeration("form", p.form);
  w.enumeration("synchronicity", p.synchronicity);
  w.enumeration("pacing", p.pacing);
  return w.take();
}

bj::value quality_assurance_json(const QualityAssurance& q) {
  ObjectWriter w;
  w.enumerations("types", q.types);
  w.string("description", q.description);
  w.string("body", q.body);
  return w.take();
}

bj::value language_requirement_json(const LanguageRequirement& l) {
  ObjectWriter w;
  w.raw()["language"] = l.language;
  w.string("cefr_level", l.cefr_level);
  return w.take();
}

bj::value degree_json(const DegreeRequirement& d) {
  ObjectWriter w;
  w.string("description", d.description);
  w.integer("eqf_level", d.eqf_level);
  return w.take();
}

bj::value admission_json(const Admission& a) {
  ObjectWriter w;
  w.string("prerequisites", a.prerequisites);
  w.list("languages", a.languages, language_requirement_json);
  w.object("prior_degree", a.prior_degree, degree_json);
  w.string("prior_knowledge", a.prior_knowledge);
  w.string("work_experience", a.work_experience);
  w.string("alternative_routes", a.alternative_routes);
  w.string("capacity", a.capacity);
  return w.take();
}

bj::value reference_json(const CredentialReference& c) {
  ObjectWriter w;
  w.raw()["name"] = c.name;
  w.string("id", c.id);
  return w.take();
}

bj::value stackability_json(const StackabilityOptions& s) {
  ObjectWriter w;
  w.enumeration("kind", s.kind);
  w.list("towards", s.towards, reference_json);
  w.string("description", s.description);
  return w.take();
}

bj::value origin_json(const Origin& o) {
  ObjectWriter w;
  w.enumeration("kind", o.kind);
  w.string("programme", o.programme);
  w.string("module_code", o.module_code);
  return w.take();
}

bj::value lifespan_json(const Lifespan& l) {
  ObjectWriter w;
  w.string("available_from", l.available_from);
  w.string("available_until", l.available_until);
  w.enumeration("recurrence", l.recurrence);
  w.string("description", l.description);
  return w.take();
}

bj::value duration_json(const Duration& d) {
  ObjectWriter w;
  w.number("value", d.value);
  w.enumeration("unit", d.unit);
  w.string("description", d.description);
  return w.take();
}

bj::value discount_json(const Discount& d) {
  ObjectWriter w;
  w.string("name", d.name);
  w.number("amount", d.amount);
  w.string("condition", d.condition);
  return w.take();
}

bj::value tier_json(const FeeTier& t) {
  ObjectWriter w;
  w.string("name", t.name);
  w.number("amount", t.amount);
  w.string("currency", t.currency);
  w.raw()["includes_assessment"] = t.includes_assessment;
  w.string("learner_category", t.learner_category);
  w.list("discounts", t.discounts, discount_json);
  return w.take();
}

bj::value fees_json(const Fees& f) {
  ObjectWriter w;
  w.list("tiers", f.tiers, tier_json);
  w.string("funding", f.funding);
  return w.take();
}

bj::value organisation_json(const Organisation& o) {
  ObjectWriter w;
  w.string("name", o.name);
  w.string("id", o.id);
  w.string("country", o.country);
  w.string("role", o.role);
  return w.take();
}

bj::value contact_json(const Contact& c) {
  ObjectWriter w;
  w.string("name", c.name);
  w.string("email", c.email);
  w.string("url", c.url);
  w.string("phone", c.phone);
  return w.take();
}

bj::value success_json(const SuccessRequirements& s) {
  ObjectWriter w;
  w.number("hours_online", s.hours_online);
  w.number("hours_offline", s.hours_offline);
  w.string("activities", s.activities);
  w.string("assessment_format", s.assessment_format);
  w.string("assessment_timing", s.assessment_timing);
  w.string("description", s.description);
  return w.take();
}

bj::value terms_json(const Terms& t) {
  ObjectWriter w;
  w.string("suspension", t.suspension);
  w.string("refunds", t.refunds);
  w.string("other", t.other);
  return w.take();
}

}  // namespace

ParticipationForm credential_participation_form(ParticipationForm form) {
  return form == ParticipationForm::hybrid ? ParticipationForm::blended : form;
}

std::string_view to_string(ParticipationForm v) {
  return participation_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(Synchronicity v) {
  return synchronicity_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(Pacing v) {
  return pacing_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(AssessmentType v) {
  return assessment_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(QualityAssuranceType v) {
  return quality_assurance_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(QfEheaCycle v) {
  return cycle_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(SupervisionMode v) {
  return supervision_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(Stackability v) {
  return stackability_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(OriginKind v) {
  return origin_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(Recurrence v) {
  return recurrence_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(DateMode v) {
  return date_mode_names[static_cast<std::size_t>(v)];
}
std::string_view to_string(DurationUnit v) {
  return duration_unit_names[static_cast<std::size_t>(v)];
}

Result<MicroCredentialDesign> design_from_json(const boost::json::value& input) {
  try {
    return design_from(input);
  } catch (Bad& bad) {
    return std::move(bad.error);
  }
}

boost::json::value to_json(const MicroCredentialDesign& d) {
  ObjectWriter w;
  w.raw()["format"] = design_format;
  w.string("code", d.code);
  w.string("title", d.title);
  w.string("summary", d.summary);
  w.string("purpose", d.purpose);
  w.string("target_audience", d.target_audience);
  w.list("learning_outcomes", d.learning_outcomes, outcome_json);
  w.number("ects", d.ects);
  w.number("workload_hours", d.workload_hours);
  w.integer("eqf_level", d.eqf_level);
  w.object("nqf", d.nqf, nqf_json);
  w.enumeration("cycle", d.cycle);
  w.object("assessment", d.assessment, assessment_json);
  w.object("participation", d.participation, participation_json);
  w.object("quality_assurance", d.quality_assurance, quality_assurance_json);
  w.object("admission", d.admission, admission_json);
  w.enumeration("supervision", d.supervision);
  w.string("grading_scheme", d.grading_scheme);
  w.object("stackability", d.stackability, stackability_json);
  w.object("origin", d.origin, origin_json);
  w.object("lifespan", d.lifespan, lifespan_json);
  w.integer("validity_months", d.validity_months);
  w.strings("languages", d.languages);
  w.string("delivery_mode", d.delivery_mode);
  w.object("duration", d.duration, duration_json);
  w.enumeration("dates", d.dates);
  w.string("enrolment_procedure", d.enrolment_procedure);
  w.object("fees", d.fees, fees_json);
  w.list("partners", d.partners, organisation_json);
  w.object("contact", d.contact, contact_json);
  w.object("success_requirements", d.success_requirements, success_json);
  w.string("industry_relevance", d.industry_relevance);
  w.list("complementary", d.complementary, reference_json);
  w.string("credit_transfer", d.credit_transfer);
  w.object("terms", d.terms, terms_json);
  w.string("resources_and_support", d.resources_and_support);
  w.string("further_information", d.further_information);
  w.list("awarding_bodies", d.awarding_bodies, organisation_json);
  w.object("issuing_institution", d.issuing_institution, organisation_json);
  w.strings("target_countries", d.target_countries);
  return w.take();
}

}  // namespace microcred::domain
