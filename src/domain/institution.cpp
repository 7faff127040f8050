#include "domain/institution.h"

#include <algorithm>
#include <string_view>

#include "domain/codes.h"

namespace microcred::domain {

std::string_view to_string(KeyStatus status) {
  return status == KeyStatus::active ? "active" : "retired";
}

std::optional<KeyStatus> parse_key_status(std::string_view name) {
  if (name == "active") return KeyStatus::active;
  if (name == "retired") return KeyStatus::retired;
  return std::nullopt;
}

Result<void> validate(const Institution& institution) {
  if (institution.id.empty()) {
    return make_error(ErrorCode::invalid_argument, "an institution needs an id", "id");
  }
  if (institution.name.empty()) {
    return make_error(ErrorCode::invalid_argument, "an institution needs a name", "name");
  }
  if (!is_country_code(institution.country)) {
    return make_error(ErrorCode::invalid_argument,
                      "country must be an ISO 3166-1 alpha-2 code such as \"ES\", got \"" +
                          institution.country + "\"",
                      "country");
  }
  if (!institution.website.empty() && !institution.website.starts_with("https://")) {
    return make_error(ErrorCode::invalid_argument,
                      "website must be an https URL, got \"" + institution.website + "\"",
                      "website");
  }
  const auto& email = institution.contact_email;
  if (!email.empty()) {
    auto at = email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == email.size() ||
        std::any_of(email.begin(), email.end(), [](char c) { return c == ' '; })) {
      return make_error(ErrorCode::invalid_argument,
                        "contact_email must look like name@domain, got \"" + email + "\"",
                        "contact_email");
    }
  }
  return {};
}

}  // namespace microcred::domain
