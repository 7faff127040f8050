#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace microcred::api {

/// A token bucket's shape: `per_second` tokens flow in, up to `burst`. Zero `per_second`
/// turns limiting off.
struct RateLimit {
  double per_second = 10;
  double burst = 20;
};

/// Whether a request may go ahead, and if not, how long until it may.
struct RateDecision {
  bool allowed = true;
  /// Whole seconds until one token is back (for Retry-After), at least 1 when refused.
  long retry_after_seconds = 0;
};

/// Token buckets per client key (an IP address). Thread-safe. Memory is bounded: past
/// `max_clients`, buckets that have refilled completely are dropped first (they are
/// indistinguishable from new ones), then the oldest of a shard.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(RateLimit limit, std::size_t max_clients = 100'000);

  /// Takes one token from `client`'s bucket at `now`.
  RateDecision acquire(std::string_view client, Clock::time_point now = Clock::now());

  /// Whether limiting is on.
  bool enabled() const { return limit_.per_second > 0; }
  /// Buckets currently held.
  std::size_t size() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
  };
  static constexpr std::size_t shard_count = 16;

  void evict(Shard& shard, Clock::time_point now);

  RateLimit limit_;
  std::size_t max_per_shard_;
  std::array<Shard, shard_count> shards_;
};

}  // namespace microcred::api
