#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace microcred::domain {

/// A calendar date (proleptic Gregorian), as in "the course starts on 2025-09-15". Dates
/// order as the calendar does.
struct Date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..the month's length
  auto operator<=>(const Date&) const = default;
};

/// The date in `text`, an RFC 3339 full-date "YYYY-MM-DD" (years 0001-9999). Fails with
/// `parse_error` when the shape is wrong and `invalid_argument` for a day not in the
/// calendar ("2025-02-29"); the message quotes the text. Pure.
Result<Date> parse_date(std::string_view text);

/// "YYYY-MM-DD".
std::string format_date(Date date);

/// Days since 1970-01-01 (negative before it).
std::int64_t days_since_epoch(Date date);

/// The instant 00:00:00Z of `date`.
Timestamp start_of_day(Date date);

/// The instant 00:00:00Z of the day after `date`: the first instant not on `date`.
Timestamp end_of_day(Date date);

/// The UTC calendar date of `instant`.
Date date_of(Timestamp instant);

}  // namespace microcred::domain
