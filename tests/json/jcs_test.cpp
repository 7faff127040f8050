#include "json/jcs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <boost/json/value.hpp>

#include "json/parse.h"

namespace microcred::json {
namespace {

std::string jcs(std::string_view text) {
  auto value = parse(text);
  if (!value) return "parse error: " + value.error().message;
  auto canonical = canonicalize(*value);
  if (!canonical) return "jcs error: " + canonical.error().message;
  return *canonical;
}

TEST(Jcs, MatchesTheIssueExample) {
  EXPECT_EQ(jcs(R"({"b":1,"a":[1e21,0.1,-0,"\u20ac",1E-7]})"),
            "{\"a\":[1e+21,0.1,0,\"\xe2\x82\xac\",1e-7],\"b\":1}");
}

TEST(Jcs, SortsKeysByUtf16CodeUnits) {
  // U+FB33 (one unit 0xFB33) sorts after U+1F602 (units 0xD83D 0xDE02) in UTF-16, though
  // its code point is smaller.
  EXPECT_EQ(jcs(R"({"\ufb33":1,"\ud83d\ude02":2,"b":3,"":4,"a":5,"aa":6})"),
            "{\"\":4,\"a\":5,\"aa\":6,\"b\":3,\"\xf0\x9f\x98\x82\":2,\"\xef\xac\xb3\":1}");
}

TEST(Jcs, EscapesOnlyWhatItMust) {
  EXPECT_EQ(jcs(R"(["\u0000\u001f\b\f\n\r\t\"\\/\u007f\u2028"])"),
            "[\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\x7f\xe2\x80\xa8\"]");
}

TEST(Jcs, WritesLiteralsAndEmptyContainers) {
  EXPECT_EQ(jcs(R"({"t":true,"f":false,"n":null,"a":[],"o":{}})"),
            R"({"a":[],"f":false,"n":null,"o":{},"t":true})");
}

TEST(Jcs, TreatsIntegersAsDoubles) {
  EXPECT_EQ(jcs("[9007199254740993, 18446744073709551615, -9223372036854775808, 100]"),
            "[9007199254740992,18446744073709552000,-9223372036854776000,100]");
}

TEST(Jcs, RefusesNonFiniteNumbers) {
  boost::json::value v = std::numeric_limits<double>::quiet_NaN();
  auto r = canonicalize(v);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  v = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(canonicalize(v));
}

struct NumberRow {
  double value;
  const char* expected;
};

TEST(EsNumber, FollowsNumberToString) {
  const NumberRow rows[] = {
      {0.0, "0"},
      {-0.0, "0"},
      {1.0, "1"},
      {-1.5, "-1.5"},
      {0.1, "0.1"},
      {1e21, "1e+21"},
      {1e20, "100000000000000000000"},
      {1e-6, "0.000001"},
      {1e-7, "1e-7"},
      {123456789012345680000.0, "123456789012345680000"},
      {1.2345e-7, "1.2345e-7"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {4.5, "4.5"},
      {333333333.33333329, "333333333.3333333"},
      {2e-3, "0.002"},
      {-1e-7, "-1e-7"},
      {9007199254740994.0, "9007199254740994"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.expected);
    EXPECT_EQ(format_es_number(row.value), row.expected);
  }
}

}  // namespace
}  // namespace microcred::json
