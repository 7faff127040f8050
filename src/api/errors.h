#pragma once

#include <string>
#include <string_view>

#include "api/http.h"
#include "core/error.h"

namespace microcred::api {

/// Error codes of the HTTP layer itself, beside `ErrorCode`'s wire strings. Each is sent as
/// `{"error":{"code":...}}`; a rename is an API change.
namespace http_error {
inline constexpr std::string_view bad_request = "bad_request";
inline constexpr std::string_view not_found = "not_found";
inline constexpr std::string_view method_not_allowed = "method_not_allowed";
inline constexpr std::string_view request_timeout = "request_timeout";
inline constexpr std::string_view payload_too_large = "payload_too_large";
inline constexpr std::string_view unsupported_media_type = "unsupported_media_type";
inline constexpr std::string_view header_too_large = "header_too_large";
inline constexpr std::string_view rate_limited = "rate_limited";
inline constexpr std::string_view internal_error = "internal_error";
inline constexpr std::string_view unavailable = "unavailable";
}  // namespace http_error

/// The HTTP status that fits `code`: parse errors 400, unauthorized 401, forbidden 403,
/// not_found 404, conflict 409, limit_exceeded 413, other invalid input 422,
/// storage_error 503, our own failures 500. docs/api.md has the table.
int http_status(ErrorCode code);

/// `{"error":{"code","message","field"}}` with `status`; "field" only when non-empty.
Response error_response(int status, std::string_view code, std::string_view message,
                        std::string_view field = {});

/// `error` as a response with the status `http_status(error.code)`.
Response error_response(const Error& error);

}  // namespace microcred::api
