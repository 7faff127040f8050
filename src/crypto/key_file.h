#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/key.h"
#include "crypto/random.h"

namespace microcred::crypto {

/// Argon2id cost of a passphrase-protected key file. The default is libsodium's MODERATE
/// (3 passes, 256 MiB, about a second); tests use `minimum_passphrase_cost`.
struct PassphraseCost {
  /// Argon2id passes (crypto_pwhash opslimit).
  std::uint64_t ops_limit = 3;
  /// Argon2id memory in bytes (crypto_pwhash memlimit).
  std::size_t mem_limit = std::size_t{256} * 1024 * 1024;
};

/// The cheapest cost libsodium allows: for tests only.
inline constexpr PassphraseCost minimum_passphrase_cost{.ops_limit = 1, .mem_limit = 8192};
/// The largest cost a key file may ask for (libsodium's SENSITIVE); past it, loading fails
/// with `limit_exceeded` so a hostile file cannot exhaust memory.
inline constexpr PassphraseCost maximum_passphrase_cost{.ops_limit = 4,
                                                        .mem_limit = std::size_t{1} << 30};

/// How `make_key_file` writes a key.
struct KeyFileOptions {
  /// When set, the secret key is encrypted under this passphrase (Argon2id +
  /// XChaCha20-Poly1305, docs/crypto.md) instead of written as `secretKeyMultibase`.
  std::optional<std::string_view> passphrase;
  /// Argon2id cost when `passphrase` is set.
  PassphraseCost cost = {};
  /// The key's controller; empty means the key's own did:key. The key's id is
  /// "<controller>#<publicKeyMultibase>".
  std::string controller;
};

/// A key read from a key file, with the names the file gives it.
struct StoredKey {
  std::string id;          ///< "<controller>#<publicKeyMultibase>", the verificationMethod.
  std::string controller;  ///< The DID that controls the key.
  KeyPair key;
};

/// The key file JSON of `key` (a Multikey document: "@context", "id", "type",
/// "controller", "publicKeyMultibase" and "secretKeyMultibase" or "encryptedSecretKey"),
/// ending in a newline. `random` gives the salt and nonce. Fails with `invalid_argument`
/// for an empty passphrase or a cost outside libsodium's range.
Result<std::string> make_key_file(const KeyPair& key, const KeyFileOptions& options,
                                  RandomSource& random);

/// The key in key file JSON `text`. Fails with `parse_error` (not JSON), `invalid_key`
/// (a field missing or wrong, or a secret key that does not match publicKeyMultibase),
/// `wrong_passphrase` (protected and `passphrase` is absent or wrong), `limit_exceeded`
/// (an Argon2id cost above `maximum_passphrase_cost`) or `unsupported`.
/// `error.field` is a JSON pointer to the offending member.
Result<StoredKey> open_key_file(std::string_view text,
                                std::optional<std::string_view> passphrase = std::nullopt);

/// Writes `text` to `path` with mode 0600, atomically (a temporary file beside it, then a
/// rename). Fails with `io_error` naming the path.
Result<void> write_key_file(const std::filesystem::path& path, std::string_view text);

/// `open_key_file` of the file at `path`; fails with `io_error` when it cannot be read.
Result<StoredKey> read_key_file(const std::filesystem::path& path,
                                std::optional<std::string_view> passphrase = std::nullopt);

}  // namespace microcred::crypto
