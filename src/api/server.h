#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/result.h"

namespace microcred::api {

class Application;
class AccessLog;

/// What the server is doing right now.
struct ServerStats {
  /// Open client connections.
  std::size_t connections = 0;
  /// Requests being read, handled or answered (not idle keep-alive connections).
  std::size_t active_requests = 0;
};

/// The HTTP/1.1 server (Boost.Beast, kept out of this header): one I/O context run by a
/// pool of threads, keep-alive, limits on header and body size, request time, idle time
/// and connections (from the application's `ServerConfig`), an access log line per answer
/// and graceful shutdown. Thread-safe.
class Server {
 public:
  /// A server for `application`, logging to `log`; both must outlive it. It does not
  /// listen until `start`.
  Server(Application& application, AccessLog& log);
  /// Stops the server (as `stop`) if it runs.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the configured address and starts the threads. Fails with `io_error` when the
  /// address cannot be resolved or bound (in use, no permission) and `invalid_argument`
  /// when it is malformed.
  Result<void> start();

  /// The port bound (the chosen one when configured as port 0); 0 before `start`.
  std::uint16_t port() const;

  /// Graceful shutdown: stop accepting, close idle connections, let requests in flight
  /// finish (answered with `Connection: close`) for up to `shutdown_timeout_ms`, then cut
  /// what remains and join the threads. Idempotent; callable from any thread but the
  /// server's own.
  void stop();

  /// From now on SIGINT and SIGTERM no longer end the process but stop this server; call
  /// it after `start`, before announcing the server, so that no early signal is lost.
  void catch_signals();

  /// Blocks until SIGINT or SIGTERM arrives (or `stop` is called elsewhere), then stops.
  /// Catches the signals first if `catch_signals` was not called. Returns the signal
  /// number, or 0 when stopped without one.
  int wait_for_signal();

  /// Connections and requests at this moment.
  ServerStats stats() const;

  /// The implementation, defined in server.cpp (public so its sessions can name it).
  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace microcred::api
