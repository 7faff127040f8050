// The OpenAPI 3.1 document, generated from the route table so that it cannot drift from
// the routes the server answers (tests/api/openapi_test.cpp calls every documented route).
#include <algorithm>
#include <cctype>
#include <string>

#include <boost/json.hpp>

#include "api/errors.h"
#include "api/router.h"

namespace microcred::api {

namespace bj = boost::json;

namespace {

bj::value error_ref() {
  return bj::object{{"$ref", "#/components/schemas/Error"}};
}

bj::object error_response_doc(std::string_view description) {
  return bj::object{
      {"description", description},
      {"content", bj::object{{"application/json", bj::object{{"schema", error_ref()}}}}}};
}

bj::object error_schema() {
  bj::object fields{{"code", bj::object{{"type", "string"}}},
                    {"message", bj::object{{"type", "string"}}},
                    {"field", bj::object{{"type", "string"}}}};
  bj::object error{{"type", "object"},
                   {"required", bj::array{"code", "message"}},
                   {"properties", std::move(fields)}};
  return bj::object{{"type", "object"},
                    {"required", bj::array{"error"}},
                    {"properties", bj::object{{"error", std::move(error)}}}};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bj::object operation(const Route& route) {
  bj::object op{{"operationId", route.operation_id}, {"summary", route.doc.summary}};
  if (!route.doc.description.empty()) op["description"] = route.doc.description;
  if (!route.doc.tag.empty()) op["tags"] = bj::array{bj::string(route.doc.tag)};
  // Every {name} of the pattern is a required path parameter, documented or not (OpenAPI
  // requires it); the route's docs add description and example.
  bj::array parameters;
  std::string_view rest = route.pattern;
  while (true) {
    std::size_t open = rest.find('{');
    if (open == std::string_view::npos) break;
    std::size_t close = rest.find('}', open);
    if (close == std::string_view::npos) break;
    std::string name(rest.substr(open + 1, close - open - 1));
    rest.remove_prefix(close + 1);
    bj::object p{{"name", name},
                 {"in", "path"},
                 {"required", true},
                 {"schema", bj::object{{"type", "string"}}}};
    for (const auto& parameter : route.doc.parameters) {
      if (parameter.name != name) continue;
      if (!parameter.description.empty()) p["description"] = parameter.description;
      if (!parameter.example.empty()) p["example"] = parameter.example;
    }
    parameters.push_back(std::move(p));
  }
  if (!parameters.empty()) op["parameters"] = std::move(parameters);
  if (!route.doc.request_schema.is_null()) {
    bj::object media{{"schema", route.doc.request_schema}};
    if (!route.doc.request_example.is_null()) media["example"] = route.doc.request_example;
    op["requestBody"] = bj::object{{"required", true},
                                   {"content", bj::object{{"application/json", std::move(media)}}}};
  }
  bj::object responses;
  for (const auto& doc : route.doc.responses) {
    bj::object response{{"description", doc.description}};
    if (!doc.content_type.empty()) {
      bj::object media;
      if (!doc.schema.is_null()) media["schema"] = doc.schema;
      response["content"] = bj::object{{doc.content_type, std::move(media)}};
    }
    responses[std::to_string(doc.status)] = std::move(response);
  }
  // Answers every route may give, documented once here rather than in each route.
  if (route.json_body) {
    if (!responses.contains("400")) {
      responses["400"] = error_response_doc("The body is not well-formed JSON or misses a field");
    }
    responses["413"] = error_response_doc("The body is over the size or nesting limit");
    responses["415"] = error_response_doc("The body is not JSON (Content-Type)");
  }
  if (route.rate_limited) {
    responses["429"] = error_response_doc("Too many requests from this client; see Retry-After");
  }
  responses["500"] = error_response_doc("An internal error; the request id is in X-Request-Id");
  op["responses"] = std::move(responses);
  return op;
}

}  // namespace

bj::value openapi_document(const Router& router, std::string_view title, std::string_view version) {
  bj::object paths;
  for (const auto& route : router.routes()) {
    auto& item = paths[route.pattern];
    if (!item.is_object()) item = bj::object{};
    item.as_object()[lower(route.method)] = operation(route);
  }
  return bj::object{
      {"openapi", "3.1.0"},
      {"info",
       bj::object{{"title", title},
                  {"version", version},
                  {"description",
                   "microcred's HTTP API: the W3C CCG VC API verifier, health and metrics, and "
                   "the server's JSON-LD contexts. Errors are "
                   "{\"error\":{\"code\",\"message\",\"field\"}}; docs/api.md has the details."}}},
      {"paths", std::move(paths)},
      {"components", bj::object{{"schemas", bj::object{{"Error", error_schema()}}}}}};
}

}  // namespace microcred::api
