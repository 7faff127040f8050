#include "api/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace microcred::api {

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_clients)
    : limit_(limit), max_per_shard_(std::max<std::size_t>(1, max_clients / shard_count)) {
  if (limit_.burst < 1) limit_.burst = 1;
}

RateDecision RateLimiter::acquire(std::string_view client, Clock::time_point now) {
  if (!enabled()) return {};
  Shard& shard = shards_[std::hash<std::string_view>{}(client) % shard_count];
  std::lock_guard lock(shard.mutex);
  auto found = shard.buckets.find(std::string(client));
  if (found == shard.buckets.end()) {
    if (shard.buckets.size() >= max_per_shard_) evict(shard, now);
    found = shard.buckets.emplace(std::string(client), Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = found->second;
  double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  if (elapsed > 0) {
    bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.per_second);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return {};
  }
  double wait = (1 - bucket.tokens) / limit_.per_second;
  return {.allowed = false,
          .retry_after_seconds = std::max(1L, static_cast<long>(std::ceil(wait)))};
}

void RateLimiter::evict(Shard& shard, Clock::time_point now) {
  // A bucket untouched for burst/per_second seconds is full again: forgetting it changes
  // nothing for its client.
  auto refill = std::chrono::duration<double>(limit_.burst / limit_.per_second);
  for (auto it = shard.buckets.begin(); it != shard.buckets.end();) {
    if (now - it->second.updated >= refill) {
      it = shard.buckets.erase(it);
    } else {
      ++it;
    }
  }
  if (shard.buckets.size() < max_per_shard_) return;
  auto oldest = std::min_element(
      shard.buckets.begin(), shard.buckets.end(),
      [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
  if (oldest != shard.buckets.end()) shard.buckets.erase(oldest);
}

std::size_t RateLimiter::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.buckets.size();
  }
  return total;
}

}  // namespace microcred::api
