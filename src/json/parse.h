#pragma once

#include <cstddef>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/result.h"

namespace microcred::json {

/// Limits for `parse`. The defaults suit credentials and API bodies.
struct ParseLimits {
  /// Largest input accepted, in bytes.
  std::size_t max_bytes = 8 * 1024 * 1024;
  /// Deepest nesting of arrays and objects accepted.
  std::size_t max_depth = 64;
};

/// Limits fit for one credential or presentation.
inline constexpr ParseLimits credential_limits{.max_bytes = 1024 * 1024, .max_depth = 64};

/// Parses JSON text (RFC 8259, UTF-8) into a value. Fails with `parse_error` (bad syntax),
/// `invalid_encoding` (bad UTF-8 or an unpaired surrogate escape), `duplicate_key` (an
/// object names a key twice; the message names the key) or `limit_exceeded`; `error.field`
/// holds the position as "line:column" (column in code points, both from 1).
Result<boost::json::value> parse(std::string_view text, const ParseLimits& limits = {});

}  // namespace microcred::json
