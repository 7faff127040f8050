#include "service/api_token.h"

#include <algorithm>
#include <array>

#include "core/encoding.h"
#include "core/uuid.h"
#include "crypto/sha2.h"
#include "store/api_tokens.h"
#include "store/audit.h"
#include "store/users.h"

namespace microcred::service {
namespace {

constexpr std::string_view token_prefix = "mct_";
constexpr std::size_t token_secret_bytes = 32;
constexpr std::string_view rejected = "the API token is unknown, revoked or expired";

bool holds(const std::vector<domain::Role>& roles, domain::Role role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

std::string api_token_digest(std::string_view secret) {
  return hex_encode(crypto::sha256(as_bytes(secret)));
}

Result<NewApiToken> create_api_token(store::Transaction& tx, crypto::RandomSource& random,
                                     const Clock& clock, const Principal& actor,
                                     const ApiTokenRequest& request) {
  if (request.roles.empty()) {
    return make_error(ErrorCode::invalid_argument, "a token needs at least one role", "roles");
  }
  if (request.lifetime_seconds <= 0 || request.lifetime_seconds > api_token_max_lifetime) {
    return make_error(ErrorCode::invalid_argument,
                      "lifetime must be 1 second to 366 days, got " +
                          std::to_string(request.lifetime_seconds) + " seconds",
                      "lifetime_seconds");
  }
  if (actor.user_id != request.user_id) {
    auto allowed =
        authorise(actor, Action::token_manage, {.institution_id = request.institution_id});
    if (!allowed) return allowed.error();
  }
  auto held = store::roles_in(tx, request.institution_id, request.user_id);
  if (!held) return held.error();
  for (auto role : request.roles) {
    if (!holds(*held, role)) {
      return make_error(ErrorCode::forbidden,
                        "account \"" + request.user_id + "\" does not hold the " +
                            std::string(domain::to_string(role)) + " role in institution \"" +
                            request.institution_id + "\", so a token cannot have it",
                        "roles");
    }
  }
  std::array<std::uint8_t, token_secret_bytes> secret_bytes{};
  random.fill(secret_bytes);
  std::array<std::uint8_t, 16> id_bytes{};
  random.fill(id_bytes);
  auto now = clock.now();
  NewApiToken out;
  out.secret = std::string(token_prefix) + base64url_encode(secret_bytes);
  out.token = domain::ApiToken{
      .id = to_string(uuid_v4(id_bytes)),
      .institution_id = request.institution_id,
      .user_id = request.user_id,
      .secret_sha256 = api_token_digest(out.secret),
      .roles = request.roles,
      .description = request.description,
      .created_at = {now.seconds, 0},
      .expires_at = {now.seconds + request.lifetime_seconds, 0},
      .revoked = false,
  };
  auto stored = store::insert_api_token(tx, request.institution_id, out.token);
  if (!stored) return stored.error();
  auto audited = store::append_audit_event(tx, {.institution_id = request.institution_id,
                                                .actor = actor.user_id,
                                                .action = "api_token.create",
                                                .object_type = "api_token",
                                                .object_id = out.token.id,
                                                .at = now,
                                                .after_sha256 = out.token.secret_sha256});
  if (!audited) return audited.error();
  return out;
}

Result<Principal> authenticate_api_token(store::Transaction& tx, const Clock& clock,
                                         std::string_view secret) {
  if (!secret.starts_with(token_prefix)) {
    return make_error(ErrorCode::unauthorized, std::string(rejected));
  }
  auto token = store::find_api_token_by_secret(tx, api_token_digest(secret));
  if (!token) {
    if (token.error().code != ErrorCode::not_found) return token.error();
    return make_error(ErrorCode::unauthorized, std::string(rejected));
  }
  if (token->revoked || clock.now().seconds >= token->expires_at.seconds) {
    return make_error(ErrorCode::unauthorized, std::string(rejected));
  }
  auto user = store::find_user(tx, token->user_id);
  if (!user) return user.error();
  if (user->disabled) return make_error(ErrorCode::unauthorized, "the account is disabled");
  // A token never outlives the roles of its user: revoking a role limits its tokens too.
  auto held = store::roles_in(tx, token->institution_id, token->user_id);
  if (!held) return held.error();
  Principal principal{.user_id = token->user_id};
  for (auto role : token->roles) {
    if (holds(*held, role))
      principal.grants.push_back({token->institution_id, token->user_id, role});
  }
  return principal;
}

Result<void> revoke_api_token(store::Transaction& tx, const Clock& clock, const Principal& actor,
                              std::string_view institution_id, std::string_view token_id) {
  auto tokens = store::list_api_tokens(tx, institution_id);
  if (!tokens) return tokens.error();
  auto found =
      std::find_if(tokens->begin(), tokens->end(), [&](const auto& t) { return t.id == token_id; });
  bool own = found != tokens->end() && found->user_id == actor.user_id;
  if (!own) {
    auto allowed =
        authorise(actor, Action::token_manage, {.institution_id = std::string(institution_id)});
    if (!allowed) return allowed.error();
  }
  auto revoked = store::revoke_api_token(tx, institution_id, token_id);
  if (!revoked) return revoked;
  auto audited = store::append_audit_event(tx, {.institution_id = std::string(institution_id),
                                                .actor = actor.user_id,
                                                .action = "api_token.revoke",
                                                .object_type = "api_token",
                                                .object_id = std::string(token_id),
                                                .at = clock.now()});
  if (!audited) return audited.error();
  return {};
}

}  // namespace microcred::service
