#include "core/result.h"

#include <gtest/gtest.h>

#include <string>

namespace microcred {
namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return make_error(ErrorCode::invalid_argument, "odd number", "/n");
  return n / 2;
}

Result<int> quarter(int n) {
  auto h = half(n);
  if (!h) return h.error();
  return half(*h);
}

TEST(Result, HoldsValue) {
  auto r = half(8);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 4);
}

TEST(Result, PropagatesError) {
  auto r = quarter(6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().field, "/n");
  EXPECT_EQ(describe(r.error()), "/n: odd number");
}

TEST(Result, VoidSuccessAndFailure) {
  Result<void> ok;
  EXPECT_TRUE(ok);
  Result<void> bad = make_error(ErrorCode::io_error, "disk full");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "disk full");
}

TEST(Result, ValueOrFallsBack) {
  EXPECT_EQ(half(3).value_or(-1), -1);
  EXPECT_EQ(half(4).value_or(-1), 2);
}

TEST(ErrorCode, HasStableWireStrings) {
  EXPECT_EQ(to_string(ErrorCode::duplicate_key), "duplicate_key");
  EXPECT_EQ(to_string(ErrorCode::work_limit_exceeded), "work_limit_exceeded");
  EXPECT_EQ(to_string(ErrorCode::unknown_context), "unknown_context");
}

}  // namespace
}  // namespace microcred
