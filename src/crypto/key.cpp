#include "crypto/key.h"

#include <string>

namespace microcred::crypto {

namespace {

EcdsaCurve curve_of(KeyType type) {
  return type == KeyType::p384 ? EcdsaCurve::p384 : EcdsaCurve::p256;
}

}  // namespace

std::string_view to_string(KeyType type) {
  switch (type) {
    case KeyType::ed25519:
      return "ed25519";
    case KeyType::p256:
      return "p256";
    case KeyType::p384:
      return "p384";
  }
  return "ed25519";
}

Result<KeyType> parse_key_type(std::string_view name) {
  for (KeyType type : {KeyType::ed25519, KeyType::p256, KeyType::p384}) {
    if (name == to_string(type)) return type;
  }
  return make_error(ErrorCode::invalid_argument,
                    "unknown key type \"" + std::string(name) + "\"; use ed25519, p256 or p384");
}

Result<PublicKey> make_public_key(KeyType type, ByteView bytes) {
  if (type == KeyType::ed25519) {
    if (auto checked = ed25519_check_public_key(bytes); !checked) return checked.error();
  } else {
    auto parsed = EcdsaPublicKey::parse(curve_of(type), bytes);
    if (!parsed) return parsed.error();
  }
  return PublicKey{type, Bytes(bytes.begin(), bytes.end())};
}

Result<bool> verify(const PublicKey& key, ByteView message, ByteView signature) {
  if (key.type == KeyType::ed25519) return ed25519_verify(key.bytes, message, signature);
  return ecdsa_verify(curve_of(key.type), key.bytes, message, signature);
}

Result<KeyPair> KeyPair::generate(KeyType type, RandomSource& random) {
  SecretBytes secret(type == KeyType::ed25519 ? ed25519_seed_size
                                              : ecdsa_scalar_size(curve_of(type)));
  if (type == KeyType::ed25519) {
    random.fill(secret.span());
    return from_secret(type, secret.view());
  }
  auto pair = EcdsaKeyPair::generate(curve_of(type), random);
  if (!pair) return pair.error();
  PublicKey public_key{type, pair->public_key().bytes()};
  return KeyPair(std::move(*pair), std::move(public_key));
}

Result<KeyPair> KeyPair::from_secret(KeyType type, ByteView secret) {
  if (type == KeyType::ed25519) {
    auto pair = Ed25519KeyPair::from_seed(secret);
    if (!pair) return pair.error();
    const auto& bytes = pair->public_key();
    PublicKey public_key{type, Bytes(bytes.begin(), bytes.end())};
    return KeyPair(std::move(*pair), std::move(public_key));
  }
  auto pair = EcdsaKeyPair::from_private_key(curve_of(type), secret);
  if (!pair) return pair.error();
  PublicKey public_key{type, pair->public_key().bytes()};
  return KeyPair(std::move(*pair), std::move(public_key));
}

SecretBytes KeyPair::secret() const {
  if (const auto* ed = std::get_if<Ed25519KeyPair>(&key_)) return ed->seed();
  return std::get<EcdsaKeyPair>(key_).private_key();
}

Result<Bytes> KeyPair::sign(ByteView message) const {
  if (const auto* ed = std::get_if<Ed25519KeyPair>(&key_)) {
    auto signature = ed->sign(message);
    return Bytes(signature.begin(), signature.end());
  }
  return std::get<EcdsaKeyPair>(key_).sign(message);
}

}  // namespace microcred::crypto
