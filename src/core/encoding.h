#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace microcred {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

/// `text`'s bytes as a view (no copy; lives as long as `text`).
inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

/// Lower-case hexadecimal of `bytes`.
std::string hex_encode(ByteView bytes);
/// Bytes of hexadecimal `text` (either case); fails on odd length or a non-hex digit.
Result<Bytes> hex_decode(std::string_view text);

/// RFC 4648 base64 with padding.
std::string base64_encode(ByteView bytes);
/// Bytes of RFC 4648 base64 `text`; padding is required when the length needs it.
Result<Bytes> base64_decode(std::string_view text);

/// RFC 4648 §5 base64url without padding.
std::string base64url_encode(ByteView bytes);
/// Bytes of base64url `text`; padding is refused, as are non-zero trailing bits.
Result<Bytes> base64url_decode(std::string_view text);

/// Base58 with the Bitcoin alphabet (leading zero bytes become '1').
std::string base58btc_encode(ByteView bytes);
/// Bytes of base58btc `text`; fails on a character outside the alphabet.
Result<Bytes> base58btc_decode(std::string_view text);

}  // namespace microcred
