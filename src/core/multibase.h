#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "core/encoding.h"
#include "core/result.h"

namespace microcred {

/// The multibase encodings microcred reads and writes.
enum class Multibase : char {
  base58btc = 'z',  ///< Data Integrity proof values, Multikey.
  base64url = 'u',  ///< Bitstring status lists.
};

/// `bytes` as a multibase string: the prefix character, then the encoding.
std::string multibase_encode(ByteView bytes, Multibase base = Multibase::base58btc);

/// Bytes of a multibase string ('z' base58btc or 'u' base64url); other prefixes fail with
/// `unsupported`.
Result<Bytes> multibase_decode(std::string_view text);

/// `value` as an unsigned LEB128 varint, as multicodec prefixes use.
Bytes varint_encode(std::uint64_t value);

/// A decoded varint and how many bytes it took.
struct Varint {
  std::uint64_t value = 0;
  std::size_t length = 0;
};

/// The unsigned varint at the start of `bytes`; fails when truncated, over 9 bytes, or not
/// minimally encoded.
Result<Varint> varint_decode(ByteView bytes);

/// Multicodec codes microcred knows.
namespace multicodec {
inline constexpr std::uint64_t ed25519_pub = 0xed;
inline constexpr std::uint64_t ed25519_priv = 0x1300;
inline constexpr std::uint64_t p256_pub = 0x1200;
inline constexpr std::uint64_t p256_priv = 0x1306;
inline constexpr std::uint64_t x25519_pub = 0xec;
inline constexpr std::uint64_t p384_pub = 0x1201;
inline constexpr std::uint64_t secp256k1_pub = 0xe7;
}  // namespace multicodec

/// `payload` prefixed with the varint of `codec`.
Bytes multicodec_wrap(std::uint64_t codec, ByteView payload);

/// The codec and payload of a multicodec-prefixed byte string.
struct Multicodec {
  std::uint64_t codec = 0;
  Bytes payload;
};

/// Splits `bytes` into its varint codec and payload.
Result<Multicodec> multicodec_unwrap(ByteView bytes);

}  // namespace microcred
