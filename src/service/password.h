#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "service/authorisation.h"
#include "store/store.h"

namespace microcred::service {

/// Argon2id cost. The defaults are libsodium's "interactive" limits (2 passes, 64 MiB),
/// above OWASP's minimum; tests may lower them.
struct PasswordOptions {
  std::uint64_t passes = 2;
  std::size_t memory_bytes = 64 * 1024 * 1024;
};

/// Shortest and longest passwords accepted, in bytes.
inline constexpr std::size_t password_min_length = 10;
inline constexpr std::size_t password_max_length = 1'024;

/// An Argon2id hash string ("$argon2id$v=19$m=...") of `password` with a fresh random salt,
/// to store as is. Fails with `invalid_argument` for a password shorter than 10 or longer
/// than 1,024 bytes, `crypto_error` when the memory cannot be had. Thread-safe.
Result<std::string> hash_password(std::string_view password, const PasswordOptions& options = {});

/// True when `password` matches `hash` (made by `hash_password`); false for a wrong password
/// and for anything that is not an Argon2id hash string. Constant-time in the password.
bool verify_password(std::string_view hash, std::string_view password);

/// True when `hash` was made with other costs than `options` and should be replaced at the
/// next successful login.
bool password_needs_rehash(std::string_view hash, const PasswordOptions& options = {});

/// Sets the password of account `user_id` (hashed with `options`).
Result<void> set_password(store::Transaction& tx, std::string_view user_id,
                          std::string_view password, const PasswordOptions& options = {});

/// The principal of the account with `email` when `password` is its password. Fails with
/// `unauthorized` and the same message whether the email is unknown, the password wrong or
/// the account disabled, so a caller cannot probe for accounts.
Result<Principal> log_in(store::Transaction& tx, std::string_view email, std::string_view password);

}  // namespace microcred::service
