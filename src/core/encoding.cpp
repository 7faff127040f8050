#include "core/encoding.h"

#include <array>

namespace microcred {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";
constexpr char base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char base64url_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char base58_alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// Reverse table: character -> value, or -1.
constexpr std::array<signed char, 256> reverse(const char* alphabet) {
  std::array<signed char, 256> table{};
  for (auto& entry : table)
    entry = -1;
  for (int i = 0; alphabet[i] != '\0'; ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
  }
  return table;
}

constexpr auto base64_values = reverse(base64_alphabet);
constexpr auto base64url_values = reverse(base64url_alphabet);
constexpr auto base58_values = reverse(base58_alphabet);

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string encode64(ByteView bytes, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    std::uint32_t n = bytes[i] << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    if (pad) out += "==";
  } else if (rest == 2) {
    std::uint32_t n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    if (pad) out += '=';
  }
  return out;
}

Result<Bytes> decode64(std::string_view text, const std::array<signed char, 256>& values,
                       bool padded, const char* name) {
  if (padded) {
    if (text.size() % 4 != 0) {
      return make_error(ErrorCode::invalid_encoding,
                        std::string(name) + " length must be a multiple of 4 with padding");
    }
    std::size_t pad = 0;
    while (pad < 2 && !text.empty() && text[text.size() - 1 - pad] == '=')
      ++pad;
    text.remove_suffix(pad);
  } else if (text.size() % 4 == 1) {
    return make_error(ErrorCode::invalid_encoding, std::string(name) + " has an impossible length");
  }
  Bytes out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    int v = values[static_cast<unsigned char>(text[i])];
    if (v < 0) {
      return make_error(ErrorCode::invalid_encoding,
                        std::string(name) + ": invalid character at offset " + std::to_string(i));
    }
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
    }
  }
  if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) {
    return make_error(ErrorCode::invalid_encoding, std::string(name) + ": non-zero trailing bits");
  }
  return out;
}

}  // namespace

std::string hex_encode(ByteView bytes) {
  std::string out(bytes.size() * 2, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = hex_digits[bytes[i] >> 4];
    out[2 * i + 1] = hex_digits[bytes[i] & 15];
  }
  return out;
}

Result<Bytes> hex_decode(std::string_view text) {
  if (text.size() % 2 != 0) return make_error(ErrorCode::invalid_encoding, "hex has odd length");
  Bytes out(text.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = hex_value(text[2 * i]);
    int lo = hex_value(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return make_error(
          ErrorCode::invalid_encoding,
          "invalid hex digit at offset " + std::to_string(hi < 0 ? 2 * i : 2 * i + 1));
    }
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

std::string base64_encode(ByteView bytes) {
  return encode64(bytes, base64_alphabet, true);
}
Result<Bytes> base64_decode(std::string_view text) {
  return decode64(text, base64_values, true, "base64");
}
std::string base64url_encode(ByteView bytes) {
  return encode64(bytes, base64url_alphabet, false);
}
Result<Bytes> base64url_decode(std::string_view text) {
  return decode64(text, base64url_values, false, "base64url");
}

std::string base58btc_encode(ByteView bytes) {
  std::size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0)
    ++zeros;
  // log(256)/log(58) ~ 1.366: digits needed for the rest, in base 58, little-endian.
  std::vector<std::uint8_t> digits((bytes.size() - zeros) * 138 / 100 + 1);
  std::size_t length = 0;
  for (std::size_t i = zeros; i < bytes.size(); ++i) {
    std::uint32_t carry = bytes[i];
    std::size_t j = 0;
    for (; j < length || carry != 0; ++j) {
      carry += static_cast<std::uint32_t>(digits[j]) << 8;
      digits[j] = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    length = j;
  }
  std::string out(zeros, '1');
  out.reserve(zeros + length);
  for (std::size_t i = length; i-- > 0;)
    out += base58_alphabet[digits[i]];
  return out;
}

Result<Bytes> base58btc_decode(std::string_view text) {
  std::size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == '1')
    ++zeros;
  // log(58)/log(256) ~ 0.733
  std::vector<std::uint8_t> bytes((text.size() - zeros) * 733 / 1000 + 1);
  std::size_t length = 0;
  for (std::size_t i = zeros; i < text.size(); ++i) {
    int v = base58_values[static_cast<unsigned char>(text[i])];
    if (v < 0) {
      return make_error(ErrorCode::invalid_encoding,
                        "base58btc: invalid character at offset " + std::to_string(i));
    }
    std::uint32_t carry = static_cast<std::uint32_t>(v);
    std::size_t j = 0;
    for (; j < length || carry != 0; ++j) {
      carry += static_cast<std::uint32_t>(bytes[j]) * 58;
      bytes[j] = static_cast<std::uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    length = j;
  }
  Bytes out(zeros, 0);
  out.reserve(zeros + length);
  for (std::size_t i = length; i-- > 0;)
    out.push_back(bytes[i]);
  return out;
}

}  // namespace microcred
