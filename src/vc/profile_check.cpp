#include "vc/profile_check.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include <boost/json.hpp>

namespace microcred::vc {
namespace {

namespace bj = boost::json;

constexpr std::size_t max_summary_chars = 100;
constexpr std::size_t max_summary_values = 4;

struct ElementName {
  std::string_view wire;
  std::string_view label;
};

constexpr std::array<ElementName, eu_elements> element_names = {{
    {"learner_identification", "Identification of the learner"},
    {"title", "Title of the micro-credential"},
    {"issuer_country", "Country(ies)/region(s) of the issuer"},
    {"awarding_body", "Awarding body(ies)"},
    {"issue_date", "Date of issuing"},
    {"learning_outcomes", "Learning outcomes"},
    {"workload", "Notional workload (ECTS)"},
    {"level", "Level (EQF, QF-EHEA)"},
    {"assessment_type", "Type of assessment"},
    {"participation_form", "Form of participation"},
    {"quality_assurance", "Type of quality assurance"},
    {"prerequisites", "Prerequisites"},
    {"supervision_and_identity_verification",
     "Supervision and identity verification during assessment"},
    {"grade", "Grade achieved"},
    {"stackability", "Integration/stackability options"},
    {"further_information", "Further information"},
    {"language", "Language(s)"},
    {"validity_period", "Validity period"},
}};

// A JSON value and its JSONPath.
struct Node {
  const bj::value* value = nullptr;
  std::string path;
};

std::optional<Node> member(const Node& node, std::string_view key) {
  if (!node.value || !node.value->is_object()) return std::nullopt;
  const bj::value* v = node.value->as_object().if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return Node{v, node.path + "." + std::string(key)};
}

// The value itself, or each element of an array.
std::vector<Node> each(const Node& node) {
  std::vector<Node> out;
  if (!node.value) return out;
  if (!node.value->is_array()) {
    out.push_back(node);
    return out;
  }
  const auto& array = node.value->as_array();
  for (std::size_t i = 0; i < array.size(); ++i)
    out.push_back({&array[i], node.path + "[" + std::to_string(i) + "]"});
  return out;
}

std::vector<Node> members(const Node& node, std::string_view key) {
  auto m = member(node, key);
  return m ? each(*m) : std::vector<Node>{};
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The text of a string, a JSON-LD value object, or the first entry of a language map.
std::optional<std::string> text_of(const bj::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) {
    std::string s = bj::serialize(v);
    double d = v.as_double();
    if (d == static_cast<double>(static_cast<long long>(d)) && std::abs(d) < 1e15)
      s = std::to_string(static_cast<long long>(d));
    return s;
  }
  if (v.is_bool()) return std::string(v.as_bool() ? "true" : "false");
  if (v.is_object()) {
    const auto& o = v.as_object();
    if (auto* value = o.if_contains("@value")) return text_of(*value);
    for (std::string_view key : {"name", "targetName", "id", "@id"})
      if (auto* named = o.if_contains(key)) return text_of(*named);
    if (!o.empty() && o.begin()->value().is_string())  // a language map {"en": "..."}
      return std::string(o.begin()->value().as_string());
  }
  if (v.is_array() && !v.as_array().empty()) return text_of(v.as_array().front());
  return std::nullopt;
}

std::string shorten(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (s.size() > max_summary_chars) {
    std::size_t cut = max_summary_chars;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
      --cut;  // UTF-8
    s = s.substr(0, cut) + "...";
  }
  return s;
}

// Collects what was found for one element.
class Collector {
 public:
  void add(const Node& node, std::string summary) {
    paths_.push_back(node.path);
    if (!summary.empty() &&
        std::find(summaries_.begin(), summaries_.end(), summary) == summaries_.end())
      summaries_.push_back(shorten(std::move(summary)));
  }
  void add(const Node& node) { add(node, text_of(*node.value).value_or("")); }
  void add_all(const std::vector<Node>& nodes) {
    for (const auto& node : nodes)
      add(node);
  }

  ElementFinding finish(EuElement element) const {
    ElementFinding out{element, !paths_.empty(), paths_, {}};
    for (std::size_t i = 0; i < summaries_.size() && i < max_summary_values; ++i) {
      if (i) out.summary += "; ";
      out.summary += summaries_[i];
    }
    if (summaries_.size() > max_summary_values)
      out.summary += "; +" + std::to_string(summaries_.size() - max_summary_values) + " more";
    return out;
  }

