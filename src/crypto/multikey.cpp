#include "crypto/multikey.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "core/multibase.h"

namespace microcred::crypto {

namespace {

constexpr std::uint64_t p384_priv_codec = 0x1307;
constexpr std::size_t ed25519_legacy_secret_size = 64;
constexpr KeyType key_types[] = {KeyType::ed25519, KeyType::p256, KeyType::p384};

std::string hex_codec(std::uint64_t codec) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(codec));
  return text;
}

// Names of multicodecs a key slot might hold by mistake, for messages.
std::string codec_name(std::uint64_t codec) {
  struct Named {
    std::uint64_t codec;
    const char* name;
  };
  static constexpr Named names[] = {
      {0xed, "ed25519-pub"},      {0x1200, "p256-pub"},     {0x1201, "p384-pub"},
      {0x1202, "p521-pub"},       {0xec, "x25519-pub"},     {0xe7, "secp256k1-pub"},
      {0xeb, "bls12_381-g2-pub"}, {0x1300, "ed25519-priv"}, {0x1306, "p256-priv"},
      {0x1307, "p384-priv"},      {0x1302, "x25519-priv"},  {0x1301, "secp256k1-priv"},
  };
  for (const auto& named : names) {
    if (named.codec == codec) return hex_codec(codec) + " (" + named.name + ")";
  }
  return hex_codec(codec);
}

bool is_secret_codec(std::uint64_t codec) {
  return codec >= 0x1300 && codec <= 0x130f;
}

std::size_t secret_size(KeyType type) {
  return type == KeyType::ed25519
             ? ed25519_seed_size
             : ecdsa_scalar_size(type == KeyType::p384 ? EcdsaCurve::p384 : EcdsaCurve::p256);
}

Result<Bytes> decode_z(std::string_view multibase, std::string_view what) {
  if (multibase.empty()) {
    return make_error(ErrorCode::invalid_encoding, std::string(what) + " is empty");
  }
  if (multibase.front() != 'z') {
    return make_error(ErrorCode::invalid_encoding,
                      std::string(what) + " must start with 'z' (multibase base58btc), got '" +
                          std::string(1, multibase.front()) + "'");
  }
  auto bytes = multibase_decode(multibase);
  if (!bytes) {
    return make_error(ErrorCode::invalid_encoding,
                      std::string(what) + " is not valid base58btc: " + bytes.error().message);
  }
  return bytes;
}

Result<Multicodec> unwrap(ByteView bytes, std::string_view what) {
  auto unwrapped = multicodec_unwrap(bytes);
  if (!unwrapped) {
    return make_error(
        ErrorCode::invalid_encoding,
        std::string(what) + " has no valid multicodec prefix: " + unwrapped.error().message);
  }
  return unwrapped;
}

}  // namespace

std::uint64_t public_key_codec(KeyType type) {
  switch (type) {
    case KeyType::ed25519:
      return multicodec::ed25519_pub;
    case KeyType::p256:
      return multicodec::p256_pub;
    case KeyType::p384:
      return multicodec::p384_pub;
  }
  return multicodec::ed25519_pub;
}

std::uint64_t secret_key_codec(KeyType type) {
  switch (type) {
    case KeyType::ed25519:
      return multicodec::ed25519_priv;
    case KeyType::p256:
      return multicodec::p256_priv;
    case KeyType::p384:
      return p384_priv_codec;
  }
  return multicodec::ed25519_priv;
}

std::string encode_public_key_multibase(const PublicKey& key) {
  return multibase_encode(multicodec_wrap(public_key_codec(key.type), key.bytes));
}

Result<PublicKey> decode_public_key_multibase(std::string_view multibase) {
  constexpr std::string_view what = "publicKeyMultibase";
  auto bytes = decode_z(multibase, what);
  if (!bytes) return bytes.error();
  auto unwrapped = unwrap(*bytes, what);
  if (!unwrapped) return unwrapped.error();
  for (KeyType type : key_types) {
    if (unwrapped->codec != public_key_codec(type)) continue;
    auto key = make_public_key(type, unwrapped->payload);
    if (!key) return make_error(key.error().code, std::string(what) + ": " + key.error().message);
    return key;
  }
  if (is_secret_codec(unwrapped->codec)) {
    return make_error(
        ErrorCode::invalid_key,
        std::string(what) + " holds a secret key, multicodec " + codec_name(unwrapped->codec));
  }
  return make_error(ErrorCode::unsupported,
                    std::string(what) + ": multicodec " + codec_name(unwrapped->codec) +
                        " is not a supported public key; use Ed25519, P-256 or P-384");
}

std::string encode_secret_key_multibase(const KeyPair& key) {
  SecretBytes secret = key.secret();
  Bytes wrapped = multicodec_wrap(secret_key_codec(key.type()), secret.view());
  std::string text = multibase_encode(wrapped);
  sodium_memzero(wrapped.data(), wrapped.size());
  return text;
}

Result<KeyPair> decode_secret_key(ByteView multicodec_bytes) {
  constexpr std::string_view what = "secretKeyMultibase";
  auto unwrapped = unwrap(multicodec_bytes, what);
  if (!unwrapped) return unwrapped.error();
  SecretBytes payload(unwrapped->payload);
  sodium_memzero(unwrapped->payload.data(), unwrapped->payload.size());
  for (KeyType type : key_types) {
    if (unwrapped->codec != secret_key_codec(type)) continue;
    if (type == KeyType::ed25519 && payload.size() == ed25519_legacy_secret_size) {
      // Older tools (Open Badges 3.0 vectors) write libsodium's seed || public key.
      auto pair = KeyPair::from_secret(type, payload.view().first(ed25519_seed_size));
      if (!pair) return pair.error();
      ByteView tail = payload.view().subspan(ed25519_seed_size);
      if (!std::equal(tail.begin(), tail.end(), pair->public_key().bytes.begin())) {
        return make_error(ErrorCode::invalid_key,
                          std::string(what) +
                              ": the 64-byte Ed25519 secret key does not end with its public key");
      }
      return pair;
    }
    if (payload.size() != secret_size(type)) {
      return make_error(ErrorCode::invalid_key,
                        std::string(what) + ": a " + std::string(to_string(type)) +
                            " secret key must be " + std::to_string(secret_size(type)) +
                            " bytes, got " + std::to_string(payload.size()));
    }
    auto pair = KeyPair::from_secret(type, payload.view());
    if (!pair)
      return make_error(pair.error().code, std::string(what) + ": " + pair.error().message);
    return pair;
  }
  if (!is_secret_codec(unwrapped->codec)) {
    return make_error(ErrorCode::invalid_key, std::string(what) + " holds multicodec " +
                                                  codec_name(unwrapped->codec) +
                                                  ", which is not a secret key");
  }
  return make_error(ErrorCode::unsupported,
                    std::string(what) + ": multicodec " + codec_name(unwrapped->codec) +
                        " is not a supported secret key; use Ed25519, P-256 or P-384");
}

Result<KeyPair> decode_secret_key_multibase(std::string_view multibase) {
  auto bytes = decode_z(multibase, "secretKeyMultibase");
  if (!bytes) return bytes.error();
  auto pair = decode_secret_key(*bytes);
  sodium_memzero(bytes->data(), bytes->size());
  return pair;
}

}  // namespace microcred::crypto
