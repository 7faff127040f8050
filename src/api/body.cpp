#include <cstdio>
#include <cstdlib>

#include "api/detail/services.h"
#include "json/parse.h"

namespace microcred::api::detail {

void add_route(Router& router, Route route) {
  std::string name = route.method + " " + route.pattern;
  if (!router.add(std::move(route))) {
    std::fprintf(stderr, "microcred: internal error: route %s is malformed or taken twice\n",
                 name.c_str());
    std::abort();
  }
}

Result<boost::json::value> parse_json_body(const std::string& body, const ServerConfig& config) {
  if (body.empty()) {
    return make_error(ErrorCode::parse_error, "the request has no body; send a JSON object");
  }
  auto value =
      json::parse(body, {.max_bytes = config.max_body_bytes, .max_depth = config.max_json_depth});
  if (!value) {
    Error error = std::move(value).error();
    // The parser reports line:column in `field`; the API's `field` is a JSON pointer, so
    // the position moves into the message.
    if (!error.field.empty()) error.message = "body:" + error.field + ": " + error.message;
    error.field.clear();
    return error;
  }
  return value;
}

}  // namespace microcred::api::detail
