#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crypto/random.h"
#include "domain/user.h"
#include "service/authorisation.h"
#include "store/store.h"

namespace microcred::service {

/// Longest and default lifetime of an API token, in seconds.
inline constexpr std::int64_t api_token_max_lifetime = 366 * 24 * 3600;
inline constexpr std::int64_t api_token_default_lifetime = 90 * 24 * 3600;

/// What a new token is for: acting for `user_id` in `institution_id` with `roles`.
struct ApiTokenRequest {
  std::string institution_id;
  std::string user_id;
  std::vector<domain::Role> roles;
  std::string description;
  std::int64_t lifetime_seconds = api_token_default_lifetime;
};

/// A token just made: `secret` is shown to its owner once and never stored.
struct NewApiToken {
  std::string secret;  ///< "mct_" and 43 base64url characters (32 random bytes)
  domain::ApiToken token;
};

/// Makes and stores a token and records it in the audit trail. `actor` needs token_manage
/// in the institution, or must be the user asking for a token for itself. Fails with
/// `forbidden` when the user does not hold every requested role there, `invalid_argument`
/// for no roles or a lifetime outside (0, 366 days].
Result<NewApiToken> create_api_token(store::Transaction& tx, crypto::RandomSource& random,
                                     const Clock& clock, const Principal& actor,
                                     const ApiTokenRequest& request);

/// The principal a request's bearer `secret` stands for: its user, with the token's roles
/// that the user still holds in the token's institution. Fails with `unauthorized` when the
/// token is unknown, revoked or expired, or its account is disabled.
Result<Principal> authenticate_api_token(store::Transaction& tx, const Clock& clock,
                                         std::string_view secret);

/// Revokes token `token_id` of `institution_id` for good and audits it. `actor` needs
/// token_manage there, or must own the token.
Result<void> revoke_api_token(store::Transaction& tx, const Clock& clock, const Principal& actor,
                              std::string_view institution_id, std::string_view token_id);

/// Lower-case hex SHA-256 of `secret`: how tokens are looked up.
std::string api_token_digest(std::string_view secret);

}  // namespace microcred::service
