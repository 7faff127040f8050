#pragma once

// A deliberately small HTTP/1.1 client on POSIX sockets for the API tests: it writes the
// bytes it is given and parses the answers, so tests can also send what no real client
// would (half a body, a wrong Content-Length, a huge header).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace microcred::api::testing {

/// One parsed answer.
struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case
  std::string body;

  /// The first header `name` (lower-case), or "".
  std::string header(std::string_view name) const;
};

/// A request's bytes: request line, Host, the given headers, Content-Length when `body` is
/// not empty, the body.
std::string make_request(std::string_view method, std::string_view target,
                         std::string_view body = {},
                         const std::vector<std::pair<std::string, std::string>>& headers = {});

/// One TCP connection to 127.0.0.1:`port`, with a 20 s receive timeout so that a broken
/// server fails a test rather than hanging it.
class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  /// Whether the connection was made.
  bool connected() const { return fd_ >= 0; }
  /// Writes `bytes` whole; false when the connection failed.
  bool send(std::string_view bytes);
  /// Reads one response (Content-Length framed; no body after a HEAD request); nothing
  /// when the connection closed or timed out first.
  std::optional<HttpResponse> read_response(bool head = false);
  /// Whether the server closed the connection: the next read gets end of stream.
  bool closed_by_server();

 private:
  bool fill();
  int fd_ = -1;
  std::string buffer_;
};

/// Sends one request on a fresh connection and reads its answer.
std::optional<HttpResponse> fetch(
    std::uint16_t port, std::string_view method, std::string_view target,
    std::string_view body = {},
    const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace microcred::api::testing
