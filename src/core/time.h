#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace microcred {

/// An instant in UTC: seconds since 1970-01-01T00:00:00Z and nanoseconds within the second.
struct Timestamp {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;  ///< 0..999'999'999

  auto operator<=>(const Timestamp&) const = default;
};

/// Parses an RFC 3339 date-time ("2024-05-01T12:00:00.5+02:00"), normalised to UTC.
/// Accepts 'T'/'t' and 'Z'/'z', fractions up to nanoseconds, and leap second 60 (as :59.999999999
/// ... rolled into the next second). Fails with `parse_error` naming the position, and on
/// impossible dates such as 2023-02-30.
Result<Timestamp> parse_rfc3339(std::string_view text);

/// `t` as RFC 3339 in UTC with 'Z': "2024-05-01T10:00:00Z", with the fraction's
/// significant digits when it has one ("...:00.5Z").
std::string format_rfc3339(Timestamp t);

/// A source of the current time; pass one in so tests can fix the clock.
class Clock {
 public:
  virtual ~Clock() = default;
  /// The current instant.
  virtual Timestamp now() const = 0;
};

/// The system's real-time clock.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

/// A clock that always says the same instant.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp t) : t_(t) {}
  Timestamp now() const override { return t_; }

 private:
  Timestamp t_;
};

}  // namespace microcred
