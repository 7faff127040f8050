#pragma once

// The state the route handlers share; internal to src/api.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "api/config.h"
#include "api/metrics.h"
#include "api/router.h"
#include "core/result.h"
#include "core/time.h"
#include "rdf/context_store.h"
#include "rdf/jsonld_processor.h"
#include "vc/did_resolver.h"
#include "vc/verify.h"

namespace microcred::store {
class Store;
}

namespace microcred::api::detail {

/// Everything a handler may use. Built once; afterwards only read (the processor's cache
/// and the metrics are thread-safe themselves).
struct Services {
  Services(const ServerConfig& config, store::Store& store, const Clock& clock)
      : config(config), store(store), clock(clock) {}

  const ServerConfig& config;
  store::Store& store;
  const Clock& clock;
  rdf::ContextStore contexts = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor{contexts};
  vc::DidResolver dids;
  /// Status list credentials by their `id`.
  std::map<std::string, boost::json::value, std::less<>> status_lists;
  std::optional<vc::IssuerRegistry> registry;
  Metrics* metrics = nullptr;
  /// The OpenAPI document, serialized once the route table is complete.
  std::string openapi_json;
};

/// The body of `request` parsed as JSON within the configured limits, or the error
/// response to send (400 malformed, 413 too large or too deep).
Result<boost::json::value> parse_json_body(const std::string& body, const ServerConfig& config);

/// Adds `route` to `router`; a malformed or duplicate route is our bug, reported on standard
/// error before aborting at start-up (every test starts the application).
void add_route(Router& router, Route route);

/// Adds GET /healthz, GET /readyz, GET /metrics.
void add_health_routes(Router& router, Services& services);
/// Adds POST /credentials/verify.
void add_verify_routes(Router& router, Services& services);
/// Adds GET /api/v1/catalogue and GET /api/v1/catalogue/{design_id}.
void add_catalogue_routes(Router& router, Services& services);
/// Adds GET /contexts/{name}/{version} and GET /api/v1/openapi.json.
void add_document_routes(Router& router, Services& services);

/// The base URL of the contexts microcred itself defines; GET /contexts/<rest> serves
/// `own_context_base + <rest>`.
inline constexpr std::string_view own_context_base = "https://microcred.eu/contexts/";

}  // namespace microcred::api::detail
