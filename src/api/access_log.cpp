#include "api/access_log.h"

#include <cerrno>
#include <cmath>
#include <cstring>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "json/jcs.h"

namespace microcred::api {

Result<std::unique_ptr<AccessLog>> AccessLog::open(std::string_view target) {
  if (target == "off") return std::unique_ptr<AccessLog>(new AccessLog(nullptr, false));
  if (target == "-" || target.empty()) {
    return std::unique_ptr<AccessLog>(new AccessLog(stderr, false));
  }
  std::string path(target);
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) {
    return make_error(ErrorCode::io_error,
                      "cannot open access log " + path + ": " + std::strerror(errno), "access_log");
  }
  return std::unique_ptr<AccessLog>(new AccessLog(file, true));
}

AccessLog::~AccessLog() {
  if (owned_ && file_ != nullptr) std::fclose(file_);
}

std::string format_access_log_line(const AccessLogEntry& entry) {
  auto quoted = [](std::string_view text) {
    return boost::json::serialize(boost::json::string(text));
  };
  // Microsecond precision is plenty, and ECMAScript number form keeps it readable ("1.25").
  double duration = std::round(entry.duration_ms * 1000) / 1000;
  std::string line = "{\"time\":" + quoted(format_rfc3339(entry.time));
  line += ",\"method\":" + quoted(entry.method);
  line += ",\"path\":" + quoted(entry.path);
  line += ",\"status\":" + std::to_string(entry.status);
  line += ",\"bytes\":" + std::to_string(entry.bytes);
  line += ",\"duration_ms\":" + json::format_es_number(duration);
  line += ",\"request_id\":" + quoted(entry.request_id);
  line += ",\"client\":" + quoted(entry.client) + "}";
  return line;
}

void AccessLog::write(const AccessLogEntry& entry) {
  if (file_ == nullptr) return;
  std::string line = format_access_log_line(entry);
  line += '\n';
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace microcred::api
