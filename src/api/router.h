#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "api/http.h"

namespace microcred::api {

/// A handler: the request (path parameters filled in) to the response. Handlers run on the
/// server's threads at the same time, so whatever they share must be thread-safe.
using Handler = std::function<Response(const Request&)>;

/// One documented response of a route, for OpenAPI.
struct ResponseDoc {
  int status = 200;
  std::string description;
  std::string content_type = "application/json";
  /// JSON Schema of the body (OpenAPI 3.1 dialect); null for none or free-form.
  boost::json::value schema;
};

/// A path parameter's documentation; `example` is used by the OpenAPI test to call the route.
struct ParameterDoc {
  std::string name;
  std::string description;
  std::string example;
};

/// What OpenAPI says about a route.
struct RouteDoc {
  std::string summary;
  std::string description;
  std::string tag;
  std::vector<ParameterDoc> parameters;
  /// JSON Schema of the request body; null when the route takes none.
  boost::json::value request_schema;
  /// An example request body (sent by the OpenAPI test); null for none.
  boost::json::value request_example;
  std::vector<ResponseDoc> responses;
};

/// One route: method and path pattern ("/contexts/{name}/{version}": a `{x}` segment
/// matches one non-empty segment and becomes parameter x).
struct Route {
  std::string method;
  std::string pattern;
  std::string operation_id;
  Handler handler;
  RouteDoc doc;
  /// Public and unauthenticated: counted against the client's rate limit.
  bool rate_limited = false;
  /// The body must be JSON (Content-Type application/json or +json), else 415.
  bool json_body = false;
};

/// The result of matching a request: the route (null when none), its index in the table,
/// the path parameters, and the methods the path allows when only the method was wrong.
struct Match {
  const Route* route = nullptr;
  std::size_t index = 0;
  std::vector<std::pair<std::string, std::string>> params;
  /// Non-empty when the path matched some route but not with this method (answer 405).
  std::vector<std::string> allowed_methods;
  /// The path had a malformed percent-escape (answer 400).
  bool bad_path = false;
};

/// The route table. Built once at start-up, then only read: `match` is thread-safe.
class Router {
 public:
  /// Adds `route`. Fails (returns false) when the pattern is malformed or the same method
  /// and pattern are already taken.
  bool add(Route route);

  /// The route for `method` and the (percent-encoded) `path`. A HEAD request matches a GET
  /// route when no HEAD route exists.
  Match match(std::string_view method, std::string_view path) const;

  /// Every route, in the order added.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Segment {
    std::string text;
    bool parameter = false;
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> patterns_;
};

/// The OpenAPI 3.1 document of `router`: every route with its parameters, request body and
/// responses, the shared `Error` schema, and `info` with `title` and `version`.
boost::json::value openapi_document(const Router& router, std::string_view title,
                                    std::string_view version);

}  // namespace microcred::api
