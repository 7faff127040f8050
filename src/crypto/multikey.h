#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/encoding.h"
#include "core/result.h"
#include "crypto/key.h"

namespace microcred::crypto {

/// The multicodec of `type`'s public key: 0xed (Ed25519), 0x1200 (P-256), 0x1201 (P-384).
std::uint64_t public_key_codec(KeyType type);
/// The multicodec of `type`'s secret key: 0x1300 (Ed25519 seed), 0x1306 (P-256),
/// 0x1307 (P-384).
std::uint64_t secret_key_codec(KeyType type);

/// The Multikey `publicKeyMultibase` of `key`: 'z', then base58btc of the multicodec varint
/// and the key bytes (Ed25519 "z6Mk...", P-256 "zDn...", P-384 "z82...").
std::string encode_public_key_multibase(const PublicKey& key);

/// The public key in a `publicKeyMultibase`. Fails with `invalid_encoding` (not 'z', bad
/// base58, truncated varint), `unsupported` (a key type microcred does not sign with, such
/// as X25519 or secp256k1) or `invalid_key` (a secret-key codec, a wrong length, a point
/// not on the curve).
Result<PublicKey> decode_public_key_multibase(std::string_view multibase);

/// The Multikey `secretKeyMultibase` of `key` (the Ed25519 seed or the ECDSA scalar).
/// Note: the text is a plain std::string; wipe or drop it quickly.
std::string encode_secret_key_multibase(const KeyPair& key);

/// The key pair in a `secretKeyMultibase`, with the same failures as
/// `decode_public_key_multibase`. An Ed25519 secret may also be the older 64-byte form
/// (seed, then public key), which must then match.
Result<KeyPair> decode_secret_key_multibase(std::string_view multibase);

/// The key pair in multicodec-prefixed secret key bytes (a decoded `secretKeyMultibase`).
Result<KeyPair> decode_secret_key(ByteView multicodec_bytes);

}  // namespace microcred::crypto
