// GET /healthz, /readyz and /metrics: for load balancers, orchestrators and Prometheus.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "api/detail/services.h"
#include "api/errors.h"
#include "store/store.h"

namespace microcred::api::detail {

namespace bj = boost::json;

namespace {

bj::value status_schema(std::initializer_list<std::string_view> extra_properties) {
  bj::object properties{{"status", bj::object{{"type", "string"}}}};
  for (auto name : extra_properties)
    properties[name] = bj::object{};
  return bj::object{
      {"type", "object"}, {"required", bj::array{"status"}}, {"properties", properties}};
}

}  // namespace

void add_health_routes(Router& router, Services& services) {
  add_route(router,
            {.method = "GET",
             .pattern = "/healthz",
             .operation_id = "health",
             .handler = [](const Request&) { return json_response(200, R"({"status":"ok"})"); },
             .doc = {.summary = "Liveness: the process answers",
                     .tag = "operations",
                     .responses = {
                         {200, "The server is running", "application/json", status_schema({})}}}});

  add_route(
      router,
      {.method = "GET",
       .pattern = "/readyz",
       .operation_id = "readiness",
       .handler =
           [&services](const Request&) {
             auto reached =
                 services.store.transaction([](store::Transaction&) -> Result<void> { return {}; });
             if (!reached) {
               return error_response(503, http_error::unavailable,
                                     "the database is not reachable: " + reached.error().message);
             }
             return json_response(200, bj::serialize(bj::object{
                                           {"status", "ready"},
                                           {"database", store::to_string(services.store.backend())},
                                           {"schema_version", services.store.schema_version()}}));
           },
       .doc = {.summary = "Readiness: the database answers a transaction",
               .tag = "operations",
               .responses = {{200, "Ready to serve", "application/json",
                              status_schema({"database", "schema_version"})},
                             {503, "The database is not reachable", "application/json",
                              bj::object{{"$ref", "#/components/schemas/Error"}}}}}});

  add_route(router,
            {.method = "GET",
             .pattern = "/metrics",
             .operation_id = "metrics",
             .handler =
                 [&services](const Request&) {
                   Response response;
                   response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                   response.body = services.metrics->render();
                   return response;
                 },
             .doc = {.summary = "Prometheus metrics",
                     .description = "Request counts by route and status, latency histograms by "
                                    "route, verifications by result, open connections.",
                     .tag = "operations",
                     .responses = {{200, "Metrics in the Prometheus text format 0.0.4",
                                    "text/plain", bj::object{{"type", "string"}}}}}});
}

}  // namespace microcred::api::detail
