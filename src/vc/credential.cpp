#include "vc/credential.h"

#include <boost/json.hpp>

#include "core/time.h"

namespace microcred::vc {

namespace {

namespace bj = boost::json;

void check_date(const bj::object& object, std::string_view key, std::vector<Problem>& problems) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) return;
  if (!value->is_string() || !parse_rfc3339(value->get_string())) {
    problems.push_back(
        {"/" + std::string(key), std::string(key) + " is not an RFC 3339 date-time"});
  }
}

void check_id(const bj::value* id, const std::string& pointer, std::vector<Problem>& problems) {
  if (id == nullptr) return;
  if (!id->is_string() || !is_absolute_url(id->get_string())) {
    problems.push_back({pointer, "id must be a URL"});
  }
}

}  // namespace

bool is_absolute_url(std::string_view text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == ':') return i + 1 < text.size();
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return false;
}

bool has_type(const bj::value* value, std::string_view name) {
  if (value == nullptr) return false;
  if (value->is_string()) return value->get_string() == name;
  if (!value->is_array()) return false;
  for (const auto& entry : value->get_array()) {
    if (entry.is_string() && entry.get_string() == name) return true;
  }
  return false;
}

std::string issuer_id(const bj::object& credential) {
  const auto* issuer = credential.if_contains("issuer");
  if (issuer == nullptr) return {};
  if (issuer->is_string()) return std::string(issuer->get_string());
  if (issuer->is_object()) {
    const auto* id = issuer->get_object().if_contains("id");
    if (id != nullptr && id->is_string()) return std::string(id->get_string());
  }
  return {};
}

std::vector<Problem> check_credential_shape(const bj::object& credential) {
  std::vector<Problem> problems;
  const auto* context = credential.if_contains("@context");
  if (context == nullptr || !context->is_array() || context->get_array().empty() ||
      !context->get_array()[0].is_string() ||
      context->get_array()[0].get_string() != vc_v2_context) {
    problems.push_back({"/@context", "the first @context must be " + std::string(vc_v2_context)});
  }
  if (!has_type(credential.if_contains("type"), "VerifiableCredential")) {
    problems.push_back({"/type", "type must include VerifiableCredential"});
  }
  check_id(credential.if_contains("id"), "/id", problems);
  const auto* issuer = credential.if_contains("issuer");
  if (issuer == nullptr) {
    problems.push_back({"/issuer", "issuer is required"});
  } else if (issuer->is_string()) {
    check_id(issuer, "/issuer", problems);
  } else if (issuer->is_object()) {
    const auto* id = issuer->get_object().if_contains("id");
    if (id == nullptr) problems.push_back({"/issuer/id", "issuer.id is required"});
    check_id(id, "/issuer/id", problems);
  } else {
    problems.push_back({"/issuer", "issuer must be a URL or an object with an id"});
  }
  const auto* subject = credential.if_contains("credentialSubject");
  if (subject == nullptr) {
    problems.push_back({"/credentialSubject", "credentialSubject is required"});
  } else if (subject->is_object()) {
    check_id(subject->get_object().if_contains("id"), "/credentialSubject/id", problems);
  } else if (subject->is_array() && !subject->get_array().empty()) {
    std::size_t i = 0;
    for (const auto& entry : subject->get_array()) {
      if (!entry.is_object()) {
        problems.push_back({"/credentialSubject/" + std::to_string(i), "must be an object"});
      }
      ++i;
    }
  } else {
    problems.push_back({"/credentialSubject", "credentialSubject must be an object or a list"});
  }
  check_date(credential, "validFrom", problems);
  check_date(credential, "validUntil", problems);
  const auto* from = credential.if_contains("validFrom");
  const auto* until = credential.if_contains("validUntil");
  if (from != nullptr && until != nullptr && from->is_string() && until->is_string()) {
    auto f = parse_rfc3339(from->get_string());
    auto u = parse_rfc3339(until->get_string());
    if (f && u && *u < *f) problems.push_back({"/validUntil", "validUntil is before validFrom"});
  }
  if (const auto* status = credential.if_contains("credentialStatus")) {
    std::vector<const bj::value*> entries;
    if (status->is_array()) {
      for (const auto& entry : status->get_array())
        entries.push_back(&entry);
    } else {
      entries.push_back(status);
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      std::string pointer =
          status->is_array() ? "/credentialStatus/" + std::to_string(i) : "/credentialStatus";
      if (!entries[i]->is_object() || !entries[i]->get_object().contains("type")) {
        problems.push_back({pointer, "a credentialStatus entry must be an object with a type"});
        continue;
      }
      check_id(entries[i]->get_object().if_contains("id"), pointer + "/id", problems);
    }
  }
  return problems;
}

std::vector<Problem> check_open_badge_shape(const bj::object& credential) {
  std::vector<Problem> problems;
  auto require = [&](const bj::object& object, std::string_view key, const std::string& pointer) {
    if (!object.contains(key)) {
      problems.push_back({pointer + "/" + std::string(key), std::string(key) + " is required"});
      return false;
    }
    return true;
  };
  require(credential, "id", "");
  require(credential, "name", "");
  require(credential, "validFrom", "");
  const auto* issuer = credential.if_contains("issuer");
  if (issuer != nullptr && issuer->is_object()) {
    if (!has_type(issuer->get_object().if_contains("type"), "Profile")) {
      problems.push_back({"/issuer/type", "the issuer must be a Profile"});
    }
  } else if (issuer != nullptr) {
    problems.push_back({"/issuer", "an Open Badge's issuer must be a Profile object"});
  }
  const auto* subject = credential.if_contains("credentialSubject");
  if (subject == nullptr || !subject->is_object()) {
    problems.push_back({"/credentialSubject", "must be one AchievementSubject object"});
    return problems;
  }
  const auto& s = subject->get_object();
  if (!has_type(s.if_contains("type"), "AchievementSubject")) {
    problems.push_back({"/credentialSubject/type", "must include AchievementSubject"});
  }
  const auto* achievement = s.if_contains("achievement");
  if (achievement == nullptr || !achievement->is_object()) {
    problems.push_back({"/credentialSubject/achievement", "an Achievement object is required"});
    return problems;
  }
  const auto& a = achievement->get_object();
  const std::string base = "/credentialSubject/achievement";
  if (!has_type(a.if_contains("type"), "Achievement")) {
    problems.push_back({base + "/type", "must include Achievement"});
  }
  for (const char* key : {"id", "name", "description", "criteria"})
    require(a, key, base);
  return problems;
}

}  // namespace microcred::vc
