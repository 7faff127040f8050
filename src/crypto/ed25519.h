#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/encoding.h"
#include "core/result.h"
#include "crypto/random.h"
#include "crypto/secret_bytes.h"

namespace microcred::crypto {

inline constexpr std::size_t ed25519_public_key_size = 32;
inline constexpr std::size_t ed25519_seed_size = 32;
inline constexpr std::size_t ed25519_signature_size = 64;

using Ed25519PublicKey = std::array<std::uint8_t, ed25519_public_key_size>;
using Ed25519Signature = std::array<std::uint8_t, ed25519_signature_size>;

/// An Ed25519 (RFC 8032) key pair held by libsodium. Immutable, so thread-safe.
class Ed25519KeyPair {
 public:
  /// The key pair of a 32-byte private seed (RFC 8032 "secret key"); fails with
  /// `invalid_key` on any other length.
  static Result<Ed25519KeyPair> from_seed(ByteView seed);
  /// A new key pair from 32 bytes of `random`.
  static Result<Ed25519KeyPair> generate(RandomSource& random);

  const Ed25519PublicKey& public_key() const { return public_key_; }
  /// The 32-byte private seed.
  SecretBytes seed() const;
  /// The signature of `message` (deterministic, RFC 8032 §5.1.6).
  Ed25519Signature sign(ByteView message) const;

 private:
  Ed25519KeyPair() = default;
  SecretBytes secret_key_;  // libsodium's form: seed || public key
  Ed25519PublicKey public_key_{};
};

/// Whether `signature` is a valid Ed25519 signature of `message` by `public_key`; false
/// too for a small-order or non-canonical key. Fails with `invalid_key` when the key is not
/// 32 bytes, and with `invalid_argument` when the signature is not 64 bytes.
Result<bool> ed25519_verify(ByteView public_key, ByteView message, ByteView signature);

/// Fails with `invalid_key` unless `public_key` is 32 bytes encoding a point of the
/// prime-order subgroup (what every real Ed25519 key is).
Result<void> ed25519_check_public_key(ByteView public_key);

}  // namespace microcred::crypto
