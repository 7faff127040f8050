#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/encoding.h"
#include "core/result.h"
#include "crypto/random.h"
#include "crypto/secret_bytes.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace microcred::crypto {

/// The NIST curves microcred signs with (P-256, ecdsa-rdfc-2019 / ES256) and also verifies
/// (P-384, as the vc-di-ecdsa vectors use). Each curve comes with its hash: P-256 with
/// SHA-256, P-384 with SHA-384.
enum class EcdsaCurve { p256, p384 };

/// The curve's name as NIST writes it: "P-256", "P-384".
const char* curve_name(EcdsaCurve curve);
/// Bytes of a private scalar and of each half of a raw signature (32 or 48).
std::size_t ecdsa_scalar_size(EcdsaCurve curve);
/// Bytes of a compressed public key (33 or 49).
inline std::size_t ecdsa_public_key_size(EcdsaCurve curve) {
  return ecdsa_scalar_size(curve) + 1;
}
/// Bytes of a raw r||s signature (64 or 96).
inline std::size_t ecdsa_signature_size(EcdsaCurve curve) {
  return 2 * ecdsa_scalar_size(curve);
}

inline constexpr std::size_t p256_private_key_size = 32;
inline constexpr std::size_t p256_public_key_size = 33;
inline constexpr std::size_t p256_signature_size = 64;

/// An ECDSA public key: a curve point checked to be on the curve, held by OpenSSL.
/// Immutable, so thread-safe; copies share the OpenSSL handle.
class EcdsaPublicKey {
 public:
  /// The key of a compressed SEC 1 point (0x02/0x03 then x). Fails with `invalid_key` on
  /// a wrong length, another prefix or a point not on the curve.
  static Result<EcdsaPublicKey> parse(EcdsaCurve curve, ByteView compressed);

  EcdsaCurve curve() const { return curve_; }
  /// The compressed point.
  const Bytes& bytes() const { return bytes_; }
  /// Whether `signature` (raw r||s, big-endian, fixed width) signs `message` hashed with
  /// the curve's hash. High-S signatures are accepted. Fails with `invalid_argument` when
  /// the signature has the wrong length.
  Result<bool> verify(ByteView message, ByteView signature) const;

 private:
  friend class EcdsaKeyPair;
  EcdsaPublicKey() = default;
  EcdsaCurve curve_ = EcdsaCurve::p256;
  Bytes bytes_;
  std::shared_ptr<evp_pkey_st> key_;
};

/// An ECDSA key pair held by OpenSSL. Immutable, so thread-safe; copies share the handle.
class EcdsaKeyPair {
 public:
  /// The key pair of a big-endian private scalar of exactly `ecdsa_scalar_size(curve)`
  /// bytes; fails with `invalid_key` unless 0 < d < n.
  static Result<EcdsaKeyPair> from_private_key(EcdsaCurve curve, ByteView private_key);
  /// A new key pair whose scalar is drawn from `random`.
  static Result<EcdsaKeyPair> generate(EcdsaCurve curve, RandomSource& random);

  EcdsaCurve curve() const { return public_key_.curve(); }
  const EcdsaPublicKey& public_key() const { return public_key_; }
  /// The big-endian private scalar, zero-padded to the curve's width.
  const SecretBytes& private_key() const { return private_key_; }
  /// Raw r||s signature of `message` hashed with the curve's hash. The nonce comes from
  /// OpenSSL's generator, so two signatures of one message differ.
  Result<Bytes> sign(ByteView message) const;

 private:
  EcdsaKeyPair() = default;
  EcdsaPublicKey public_key_;
  SecretBytes private_key_;
  std::shared_ptr<evp_pkey_st> key_;
};

/// `EcdsaPublicKey::parse(curve, public_key)` then `verify(message, signature)`.
Result<bool> ecdsa_verify(EcdsaCurve curve, ByteView public_key, ByteView message,
                          ByteView signature);

}  // namespace microcred::crypto
