#include "core/time.h"

#include <gtest/gtest.h>

namespace microcred {
namespace {

struct Row {
  const char* input;
  const char* utc;
};

TEST(Rfc3339, ParsesAndNormalisesToUtc) {
  const Row rows[] = {
      {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
      {"2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00Z"},
      {"2024-05-01t12:00:00.5z", "2024-05-01T12:00:00.5Z"},
      {"2023-12-31T23:30:00-01:00", "2024-01-01T00:30:00Z"},
      {"2024-02-29T00:00:00.123456789Z", "2024-02-29T00:00:00.123456789Z"},
      {"2000-02-29T00:00:00.100Z", "2000-02-29T00:00:00.1Z"},
      {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
      {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
      {"2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.input);
    auto t = parse_rfc3339(row.input);
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(format_rfc3339(*t), row.utc);
  }
}

TEST(Rfc3339, KnowsTheEpoch) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:01Z")->seconds, 1);
  EXPECT_EQ(parse_rfc3339("2001-09-09T01:46:40Z")->seconds, 1'000'000'000);
}

TEST(Rfc3339, RejectsImpossibleAndMalformedDates) {
  for (const char* bad :
       {"2023-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-04-31T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:61Z", "2024-01-01",
        "2024-01-01T00:00:00", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00+0100", "2024-01-01T00:00:00+24:00", "24-01-01T00:00:00Z",
        "2024-01-01T00:00:00Zjunk", ""}) {
    SCOPED_TRACE(bad);
    auto t = parse_rfc3339(bad);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code, ErrorCode::parse_error);
  }
}

TEST(Rfc3339, ComparesInstants) {
  EXPECT_LT(*parse_rfc3339("2024-05-01T12:00:00+02:00"), *parse_rfc3339("2024-05-01T10:00:00.1Z"));
  EXPECT_EQ(*parse_rfc3339("2024-05-01T12:00:00+02:00"), *parse_rfc3339("2024-05-01T10:00:00Z"));
}

TEST(Clock, FixedClockIsFixed) {
  FixedClock clock(Timestamp{42, 0});
  EXPECT_EQ(clock.now().seconds, 42);
  EXPECT_GT(SystemClock().now().seconds, 1'700'000'000);
}

}  // namespace
}  // namespace microcred
