#include "json/parse.h"

#include <gtest/gtest.h>

#include <string>

namespace microcred::json {
namespace {

TEST(Parse, ReadsAValue) {
  auto v = parse(R"({"a":[1,2.5,"x",true,null],"b":{"c":-3}})");
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->at("a").as_array().size(), 5u);
  EXPECT_EQ(v->at("b").at("c").as_int64(), -3);
}

TEST(Parse, RejectsDuplicateKeysNamingKeyAndPosition) {
  auto v = parse("{\"a\":1,\n  \"a\":2}");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::duplicate_key);
  EXPECT_NE(v.error().message.find("\"a\""), std::string::npos) << v.error().message;
  EXPECT_EQ(v.error().field, "2:3");
}

TEST(Parse, RejectsDuplicateKeysInNestedObjectsOnly) {
  EXPECT_TRUE(parse(R"({"a":{"a":1},"b":{"a":2}})"));
  auto v = parse(R"({"x":[{"k":1,"k":1}]})");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::duplicate_key);
  EXPECT_EQ(v.error().field, "1:14");
}

TEST(Parse, RejectsDuplicateKeysWrittenWithEscapes) {
  auto v = parse(R"({"\u0061b":1,"ab":2})");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::duplicate_key);
}

TEST(Parse, ReportsSyntaxErrorPosition) {
  auto v = parse("{\n  \"a\": [1, 2,, 3]\n}");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::parse_error);
  EXPECT_EQ(v.error().field, "2:14");
}

TEST(Parse, ReportsTruncatedInput) {
  for (const char* truncated : {"", "{", "{\"a\":", "[1,2", "\"abc", "tru"}) {
    SCOPED_TRACE(truncated);
    auto v = parse(truncated);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, ErrorCode::parse_error);
    EXPECT_NE(v.error().message.find("end of JSON"), std::string::npos) << v.error().message;
  }
}

TEST(Parse, RejectsTrailingData) {
  auto v = parse("{} {}");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::parse_error);
}

TEST(Parse, RejectsBadUtf8) {
  for (std::string bad : {std::string("\"\xff\""), std::string("\"\xc3\""),
                          std::string("\"\xed\xa0\x80\""), std::string("{\"k\xe2\x82\":1}")}) {
    auto v = parse(bad);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, ErrorCode::invalid_encoding) << v.error().message;
  }
}

TEST(Parse, RejectsUnpairedSurrogateEscapes) {
  for (const char* bad : {R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")", R"("a\ud83d")"}) {
    SCOPED_TRACE(bad);
    auto v = parse(bad);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, ErrorCode::invalid_encoding) << v.error().message;
  }
  EXPECT_TRUE(parse(R"("\ud83d\ude02")"));
}

TEST(Parse, EnforcesDepthLimit) {
  std::string deep(10'000, '[');
  deep += std::string(10'000, ']');
  auto v = parse(deep, {.max_depth = 64});
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::limit_exceeded);
  std::string ok(64, '[');
  ok += std::string(64, ']');
  EXPECT_TRUE(parse(ok, {.max_depth = 64}));
}

TEST(Parse, EnforcesSizeLimit) {
  auto v = parse("[1,2,3]", {.max_bytes = 4});
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::limit_exceeded);
}

TEST(Parse, RoundsDecimalsCorrectly) {
  // Boost.JSON 1.81 alone reads this as 333333333.33333325 (one ulp off).
  auto v = parse("[333333333.33333329, 0.1, 1e-27, 2.2250738585072011e-308, 1e400]");
  ASSERT_TRUE(v) << v.error().message;
  const auto& a = v->as_array();
  EXPECT_EQ(a[0].as_double(), 333333333.33333329);
  EXPECT_EQ(a[1].as_double(), 0.1);
  EXPECT_EQ(a[2].as_double(), 1e-27);
  EXPECT_EQ(a[3].as_double(), 2.2250738585072011e-308);
}

TEST(Parse, CountsColumnsInCodePoints) {
  auto v = parse("[\"\xe2\x82\xac\", x]");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().field, "1:7");
}

}  // namespace
}  // namespace microcred::json
