#include "domain/calendar.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::domain {
namespace {

TEST(Calendar, ParsesAndFormatsDates) {
  auto d = parse_date("2025-09-15");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, (Date{2025, 9, 15}));
  EXPECT_EQ(format_date(*d), "2025-09-15");
  EXPECT_EQ(format_date(Date{1, 1, 1}), "0001-01-01");
}

TEST(Calendar, RefusesBadDates) {
  struct Row {
    std::string_view text;
    ErrorCode code;
  };
  for (const auto& row :
       {Row{"2025-9-15", ErrorCode::parse_error}, Row{"2025/09/15", ErrorCode::parse_error},
        Row{"", ErrorCode::parse_error}, Row{"2025-09-15T00:00:00Z", ErrorCode::parse_error},
        Row{"2025-02-29", ErrorCode::invalid_argument},
        Row{"2025-13-01", ErrorCode::invalid_argument},
        Row{"2025-04-31", ErrorCode::invalid_argument},
        Row{"0000-01-01", ErrorCode::invalid_argument},
        Row{"2025-00-10", ErrorCode::invalid_argument}}) {
    SCOPED_TRACE(row.text);
    auto d = parse_date(row.text);
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().code, row.code);
    EXPECT_NE(d.error().message.find(std::string(row.text)), std::string::npos);
  }
  EXPECT_TRUE(parse_date("2024-02-29"));  // leap year
  EXPECT_FALSE(parse_date("1900-02-29"));
  EXPECT_TRUE(parse_date("2000-02-29"));
}

TEST(Calendar, ConvertsBetweenDatesAndInstants) {
  EXPECT_EQ(days_since_epoch(Date{1970, 1, 1}), 0);
  EXPECT_EQ(days_since_epoch(Date{1969, 12, 31}), -1);
  EXPECT_EQ(start_of_day(Date{2024, 5, 1}).seconds, 1'714'521'600);
  EXPECT_EQ(end_of_day(Date{2024, 5, 1}).seconds, 1'714'521'600 + 86'400);
  EXPECT_EQ(date_of(Timestamp{1'714'521'600 + 86'399, 999}), (Date{2024, 5, 1}));
  EXPECT_EQ(date_of(Timestamp{-1, 0}), (Date{1969, 12, 31}));
  for (std::int64_t day = -800'000; day < 3'000'000; day += 997) {
    Date d = date_of(Timestamp{day * 86'400, 0});
    ASSERT_EQ(days_since_epoch(d), day) << format_date(d);
  }
}

TEST(Calendar, OrdersDatesAsTheCalendarDoes) {
  EXPECT_LT((Date{2024, 12, 31}), (Date{2025, 1, 1}));
  EXPECT_LT((Date{2025, 1, 31}), (Date{2025, 2, 1}));
}

}  // namespace
}  // namespace microcred::domain
