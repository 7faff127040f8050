#include "domain/calendar.h"

#include <array>

namespace microcred::domain {
namespace {

constexpr std::int64_t seconds_per_day = 86'400;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int month_length(int year, int month) {
  constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return days[static_cast<std::size_t>(month - 1)] + (month == 2 && is_leap(year) ? 1 : 0);
}

// Floor division, for instants before 1970.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

Result<Date> parse_date(std::string_view text) {
  bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    shape = shape && is_digit(text[i]);
  if (!shape)
    return make_error(ErrorCode::parse_error,
                      "\"" + std::string(text) + "\" is not a date YYYY-MM-DD");
  auto number = [&](std::size_t at, std::size_t length) {
    int n = 0;
    for (std::size_t i = at; i < at + length; ++i)
      n = n * 10 + (text[i] - '0');
    return n;
  };
  Date d{number(0, 4), number(5, 2), number(8, 2)};
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > month_length(d.year, d.month))
    return make_error(ErrorCode::invalid_argument,
                      "\"" + std::string(text) + "\" is not a date in the calendar");
  return d;
}

std::string format_date(Date date) {
  std::array<char, 16> buffer{};
  auto put = [&](std::size_t at, int value, std::size_t width) {
    for (std::size_t i = 0; i < width; ++i) {
      buffer[at + width - 1 - i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, date.year, 4);
  buffer[4] = '-';
  put(5, date.month, 2);
  buffer[7] = '-';
  put(8, date.day, 2);
  return std::string(buffer.data(), 10);
}

// Howard Hinnant, "chrono-compatible low-level date algorithms": days_from_civil.
std::int64_t days_since_epoch(Date date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t m = date.month;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146'097 + doe - 719'468;
}

Timestamp start_of_day(Date date) {
  return Timestamp{days_since_epoch(date) * seconds_per_day, 0};
}

Timestamp end_of_day(Date date) {
  return Timestamp{(days_since_epoch(date) + 1) * seconds_per_day, 0};
}

// Howard Hinnant: civil_from_days.
Date date_of(Timestamp instant) {
  const std::int64_t z = floor_div(instant.seconds, seconds_per_day) + 719'468;
  const std::int64_t era = floor_div(z, 146'097);
  const std::int64_t doe = z - era * 146'097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp + (mp < 10 ? 3 : -9);
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

}  // namespace microcred::domain
