// The HTTP server on Boost.Beast and Asio. This is the one translation unit that includes
// them; the application and its handlers see only api/http.h.
#include "api/server.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/access_log.h"
#include "api/application.h"
#include "api/errors.h"

namespace microcred::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

namespace {

// After an error answer whose request body was not read (413, 408, 400), the rest of what
// the client sends is read and dropped for this long, so that closing the socket does not
// reset the connection before the client has read the answer.
constexpr auto linger_time = std::chrono::seconds(2);
constexpr std::size_t first_read_bytes = 8 * 1024;
constexpr auto accept_retry_delay = std::chrono::milliseconds(50);

// An RFC 9110 IMF-fixdate, computed once per second per thread.
const std::string& http_date() {
  thread_local std::time_t cached_second = 0;
  thread_local std::string cached;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    cached = buffer;
    cached_second = now;
  }
  return cached;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

class Session;

class Server::Impl {
 public:
  Impl(Application& application, AccessLog& log)
      : application(application),
        log(log),
        config(application.config()),
        threads(config.threads > 0 ? config.threads
                                   : std::max(1u, std::thread::hardware_concurrency())),
        ioc(static_cast<int>(threads)),
        acceptor(asio::make_strand(ioc)),
        retry_timer(acceptor.get_executor()) {}

  Result<void> start();
  void stop();
  void catch_signals();
  int wait_for_signal();
  void accept();

  void register_session(const std::shared_ptr<Session>& session);
  void unregister_session(Session* session);

  Application& application;
  AccessLog& log;
  const ServerConfig& config;
  unsigned threads;

  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> active{0};
  std::atomic<std::uint16_t> bound_port{0};

  std::mutex sessions_mutex;
  std::condition_variable sessions_gone;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  std::mutex stop_mutex;
  bool started = false;
  bool stopped = false;
  std::promise<int> signal_promise;
  std::future<int> signalled;
  std::atomic<bool> signal_promised{false};

  // Declared after what sessions use, so that it (and the handlers it still holds, and
  // through them the sessions) goes first.
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::steady_timer retry_timer;
  std::optional<asio::signal_set> signals;
  std::vector<std::thread> pool;
};

// One client connection: reads requests one after another (keep-alive), hands each to the
// application, writes the answer. All its handlers run on its own strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)),
        request_timer_(stream_.get_executor()),
        server_(server),
        config_(server.config) {
    server_.connections.fetch_add(1);
    server_.application.metrics().connection_opened();
    beast::error_code ignored;
    auto endpoint = stream_.socket().remote_endpoint(ignored);
    if (!ignored) peer_ = endpoint.address().to_string();
  }

  ~Session() {
    if (phase_ != Phase::idle && phase_ != Phase::closing) server_.active.fetch_sub(1);
    server_.application.metrics().connection_closed();
    server_.unregister_session(this);
  }

  void start(bool over_limit) {
    if (over_limit) {
      begin_request();
      answer_error(error_response(503, http_error::unavailable,
                                  "the server is at its connection limit; retry shortly"),
                   true);
      return;
    }
    wait_for_request();
  }

  /// The session's strand.
  auto get_executor() { return stream_.get_executor(); }

