#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace microcred::api {

/// What was verified, for `microcred_verifications_total{kind}`.
enum class VerificationKind { credential, presentation };

/// What a verification request ended in, for `microcred_verifications_total{result}`.
enum class VerificationOutcome {
  verified,      ///< Every check held.
  not_verified,  ///< A check failed.
  error,         ///< The input was not a credential (the request got a 4xx).
};

/// Prometheus metrics of the server: request counts per route, method and status, latency
/// histograms per route, open connections, verifications by kind and result. Lock-free counters;
/// thread-safe. Route labels are fixed when it is made (route patterns, never raw paths, so
/// the label set stays bounded).
class Metrics {
 public:
  /// Latency bucket bounds in seconds (the histogram's `le` labels).
  static constexpr std::array<double, 14> buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                  0.1,    0.25,  0.5,    1,     2.5,  5,     10};

  /// Metrics for routes labelled `routes[i]` = {method, pattern}; index `routes.size()`
  /// counts requests no route matched.
  explicit Metrics(std::vector<std::pair<std::string, std::string>> routes);
  ~Metrics();

  /// The index of the "no route" series.
  std::size_t unmatched() const { return routes_.size(); }

  /// Counts one answered request of route `index` (or `unmatched()`) with `status`, taking
  /// `seconds` from the request read to the response written.
  void observe_request(std::size_t index, int status, double seconds);
  /// Counts one verification.
  void count_verification(VerificationKind kind, VerificationOutcome outcome);
  /// Connections opened and closed (the gauge `microcred_http_connections`).
  void connection_opened() { connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { connections_.fetch_sub(1, std::memory_order_relaxed); }
  /// Requests refused by the rate limiter.
  void count_rate_limited() { rate_limited_.fetch_add(1, std::memory_order_relaxed); }

  /// Requests counted so far (all routes).
  std::uint64_t requests() const;

  /// The Prometheus text exposition format 0.0.4.
  std::string render() const;

 private:
  struct Series;
  std::vector<std::pair<std::string, std::string>> routes_;
  std::unique_ptr<Series[]> series_;
  std::array<std::atomic<std::uint64_t>, 6> verifications_{};  // kind * 3 + outcome
  std::atomic<std::int64_t> connections_{0};
  std::atomic<std::uint64_t> rate_limited_{0};
};

}  // namespace microcred::api
