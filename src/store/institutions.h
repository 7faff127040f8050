#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/institution.h"
#include "store/store.h"

namespace microcred::store {

/// Adds `institution` after `domain::validate`; `conflict` when its id is taken.
Result<void> insert_institution(Transaction& tx, const domain::Institution& institution);

/// The institution `id`; `not_found` when there is none. Institutions are public.
Result<domain::Institution> find_institution(Transaction& tx, std::string_view id);

/// Every institution, by name.
Result<std::vector<domain::Institution>> list_institutions(Transaction& tx);

/// Replaces the fields of institution `tenant` (its id and creation time stay);
/// `forbidden` when `institution.id` is not `tenant`, `not_found` when it does not exist.
Result<void> update_institution(Transaction& tx, std::string_view tenant,
                                const domain::Institution& institution);

/// Adds a signing key of `tenant`; `forbidden` when the key names another institution.
Result<void> insert_signing_key(Transaction& tx, std::string_view tenant,
                                const domain::SigningKey& key);

/// Retires every active key of `tenant` at `now` and adds `key` as its active key.
/// Run it inside one transaction with the rest of the change: either both happen or neither.
Result<void> rotate_signing_key(Transaction& tx, std::string_view tenant,
                                const domain::SigningKey& key, Timestamp now);

/// The keys of `tenant`, active and retired, oldest first.
Result<std::vector<domain::SigningKey>> list_signing_keys(Transaction& tx, std::string_view tenant);

/// The active key of `tenant`; `not_found` when it has none.
Result<domain::SigningKey> active_signing_key(Transaction& tx, std::string_view tenant);

/// The key with verification method `id`, active or retired, of any institution: public keys
/// are public, and a verifier must resolve old keys. `not_found` when there is none.
Result<domain::SigningKey> find_signing_key(Transaction& tx, std::string_view id);

}  // namespace microcred::store
