#pragma once

#include <string_view>
#include <variant>

#include "core/encoding.h"
#include "core/result.h"
#include "crypto/ecdsa.h"
#include "crypto/ed25519.h"
#include "crypto/random.h"
#include "crypto/secret_bytes.h"

namespace microcred::crypto {

/// The signature algorithms microcred has keys for.
enum class KeyType {
  ed25519,  ///< Ed25519 (eddsa-rdfc-2022, eddsa-jcs-2022); the default.
  p256,     ///< ECDSA on P-256 with SHA-256 (ecdsa-rdfc-2019).
  p384,     ///< ECDSA on P-384 with SHA-384 (ecdsa-rdfc-2019, vc-di-ecdsa vectors).
};

/// The name of `type` as the CLI writes it: "ed25519", "p256", "p384".
std::string_view to_string(KeyType type);
/// The key type named `name` (as `to_string` writes it); fails with `invalid_argument`.
Result<KeyType> parse_key_type(std::string_view name);

/// A public key: its type and raw bytes (Ed25519: 32 bytes; P-256 and P-384: the
/// compressed point, 33 or 49 bytes). Values from `make_public_key` have been checked.
struct PublicKey {
  KeyType type = KeyType::ed25519;
  Bytes bytes;

  bool operator==(const PublicKey&) const = default;
};

/// A checked `PublicKey`; fails with `invalid_key` on a wrong length or a point that is not
/// on the curve.
Result<PublicKey> make_public_key(KeyType type, ByteView bytes);

/// Whether `signature` signs `message` under `key` (Ed25519: 64 bytes; ECDSA: raw r||s).
/// A signature that does not verify is `false`; an unusable key or a signature of the
/// wrong length is an error (`invalid_key`, `invalid_argument`). Thread-safe.
Result<bool> verify(const PublicKey& key, ByteView message, ByteView signature);

/// A private key with its public key, of any `KeyType`. Immutable, so thread-safe.
class KeyPair {
 public:
  /// A new key pair drawn from `random`.
  static Result<KeyPair> generate(KeyType type, RandomSource& random);
  /// The key pair of `secret`: the 32-byte seed for Ed25519, the big-endian scalar for
  /// ECDSA (32 or 48 bytes). Fails with `invalid_key`.
  static Result<KeyPair> from_secret(KeyType type, ByteView secret);

  KeyType type() const { return public_key_.type; }
  const PublicKey& public_key() const { return public_key_; }
  /// The secret as `from_secret` takes it.
  SecretBytes secret() const;
  /// The signature of `message` (Ed25519: 64 bytes, deterministic; ECDSA: raw r||s).
  Result<Bytes> sign(ByteView message) const;

 private:
  using Key = std::variant<Ed25519KeyPair, EcdsaKeyPair>;
  KeyPair(Key key, PublicKey public_key)
      : key_(std::move(key)), public_key_(std::move(public_key)) {}
  Key key_;
  PublicKey public_key_;
};

}  // namespace microcred::crypto
