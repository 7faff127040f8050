#include "api/metrics.h"

#include <cstdio>

namespace microcred::api {

namespace {

constexpr int min_status = 100;
constexpr int status_span = 500;  // 100..599

std::string escape_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string format_double(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

}  // namespace

struct Metrics::Series {
  std::array<std::atomic<std::uint64_t>, status_span> by_status{};
  std::array<std::atomic<std::uint64_t>, buckets.size()> bucket_counts{};
  std::atomic<std::uint64_t> count{0};
  std::atomic<std::uint64_t> sum_microseconds{0};
};

Metrics::Metrics(std::vector<std::pair<std::string, std::string>> routes)
    : routes_(std::move(routes)), series_(std::make_unique<Series[]>(routes_.size() + 1)) {}

Metrics::~Metrics() = default;

void Metrics::observe_request(std::size_t index, int status, double seconds) {
  if (index > routes_.size()) index = routes_.size();
  Series& series = series_[index];
  if (status >= min_status && status < min_status + status_span) {
    series.by_status[status - min_status].fetch_add(1, std::memory_order_relaxed);
  }
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    if (seconds <= buckets[b]) {
      series.bucket_counts[b].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  series.count.fetch_add(1, std::memory_order_relaxed);
  series.sum_microseconds.fetch_add(static_cast<std::uint64_t>(seconds * 1e6),
                                    std::memory_order_relaxed);
}

void Metrics::count_verification(VerificationKind kind, VerificationOutcome outcome) {
  std::size_t slot = static_cast<std::size_t>(kind) * 3 + static_cast<std::size_t>(outcome);
  verifications_[slot].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Metrics::requests() const {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i <= routes_.size(); ++i) {
    total += series_[i].count.load(std::memory_order_relaxed);
  }
  return total;
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(4096);
  auto labels = [&](std::size_t i) {
    if (i == routes_.size()) return std::string("method=\"\",route=\"unmatched\"");
    return "method=\"" + escape_label(routes_[i].first) + "\",route=\"" +
           escape_label(routes_[i].second) + "\"";
  };

  out += "# HELP microcred_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE microcred_http_requests_total counter\n";
  for (std::size_t i = 0; i <= routes_.size(); ++i) {
    for (int s = 0; s < status_span; ++s) {
      auto n = series_[i].by_status[s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "microcred_http_requests_total{" + labels(i) + ",status=\"" +
             std::to_string(s + min_status) + "\"} " + std::to_string(n) + "\n";
    }
  }

  out +=
      "# HELP microcred_http_request_duration_seconds Time from request read to response "
      "written, by route.\n";
  out += "# TYPE microcred_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i <= routes_.size(); ++i) {
    const Series& series = series_[i];
    auto count = series.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    std::string label = labels(i);
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < buckets.size(); ++b) {
      cumulative += series.bucket_counts[b].load(std::memory_order_relaxed);
      out += "microcred_http_request_duration_seconds_bucket{" + label + ",le=\"" +
             format_double(buckets[b]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "microcred_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(count) + "\n";
    out += "microcred_http_request_duration_seconds_sum{" + label + "} " +
           format_double(static_cast<double>(series.sum_microseconds.load()) / 1e6) + "\n";
    out += "microcred_http_request_duration_seconds_count{" + label + "} " + std::to_string(count) +
           "\n";
  }

  out +=
      "# HELP microcred_verifications_total Credential and presentation verifications, by "
      "result.\n";
  out += "# TYPE microcred_verifications_total counter\n";
  constexpr std::array<const char*, 2> kinds{"credential", "presentation"};
  constexpr std::array<const char*, 3> results{"verified", "not_verified", "error"};
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    for (std::size_t r = 0; r < results.size(); ++r) {
      out += std::string("microcred_verifications_total{kind=\"") + kinds[k] + "\",result=\"" +
             results[r] + "\"} " +
             std::to_string(verifications_[k * 3 + r].load(std::memory_order_relaxed)) + "\n";
    }
  }

  out += "# HELP microcred_http_rate_limited_total Requests refused by the rate limiter.\n";
  out += "# TYPE microcred_http_rate_limited_total counter\n";
  out += "microcred_http_rate_limited_total " + std::to_string(rate_limited_.load()) + "\n";
  out += "# HELP microcred_http_connections Open client connections.\n";
  out += "# TYPE microcred_http_connections gauge\n";
  out += "microcred_http_connections " + std::to_string(connections_.load()) + "\n";
  return out;
}

}  // namespace microcred::api
