#include "core/time.h"

#include <chrono>
#include <cstdio>

namespace microcred {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// A cursor over the text that reports the first position it could not read.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool digits(int count, int& out) {
    out = 0;
    for (int i = 0; i < count; ++i) {
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') return false;
      out = out * 10 + (text_[pos_++] - '0');
    }
    return true;
  }
  bool literal(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  bool one_of(char a, char b) { return literal(a) || literal(b); }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void advance() { ++pos_; }
  bool done() const { return pos_ == text_.size(); }
  std::size_t pos() const { return pos_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Error syntax(const Reader& r, std::string_view text, const char* expected) {
  return make_error(ErrorCode::parse_error, "invalid RFC 3339 date-time \"" + std::string(text) +
                                                "\" at column " + std::to_string(r.pos() + 1) +
                                                ": expected " + expected);
}

Error range(std::string_view text, const char* what) {
  return make_error(ErrorCode::parse_error,
                    "invalid RFC 3339 date-time \"" + std::string(text) + "\": " + what);
}

}  // namespace

Result<Timestamp> parse_rfc3339(std::string_view text) {
  Reader r(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!r.digits(4, year)) return syntax(r, text, "a 4-digit year");
  if (!r.literal('-')) return syntax(r, text, "'-'");
  if (!r.digits(2, month)) return syntax(r, text, "a 2-digit month");
  if (!r.literal('-')) return syntax(r, text, "'-'");
  if (!r.digits(2, day)) return syntax(r, text, "a 2-digit day");
  if (!r.one_of('T', 't')) return syntax(r, text, "'T'");
  if (!r.digits(2, hour)) return syntax(r, text, "a 2-digit hour");
  if (!r.literal(':')) return syntax(r, text, "':'");
  if (!r.digits(2, minute)) return syntax(r, text, "2-digit minutes");
  if (!r.literal(':')) return syntax(r, text, "':'");
  if (!r.digits(2, second)) return syntax(r, text, "2-digit seconds");
  std::int32_t nanos = 0;
  if (r.literal('.')) {
    int count = 0;
    while (r.peek() >= '0' && r.peek() <= '9') {
      if (count < 9) nanos = nanos * 10 + (r.peek() - '0');
      ++count;
      r.advance();
    }
    if (count == 0) return syntax(r, text, "fraction digits after '.'");
    for (int i = count; i < 9; ++i)
      nanos *= 10;
  }
  int offset_minutes = 0;
  if (!r.one_of('Z', 'z')) {
    int sign = r.peek() == '+' ? 1 : r.peek() == '-' ? -1 : 0;
    if (sign == 0) return syntax(r, text, "'Z' or a '+hh:mm'/'-hh:mm' offset");
    r.advance();
    int oh = 0, om = 0;
    if (!r.digits(2, oh)) return syntax(r, text, "2-digit offset hours");
    if (!r.literal(':')) return syntax(r, text, "':' in the offset");
    if (!r.digits(2, om)) return syntax(r, text, "2-digit offset minutes");
    if (oh > 23 || om > 59) return range(text, "offset out of range");
    offset_minutes = sign * (oh * 60 + om);
  }
  if (!r.done()) return syntax(r, text, "the end of the date-time");
  if (month < 1 || month > 12) return range(text, "month must be 01-12");
  if (day < 1 || static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    return range(text, "no such day in that month");
  }
  if (hour > 23) return range(text, "hour must be 00-23");
  if (minute > 59) return range(text, "minute must be 00-59");
  if (second > 60) return range(text, "second must be 00-60");
  std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return Timestamp{seconds, nanos};
}

std::string format_rfc3339(Timestamp t) {
  std::int64_t days = t.seconds / 86400;
  std::int64_t rest = t.seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  Civil c = civil_from_days(days);
  char buffer[64];
  int n =
      std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d",
                    static_cast<long long>(c.year), c.month, c.day, static_cast<int>(rest / 3600),
                    static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  std::string out(buffer, static_cast<std::size_t>(n));
  if (t.nanos != 0) {
    std::snprintf(buffer, sizeof buffer, ".%09d", t.nanos);
    std::string fraction(buffer);
    while (fraction.back() == '0')
      fraction.pop_back();
    out += fraction;
  }
  out += 'Z';
  return out;
}

Timestamp SystemClock::now() const {
  auto since = std::chrono::system_clock::now().time_since_epoch();
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(since).count();
  std::int64_t seconds = ns / 1'000'000'000;
  auto nanos = static_cast<std::int32_t>(ns % 1'000'000'000);
  if (nanos < 0) {
    nanos += 1'000'000'000;
    --seconds;
  }
  return {seconds, nanos};
}

}  // namespace microcred
