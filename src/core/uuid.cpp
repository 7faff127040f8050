#include "core/uuid.h"

#include "core/encoding.h"

namespace microcred {

Uuid uuid_v4(const std::array<std::uint8_t, 16>& random) {
  Uuid uuid{random};
  uuid.bytes[6] = static_cast<std::uint8_t>((uuid.bytes[6] & 0x0f) | 0x40);  // version 4
  uuid.bytes[8] = static_cast<std::uint8_t>((uuid.bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return uuid;
}

std::string to_string(const Uuid& uuid) {
  std::string hex = hex_encode(uuid.bytes);
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
         hex.substr(16, 4) + '-' + hex.substr(20);
}

std::string to_urn(const Uuid& uuid) {
  return "urn:uuid:" + to_string(uuid);
}

Result<Uuid> parse_uuid(std::string_view text) {
  const std::string_view original = text;
  if (text.size() > 9 && (text.substr(0, 9) == "urn:uuid:" || text.substr(0, 9) == "URN:UUID:")) {
    text.remove_prefix(9);
  }
  auto invalid = [&] {
    return make_error(ErrorCode::parse_error, "invalid UUID \"" + std::string(original) + "\"");
  };
  if (text.size() != 36) return invalid();
  std::string hex;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position != (text[i] == '-')) return invalid();
    if (!dash_position) hex += text[i];
  }
  auto bytes = hex_decode(hex);
  if (!bytes) return invalid();
  Uuid uuid;
  std::copy(bytes->begin(), bytes->end(), uuid.bytes.begin());
  return uuid;
}

}  // namespace microcred