  // Called on the strand when the server begins to stop: an idle connection is closed at
  // once; a busy one finishes its request and then closes (see `finish`).
  void on_shutdown() {
    if (phase_ == Phase::idle) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream_.socket().close(ignored);
    }
  }

  // Called on the strand when the shutdown time is over.
  void cut() {
    beast::error_code ignored;
    request_timer_.cancel();
    stream_.socket().close(ignored);
  }

 private:
  enum class Phase { idle, reading, handling, writing, closing };

  void set_phase(Phase next) {
    bool was_active = phase_ != Phase::idle && phase_ != Phase::closing;
    bool is_active = next != Phase::idle && next != Phase::closing;
    if (is_active && !was_active) server_.active.fetch_add(1);
    if (!is_active && was_active) server_.active.fetch_sub(1);
    phase_ = next;
  }

  void begin_request() {
    set_phase(Phase::reading);
    started_ = SteadyClock::now();
    method_.clear();
    path_.clear();
  }

  // Waits for the first byte of the next request under the idle timeout, so that an idle
  // keep-alive connection and a slow request are timed separately.
  void wait_for_request() {
    if (server_.stopping.load()) return close();
    if (buffer_.size() > 0) return read_request();
    set_phase(Phase::idle);
    stream_.expires_after(std::chrono::milliseconds(config_.idle_timeout_ms));
    stream_.async_read_some(buffer_.prepare(first_read_bytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                              if (ec) return self->close();
                              self->buffer_.commit(bytes);
                              self->read_request();
                            });
  }

  void read_request() {
    begin_request();
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(config_.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(config_.max_body_bytes);
    // Our own timer rather than the stream's: the stream closes the socket when its timer
    // fires, and a slow client should still get its 408.
    stream_.expires_never();
    timed_out_ = false;
    request_timer_.expires_after(std::chrono::milliseconds(config_.request_timeout_ms));
    request_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->phase_ != Phase::reading) return;
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->finish_read(ec);
                              self->read_body();
                            });
  }

  // RFC 9110 §10.1.1: a client that sent "Expect: 100-continue" waits for a 100 before it
  // sends the body (curl does for bodies over 1 KiB). The header has passed the limits
  // (a Content-Length over the body limit already failed), so the body is welcome.
  void read_body() {
    const auto& header = parser_->get();
    auto expect = header[http::field::expect];
    if (!parser_->is_done() && beast::iequals(expect, "100-continue")) {
      continue_ = std::make_unique<http::response<http::empty_body>>(http::status::continue_, 11);
      http::async_write(stream_, *continue_,
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          self->continue_.reset();
                          if (ec) return self->finish_read(ec);
                          self->read_rest();
                        });
      return;
    }
    read_rest();
  }

  void read_rest() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->finish_read(ec); });
  }

  void finish_read(beast::error_code ec) {
    request_timer_.cancel();
    if (ec == asio::error::operation_aborted && timed_out_) ec = beast::error::timeout;
    on_read(ec);
  }

  void on_read(beast::error_code ec) {
    if (parser_ && parser_->is_header_done()) {
      method_ = std::string(parser_->get().method_string());
      std::string_view target = parser_->get().target();
      path_ = std::string(target.substr(0, target.find('?')));
    }
    if (!ec) return handle();
    if (ec == http::error::end_of_stream) return close();
    if (ec == beast::error::timeout) {
      // Nothing to answer when the client sent nothing of a new request.
      if (!parser_ || !parser_->got_some()) return close();
      return answer_error(error_response(408, http_error::request_timeout,
                                         "the request was not received within " +
                                             std::to_string(config_.request_timeout_ms) + " ms"),
                          true);
    }
    if (ec == http::error::body_limit) {
      return answer_error(error_response(413, http_error::payload_too_large,
                                         "the body is over the limit of " +
                                             std::to_string(config_.max_body_bytes) + " bytes"),
                          true);
    }
    if (ec == http::error::header_limit) {
      return answer_error(error_response(431, http_error::header_too_large,
                                         "the request line and headers are over the limit of " +
                                             std::to_string(config_.max_header_bytes) + " bytes"),
                          true);
    }
    if (ec == http::error::partial_message) return close();
    if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
      return answer_error(
          error_response(400, http_error::bad_request, "malformed HTTP request: " + ec.message()),
          true);
    }
    close();  // the connection failed (reset, cancelled): no one to answer
  }

  void handle() {
    set_phase(Phase::handling);
    auto message = parser_->release();
    parser_.reset();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    auto question = request.target.find('?');
    request.path = request.target.substr(0, question);
    if (question != std::string::npos) request.query = request.target.substr(question + 1);
    request.headers.reserve(std::distance(message.begin(), message.end()));
    for (const auto& field : message) {
      request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());
    request.peer_address = peer_;
    bool keep_alive = message.keep_alive();
    bool head = message.method() == http::verb::head;
    int version = message.version();

    Response response;
    if (request.target.empty() || request.target.front() != '/') {
      response = error_response(400, http_error::bad_request,
                                "the request target must be a path starting with '/'");
      response.close = true;
    } else {
      response = server_.application.handle(request);
    }
    request_id_ = request.request_id;
    client_ = request.client_address;
    write(std::move(response), keep_alive, head, version);
  }

  // An answer to a request that could not be read whole: the connection closes after it.
  void answer_error(Response response, bool unread_input) {
    set_phase(Phase::handling);
    parser_.reset();
    linger_ = unread_input;
    request_id_.clear();
    client_ = peer_;
    write(std::move(response), false, false, 11);
  }

  void write(Response response, bool keep_alive, bool head, int version) {
    set_phase(Phase::writing);
    keep_alive = keep_alive && !response.close && !server_.stopping.load();
    auto& out = response_;
    out = {};
    out.version(version == 10 ? 10 : 11);
    out.result(static_cast<unsigned>(response.status));
    out.set(http::field::server, "microcred");
    out.set(http::field::date, http_date());
    if (!response.content_type.empty()) out.set(http::field::content_type, response.content_type);
    out.set("X-Content-Type-Options", "nosniff");
    for (auto& [name, value] : response.headers)
      out.insert(name, value);
    if (request_id_.empty()) {
      for (const auto& [name, value] : response.headers) {
        if (name == "X-Request-Id") request_id_ = value;
      }
    }
    body_bytes_ = response.body.size();
    status_ = response.status;
    route_index_ = response.route_index;
    bool bodiless = response.status == 204 || response.status == 304 ||
                    (response.status >= 100 && response.status < 200);
    if (bodiless) {
      body_bytes_ = 0;
    } else if (head) {
      out.content_length(response.body.size());
      body_bytes_ = 0;
    } else {
      out.body() = std::move(response.body);
      out.prepare_payload();
    }
    out.keep_alive(keep_alive);
    keep_alive_ = keep_alive;
    stream_.expires_after(std::chrono::milliseconds(config_.request_timeout_ms));
    http::async_write(stream_, out, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_write(ec);
    });
  }

  void on_write(beast::error_code ec) {
    double seconds = std::chrono::duration<double>(SteadyClock::now() - started_).count();
    auto& metrics = server_.application.metrics();
    metrics.observe_request(
        route_index_ < 0 ? metrics.unmatched() : static_cast<std::size_t>(route_index_), status_,
        seconds);
    if (server_.log.enabled()) {
      server_.log.write({.time = SystemClock().now(),
                         .method = method_,
                         .path = path_,
                         .status = status_,
                         .bytes = body_bytes_,
                         .duration_ms = seconds * 1000,
                         .request_id = request_id_,
                         .client = client_});
    }
    response_ = {};
    if (ec) return close();
    if (!keep_alive_) return linger_ ? linger() : close();
    wait_for_request();
  }

  // Half-closes, then reads and drops what the client still sends until it closes or the
  // linger time is over.
  void linger() {
    set_phase(Phase::closing);
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(linger_time);
    drain();
  }

  void drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(first_read_bytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    set_phase(Phase::closing);
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  asio::steady_timer request_timer_;
  bool timed_out_ = false;
  Server::Impl& server_;
  const ServerConfig& config_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::unique_ptr<http::response<http::empty_body>> continue_;
  http::response<http::string_body> response_;
  Phase phase_ = Phase::idle;
  SteadyClock::time_point started_ = SteadyClock::now();
  std::string peer_;
  std::string method_;
  std::string path_;
  std::string request_id_;
  std::string client_;
  std::uint64_t body_bytes_ = 0;
  int status_ = 0;
  int route_index_ = -1;
  bool keep_alive_ = false;
  bool linger_ = false;
};

