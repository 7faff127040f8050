#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include <sodium/crypto_hash_sha256.h>

#include "core/encoding.h"

namespace microcred::crypto {

inline constexpr std::size_t sha256_size = 32;
inline constexpr std::size_t sha384_size = 48;

using Sha256Digest = std::array<std::uint8_t, sha256_size>;
using Sha384Digest = std::array<std::uint8_t, sha384_size>;

/// SHA-256 (FIPS 180-4) of `data`, by libsodium. Thread-safe.
Sha256Digest sha256(ByteView data);

/// SHA-384 (FIPS 180-4) of `data`, by OpenSSL. Thread-safe. Aborts only when OpenSSL cannot
/// allocate its context.
Sha384Digest sha384(ByteView data);

/// SHA-256 fed in pieces: `update` any number of times, then `finish` once.
/// Not thread-safe; copyable (a copy continues from the same state).
class Sha256 {
 public:
  Sha256();
  Sha256& update(ByteView data);
  /// The digest of everything fed so far; the hasher starts over afterwards.
  Sha256Digest finish();

 private:
  crypto_hash_sha256_state state_;
};

}  // namespace microcred::crypto
