#include "vc/microcredential.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <span>

#include <boost/json.hpp>

#include "core/encoding.h"
#include "core/uuid.h"
#include "crypto/sha2.h"

namespace microcred::vc {
namespace {

namespace bj = boost::json;

constexpr double max_ects = 60;
constexpr int min_eqf_level = 1;
constexpr int max_eqf_level = 8;
constexpr int max_workload_hours = 10'000;
constexpr std::size_t salt_bytes = 16;

constexpr std::array<std::string_view, 3> participation_names = {"online", "onsite", "blended"};
constexpr std::array<std::string_view, 11> assessment_names = {
    "written_exam", "oral_exam",  "online_exam",  "practical_demonstration", "project",
    "portfolio",    "assignment", "presentation", "continuous_assessment",   "peer_assessment",
    "other"};
constexpr std::array<std::string_view, 3> quality_assurance_names = {"internal", "external",
                                                                     "accreditation"};
constexpr std::array<std::string_view, 4> supervision_names = {
    "unsupervised_no_identity_verification", "supervised_no_identity_verification",
    "supervised_online_identity_verification", "onsite_identity_verification"};
constexpr std::array<std::string_view, 4> cycle_names = {"short_cycle", "first_cycle",
                                                         "second_cycle", "third_cycle"};
// The QF-EHEA short, first, second and third cycles correspond to EQF levels 5-8.
constexpr int first_cycle_eqf_level = 5;
// Our own IRIs for the cycles: the EHEA publishes no stable URIs for them.
constexpr std::string_view cycle_namespace = "https://microcred.eu/vocab#qf-ehea-";
constexpr std::array<std::string_view, 3> stackability_names = {"standalone", "integrated",
                                                                "stackable"};

// Open Badges 3.0 IdentifierTypeEnum; extensions are "ext:<name>".
constexpr std::array<std::string_view, 19> identity_types = {
    "name",          "sourcedId",    "systemId",        "productId",
    "userName",      "accountId",    "emailAddress",    "nationalIdentityNumber",
    "isbn",          "issn",         "lisSourcedId",    "oneRosterSourcedId",
    "sisSourcedId",  "ltiContextId", "ltiDeploymentId", "ltiToolId",
    "ltiPlatformId", "ltiUserId",    "identifier"};

// Open Badges 3.0 ResultType; extensions are "ext:<name>".
constexpr std::array<std::string_view, 12> result_types = {
    "GradePointAverage",    "LetterGrade", "Percent",     "PerformanceLevel",
    "PredictedScore",       "RawScore",    "Result",      "RubricCriterion",
    "RubricCriterionLevel", "RubricScore", "ScaledScore", "Status"};

// ISO 3166-1 alpha-2 officially assigned codes, plus XK (Kosovo), which the EU uses.
constexpr std::string_view country_codes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS XK YE YT ZA ZM ZW";

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

template <class Enum, std::size_t N>
std::optional<Enum> enum_from(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<Enum>(i);
  return std::nullopt;
}

bool is_country_code(std::string_view code) {
  if (code.size() != 2 || !std::isupper(static_cast<unsigned char>(code[0])) ||
      !std::isupper(static_cast<unsigned char>(code[1])))
    return false;
  for (std::size_t i = 0; i + 2 <= country_codes.size(); i += 3)
    if (country_codes.substr(i, 2) == code) return true;
  return false;
}

// An absolute IRI as JSON-LD needs it: a scheme, ':', and no spaces or characters RFC 3987
// excludes. Not a full RFC 3987 parser; enough to keep relative references and typos out.
bool is_absolute_iri(std::string_view iri) {
  auto colon = iri.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == iri.size()) return false;
  if (!std::isalpha(static_cast<unsigned char>(iri[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = iri[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
      return false;
  }
  for (char c : iri)
    if (static_cast<unsigned char>(c) <= 0x20 ||
        std::string_view("<>\"{}|\\^`").find(c) != std::string_view::npos)
      return false;
  return true;
}

bool is_extension_name(std::string_view value) {
  if (!value.starts_with("ext:") || value.size() == 4) return false;
  return std::all_of(value.begin() + 4, value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
}

// BCP 47, loosely: a 2-3 letter primary language subtag, then subtags of 1-8 alphanumerics.
bool is_language_tag(std::string_view tag) {
  std::size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    auto end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    auto part = tag.substr(start, end - start);
    if (first) {
      if (part.size() < 2 || part.size() > 3) return false;
      if (!std::all_of(part.begin(), part.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
        return false;
    } else if (part.empty() || part.size() > 8 ||
               !std::all_of(part.begin(), part.end(),
                            [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
      return false;
    }
    first = false;
    if (end == tag.size()) break;
    start = end + 1;
  }
  return true;
}

Error field_error(std::string field, std::string message) {
  return make_error(ErrorCode::invalid_argument, std::move(message), std::move(field));
}

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// Shortest decimal form that reads back as `value`: 5 -> "5", 2.5 -> "2.5".
std::string format_number(double value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc{} ? std::string(buffer.data(), end) : std::to_string(value);
}

// An integral double as a JSON integer, so that JSON-LD and JCS see "5", as JavaScript does.
bj::value json_number(double value) {
  if (std::trunc(value) == value && std::abs(value) < 1e15)
    return bj::value(static_cast<std::int64_t>(value));
  return bj::value(value);
}

// --- validation --------------------------------------------------------------------------

Result<void> validate_iri(std::string_view value, const std::string& field, bool required) {
  if (value.empty()) {
    if (required) return field_error(field, "required: an absolute URL, DID or URN");
    return {};
  }
  if (!is_absolute_iri(value))
    return field_error(field,
                       quoted(value) + " is not an absolute IRI (a URL, DID or URN with a scheme)");
  return {};
}

Result<void> validate_organisation(const Organisation& o, const std::string& at) {
  if (auto r = validate_iri(o.id, at + "/id", true); !r) return r;
  if (o.name.empty()) return field_error(at + "/name", "required: the organisation's name");
  if (auto r = validate_iri(o.url, at + "/url", false); !r) return r;
  if (o.country_code.empty())
    return field_error(at + "/country", "required: an ISO 3166-1 alpha-2 country code (\"BE\")");
  if (!is_country_code(o.country_code))
    return field_error(at + "/country", quoted(o.country_code) +
                                            " is not an ISO 3166-1 alpha-2 country code; use "
                                            "upper case, and GR/GB rather than EL/UK");
  return {};
}

Result<void> validate_identifier(const LearnerIdentifier& id, const std::string& at) {
  bool known =
      std::find(identity_types.begin(), identity_types.end(), id.type) != identity_types.end();
  if (!known && !is_extension_name(id.type))
    return field_error(at + "/type", quoted(id.type) +
                                         " is not an Open Badges 3.0 identity type (" +
                                         joined(identity_types) + ") nor \"ext:<name>\"");
  if (id.value.empty()) return field_error(at + "/value", "required: the identifier's value");
  if (!id.hashed && !id.salt.empty())
    return field_error(at + "/salt", "a salt is only used with \"hashed\": true");
  return {};
}

}  // namespace

std::string_view to_string(ParticipationForm value) {
  return participation_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(AssessmentType value) {
  return assessment_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(QualityAssuranceType value) {
  return quality_assurance_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(QfEheaCycle value) {
  return cycle_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(SupervisionMode value) {
  return supervision_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(Stackability value) {
  return stackability_names[static_cast<std::size_t>(value)];
}

std::string identity_hash(std::string_view value, std::string_view salt) {
  std::string input(value);
  input += salt;
  auto digest = crypto::sha256(as_bytes(input));
  return "sha256$" + hex_encode(digest);
}

Result<void> validate(const MicroCredentialData& data) {
  if (auto r = validate_iri(data.id, "/id", false); !r) return r;
  if (auto r = validate_iri(data.achievement_id, "/achievement_id", false); !r) return r;
  if (data.achievement_id.find('#') != std::string::npos)
    return field_error("/achievement_id",
                       "must not have a fragment: result descriptions are named <id>#...");
  if (data.title.empty()) return field_error("/title", "required: the micro-credential's title");
  if (auto r = validate_iri(data.learner.id, "/learner/id", false); !r) return r;
  if (data.learner.id.empty() && data.learner.identifiers.empty())
    return field_error("/learner",
                       "identify the learner: give \"id\" (a DID or URL) or \"identifiers\"");
  for (std::size_t i = 0; i < data.learner.identifiers.size(); ++i)
    if (auto r = validate_identifier(data.learner.identifiers[i],
                                     "/learner/identifiers/" + std::to_string(i));
        !r)
      return r;
  if (auto r = validate_organisation(data.issuer, "/issuer"); !r) return r;
  for (std::size_t i = 0; i < data.awarding_bodies.size(); ++i)
    if (auto r =
            validate_organisation(data.awarding_bodies[i], "/awarding_bodies/" + std::to_string(i));
        !r)
      return r;
  if (data.valid_until && *data.valid_until <= data.issued)
    return field_error("/valid_until",
                       "must be after \"issued\" (" + format_rfc3339(data.issued) + ")");
  if (data.learning_outcomes.empty())
    return field_error("/learning_outcomes", "required: at least one learning outcome");
  for (std::size_t i = 0; i < data.learning_outcomes.size(); ++i) {
    const auto& outcome = data.learning_outcomes[i];
    const std::string at = "/learning_outcomes/" + std::to_string(i);
    if (outcome.text.empty()) return field_error(at + "/text", "required: the outcome's text");
    for (std::size_t j = 0; j < outcome.esco_skills.size(); ++j) {
      const std::string& uri = outcome.esco_skills[j].uri;
      const std::string esco_at = at + "/esco/" + std::to_string(j);
      if (!uri.starts_with(esco_namespace) || !is_absolute_iri(uri))
        return field_error(esco_at, quoted(uri) + " is not an ESCO URI (" +
                                        std::string(esco_namespace) + "skill/...)");
    }
  }
  if (!std::isfinite(data.ects) || data.ects <= 0 || data.ects > max_ects)
    return field_error("/ects",
                       "ECTS must be more than 0 and at most 60, got " + format_number(data.ects));
  if (data.workload_hours &&
      (*data.workload_hours <= 0 || *data.workload_hours > max_workload_hours))
    return field_error("/workload_hours",
                       "must be 1-10000 hours, got " + std::to_string(*data.workload_hours));
  if (data.eqf_level < min_eqf_level || data.eqf_level > max_eqf_level)
    return field_error("/eqf_level",
                       "EQF level must be 1-8, got " + std::to_string(data.eqf_level));
  if (data.qf_ehea_cycle) {
    const int level = first_cycle_eqf_level + static_cast<int>(*data.qf_ehea_cycle);
    if (level != data.eqf_level)
      return field_error("/qf_ehea_cycle", std::string(to_string(*data.qf_ehea_cycle)) +
                                               " corresponds to EQF level " +
                                               std::to_string(level) + ", but \"eqf_level\" is " +
                                               std::to_string(data.eqf_level));
  }
  if (!data.participation)
    return field_error("/participation", "required: one of " + joined(participation_names));
  if (data.assessment_types.empty())
    return field_error("/assessment/types",
                       "required: at least one of " + joined(assessment_names));
  if (data.quality_assurance.empty())
    return field_error("/quality_assurance/types",
                       "required: at least one of " + joined(quality_assurance_names));
  if (auto r = validate_iri(data.quality_assurance_body, "/quality_assurance/body", false); !r)
    return r;
  if (data.grade) {
    if (data.grade->value.empty()) return field_error("/grade/value", "required: the grade");
    bool known = std::find(result_types.begin(), result_types.end(), data.grade->result_type) !=
                 result_types.end();
    if (!known && !is_extension_name(data.grade->result_type))
      return field_error("/grade/result_type", quoted(data.grade->result_type) +
                                                   " is not an Open Badges 3.0 result type (" +
                                                   joined(result_types) + ") nor \"ext:<name>\"");
  }
  for (std::size_t i = 0; i < data.stackable_towards.size(); ++i)
    if (auto r = validate_iri(data.stackable_towards[i],
                              "/stackability/towards/" + std::to_string(i), true);
        !r)
      return r;
  for (std::size_t i = 0; i < data.languages.size(); ++i)
    if (!is_language_tag(data.languages[i]))
      return field_error("/languages/" + std::to_string(i),
                         quoted(data.languages[i]) + " is not a BCP 47 language tag (\"en\")");
  return {};
}

// --- the JSON input form -----------------------------------------------------------------

namespace {

// Reads one JSON object of the input form, remembering which keys were read so that the
// unknown ones can be refused, and naming every value by its JSON pointer.
class ObjectReader {
 public:
  static Result<ObjectReader> open(const bj::value& value, std::string at) {
    if (!value.is_object()) return field_error(at.empty() ? "/" : at, "expected a JSON object");
    return ObjectReader(value.as_object(), std::move(at));
  }

  std::string at(std::string_view key) const { return at_ + "/" + std::string(key); }
  const bj::value* find(std::string_view key) {
    seen_.emplace_back(key);
    return object_->if_contains(key);
  }

  Result<std::string> string(std::string_view key, bool required) {
    const bj::value* v = find(key);
    if (!v || v->is_null()) {
      if (required) return field_error(at(key), "required: a string");
      return std::string();
    }
    if (!v->is_string()) return field_error(at(key), "expected a string");
    std::string s(v->as_string());
    if (required && s.empty()) return field_error(at(key), "required: must not be empty");
    return s;
  }

  Result<std::vector<std::string>> strings(std::string_view key) {
    std::vector<std::string> out;
    const bj::value* v = find(key);
    if (!v || v->is_null()) return out;
    if (!v->is_array()) return field_error(at(key), "expected an array of strings");
    const auto& array = v->as_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (!array[i].is_string())
        return field_error(at(key) + "/" + std::to_string(i), "expected a string");
      out.emplace_back(array[i].as_string());
    }
    return out;
  }

  Result<std::optional<double>> number(std::string_view key) {
    const bj::value* v = find(key);
    if (!v || v->is_null()) return std::optional<double>();
    if (v->is_int64()) return std::optional<double>(static_cast<double>(v->as_int64()));
    if (v->is_uint64()) return std::optional<double>(static_cast<double>(v->as_uint64()));
    if (v->is_double()) return std::optional<double>(v->as_double());
    return field_error(at(key), "expected a number");
  }

  Result<std::optional<int>> integer(std::string_view key) {
    const bj::value* v = find(key);
    if (!v || v->is_null()) return std::optional<int>();
    if (v->is_int64() && v->as_int64() >= INT32_MIN && v->as_int64() <= INT32_MAX)
      return std::optional<int>(static_cast<int>(v->as_int64()));
    if (v->is_double() && std::trunc(v->as_double()) == v->as_double() &&
        std::abs(v->as_double()) < 1e9)
      return std::optional<int>(static_cast<int>(v->as_double()));
    return field_error(at(key), "expected an integer");
  }

  Result<bool> boolean(std::string_view key, bool fallback) {
    const bj::value* v = find(key);
    if (!v || v->is_null()) return fallback;
    if (!v->is_bool()) return field_error(at(key), "expected true or false");
    return v->as_bool();
  }

  Result<std::optional<Timestamp>> time(std::string_view key, bool required) {
    auto text = string(key, required);
    if (!text && required && !object_->contains(key))
      return field_error(at(key), "required: an RFC 3339 date-time (\"2026-06-30T10:00:00Z\")");
    if (!text) return text.error();
    if (text->empty()) return std::optional<Timestamp>();
    auto t = parse_rfc3339(*text);
    if (!t)
      return field_error(
          at(key), quoted(*text) + " is not an RFC 3339 date-time (" + t.error().message + ")");
    return std::optional<Timestamp>(*t);
  }

  template <class Enum, std::size_t N>
  Result<std::optional<Enum>> enumerated(std::string_view key,
                                         const std::array<std::string_view, N>& names,
                                         bool required) {
    auto text = string(key, required);
    if (!text && required && !object_->contains(key))
      return field_error(at(key), "required: one of " + joined(names));
    if (!text) return text.error();
    if (text->empty()) return std::optional<Enum>();
    return enum_value<Enum>(*text, names, at(key));
  }

  template <class Enum, std::size_t N>
  Result<std::vector<Enum>> enumerated_list(std::string_view key,
                                            const std::array<std::string_view, N>& names) {
    auto texts = strings(key);
    if (!texts) return texts.error();
    std::vector<Enum> out;
    for (std::size_t i = 0; i < texts->size(); ++i) {
      auto value = enum_value<Enum>((*texts)[i], names, at(key) + "/" + std::to_string(i));
      if (!value) return value.error();
      out.push_back(**value);
    }
    return out;
  }

  // Fails naming the first key that was never read.
  Result<void> finish() const {
    for (const auto& [key, value] : *object_)
      if (std::find(seen_.begin(), seen_.end(), std::string_view(key)) == seen_.end())
        return field_error(at(key), "unknown field " + quoted(key) +
                                        " (docs/eu-elements.md lists the input form)");
    return {};
  }

 private:
  ObjectReader(const bj::object& object, std::string at) : object_(&object), at_(std::move(at)) {}

  template <class Enum, std::size_t N>
  static Result<std::optional<Enum>> enum_value(std::string_view text,
                                                const std::array<std::string_view, N>& names,
                                                const std::string& field) {
    auto value = enum_from<Enum>(names, text);
    if (!value) return field_error(field, quoted(text) + " is not one of " + joined(names));
    return std::optional<Enum>(*value);
  }

  const bj::object* object_;
  std::string at_;
  std::vector<std::string> seen_;
};

Result<Organisation> read_organisation(const bj::value& value, const std::string& at) {
  auto reader = ObjectReader::open(value, at);
  if (!reader) return reader.error();
  Organisation o;
  auto id = reader->string("id", true);
  if (!id) return id.error();
  auto name = reader->string("name", true);
  if (!name) return name.error();
  auto url = reader->string("url", false);
  if (!url) return url.error();
  auto country = reader->string("country", true);
  if (!country) return country.error();
  auto region = reader->string("region", false);
  if (!region) return region.error();
  if (auto done = reader->finish(); !done) return done.error();
  return Organisation{*id, *name, *url, *country, *region};
}

Result<Learner> read_learner(const bj::value& value) {
  auto reader = ObjectReader::open(value, "/learner");
  if (!reader) return reader.error();
  Learner learner;
  auto id = reader->string("id", false);
  if (!id) return id.error();
  learner.id = *id;
  if (const bj::value* list = reader->find("identifiers"); list && !list->is_null()) {
    if (!list->is_array()) return field_error("/learner/identifiers", "expected an array");
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
      auto item =
          ObjectReader::open(list->as_array()[i], "/learner/identifiers/" + std::to_string(i));
      if (!item) return item.error();
      LearnerIdentifier identifier;
      auto type = item->string("type", true);
      if (!type) return type.error();
      auto v = item->string("value", true);
      if (!v) return v.error();
      auto hashed = item->boolean("hashed", false);
      if (!hashed) return hashed.error();
      auto salt = item->string("salt", false);
      if (!salt) return salt.error();
      if (auto done = item->finish(); !done) return done.error();
      learner.identifiers.push_back({*type, *v, *hashed, *salt});
    }
  }
  if (auto done = reader->finish(); !done) return done.error();
  return learner;
}

Result<std::vector<LearningOutcome>> read_outcomes(const bj::value* list) {
  std::vector<LearningOutcome> out;
  if (!list || list->is_null()) return out;
  if (!list->is_array()) return field_error("/learning_outcomes", "expected an array");
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    const std::string at = "/learning_outcomes/" + std::to_string(i);
    const bj::value& item = list->as_array()[i];
    LearningOutcome outcome;
    if (item.is_string()) {
      outcome.text = std::string(item.as_string());
      out.push_back(std::move(outcome));
      continue;
    }
    auto reader = ObjectReader::open(item, at);
    if (!reader) return reader.error();
    auto text = reader->string("text", true);
    if (!text) return text.error();
    outcome.text = *text;
    if (const bj::value* esco = reader->find("esco"); esco && !esco->is_null()) {
      if (!esco->is_array()) return field_error(at + "/esco", "expected an array of ESCO URIs");
      const bj::array* skills = &esco->as_array();
      for (std::size_t j = 0; j < skills->size(); ++j) {
        const std::string skill_at = at + "/esco/" + std::to_string(j);
        const bj::value& skill = (*skills)[j];
        if (skill.is_string()) {
          outcome.esco_skills.push_back({std::string(skill.as_string()), {}});
          continue;
        }
        auto skill_reader = ObjectReader::open(skill, skill_at);
        if (!skill_reader)
          return field_error(skill_at, "expected an ESCO URI or {\"uri\": ..., \"label\": ...}");
        auto uri = skill_reader->string("uri", true);
        if (!uri) return uri.error();
        auto label = skill_reader->string("label", false);
        if (!label) return label.error();
        if (auto done = skill_reader->finish(); !done) return done.error();
        outcome.esco_skills.push_back({*uri, *label});
      }
    }
    if (auto done = reader->finish(); !done) return done.error();
    out.push_back(std::move(outcome));
  }
  return out;
}

}  // namespace

Result<MicroCredentialData> parse_microcredential_data(const bj::value& input) {
  auto reader = ObjectReader::open(input, "");
  if (!reader) return reader.error();
  MicroCredentialData data;

  auto id = reader->string("id", false);
  if (!id) return id.error();
  data.id = *id;
  auto achievement_id = reader->string("achievement_id", false);
  if (!achievement_id) return achievement_id.error();
  data.achievement_id = *achievement_id;
  auto title = reader->string("title", true);
  if (!title) return title.error();
  data.title = *title;
  auto description = reader->string("description", false);
  if (!description) return description.error();
  data.description = *description;

  const bj::value* learner = reader->find("learner");
  if (!learner) return field_error("/learner", "required: the learner's id and/or identifiers");
  auto parsed_learner = read_learner(*learner);
  if (!parsed_learner) return parsed_learner.error();
  data.learner = std::move(*parsed_learner);

  const bj::value* issuer = reader->find("issuer");
  if (!issuer) return field_error("/issuer", "required: {\"id\", \"name\", \"country\"}");
  auto parsed_issuer = read_organisation(*issuer, "/issuer");
  if (!parsed_issuer) return parsed_issuer.error();
  data.issuer = std::move(*parsed_issuer);

  if (const bj::value* bodies = reader->find("awarding_bodies"); bodies && !bodies->is_null()) {
    if (!bodies->is_array()) return field_error("/awarding_bodies", "expected an array");
    for (std::size_t i = 0; i < bodies->as_array().size(); ++i) {
      auto body = read_organisation(bodies->as_array()[i], "/awarding_bodies/" + std::to_string(i));
      if (!body) return body.error();
      data.awarding_bodies.push_back(std::move(*body));
    }
  }

  auto issued = reader->time("issued", true);
  if (!issued) return issued.error();
  data.issued = **issued;
  auto valid_until = reader->time("valid_until", false);
  if (!valid_until) return valid_until.error();
  data.valid_until = *valid_until;

  auto outcomes = read_outcomes(reader->find("learning_outcomes"));
  if (!outcomes) return outcomes.error();
  data.learning_outcomes = std::move(*outcomes);

  auto ects = reader->number("ects");
  if (!ects) return ects.error();
  if (!*ects) return field_error("/ects", "required: the notional workload in ECTS credits");
  data.ects = **ects;
  auto hours = reader->integer("workload_hours");
  if (!hours) return hours.error();
  data.workload_hours = *hours;
  auto eqf = reader->integer("eqf_level");
  if (!eqf) return eqf.error();
  if (!*eqf) return field_error("/eqf_level", "required: the EQF level, 1-8");
  data.eqf_level = **eqf;
  auto cycle = reader->enumerated<QfEheaCycle>("qf_ehea_cycle", cycle_names, false);
  if (!cycle) return cycle.error();
  data.qf_ehea_cycle = *cycle;

  if (const bj::value* assessment = reader->find("assessment")) {
    auto sub = ObjectReader::open(*assessment, "/assessment");
    if (!sub) return sub.error();
    auto types = sub->enumerated_list<AssessmentType>("types", assessment_names);
    if (!types) return types.error();
    data.assessment_types = std::move(*types);
    auto text = sub->string("description", false);
    if (!text) return text.error();
    data.assessment_description = *text;
    if (auto done = sub->finish(); !done) return done.error();
  } else {
    return field_error("/assessment", "required: {\"types\": [...], \"description\": ...}");
  }

  auto participation =
      reader->enumerated<ParticipationForm>("participation", participation_names, true);
  if (!participation) return participation.error();
  data.participation = *participation;

  if (const bj::value* qa = reader->find("quality_assurance")) {
    auto sub = ObjectReader::open(*qa, "/quality_assurance");
    if (!sub) return sub.error();
    auto types = sub->enumerated_list<QualityAssuranceType>("types", quality_assurance_names);
    if (!types) return types.error();
    data.quality_assurance = std::move(*types);
    auto text = sub->string("description", false);
    if (!text) return text.error();
    data.quality_assurance_description = *text;
    auto body = sub->string("body", false);
    if (!body) return body.error();
    data.quality_assurance_body = *body;
    if (auto done = sub->finish(); !done) return done.error();
  } else {
    return field_error("/quality_assurance", "required: {\"types\": [...], \"description\": ...}");
  }

  auto prerequisites = reader->string("prerequisites", false);
  if (!prerequisites) return prerequisites.error();
  data.prerequisites = *prerequisites;
  auto supervision = reader->enumerated<SupervisionMode>("supervision", supervision_names, false);
  if (!supervision) return supervision.error();
  data.supervision = *supervision;

  if (const bj::value* grade = reader->find("grade"); grade && !grade->is_null()) {
    Grade g;
    if (grade->is_string()) {
      g.value = std::string(grade->as_string());
    } else {
      auto sub = ObjectReader::open(*grade, "/grade");
      if (!sub) return sub.error();
      auto value = sub->string("value", true);
      if (!value) return value.error();
      g.value = *value;
      auto type = sub->string("result_type", false);
      if (!type) return type.error();
      if (!type->empty()) g.result_type = *type;
      auto scheme = sub->string("scheme", false);
      if (!scheme) return scheme.error();
      g.scheme = *scheme;
      if (auto done = sub->finish(); !done) return done.error();
    }
    data.grade = std::move(g);
  }

  if (const bj::value* stack = reader->find("stackability"); stack && !stack->is_null()) {
    auto sub = ObjectReader::open(*stack, "/stackability");
    if (!sub) return sub.error();
    auto mode = sub->enumerated<Stackability>("mode", stackability_names, true);
    if (!mode) return mode.error();
    data.stackability = *mode;
    auto towards = sub->strings("towards");
    if (!towards) return towards.error();
    data.stackable_towards = std::move(*towards);
    if (auto done = sub->finish(); !done) return done.error();
  }

  auto further = reader->string("further_information", false);
  if (!further) return further.error();
  data.further_information = *further;
  auto languages = reader->strings("languages");
  if (!languages) return languages.error();
  data.languages = std::move(*languages);
  auto field = reader->string("field_of_study", false);
  if (!field) return field.error();
  data.field_of_study = *field;
  auto tags = reader->strings("tags");
  if (!tags) return tags.error();
  data.tags = std::move(*tags);

  if (auto done = reader->finish(); !done) return done.error();
  if (auto valid = validate(data); !valid) return valid.error();
  return data;
}

// --- the builder --------------------------------------------------------------------------

namespace {

bj::array types(std::initializer_list<std::string_view> names) {
  bj::array out;
  for (auto name : names)
    out.emplace_back(name);
  return out;
}

bj::object profile(const Organisation& o) {
  bj::object out;
  out["id"] = o.id;
  out["type"] = types({"Profile"});
  out["name"] = o.name;
  if (!o.url.empty()) out["url"] = o.url;
  bj::object address;
  address["type"] = types({"Address"});
  address["addressCountryCode"] = o.country_code;
  if (!o.region.empty()) address["addressRegion"] = o.region;
  out["address"] = std::move(address);
  return out;
}

bj::object esco_alignment(const EscoSkill& skill, const LearningOutcome& outcome) {
  bj::object out;
  out["type"] = types({"Alignment"});
  out["targetName"] = skill.label.empty() ? outcome.text : skill.label;
  if (!skill.label.empty()) out["targetDescription"] = outcome.text;
  out["targetFramework"] = "ESCO";
  out["targetUrl"] = skill.uri;
  if (std::string_view(skill.uri).substr(esco_namespace.size()).starts_with("skill/"))
    out["targetType"] = "ext:ESCOSkill";
  return out;
}

bj::object eqf_alignment(int level) {
  const std::string code = std::to_string(level);
  bj::object out;
  out["type"] = types({"Alignment"});
  out["targetName"] = "EQF level " + code;
  out["targetFramework"] = "European Qualifications Framework";
  out["targetCode"] = code;
  out["targetUrl"] = std::string(eqf_namespace) + code;
  out["targetType"] = "ext:EQFLevel";
  return out;
}

bj::object cycle_alignment(QfEheaCycle cycle) {
  std::string name(to_string(cycle));
  std::replace(name.begin(), name.end(), '_', ' ');
  bj::object out;
  out["type"] = types({"Alignment"});
  out["targetName"] = "QF-EHEA " + name;
  out["targetFramework"] = "Qualifications Framework in the European Higher Education Area";
  out["targetCode"] = to_string(cycle);
  out["targetUrl"] = std::string(cycle_namespace) + std::string(to_string(cycle));
  out["targetType"] = "ext:QFEHEACycle";
  return out;
}

bj::object result_description(const std::string& id, std::string_view name,
                              std::string_view result_type) {
  bj::object out;
  out["id"] = id;
  out["type"] = types({"ResultDescription"});
  out["name"] = name;
  out["resultType"] = result_type;
  return out;
}

bj::object result(const std::string& description_id) {
  bj::object out;
  out["type"] = types({"Result"});
  out["resultDescription"] = description_id;
  return out;
}

std::string criteria_narrative(const MicroCredentialData& data) {
  std::string out = "The learner achieved these learning outcomes";
  out += data.assessment_types.size() == 1 ? ", assessed by " : ", assessed by: ";
  for (std::size_t i = 0; i < data.assessment_types.size(); ++i) {
    if (i) out += ", ";
    std::string name(to_string(data.assessment_types[i]));
    std::replace(name.begin(), name.end(), '_', ' ');
    out += name;
  }
  out += ":\n";
  for (const auto& outcome : data.learning_outcomes)
    out += "\n- " + outcome.text;
  return out;
}

Result<std::string> random_urn(crypto::RandomSource* random, const std::string& field) {
  if (!random) return field_error(field, "required: give an id, or build with a random source");
  std::array<std::uint8_t, 16> bytes{};
  random->fill(bytes);
  return to_urn(uuid_v4(bytes));
}

}  // namespace

Result<bj::value> build_microcredential(const MicroCredentialData& data,
                                        const BuildOptions& options) {
  if (auto valid = validate(data); !valid) return valid.error();

  std::string credential_id = data.id;
  if (credential_id.empty()) {
    auto id = random_urn(options.random, "/id");
    if (!id) return id.error();
    credential_id = *id;
  }
  std::string achievement_id = data.achievement_id;
  if (achievement_id.empty()) {
    auto id = random_urn(options.random, "/achievement_id");
    if (!id) return id.error();
    achievement_id = *id;
  }

  bj::array identifiers;
  for (std::size_t i = 0; i < data.learner.identifiers.size(); ++i) {
    const auto& given = data.learner.identifiers[i];
    bj::object identity;
    identity["type"] = "IdentityObject";
    identity["identityType"] = given.type;
    if (given.hashed) {
      std::string salt = given.salt;
      if (salt.empty()) {
        if (!options.random)
          return field_error("/learner/identifiers/" + std::to_string(i) + "/salt",
                             "required: give a salt, or build with a random source");
        Bytes bytes(salt_bytes);
        options.random->fill(bytes);
        salt = hex_encode(bytes);
      }
      identity["identityHash"] = identity_hash(given.value, salt);
      identity["hashed"] = true;
      identity["salt"] = salt;
    } else {
      identity["identityHash"] = given.value;
      identity["hashed"] = false;
    }
    identifiers.push_back(std::move(identity));
  }

  // Achievement: the micro-credential as designed.
  bj::object achievement;
  achievement["id"] = achievement_id;
  achievement["type"] = types({"Achievement"});
  achievement["achievementType"] = "MicroCredential";
  achievement["name"] = data.title;
  achievement["description"] = data.description.empty() ? data.title : data.description;
  bj::object criteria;
  criteria["narrative"] = criteria_narrative(data);
  achievement["criteria"] = std::move(criteria);
  achievement["creditsAvailable"] = json_number(data.ects);
  if (data.workload_hours) achievement["workloadHours"] = *data.workload_hours;

  bj::array alignment;
  alignment.push_back(eqf_alignment(data.eqf_level));
  if (data.qf_ehea_cycle) alignment.push_back(cycle_alignment(*data.qf_ehea_cycle));
  for (const auto& outcome : data.learning_outcomes)
    for (const auto& skill : outcome.esco_skills)
      alignment.push_back(esco_alignment(skill, outcome));
  achievement["alignment"] = std::move(alignment);

  bj::array descriptions;
  bj::array results;
  for (std::size_t i = 0; i < data.learning_outcomes.size(); ++i) {
    const auto& outcome = data.learning_outcomes[i];
    const std::string id = achievement_id + "#learning-outcome-" + std::to_string(i + 1);
    bj::object description = result_description(id, outcome.text, "Status");
    if (!outcome.esco_skills.empty()) {
      bj::array skills;
      for (const auto& skill : outcome.esco_skills)
        skills.push_back(esco_alignment(skill, outcome));
      description["alignment"] = std::move(skills);
    }
    descriptions.push_back(std::move(description));
    bj::object r = result(id);
    r["status"] = "Completed";
    results.push_back(std::move(r));
  }
  {
    const std::string id = achievement_id + "#ects";
    const std::string ects = format_number(data.ects);
    bj::object description = result_description(id, "ECTS credits", "ext:ECTSCredits");
    description["valueMin"] = "0";
    description["valueMax"] = ects;
    descriptions.push_back(std::move(description));
    bj::object r = result(id);
    r["value"] = ects;
    results.push_back(std::move(r));
  }
  if (data.grade) {
    const std::string id = achievement_id + "#grade";
    bj::object description = result_description(id, "Grade", data.grade->result_type);
    if (!data.grade->scheme.empty()) description["description"] = data.grade->scheme;
    descriptions.push_back(std::move(description));
    bj::object r = result(id);
    r["value"] = data.grade->value;
    results.push_back(std::move(r));
  }
  achievement["resultDescription"] = std::move(descriptions);

  // OB 3.0's JSON schema makes inLanguage one string: the first language goes there, and
  // all of them in our `languages` (the same schema.org property, as a set).
  if (!data.languages.empty()) achievement["inLanguage"] = data.languages.front();
  if (data.languages.size() > 1) {
    bj::array languages;
    for (const auto& language : data.languages)
      languages.emplace_back(language);
    achievement["languages"] = std::move(languages);
  }
  if (!data.field_of_study.empty()) achievement["fieldOfStudy"] = data.field_of_study;
  if (!data.tags.empty()) {
    bj::array tags;
    for (const auto& tag : data.tags)
      tags.emplace_back(tag);
    achievement["tag"] = std::move(tags);
  }

  // microcred context terms (docs/eu-elements.md).
  bj::array bodies;
  if (data.awarding_bodies.empty()) {
    bodies.push_back(profile(data.issuer));
  } else {
    for (const auto& body : data.awarding_bodies)
      bodies.push_back(profile(body));
  }
  achievement["awardingBody"] = std::move(bodies);
  bj::array assessment;
  for (auto type : data.assessment_types)
    assessment.emplace_back(to_string(type));
  achievement["assessmentType"] = std::move(assessment);
  if (!data.assessment_description.empty())
    achievement["assessmentDescription"] = data.assessment_description;
  achievement["participationForm"] = to_string(*data.participation);
  bj::array qa;
  for (auto type : data.quality_assurance)
    qa.emplace_back(to_string(type));
  achievement["qualityAssurance"] = std::move(qa);
  if (!data.quality_assurance_description.empty())
    achievement["qualityAssuranceDescription"] = data.quality_assurance_description;
  if (!data.quality_assurance_body.empty())
    achievement["qualityAssuranceBody"] = data.quality_assurance_body;
  if (!data.prerequisites.empty()) achievement["prerequisites"] = data.prerequisites;
  if (data.stackability) achievement["stackability"] = to_string(*data.stackability);
  if (!data.stackable_towards.empty()) {
    bj::array towards;
    for (const auto& target : data.stackable_towards)
      towards.emplace_back(target);
    achievement["stackableTowards"] = std::move(towards);
  }
  if (!data.further_information.empty())
    achievement["furtherInformation"] = data.further_information;

  bj::object subject;
  if (!data.learner.id.empty()) subject["id"] = data.learner.id;
  subject["type"] = types({"AchievementSubject"});
  if (!identifiers.empty()) subject["identifier"] = std::move(identifiers);
  subject["achievement"] = std::move(achievement);
  subject["creditsEarned"] = json_number(data.ects);
  subject["result"] = std::move(results);
  if (data.supervision)
    subject["supervisionAndIdentityVerification"] = to_string(*data.supervision);

  bj::object credential;
  credential["@context"] =
      bj::array{"https://www.w3.org/ns/credentials/v2", bj::string_view(open_badges_context_url),
                bj::string_view(microcredential_context_url)};
  credential["id"] = credential_id;
  credential["type"] = types({"VerifiableCredential", "OpenBadgeCredential"});
  credential["name"] = data.title;
  if (!data.description.empty()) credential["description"] = data.description;
  credential["issuer"] = profile(data.issuer);
  credential["validFrom"] = format_rfc3339(data.issued);
  if (data.valid_until) credential["validUntil"] = format_rfc3339(*data.valid_until);
  credential["awardedDate"] = format_rfc3339(data.issued);
  credential["credentialSubject"] = std::move(subject);
  return bj::value(std::move(credential));
}

}  // namespace microcred::vc
