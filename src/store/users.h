#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/user.h"
#include "store/store.h"

namespace microcred::store {

/// Adds the global account `user`; `conflict` when its id or email is taken.
Result<void> insert_user(Transaction& tx, const domain::User& user);

/// The account `id`; `not_found` when there is none.
Result<domain::User> find_user(Transaction& tx, std::string_view id);

/// The account with `email` (as stored); `not_found` when there is none.
Result<domain::User> find_user_by_email(Transaction& tx, std::string_view email);

/// Sets whether account `id` is disabled; `not_found` when there is none.
Result<void> set_user_disabled(Transaction& tx, std::string_view id, bool disabled);

/// Stores the Argon2id hash string (from `service::hash_password`) of account `user_id`.
Result<void> set_password_hash(Transaction& tx, std::string_view user_id,
                               std::string_view password_hash);

/// The stored password hash of `user_id`, "" when it has none; `not_found` without account.
Result<std::string> find_password_hash(Transaction& tx, std::string_view user_id);

/// Gives `user_id` `role` in `tenant`; granting a role held already changes nothing.
Result<void> grant_role(Transaction& tx, std::string_view tenant, std::string_view user_id,
                        domain::Role role);

/// Takes `role` in `tenant` from `user_id`; `not_found` when it was not held.
Result<void> revoke_role(Transaction& tx, std::string_view tenant, std::string_view user_id,
                         domain::Role role);

/// The roles `user_id` holds in `tenant`, in `domain::all_roles` order.
Result<std::vector<domain::Role>> roles_in(Transaction& tx, std::string_view tenant,
                                           std::string_view user_id);

/// Every role `user_id` holds, in every institution: what a login session may do.
Result<std::vector<domain::RoleGrant>> grants_of(Transaction& tx, std::string_view user_id);

/// The staff of `tenant`: one grant per user and role.
Result<std::vector<domain::RoleGrant>> staff_of(Transaction& tx, std::string_view tenant);

/// Adds a learner profile to an existing account; `conflict` when it has one.
Result<void> insert_learner(Transaction& tx, const domain::Learner& learner);

/// The learner profile of account `user_id`; `not_found` when there is none.
Result<domain::Learner> find_learner(Transaction& tx, std::string_view user_id);

}  // namespace microcred::store
