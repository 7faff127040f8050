#include "crypto/ed25519.h"

#include <sodium.h>

#include <string>

#include "crypto/detail/sodium.h"

namespace microcred::crypto {

static_assert(crypto_sign_PUBLICKEYBYTES == ed25519_public_key_size);
static_assert(crypto_sign_SEEDBYTES == ed25519_seed_size);
static_assert(crypto_sign_BYTES == ed25519_signature_size);

Result<Ed25519KeyPair> Ed25519KeyPair::from_seed(ByteView seed) {
  if (seed.size() != ed25519_seed_size) {
    return make_error(ErrorCode::invalid_key, "an Ed25519 private seed must be 32 bytes, got " +
                                                  std::to_string(seed.size()));
  }
  if (!detail::sodium_ready()) {
    return make_error(ErrorCode::crypto_error, "libsodium could not be initialised");
  }
  Ed25519KeyPair pair;
  pair.secret_key_ = SecretBytes(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(pair.public_key_.data(), pair.secret_key_.data(), seed.data());
  return pair;
}

Result<Ed25519KeyPair> Ed25519KeyPair::generate(RandomSource& random) {
  SecretBytes seed(ed25519_seed_size);
  random.fill(seed.span());
  return from_seed(seed.view());
}

SecretBytes Ed25519KeyPair::seed() const {
  return SecretBytes(secret_key_.view().first(ed25519_seed_size));
}

Ed25519Signature Ed25519KeyPair::sign(ByteView message) const {
  Ed25519Signature signature;
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                       secret_key_.data());
  return signature;
}

Result<void> ed25519_check_public_key(ByteView public_key) {
  if (public_key.size() != ed25519_public_key_size) {
    return make_error(ErrorCode::invalid_key, "an Ed25519 public key must be 32 bytes, got " +
                                                  std::to_string(public_key.size()));
  }
  if (crypto_core_ed25519_is_valid_point(public_key.data()) != 1) {
    return make_error(ErrorCode::invalid_key,
                      "the Ed25519 public key is not a valid point of the curve's main subgroup");
  }
  return {};
}

Result<bool> ed25519_verify(ByteView public_key, ByteView message, ByteView signature) {
  // Only the length here: the subgroup check of ed25519_check_public_key costs as much as
  // the verification, and libsodium's verify already rejects small-order and non-canonical
  // keys (returning false).
  if (public_key.size() != ed25519_public_key_size) {
    return make_error(ErrorCode::invalid_key, "an Ed25519 public key must be 32 bytes, got " +
                                                  std::to_string(public_key.size()));
  }
  if (signature.size() != ed25519_signature_size) {
    return make_error(ErrorCode::invalid_argument, "an Ed25519 signature must be 64 bytes, got " +
                                                       std::to_string(signature.size()));
  }
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     public_key.data()) == 0;
}

}  // namespace microcred::crypto
