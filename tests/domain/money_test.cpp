#include "domain/money.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::domain {
namespace {

TEST(Money, KnowsCurrenciesAndTheirMinorUnits) {
  EXPECT_EQ(currency_exponent("EUR"), 2);
  EXPECT_EQ(currency_exponent("ISK"), 0);
  EXPECT_EQ(currency_exponent("JPY"), 0);
  EXPECT_EQ(currency_exponent("KWD"), 3);
  EXPECT_EQ(currency_exponent("AED"), 2);  // first in the table
  EXPECT_EQ(currency_exponent("ZWL"), 2);  // last in the table
  EXPECT_FALSE(currency_exponent("XAU"));  // gold has no minor unit
  EXPECT_FALSE(currency_exponent("XXX"));
  EXPECT_FALSE(currency_exponent("eur"));
  EXPECT_FALSE(currency_exponent("EURO"));
  EXPECT_FALSE(is_currency_code("ABC"));
  EXPECT_TRUE(is_currency_code("CHF"));
}

TEST(Money, ParsesAmountsExactly) {
  struct Row {
    std::string_view text;
    std::string_view currency;
    std::int64_t minor;
  };
  for (const auto& row :
       {Row{"450", "EUR", 45'000}, Row{"450.5", "EUR", 45'050}, Row{"450.50", "EUR", 45'050},
        Row{"0.10", "EUR", 10}, Row{"0", "EUR", 0}, Row{"1500", "ISK", 1'500},
        Row{"1.234", "KWD", 1'234}, Row{"100000000000", "EUR", max_amount_minor}}) {
    SCOPED_TRACE(row.text);
    auto amount = parse_amount(row.text, row.currency);
    ASSERT_TRUE(amount) << amount.error().message;
    EXPECT_EQ(*amount, row.minor);
  }
}

TEST(Money, RefusesInexactOrMalformedAmounts) {
  struct Row {
    std::string_view text;
    std::string_view currency;
    std::string_view says;
  };
  for (const auto& row :
       {Row{"450.505", "EUR", "more than 2 decimals"}, Row{"1500.5", "ISK", "decimals"},
        Row{"-5", "EUR", "sign"}, Row{"+5", "EUR", "sign"}, Row{"4,50", "EUR", "decimal number"},
        Row{"", "EUR", "decimal number"}, Row{".5", "EUR", "decimal number"},
        Row{"5.", "EUR", "decimal number"}, Row{"1e3", "EUR", "decimal number"},
        Row{"100000000000.01", "EUR", "too large"},
        Row{"99999999999999999999999", "EUR", "too large"}, Row{"5", "EURO", "ISO 4217"}}) {
    SCOPED_TRACE(row.text);
    auto amount = parse_amount(row.text, row.currency);
    ASSERT_FALSE(amount);
    EXPECT_EQ(amount.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(amount.error().message.find(std::string(row.says)), std::string::npos)
        << amount.error().message;
  }
}

TEST(Money, FormatsAmountsWithTheCurrencyDecimals) {
  EXPECT_EQ(format_amount(45'050, "EUR"), "450.50");
  EXPECT_EQ(format_amount(5, "EUR"), "0.05");
  EXPECT_EQ(format_amount(-300, "EUR"), "-3.00");
  EXPECT_EQ(format_amount(1'500, "ISK"), "1500");
  EXPECT_EQ(format_amount(1'234, "KWD"), "1.234");
  EXPECT_EQ(format_money({45'050, "EUR"}), "450.50 EUR");
  for (std::int64_t minor : {0, 1, 99, 100, 12'345'678}) {
    auto back = parse_amount(format_amount(minor, "EUR"), "EUR");
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, minor);
  }
}

TEST(Money, ParsesPercentagesAsBasisPoints) {
  EXPECT_EQ(*parse_percent("25"), 2'500);
  EXPECT_EQ(*parse_percent("12.5"), 1'250);
  EXPECT_EQ(*parse_percent("12.25"), 1'225);
  EXPECT_EQ(*parse_percent("100"), 10'000);
  EXPECT_EQ(*parse_percent("0"), 0);
  EXPECT_FALSE(parse_percent("100.01"));
  EXPECT_FALSE(parse_percent("12.125"));
  EXPECT_FALSE(parse_percent("-5"));
  EXPECT_FALSE(parse_percent("ten"));
  auto over = parse_percent("150");
  ASSERT_FALSE(over);
  EXPECT_NE(over.error().message.find("over 100"), std::string::npos);
  EXPECT_EQ(format_percent(1'250), "12.5");
  EXPECT_EQ(format_percent(2'500), "25");
  EXPECT_EQ(format_percent(1'225), "12.25");
}

TEST(Money, TakesPercentagesRoundingHalfUp) {
  EXPECT_EQ(percent_of(45'000, 2'000), 9'000);   // 20% of 450.00
  EXPECT_EQ(percent_of(5, 1'000), 1);            // 10% of 0.05 = 0.005 -> 0.01
  EXPECT_EQ(percent_of(4, 1'000), 0);            // 0.004 -> 0.00
  EXPECT_EQ(percent_of(33'333, 3'333), 11'110);  // 11109.9889 -> 11110
  EXPECT_EQ(percent_of(max_amount_minor, 10'000), max_amount_minor);
  EXPECT_EQ(percent_of(12'345, 0), 0);
}

}  // namespace
}  // namespace microcred::domain
