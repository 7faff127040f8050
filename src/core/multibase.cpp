#include "core/multibase.h"

namespace microcred {

std::string multibase_encode(ByteView bytes, Multibase base) {
  std::string out(1, static_cast<char>(base));
  out += base == Multibase::base58btc ? base58btc_encode(bytes) : base64url_encode(bytes);
  return out;
}

Result<Bytes> multibase_decode(std::string_view text) {
  if (text.empty()) return make_error(ErrorCode::invalid_encoding, "multibase string is empty");
  switch (text.front()) {
    case 'z':
      return base58btc_decode(text.substr(1));
    case 'u':
      return base64url_decode(text.substr(1));
    default:
      return make_error(ErrorCode::unsupported, std::string("multibase prefix '") + text.front() +
                                                    "' is not supported (use 'z' or 'u')");
  }
}

Bytes varint_encode(std::uint64_t value) {
  Bytes out;
  while (value >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(value));
  return out;
}

Result<Varint> varint_decode(ByteView bytes) {
  // The multiformats unsigned-varint spec caps varints at 9 bytes (63 bits).
  constexpr std::size_t max_length = 9;
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes.size() && i < max_length; ++i) {
    value |= static_cast<std::uint64_t>(bytes[i] & 0x7f) << (7 * i);
    if ((bytes[i] & 0x80) == 0) {
      if (i > 0 && bytes[i] == 0) {
        return make_error(ErrorCode::invalid_encoding, "varint is not minimally encoded");
      }
      return Varint{value, i + 1};
    }
  }
  if (bytes.size() >= max_length) {
    return make_error(ErrorCode::invalid_encoding, "varint is longer than 9 bytes");
  }
  return make_error(ErrorCode::invalid_encoding, "varint is truncated");
}

Bytes multicodec_wrap(std::uint64_t codec, ByteView payload) {
  Bytes out = varint_encode(codec);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

Result<Multicodec> multicodec_unwrap(ByteView bytes) {
  auto prefix = varint_decode(bytes);
  if (!prefix) return prefix.error();
  return Multicodec{
      prefix->value,
      Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(prefix->length), bytes.end())};
}

}  // namespace microcred