void Server::Impl::register_session(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mutex);
  sessions.emplace(session.get(), session);
}

void Server::Impl::unregister_session(Session* session) {
  {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(session);
  }
  connections.fetch_sub(1);
  sessions_gone.notify_all();
}

Result<void> Server::Impl::start() {
  std::lock_guard lock(stop_mutex);
  if (started) return make_error(ErrorCode::invalid_argument, "the server was started already");
  auto address = parse_listen_address(config.listen);
  if (!address) return address.error();
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  auto endpoints = resolver.resolve(address->host, std::to_string(address->port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return make_error(ErrorCode::io_error, "cannot resolve " + address->host + ": " + ec.message(),
                      "server.listen");
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    acceptor.close(ignored);
    return make_error(ErrorCode::io_error,
                      "cannot listen on " + config.listen + ": " + ec.message(), "server.listen");
  }
  bound_port = acceptor.local_endpoint(ec).port();
  started = true;
  accept();
  pool.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) {
    pool.emplace_back([this] {
      // A handler that throws must not take the whole server down with it.
      for (;;) {
        try {
          ioc.run();
          return;
        } catch (const std::exception& error) {
          std::fprintf(stderr, "microcred: server thread: %s\n", error.what());
        } catch (...) {
          std::fprintf(stderr, "microcred: server thread: unknown exception\n");
        }
      }
    });
  }
  return {};
}

