#include "store/api_tokens.h"

#include "store/detail/connection.h"

namespace microcred::store {
namespace {

using detail::run;

constexpr std::string_view token_columns =
    "id, institution_id, user_id, secret_sha256, roles, description, created_at, expires_at, "
    "revoked";

// Roles are kept as one column of space-separated names: a token's roles are only ever
// read whole.
std::string join_roles(const std::vector<domain::Role>& roles) {
  std::string out;
  for (auto role : roles) {
    if (!out.empty()) out += ' ';
    out += domain::to_string(role);
  }
  return out;
}

Result<std::vector<domain::Role>> split_roles(std::string_view text) {
  std::vector<domain::Role> roles;
  while (!text.empty()) {
    auto space = text.find(' ');
    auto name = text.substr(0, space);
    auto role = domain::parse_role(name);
    if (!role) {
      return make_error(ErrorCode::storage_error,
                        "api_tokens.roles holds \"" + std::string(name) + "\"");
    }
    roles.push_back(*role);
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
  }
  return roles;
}

Result<domain::ApiToken> token_from(const detail::Row& row) {
  auto roles = split_roles(detail::text_of(row.at(4)));
  if (!roles) return roles.error();
  auto created = detail::timestamp_of(row.at(6), "api_tokens.created_at");
  if (!created) return created.error();
  auto expires = detail::timestamp_of(row.at(7), "api_tokens.expires_at");
  if (!expires) return expires.error();
  auto revoked = detail::to_int(row.at(8), "api_tokens.revoked");
  if (!revoked) return revoked.error();
  return domain::ApiToken{
      .id = detail::text_of(row.at(0)),
      .institution_id = detail::text_of(row.at(1)),
      .user_id = detail::text_of(row.at(2)),
      .secret_sha256 = detail::text_of(row.at(3)),
      .roles = std::move(*roles),
      .description = detail::text_of(row.at(5)),
      .created_at = *created,
      .expires_at = *expires,
      .revoked = *revoked != 0,
  };
}

}  // namespace

Result<void> insert_api_token(Transaction& tx, std::string_view tenant,
                              const domain::ApiToken& token) {
  auto owned = detail::check_tenant(tenant, token.institution_id);
  if (!owned) return owned;
  if (token.secret_sha256.size() != 64) {
    return make_error(ErrorCode::invalid_argument, "secret_sha256 must be 64 hex digits",
                      "secret_sha256");
  }
  if (token.roles.empty()) {
    return make_error(ErrorCode::invalid_argument, "a token needs at least one role", "roles");
  }
  auto inserted =
      run(tx,
          "INSERT INTO api_tokens (id, institution_id, user_id, secret_sha256, roles, "
          "description, created_at, expires_at, revoked) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {token.id, std::string(tenant), token.user_id, token.secret_sha256,
           join_roles(token.roles), token.description, detail::seconds_of(token.created_at),
           detail::seconds_of(token.expires_at), std::int64_t{token.revoked ? 1 : 0}});
  if (!inserted) return inserted.error();
  return {};
}

Result<domain::ApiToken> find_api_token_by_secret(Transaction& tx, std::string_view secret_sha256) {
  auto rows =
      run(tx, "SELECT " + std::string(token_columns) + " FROM api_tokens WHERE secret_sha256 = ?",
          {std::string(secret_sha256)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return make_error(ErrorCode::not_found, "no such API token");
  return token_from(rows->rows.front());
}

Result<std::vector<domain::ApiToken>> list_api_tokens(Transaction& tx, std::string_view tenant) {
  auto rows = run(tx,
                  "SELECT " + std::string(token_columns) +
                      " FROM api_tokens WHERE institution_id = ? ORDER BY created_at DESC, id",
                  {std::string(tenant)});
  if (!rows) return rows.error();
  std::vector<domain::ApiToken> tokens;
  for (const auto& row : rows->rows) {
    auto token = token_from(row);
    if (!token) return token.error();
    tokens.push_back(std::move(*token));
  }
  return tokens;
}

Result<void> revoke_api_token(Transaction& tx, std::string_view tenant, std::string_view id) {
  auto updated = run(tx, "UPDATE api_tokens SET revoked = 1 WHERE institution_id = ? AND id = ?",
                     {std::string(tenant), std::string(id)});
  if (!updated) return updated.error();
  if (updated->changed == 0) return detail::not_found("API token", id);
  return {};
}

}  // namespace microcred::store
