#pragma once

#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

namespace microcred::vc {

/// One way a document breaks a data model rule, with a JSON pointer to where.
struct Problem {
  std::string pointer;  ///< e.g. "/validFrom"
  std::string message;  ///< e.g. "validFrom is not an RFC 3339 date-time"

  bool operator==(const Problem&) const = default;
};

inline constexpr const char* vc_v2_context = "https://www.w3.org/ns/credentials/v2";

/// The W3C VC Data Model 2.0 rules `credential` breaks (empty: none): the first @context
/// is the VC 2.0 context, `type` includes VerifiableCredential, `issuer` is a URL or an
/// object with one, `credentialSubject` is present, `validFrom`/`validUntil` are
/// date-times in order, `id`s are URLs, `credentialStatus` entries have a type.
std::vector<Problem> check_credential_shape(const boost::json::object& credential);

/// The Open Badges 3.0 rules an `OpenBadgeCredential` breaks: `id`, `name`, issuer
/// `Profile` with `id`, `validFrom`, an `AchievementSubject` whose `achievement` is an
/// `Achievement` with `id`, `type`, `name`, `description` and `criteria`.
std::vector<Problem> check_open_badge_shape(const boost::json::object& credential);

/// Whether `text` is an absolute URL or URN (has a scheme: ALPHA *( ALPHA / DIGIT / "+" /
/// "-" / "." ) ":"), as VC `id`s must be.
bool is_absolute_url(std::string_view text);

/// The issuer's id (`issuer` as a string or `issuer.id`), or empty.
std::string issuer_id(const boost::json::object& credential);

/// Whether `value` is `name` or an array containing `name`.
bool has_type(const boost::json::value* value, std::string_view name);

}  // namespace microcred::vc