 private:
  std::vector<std::string> paths_;
  std::vector<std::string> summaries_;
};

bool is_level_alignment(const bj::value& alignment) {
  if (!alignment.is_object()) return false;
  const auto& o = alignment.as_object();
  auto field = [&](std::string_view key) {
    auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const std::string framework = lower(field("targetFramework"));
  const std::string url = field("targetUrl");
  const std::string type = lower(field("targetType"));
  if (url.starts_with("http://data.europa.eu/snb/eqf/") ||
      url.starts_with("https://data.europa.eu/snb/eqf/"))
    return true;
  if (framework == "eqf" || framework.find("eqf ") != std::string::npos ||
      framework.find("(eqf)") != std::string::npos ||
      framework.find("european qualifications framework") != std::string::npos)
    return true;
  if (framework.find("qualifications framework") != std::string::npos &&
      framework.find("higher education area") != std::string::npos)
    return true;
  if (framework.find("qf-ehea") != std::string::npos) return true;
  return type == "ext:eqflevel";
}

std::string level_summary(const bj::value& alignment) {
  const auto& o = alignment.as_object();
  for (std::string_view key : {"targetName", "targetCode", "targetUrl"})
    if (auto* v = o.if_contains(key))
      if (auto text = text_of(*v); text && !text->empty()) return *text;
  return {};
}

// The places our terms and their aliases may sit: the credential, each subject, each
// achievement.
struct Places {
  Node credential;
  std::vector<Node> subjects;
  std::vector<Node> achievements;

  std::vector<Node> all() const {
    std::vector<Node> out{credential};
    out.insert(out.end(), subjects.begin(), subjects.end());
    out.insert(out.end(), achievements.begin(), achievements.end());
    return out;
  }
  // Every value under `key` in any place.
  std::vector<Node> term(std::string_view key) const {
    std::vector<Node> out;
    for (const auto& place : all())
      for (auto& node : members(place, key))
        out.push_back(std::move(node));
    return out;
  }
};

std::vector<Node> awarding_bodies(const Places& places) {
  std::vector<Node> out;
  for (const auto& issuer : members(places.credential, "issuer"))
    out.push_back(issuer);
  for (auto& body : places.term("awardingBody"))
    out.push_back(std::move(body));
  return out;
}

ElementFinding find_learner(const Places& places) {
  Collector c;
  for (const auto& subject : places.subjects) {
    if (auto id = member(subject, "id")) c.add(*id, "id " + text_of(*id->value).value_or(""));
    for (const auto& identifier : members(subject, "identifier")) {
      if (!identifier.value->is_object()) continue;
      const auto& o = identifier.value->as_object();
      std::string type =
          o.contains("identityType") ? text_of(o.at("identityType")).value_or("") : "";
      bool hashed = o.contains("hashed") && o.at("hashed").is_bool() && o.at("hashed").as_bool();
      if (hashed)
        c.add(identifier, type + " (hashed)");
      else if (auto* hash = o.if_contains("identityHash"))
        c.add(identifier, type + " " + text_of(*hash).value_or(""));
    }
    for (std::string_view key : {"name", "email"})
      if (auto v = member(subject, key)) c.add(*v);
  }
  return c.finish(EuElement::learner_identification);
}

ElementFinding find_title(const Places& places) {
  Collector c;
  for (const auto& achievement : places.achievements)
    if (auto name = member(achievement, "name")) c.add(*name);
  // A credential without an achievement (an EndorsementCredential, a bare VC) has only its
  // own name; a document without a subject is no credential at all.
  if (places.achievements.empty() && !places.subjects.empty())
    if (auto name = member(places.credential, "name")) c.add(*name);
  return c.finish(EuElement::title);
}

ElementFinding find_country(const Places& places) {
  Collector c;
  for (const auto& body : awarding_bodies(places)) {
    auto address = member(body, "address");
    if (!address) continue;
    for (std::string_view key : {"addressCountryCode", "addressCountry", "addressRegion"})
      if (auto v = member(*address, key)) c.add(*v);
  }
  return c.finish(EuElement::issuer_country);
}

ElementFinding find_awarding_body(const Places& places) {
  Collector c;
  for (const auto& body : awarding_bodies(places))
    c.add(body);
  return c.finish(EuElement::awarding_body);
}

ElementFinding find_issue_date(const Places& places) {
  Collector c;
  for (std::string_view key : {"awardedDate", "validFrom", "issuanceDate"})
    if (auto v = member(places.credential, key)) c.add(*v);
  return c.finish(EuElement::issue_date);
}

ElementFinding find_learning_outcomes(const Places& places) {
  Collector c;
  for (const auto& achievement : places.achievements) {
    for (const auto& description : members(achievement, "resultDescription")) {
      if (!description.value->is_object()) continue;
      auto* type = description.value->as_object().if_contains("resultType");
      if (type && type->is_string() && type->as_string() == "Status") c.add(description);
    }
    for (const auto& alignment : members(achievement, "alignment"))
      if (!is_level_alignment(*alignment.value)) c.add(alignment);
    if (auto criteria = member(achievement, "criteria"))
      if (auto narrative = member(*criteria, "narrative")) c.add(*narrative);
  }
  for (auto& outcome : places.term("learningOutcome"))
    c.add(outcome);
  return c.finish(EuElement::learning_outcomes);
}

ElementFinding find_workload(const Places& places) {
  Collector c;
  for (const auto& achievement : places.achievements)
    if (auto v = member(achievement, "creditsAvailable"))
      c.add(*v, text_of(*v->value).value_or("") + " credits available");
  for (const auto& subject : places.subjects)
    if (auto v = member(subject, "creditsEarned"))
      c.add(*v, text_of(*v->value).value_or("") + " credits earned");
  for (const auto& v : places.term("workloadHours"))
    c.add(v, text_of(*v.value).value_or("") + " hours");
  return c.finish(EuElement::workload);
}

ElementFinding find_level(const Places& places) {
  Collector c;
  for (const auto& place : places.all()) {
    for (const auto& alignment : members(place, "alignment"))
      if (is_level_alignment(*alignment.value)) c.add(alignment, level_summary(*alignment.value));
    if (auto v = member(place, "eqfLevel")) c.add(*v);
  }
  for (const auto& subject : places.subjects)
    for (const auto& r : members(subject, "result"))
      for (const auto& alignment : members(r, "alignment"))
        if (is_level_alignment(*alignment.value)) c.add(alignment, level_summary(*alignment.value));
  return c.finish(EuElement::level);
}

// Our context's terms (docs/eu-elements.md): one path per property, its values joined.
ElementFinding find_terms(const Places& places, EuElement element,
                          std::initializer_list<std::string_view> keys) {
  Collector c;
  for (auto key : keys)
    for (const auto& place : places.all())
      if (auto node = member(place, key)) {
        std::string summary;
        for (const auto& item : each(*node)) {
          if (!summary.empty()) summary += ", ";
          summary += text_of(*item.value).value_or("");
        }
        c.add(*node, summary);
      }
  return c.finish(element);
}

// Results with a value or level, other than the ECTS and per-outcome ones microcred writes.
ElementFinding find_grade(const Places& places) {
  Collector c;
  std::vector<std::pair<std::string, std::string>> result_types;  // description id, type
  for (const auto& achievement : places.achievements)
    for (const auto& description : members(achievement, "resultDescription")) {
      if (!description.value->is_object()) continue;
      const auto& o = description.value->as_object();
      auto* id = o.if_contains("id");
      auto* type = o.if_contains("resultType");
      if (id && id->is_string() && type && type->is_string())
        result_types.emplace_back(std::string(id->as_string()), std::string(type->as_string()));
    }
  for (const auto& subject : places.subjects)
    for (const auto& r : members(subject, "result")) {
      if (!r.value->is_object()) continue;
      const auto& o = r.value->as_object();
      const bj::value* value = o.if_contains("value");
      if (!value) value = o.if_contains("achievedLevel");
      if (!value) continue;
      std::string type;
      if (auto* d = o.if_contains("resultDescription"); d && d->is_string())
        for (const auto& [id, t] : result_types)
          if (id == d->as_string()) type = t;
      if (type == "ext:ECTSCredits" || type == "Status") continue;
      c.add(r, text_of(*value).value_or(""));
    }
  return c.finish(EuElement::grade);
}

ElementFinding find_language(const Places& places) {
  Collector c;
  for (const auto& place : places.all())
    for (std::string_view key : {"inLanguage", "languages"})
      for (const auto& v : members(place, key))
        c.add(v);
  return c.finish(EuElement::language);
}

ElementFinding find_validity(const Places& places) {
  Collector c;
  for (std::string_view key : {"validUntil", "expirationDate"})
    if (auto v = member(places.credential, key))
      c.add(*v, "until " + text_of(*v->value).value_or(""));
  return c.finish(EuElement::validity_period);
}

}  // namespace

std::string_view to_string(EuElement element) {
  return element_names[static_cast<std::size_t>(element)].wire;
}

std::string_view label(EuElement element) {
  return element_names[static_cast<std::size_t>(element)].label;
}

bool ProfileReport::complete() const {
  return missing().empty();
}

std::vector<EuElement> ProfileReport::missing() const {
  std::vector<EuElement> out;
  for (const auto& finding : elements)
    if (is_mandatory(finding.element) && !finding.found) out.push_back(finding.element);
  return out;
}

Result<ProfileReport> check_profile(const bj::value& credential) {
  if (!credential.is_object())
    return make_error(ErrorCode::invalid_argument, "a credential must be a JSON object", "/");
  Places places;
  places.credential = Node{&credential, "$"};
  places.subjects = members(places.credential, "credentialSubject");
  for (const auto& subject : places.subjects)
    for (auto& achievement : members(subject, "achievement"))
      places.achievements.push_back(std::move(achievement));

  ProfileReport report;
  report.elements = {
      find_learner(places),
      find_title(places),
      find_country(places),
      find_awarding_body(places),
      find_issue_date(places),
      find_learning_outcomes(places),
      find_workload(places),
      find_level(places),
      find_terms(places, EuElement::assessment_type, {"assessmentType", "assessmentDescription"}),
      find_terms(places, EuElement::participation_form, {"participationForm"}),
      find_terms(places, EuElement::quality_assurance,
                 {"qualityAssurance", "qualityAssuranceDescription", "qualityAssuranceBody"}),
      find_terms(places, EuElement::prerequisites, {"prerequisites"}),
      find_terms(places, EuElement::supervision_and_identity_verification,
                 {"supervisionAndIdentityVerification"}),
      find_grade(places),
      find_terms(places, EuElement::stackability, {"stackability", "stackableTowards"}),
      find_terms(places, EuElement::further_information, {"furtherInformation"}),
      find_language(places),
      find_validity(places),
  };
  return report;
}

std::string render_text(const ProfileReport& report) {
  std::size_t found = 0;
  for (const auto& finding : report.elements)
    if (is_mandatory(finding.element) && finding.found) ++found;
  std::string out = "EU micro-credential elements (Council Recommendation 2022, Annex I): " +
                    std::to_string(found) + " of " + std::to_string(eu_mandatory_elements) +
                    " mandatory found\n";
  bool optional_header = false;
  for (const auto& finding : report.elements) {
    const auto index = static_cast<std::size_t>(finding.element);
    if (!is_mandatory(finding.element) && !optional_header) {
      out += "optional:\n";
      optional_header = true;
    }
    std::string line = std::string("  ") + (finding.found ? "[x] " : "[ ] ");
    if (is_mandatory(finding.element))
      line += (index + 1 < 10 ? " " : "") + std::to_string(index + 1) + ". ";
    line += label(finding.element);
    if (finding.found) {
      line += ": " + finding.summary;
      line += "\n        at " + finding.paths.front();
      if (finding.paths.size() > 1)
        line += " (+" + std::to_string(finding.paths.size() - 1) + " more)";
    } else {
      line += ": missing";
    }
    out += line + "\n";
  }
  return out + verdict(report) + "\n";
}

std::string verdict(const ProfileReport& report) {
  auto missing = report.missing();
  if (missing.empty()) return "complete EU micro-credential: all 11 mandatory elements present";
  std::string out = "not a complete EU micro-credential: missing ";
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i) out += "; ";
    out += label(missing[i]);
  }
  return out;
}

bj::value to_json(const ProfileReport& report) {
  bj::array elements;
  std::size_t found = 0;
  for (const auto& finding : report.elements) {
    if (is_mandatory(finding.element) && finding.found) ++found;
    bj::array paths;
    for (const auto& path : finding.paths)
      paths.emplace_back(path);
    elements.push_back(bj::object{{"element", to_string(finding.element)},
                                  {"label", label(finding.element)},
                                  {"mandatory", is_mandatory(finding.element)},
                                  {"found", finding.found},
                                  {"paths", std::move(paths)},
                                  {"summary", finding.summary}});
  }
  bj::array missing;
  for (auto element : report.missing())
    missing.emplace_back(to_string(element));
  return bj::object{{"complete", report.complete()},
                    {"mandatory_found", found},
                    {"mandatory_total", eu_mandatory_elements},
                    {"missing", std::move(missing)},
                    {"verdict", verdict(report)},
                    {"elements", std::move(elements)}};
}

}  // namespace microcred::vc
