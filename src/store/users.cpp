#include "store/users.h"

#include <algorithm>

#include "store/detail/connection.h"

namespace microcred::store {
namespace {

using detail::run;

constexpr std::string_view user_columns = "id, email, display_name, created_at, disabled";

Result<domain::User> user_from(const detail::Row& row) {
  auto created = detail::timestamp_of(row.at(3), "users.created_at");
  if (!created) return created.error();
  auto disabled = detail::to_int(row.at(4), "users.disabled");
  if (!disabled) return disabled.error();
  return domain::User{
      .id = detail::text_of(row.at(0)),
      .email = detail::text_of(row.at(1)),
      .display_name = detail::text_of(row.at(2)),
      .created_at = *created,
      .disabled = *disabled != 0,
  };
}

Result<domain::User> one_user(Result<detail::Rows> rows, std::string_view key) {
  if (!rows) return rows.error();
  if (rows->rows.empty()) return detail::not_found("account", key);
  return user_from(rows->rows.front());
}

Result<std::vector<domain::RoleGrant>> grants_from(Result<detail::Rows> rows) {
  if (!rows) return rows.error();
  std::vector<domain::RoleGrant> grants;
  for (const auto& row : rows->rows) {
    auto role = domain::parse_role(detail::text_of(row.at(2)));
    if (!role) {
      return make_error(ErrorCode::storage_error,
                        "role_grants.role holds \"" + detail::text_of(row.at(2)) + "\"");
    }
    grants.push_back({detail::text_of(row.at(0)), detail::text_of(row.at(1)), *role});
  }
  return grants;
}

}  // namespace

Result<void> insert_user(Transaction& tx, const domain::User& user) {
  if (user.id.empty())
    return make_error(ErrorCode::invalid_argument, "an account needs an id", "id");
  if (user.email.find('@') == std::string::npos) {
    return make_error(ErrorCode::invalid_argument,
                      "email must look like name@domain, got \"" + user.email + "\"", "email");
  }
  auto inserted = run(tx,
                      "INSERT INTO users (id, email, display_name, created_at, disabled) "
                      "VALUES (?, ?, ?, ?, ?)",
                      {user.id, user.email, user.display_name, detail::seconds_of(user.created_at),
                       std::int64_t{user.disabled ? 1 : 0}});
  if (!inserted) return inserted.error();
  return {};
}

Result<domain::User> find_user(Transaction& tx, std::string_view id) {
  return one_user(run(tx, "SELECT " + std::string(user_columns) + " FROM users WHERE id = ?",
                      {std::string(id)}),
                  id);
}

Result<domain::User> find_user_by_email(Transaction& tx, std::string_view email) {
  return one_user(run(tx, "SELECT " + std::string(user_columns) + " FROM users WHERE email = ?",
                      {std::string(email)}),
                  email);
}

Result<void> set_user_disabled(Transaction& tx, std::string_view id, bool disabled) {
  auto updated = run(tx, "UPDATE users SET disabled = ? WHERE id = ?",
                     {std::int64_t{disabled ? 1 : 0}, std::string(id)});
  if (!updated) return updated.error();
  if (updated->changed == 0) return detail::not_found("account", id);
  return {};
}

Result<void> set_password_hash(Transaction& tx, std::string_view user_id,
                               std::string_view password_hash) {
  auto updated = run(tx, "UPDATE users SET password_hash = ? WHERE id = ?",
                     {std::string(password_hash), std::string(user_id)});
  if (!updated) return updated.error();
  if (updated->changed == 0) return detail::not_found("account", user_id);
  return {};
}

Result<std::string> find_password_hash(Transaction& tx, std::string_view user_id) {
  auto rows = run(tx, "SELECT password_hash FROM users WHERE id = ?", {std::string(user_id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return detail::not_found("account", user_id);
  return detail::text_of(rows->rows.front().at(0));
}

Result<void> grant_role(Transaction& tx, std::string_view tenant, std::string_view user_id,
                        domain::Role role) {
  if (tenant.empty()) {
    return make_error(ErrorCode::invalid_argument, "no institution given", "institution_id");
  }
  auto held = roles_in(tx, tenant, user_id);
  if (!held) return held.error();
  if (std::find(held->begin(), held->end(), role) != held->end()) return {};
  auto inserted =
      run(tx, "INSERT INTO role_grants (institution_id, user_id, role) VALUES (?, ?, ?)",
          {std::string(tenant), std::string(user_id), std::string(domain::to_string(role))});
  if (!inserted) return inserted.error();
  return {};
}

Result<void> revoke_role(Transaction& tx, std::string_view tenant, std::string_view user_id,
                         domain::Role role) {
  auto deleted =
      run(tx, "DELETE FROM role_grants WHERE institution_id = ? AND user_id = ? AND role = ?",
          {std::string(tenant), std::string(user_id), std::string(domain::to_string(role))});
  if (!deleted) return deleted.error();
  if (deleted->changed == 0) {
    return make_error(ErrorCode::not_found, "account \"" + std::string(user_id) + "\" holds no " +
                                                std::string(domain::to_string(role)) +
                                                " role in this institution");
  }
  return {};
}

Result<std::vector<domain::Role>> roles_in(Transaction& tx, std::string_view tenant,
                                           std::string_view user_id) {
  auto grants = grants_from(run(tx,
                                "SELECT institution_id, user_id, role FROM role_grants "
                                "WHERE institution_id = ? AND user_id = ?",
                                {std::string(tenant), std::string(user_id)}));
  if (!grants) return grants.error();
  std::vector<domain::Role> roles;
  for (domain::Role role : domain::all_roles) {
    for (const auto& grant : *grants) {
      if (grant.role == role) roles.push_back(role);
    }
  }
  return roles;
}

Result<std::vector<domain::RoleGrant>> grants_of(Transaction& tx, std::string_view user_id) {
  return grants_from(run(tx,
                         "SELECT institution_id, user_id, role FROM role_grants WHERE user_id = ? "
                         "ORDER BY institution_id, role",
                         {std::string(user_id)}));
}

Result<std::vector<domain::RoleGrant>> staff_of(Transaction& tx, std::string_view tenant) {
  return grants_from(run(tx,
                         "SELECT institution_id, user_id, role FROM role_grants "
                         "WHERE institution_id = ? ORDER BY user_id, role",
                         {std::string(tenant)}));
}

Result<void> insert_learner(Transaction& tx, const domain::Learner& learner) {
  auto inserted = run(tx,
                      "INSERT INTO learners (user_id, given_name, family_name, created_at) "
                      "VALUES (?, ?, ?, ?)",
                      {learner.user_id, learner.given_name, learner.family_name,
                       detail::seconds_of(learner.created_at)});
  if (!inserted) return inserted.error();
  return {};
}

Result<domain::Learner> find_learner(Transaction& tx, std::string_view user_id) {
  auto rows = run(tx,
                  "SELECT user_id, given_name, family_name, created_at FROM learners "
                  "WHERE user_id = ?",
                  {std::string(user_id)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return detail::not_found("learner", user_id);
  const auto& row = rows->rows.front();
  auto created = detail::timestamp_of(row.at(3), "learners.created_at");
  if (!created) return created.error();
  return domain::Learner{detail::text_of(row.at(0)), detail::text_of(row.at(1)),
                         detail::text_of(row.at(2)), *created};
}

}  // namespace microcred::store
