#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace microcred::domain {

/// What a member of an institution's staff may be given (DESIGN.md §6). Each enumerator's
/// name is its wire string and its value in the store.
enum class Role { admin, designer, qa, registrar, assessor, finance };

/// Every role, in declaration order.
inline constexpr std::array<Role, 6> all_roles = {Role::admin,     Role::designer, Role::qa,
                                                  Role::registrar, Role::assessor, Role::finance};

/// The wire string of `role`, e.g. "registrar".
std::string_view to_string(Role role);

/// The role named `name` ("qa"), or nothing when no role has that name.
std::optional<Role> parse_role(std::string_view name);

/// An account: a member of staff, a learner or both. Accounts are global; what one may do
/// in an institution comes from its `RoleGrant`s. The password hash is kept apart.
struct User {
  std::string id;
  std::string email;  ///< unique over all accounts, compared as stored (lower-case it first)
  std::string display_name;
  Timestamp created_at;
  bool disabled = false;

  bool operator==(const User&) const = default;
};

/// `user_id` holds `role` in `institution_id`.
struct RoleGrant {
  std::string institution_id;
  std::string user_id;
  Role role = Role::designer;

  bool operator==(const RoleGrant&) const = default;
};

/// A learner's profile on a global account: learners belong to no institution.
struct Learner {
  std::string user_id;
  std::string given_name;
  std::string family_name;
  Timestamp created_at;

  bool operator==(const Learner&) const = default;
};

/// An API token as stored: only the SHA-256 of the secret is kept. It acts for `user_id`
/// in `institution_id` with at most `roles` (and never more than the user holds).
struct ApiToken {
  std::string id;
  std::string institution_id;
  std::string user_id;
  std::string secret_sha256;  ///< lower-case hex SHA-256 of the token string
  std::vector<Role> roles;
  std::string description;
  Timestamp created_at;
  Timestamp expires_at;
  bool revoked = false;

  bool operator==(const ApiToken&) const = default;
};

}  // namespace microcred::domain
