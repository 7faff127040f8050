#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/user.h"
#include "store/store.h"

namespace microcred::store {

/// Stores `token` of `tenant`; `forbidden` when it names another institution, `conflict`
/// when its id or secret hash is taken.
Result<void> insert_api_token(Transaction& tx, std::string_view tenant,
                              const domain::ApiToken& token);

/// The token whose secret hashes to `secret_sha256`, of any institution (this is how a
/// request's tenant is found), revoked or expired included; `not_found` when there is none.
Result<domain::ApiToken> find_api_token_by_secret(Transaction& tx, std::string_view secret_sha256);

/// The tokens of `tenant`, newest first.
Result<std::vector<domain::ApiToken>> list_api_tokens(Transaction& tx, std::string_view tenant);

/// Marks token `id` of `tenant` revoked for good; `not_found` when `tenant` has no such token.
Result<void> revoke_api_token(Transaction& tx, std::string_view tenant, std::string_view id);

}  // namespace microcred::store
