#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace microcred::api {

/// One answered request, as the access log records it.
struct AccessLogEntry {
  Timestamp time;
  std::string_view method;
  std::string_view path;  ///< Without the query string, which may carry tokens.
  int status = 0;
  std::uint64_t bytes = 0;  ///< Response body bytes.
  double duration_ms = 0;
  std::string_view request_id;
  std::string_view client;
};

/// The access log: one JSON object per line,
/// {"time","method","path","status","bytes","duration_ms","request_id","client"}.
/// Thread-safe: lines from many threads never interleave.
class AccessLog {
 public:
  /// A log to `target`: "-" for standard error, "off" for none, else a file opened for
  /// appending (created when missing). Fails with `io_error` naming the file.
  static Result<std::unique_ptr<AccessLog>> open(std::string_view target);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  /// Writes `entry` as one line (and flushes it).
  void write(const AccessLogEntry& entry);
  /// Whether lines go anywhere.
  bool enabled() const { return file_ != nullptr; }

 private:
  AccessLog(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
};

/// `entry` as its JSON line, without the newline.
std::string format_access_log_line(const AccessLogEntry& entry);

}  // namespace microcred::api
