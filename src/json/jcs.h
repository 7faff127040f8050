#pragma once

#include <string>

#include <boost/json/fwd.hpp>

#include "core/result.h"

namespace microcred::json {

/// RFC 8785 (JCS) canonical form of `value`: keys sorted by UTF-16 code units, numbers as
/// ECMAScript `Number.prototype.toString`, minimal string escapes, no whitespace.
/// Fails with `invalid_argument` for NaN or infinities, which JSON cannot hold.
Result<std::string> canonicalize(const boost::json::value& value);

/// Appends the JCS form of `value` to `out`; the same rules and failures as `canonicalize`.
Result<void> canonicalize_to(const boost::json::value& value, std::string& out);

/// `d` as ECMAScript `Number.prototype.toString(d)` ("1e+21", "1e-7", "0.1", "-0" -> "0").
/// `d` must be finite.
std::string format_es_number(double d);

}  // namespace microcred::json
