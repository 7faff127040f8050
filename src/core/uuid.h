#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace microcred {

/// A UUID as 16 bytes.
struct Uuid {
  std::array<std::uint8_t, 16> bytes{};

  bool operator==(const Uuid&) const = default;
};

/// A version-4 UUID from 16 random bytes (the version and variant bits are set here).
Uuid uuid_v4(const std::array<std::uint8_t, 16>& random);

/// Lower-case "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
std::string to_string(const Uuid& uuid);

/// "urn:uuid:" followed by `to_string(uuid)`.
std::string to_urn(const Uuid& uuid);

/// A UUID from its 36-character form, or from "urn:uuid:..."; either case.
Result<Uuid> parse_uuid(std::string_view text);

}  // namespace microcred
