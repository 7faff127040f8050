#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "api/config.h"
#include "api/http.h"
#include "api/metrics.h"
#include "api/router.h"
#include "core/result.h"
#include "core/time.h"

namespace microcred::store {
class Store;
}

namespace microcred::api {

/// What the application uses and does not own. Each must outlive the application.
struct Dependencies {
  /// The database; `/readyz` runs a transaction on it.
  store::Store& store;
  /// The clock verification runs at.
  const Clock& clock;
};

/// The HTTP application: the route table, the handlers' shared state (context store,
/// JSON-LD processor, the verifier's DID documents, status lists and registry), rate
/// limits and metrics. Independent of the transport: `handle` maps a `Request` to a
/// `Response`, so it is tested without sockets too. Thread-safe after `create`.
class Application {
 public:
  /// Builds the application from `config`: reads the DID documents, status lists and
  /// registry it names. Fails with `io_error`, `parse_error` or `invalid_argument` naming
  /// the file or setting.
  static Result<std::unique_ptr<Application>> create(const ServerConfig& config,
                                                     Dependencies dependencies);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  /// Answers `request`: assigns the request id and client address, matches the route
  /// (404/405), applies the rate limit (429), the media type (415) and runs the handler.
  /// Never throws: a handler's exception becomes a 500.
  Response handle(Request& request);

  /// The route table.
  const Router& router() const;
  /// The metrics the server and handlers update.
  Metrics& metrics();
  /// The configuration it was made with.
  const ServerConfig& config() const;

 private:
  struct State;
  explicit Application(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace microcred::api