void Server::Impl::accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping.load() || !acceptor.is_open()) return;
    if (ec) {
      // Out of descriptors or similar: wait a moment instead of spinning.
      retry_timer.expires_after(accept_retry_delay);
      retry_timer.async_wait([this](beast::error_code) {
        if (!stopping.load()) accept();
      });
      return;
    }
    bool over_limit = connections.load() >= config.max_connections;
    auto session = std::make_shared<Session>(std::move(socket), *this);
    register_session(session);
    session->start(over_limit);
    accept();
  });
}

void Server::Impl::stop() {
  std::unique_lock stop_lock(stop_mutex);
  if (!started || stopped) return;
  stopped = true;
  stopping = true;
  asio::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    retry_timer.cancel();
    if (signals) signals->cancel(ignored);
  });
  auto each_session = [this](auto action) {
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(sessions_mutex);
      for (auto& [raw, weak] : sessions) {
        if (auto session = weak.lock()) live.push_back(std::move(session));
      }
    }
    for (auto& session : live)
      action(session);
  };
  // Sessions created from now on see `stopping` themselves.
  each_session([](const std::shared_ptr<Session>& session) {
    asio::post(session->get_executor(), [session] { session->on_shutdown(); });
  });
  {
    std::unique_lock lock(sessions_mutex);
    sessions_gone.wait_for(lock, std::chrono::milliseconds(config.shutdown_timeout_ms),
                           [this] { return sessions.empty(); });
  }
  each_session([](const std::shared_ptr<Session>& session) {
    asio::post(session->get_executor(), [session] { session->cut(); });
  });
  {
    // Cut connections finish their handlers quickly; give them a moment to log.
    std::unique_lock lock(sessions_mutex);
    sessions_gone.wait_for(lock, std::chrono::seconds(1), [this] { return sessions.empty(); });
  }
  ioc.stop();
  for (auto& thread : pool) {
    if (thread.joinable()) thread.join();
  }
  pool.clear();
  // wait_for_signal() must return even when the stop came from elsewhere.
  if (signals && !signal_promised.exchange(true)) signal_promise.set_value(0);
}

void Server::Impl::catch_signals() {
  std::lock_guard lock(stop_mutex);
  if (!started || stopped || signals) return;
  signals.emplace(ioc, SIGINT, SIGTERM);
  signalled = signal_promise.get_future();
  signals->async_wait([this](beast::error_code ec, int number) {
    if (!signal_promised.exchange(true)) signal_promise.set_value(ec ? 0 : number);
  });
}

int Server::Impl::wait_for_signal() {
  catch_signals();
  {
    std::lock_guard lock(stop_mutex);
    if (!signalled.valid()) return 0;
  }
  int number = signalled.get();
  stop();
  return number;
}

Server::Server(Application& application, AccessLog& log)
    : impl_(std::make_unique<Impl>(application, log)) {}

Server::~Server() {
  stop();
}

Result<void> Server::start() {
  return impl_->start();
}
std::uint16_t Server::port() const {
  return impl_->bound_port.load();
}
void Server::stop() {
  impl_->stop();
}
void Server::catch_signals() {
  impl_->catch_signals();
}
int Server::wait_for_signal() {
  return impl_->wait_for_signal();
}

ServerStats Server::stats() const {
  return {.connections = impl_->connections.load(), .active_requests = impl_->active.load()};
}

}  // namespace microcred::api
