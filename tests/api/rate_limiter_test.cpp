#include "api/rate_limiter.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::api {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsABurstThenRefusesWithRetryAfter) {
  RateLimiter limiter({.per_second = 2, .burst = 3});
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(limiter.acquire("a", t0).allowed) << i;
  RateDecision refused = limiter.acquire("a", t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);
  // Half a second later one token (2 per second) is back.
  EXPECT_TRUE(limiter.acquire("a", t0 + 500ms).allowed);
  EXPECT_FALSE(limiter.acquire("a", t0 + 500ms).allowed);
}

TEST(RateLimiter, KeepsClientsApart) {
  RateLimiter limiter({.per_second = 1, .burst = 1});
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  EXPECT_TRUE(limiter.acquire("a", t0).allowed);
  EXPECT_FALSE(limiter.acquire("a", t0).allowed);
  EXPECT_TRUE(limiter.acquire("b", t0).allowed);
}

TEST(RateLimiter, RetryAfterRoundsUpSlowRates) {
  RateLimiter limiter({.per_second = 0.1, .burst = 1});
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  EXPECT_TRUE(limiter.acquire("a", t0).allowed);
  EXPECT_EQ(limiter.acquire("a", t0).retry_after_seconds, 10);
}

TEST(RateLimiter, ZeroRateTurnsItOff) {
  RateLimiter limiter({.per_second = 0, .burst = 1});
  EXPECT_FALSE(limiter.enabled());
  for (int i = 0; i < 100; ++i)
    EXPECT_TRUE(limiter.acquire("a").allowed);
  EXPECT_EQ(limiter.size(), 0u);
}

TEST(RateLimiter, MemoryStaysBounded) {
  RateLimiter limiter({.per_second = 1, .burst = 5}, /*max_clients=*/160);
  auto t0 = RateLimiter::Clock::time_point{} + 1h;
  for (int i = 0; i < 10'000; ++i)
    (void)limiter.acquire("client-" + std::to_string(i), t0);
  EXPECT_LE(limiter.size(), 160u);
}

}  // namespace
}  // namespace microcred::api
