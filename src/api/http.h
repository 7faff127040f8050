#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace microcred::api {

/// One HTTP request as the handlers see it: no Beast types, so handlers and tests compile
/// without the server. Header names are lower-case.
struct Request {
  std::string method;  ///< "GET", "POST", ...
  std::string target;  ///< As sent: "/contexts/microcredential/v1?x=1".
  std::string path;    ///< The target up to '?', still percent-encoded.
  std::string query;   ///< The target after '?', without it.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string peer_address;    ///< The socket peer's IP address.
  std::string client_address;  ///< The client's IP (X-Forwarded-For from trusted proxies).
  std::string request_id;      ///< Set by the dispatcher; echoed as X-Request-Id.
  std::vector<std::pair<std::string, std::string>> params;  ///< Path parameters, decoded.

  /// The first header named `name` (lower-case), or "" when absent.
  std::string_view header(std::string_view name) const;
  /// Every header named `name` joined with ", " (RFC 9110 §5.3).
  std::string header_list(std::string_view name) const;
  /// The path parameter `name`, or "" when absent.
  std::string_view param(std::string_view name) const;
};

/// One HTTP response. `route_index` is the index of the route that answered in the route
/// table (-1 when none matched); it labels metrics and is not sent.
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  int route_index = -1;
  /// Close the connection after this response (errors that leave the stream unusable).
  bool close = false;

  /// Adds a header (no check for duplicates).
  void set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

/// A response with `status` and a JSON body.
Response json_response(int status, std::string body);

/// The reason phrase of `status` ("Not Found"), "" for an unknown one.
std::string_view reason_phrase(int status);

/// Whether `content_type` names JSON: application/json or application/<x>+json, any
/// parameters (charset) ignored, case-insensitive.
bool is_json_media_type(std::string_view content_type);

/// `text` with %XX escapes decoded. Fails (returns false) on a bad escape or a decoded NUL.
bool percent_decode(std::string_view text, std::string& out);

/// The name=value pairs of a query string (application/x-www-form-urlencoded: '+' is a
/// space, %XX escapes decoded), in order; empty pairs skipped. Fails (returns false) on a
/// bad escape, leaving the name of the offending parameter in `bad`.
bool parse_query(std::string_view query, std::vector<std::pair<std::string, std::string>>& out,
                 std::string& bad);

}  // namespace microcred::api
