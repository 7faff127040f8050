#include "domain/national_rules.h"

#include <cmath>

#include <boost/json.hpp>

#include "domain/codes.h"
#include "json/parse.h"

namespace microcred::domain {
namespace {

namespace bj = boost::json;

constexpr int min_eqf_level = 1;
constexpr int max_eqf_level = 8;

Error field_error(std::string field, std::string message) {
  return make_error(ErrorCode::invalid_argument, std::move(message), std::move(field));
}

Result<std::string> string_member(const bj::object& o, std::string_view key, const std::string& at,
                                  bool required) {
  auto* v = o.if_contains(key);
  if (!v) {
    if (required) return field_error(at + "/" + std::string(key), "required: a string");
    return std::string();
  }
  if (!v->is_string()) return field_error(at + "/" + std::string(key), "expected a string");
  return std::string(v->get_string());
}

Result<std::optional<double>> number_member(const bj::object& o, std::string_view key,
                                            const std::string& at) {
  auto* v = o.if_contains(key);
  if (!v) return std::optional<double>();
  if (!v->is_number()) return field_error(at + "/" + std::string(key), "expected a number");
  return std::optional<double>(v->to_number<double>());
}

Result<std::optional<int>> level_member(const bj::object& o, std::string_view key,
                                        const std::string& at) {
  auto* v = o.if_contains(key);
  if (!v) return std::optional<int>();
  if (!v->is_int64() || v->get_int64() < min_eqf_level || v->get_int64() > max_eqf_level)
    return field_error(at + "/" + std::string(key), "expected an EQF level, 1-8");
  return std::optional<int>(static_cast<int>(v->get_int64()));
}

Result<NationalRule> rule_from(const bj::value& v, const std::string& at) {
  if (!v.is_object()) return field_error(at, "expected an object");
  const auto& o = v.get_object();
  static constexpr std::string_view known[] = {"id",
                                               "country",
                                               "severity",
                                               "message",
                                               "source",
                                               "url",
                                               "ects_less_than",
                                               "ects_at_most",
                                               "ects_at_least",
                                               "eqf_level_at_least",
                                               "eqf_level_at_most",
                                               "requires_fields"};
  for (const auto& member : o) {
    bool ok = false;
    for (auto k : known)
      ok = ok || k == member.key();
    if (!ok)
      return field_error(at + "/" + std::string(member.key()),
                         "unknown key \"" + std::string(member.key()) + "\"");
  }
  NationalRule rule;
  auto id = string_member(o, "id", at, true);
  if (!id) return id.error();
  rule.id = *id;
  auto country = string_member(o, "country", at, true);
  if (!country) return country.error();
  if (!is_country_code(*country))
    return field_error(at + "/country", "\"" + *country + "\" is not an ISO 3166-1 alpha-2 code");
  rule.country = *country;
  auto severity = string_member(o, "severity", at, true);
  if (!severity) return severity.error();
  if (*severity != "error" && *severity != "warning")
    return field_error(at + "/severity", "expected \"error\" or \"warning\"");
  rule.error = *severity == "error";
  auto message = string_member(o, "message", at, true);
  if (!message) return message.error();
  rule.message = *message;
  auto source = string_member(o, "source", at, true);
  if (!source) return source.error();
  if (source->empty())
    return field_error(at + "/source", "required: the legal text or guideline the rule follows");
  rule.source = *source;
  auto url = string_member(o, "url", at, false);
  if (!url) return url.error();
  rule.url = *url;
  for (auto [key, out] : {std::pair{"ects_less_than", &rule.ects_less_than},
                          std::pair{"ects_at_most", &rule.ects_at_most},
                          std::pair{"ects_at_least", &rule.ects_at_least}}) {
    auto n = number_member(o, key, at);
    if (!n) return n.error();
    *out = *n;
  }
  for (auto [key, out] : {std::pair{"eqf_level_at_least", &rule.eqf_level_at_least},
                          std::pair{"eqf_level_at_most", &rule.eqf_level_at_most}}) {
    auto n = level_member(o, key, at);
    if (!n) return n.error();
    *out = *n;
  }
  if (auto* fields = o.if_contains("requires_fields")) {
    if (!fields->is_array()) return field_error(at + "/requires_fields", "expected an array");
    const auto& items = fields->get_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& item = items[i];
      if (!item.is_string() || !item.get_string().starts_with("/"))
        return field_error(at + "/requires_fields/" + std::to_string(i),
                           "expected a JSON pointer into a design file, such as \"/nqf\"");
      rule.requires_fields.emplace_back(item.get_string());
    }
  }
  bool has_condition = rule.ects_less_than || rule.ects_at_most || rule.ects_at_least ||
                       rule.eqf_level_at_least || rule.eqf_level_at_most ||
                       !rule.requires_fields.empty();
  if (!has_condition)
    return field_error(at,
                       "a rule needs a condition: ects_less_than, ects_at_most, "
                       "ects_at_least, eqf_level_at_least, eqf_level_at_most or "
                       "requires_fields");
  return rule;
}

}  // namespace

Result<NationalRules> parse_national_rules(std::string_view json_text) {
  auto doc = json::parse(json_text);
  if (!doc) return doc.error();
  if (!doc->is_object()) return field_error("", "expected an object");
  const auto& o = doc->get_object();
  for (const auto& member : o)
    if (member.key() != "format" && member.key() != "rules")
      return field_error("/" + std::string(member.key()),
                         "unknown key \"" + std::string(member.key()) + "\"");
  auto* format = o.if_contains("format");
  if (!format || !format->is_string() || format->get_string() != national_rules_format)
    return field_error("/format", "expected \"" + std::string(national_rules_format) + "\"");
  auto* rules = o.if_contains("rules");
  if (!rules || !rules->is_array()) return field_error("/rules", "required: an array of rules");
  NationalRules out;
  const auto& items = rules->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto rule = rule_from(items[i], "/rules/" + std::to_string(i));
    if (!rule) return rule.error();
    for (const auto& seen : out.rules)
      if (seen.id == rule->id)
        return field_error("/rules/" + std::to_string(i) + "/id",
                           "rule id \"" + rule->id + "\" is used twice");
    out.rules.push_back(std::move(*rule));
  }
  return out;
}

}  // namespace microcred::domain
