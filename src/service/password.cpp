#include "service/password.h"

#include <sodium.h>

#include "store/users.h"

namespace microcred::service {
namespace {

constexpr std::string_view bad_login = "wrong email or password";

// sodium_init is thread-safe and idempotent; it only fails without a random source.
bool sodium_ready() {
  return sodium_init() >= 0;
}

}  // namespace

Result<std::string> hash_password(std::string_view password, const PasswordOptions& options) {
  if (password.size() < password_min_length) {
    return make_error(
        ErrorCode::invalid_argument,
        "a password needs at least " + std::to_string(password_min_length) + " characters",
        "password");
  }
  if (password.size() > password_max_length) {
    return make_error(
        ErrorCode::invalid_argument,
        "a password may have at most " + std::to_string(password_max_length) + " bytes",
        "password");
  }
  if (!sodium_ready()) {
    return make_error(ErrorCode::crypto_error, "libsodium could not be initialised");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), options.passes,
                            options.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(
        ErrorCode::crypto_error,
        "Argon2id ran out of memory (" + std::to_string(options.memory_bytes) + " bytes asked)");
  }
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  if (!sodium_ready()) return false;
  if (hash.size() >= crypto_pwhash_STRBYTES || !hash.starts_with("$argon2id$")) return false;
  std::string terminated(hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view hash, const PasswordOptions& options) {
  if (hash.size() >= crypto_pwhash_STRBYTES) return true;
  std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), options.passes, options.memory_bytes) !=
         0;
}

Result<void> set_password(store::Transaction& tx, std::string_view user_id,
                          std::string_view password, const PasswordOptions& options) {
  auto hash = hash_password(password, options);
  if (!hash) return hash.error();
  return store::set_password_hash(tx, user_id, *hash);
}

Result<Principal> log_in(store::Transaction& tx, std::string_view email,
                         std::string_view password) {
  auto user = store::find_user_by_email(tx, email);
  if (!user) {
    if (user.error().code != ErrorCode::not_found) return user.error();
    // Spend what a verification would, so the answer's timing does not tell which emails
    // have accounts.
    (void)hash_password(password);
    return make_error(ErrorCode::unauthorized, std::string(bad_login));
  }
  auto hash = store::find_password_hash(tx, user->id);
  if (!hash) return hash.error();
  if (user->disabled || hash->empty() || !verify_password(*hash, password)) {
    return make_error(ErrorCode::unauthorized, std::string(bad_login));
  }
  return load_principal(tx, user->id);
}

}  // namespace microcred::service
