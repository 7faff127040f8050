#include "api/application.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json/serialize.hpp>

#include "api/detail/services.h"
#include "api/errors.h"
#include "api/proxy_trust.h"
#include "api/rate_limiter.h"
#include "core/encoding.h"
#include "crypto/random.h"
#include "json/parse.h"

#ifndef MICROCRED_VERSION
#define MICROCRED_VERSION "0.0.0"
#endif

namespace microcred::api {

namespace bj = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t max_request_id_length = 128;
// A DID document or status list file larger than this is not one.
constexpr std::size_t max_document_file_bytes = 16 * 1024 * 1024;

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > max_request_id_length) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
  });
}

Result<std::string> read_text_file(const fs::path& path) {
  std::error_code error;
  auto size = fs::file_size(path, error);
  if (error) {
    return make_error(ErrorCode::io_error, "cannot read " + path.string() + ": " + error.message());
  }
  if (size > max_document_file_bytes) {
    return make_error(ErrorCode::limit_exceeded, path.string() + " is over 16 MiB");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return make_error(ErrorCode::io_error, "cannot read " + path.string());
  return text.str();
}

// The *.json files of `directory`, sorted, so start-up is reproducible.
Result<std::vector<fs::path>> json_files(const std::string& directory, const std::string& setting) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    return make_error(ErrorCode::io_error, directory + " is not a directory", setting);
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  if (error)
    return make_error(ErrorCode::io_error, "cannot list " + directory + ": " + error.message(),
                      setting);
  std::sort(files.begin(), files.end());
  return files;
}

Result<bj::value> read_json_file(const fs::path& path) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  auto value = json::parse(*text, {.max_bytes = max_document_file_bytes, .max_depth = 64});
  if (!value) {
    return make_error(value.error().code,
                      path.string() + ":" + value.error().field + ": " + value.error().message);
  }
  return value;
}

Result<void> load_verifier_inputs(const ServerConfig& config, detail::Services& services) {
  if (!config.did_documents.empty()) {
    auto files = json_files(config.did_documents, "verify.did_documents");
    if (!files) return files.error();
    for (const auto& file : *files) {
      auto document = read_json_file(file);
      if (!document) return document.error();
      if (auto added = services.dids.add(std::move(*document)); !added) {
        return make_error(added.error().code, file.string() + ": " + added.error().message);
      }
    }
  }
  if (!config.status_lists.empty()) {
    auto files = json_files(config.status_lists, "verify.status_lists");
    if (!files) return files.error();
    for (const auto& file : *files) {
      auto list = read_json_file(file);
      if (!list) return list.error();
      const bj::string* id = nullptr;
      if (list->is_object()) {
        if (const auto* found = list->as_object().if_contains("id")) id = found->if_string();
      }
      if (id == nullptr) {
        return make_error(ErrorCode::invalid_argument,
                          file.string() + ": a status list credential needs a string \"id\"");
      }
      services.status_lists.insert_or_assign(std::string(*id), std::move(*list));
    }
  }
  if (!config.registry.empty()) {
    auto text = read_text_file(config.registry);
    if (!text) return text.error();
    auto registry = vc::IssuerRegistry::parse(*text);
    if (!registry) {
      return make_error(registry.error().code, config.registry + ": " + registry.error().message,
                        "verify.registry");
    }
    services.registry = std::move(*registry);
  }
  return {};
}

}  // namespace

struct Application::State {
  State(const ServerConfig& config, Dependencies dependencies)
      : config(config),
        services(this->config, dependencies.store, dependencies.clock),
        limiter({.per_second = config.rate_limit_per_second, .burst = config.rate_limit_burst}) {}

  ServerConfig config;
  detail::Services services;
  Router router;
  std::unique_ptr<Metrics> metrics;
  RateLimiter limiter;
  ProxyTrust proxies;
  std::string request_id_prefix;
  std::atomic<std::uint64_t> request_counter{0};
};

Application::Application(std::unique_ptr<State> state) : state_(std::move(state)) {}
Application::~Application() = default;

Result<std::unique_ptr<Application>> Application::create(const ServerConfig& config,
                                                         Dependencies dependencies) {
  auto state = std::make_unique<State>(config, dependencies);
  auto proxies = ProxyTrust::parse(config.trusted_proxies);
  if (!proxies) {
    return make_error(ErrorCode::invalid_argument, proxies.error().message,
                      "server.trusted_proxies");
  }
  state->proxies = std::move(*proxies);
  if (auto loaded = load_verifier_inputs(state->config, state->services); !loaded) {
    return loaded.error();
  }

  detail::add_health_routes(state->router, state->services);
  detail::add_verify_routes(state->router, state->services);
  detail::add_catalogue_routes(state->router, state->services);
  detail::add_document_routes(state->router, state->services);

  std::vector<std::pair<std::string, std::string>> labels;
  for (const auto& route : state->router.routes())
    labels.emplace_back(route.method, route.pattern);
  state->metrics = std::make_unique<Metrics>(std::move(labels));
  state->services.metrics = state->metrics.get();
  state->services.openapi_json =
      bj::serialize(openapi_document(state->router, "microcred", MICROCRED_VERSION));

  std::array<std::uint8_t, 6> random{};
  crypto::SystemRandom().fill(random);
  state->request_id_prefix = hex_encode(random) + "-";
  return std::unique_ptr<Application>(new Application(std::move(state)));
}

const Router& Application::router() const {
  return state_->router;
}
Metrics& Application::metrics() {
  return *state_->metrics;
}
const ServerConfig& Application::config() const {
  return state_->config;
}

Response Application::handle(Request& request) {
  State& state = *state_;
  if (std::string_view incoming = request.header("x-request-id"); valid_request_id(incoming)) {
    request.request_id = std::string(incoming);
  } else {
    request.request_id = state.request_id_prefix + std::to_string(++state.request_counter);
  }
  request.client_address =
      state.proxies.client_address(request.peer_address, request.header_list("x-forwarded-for"));

  Response response = [&]() -> Response {
    Match match = state.router.match(request.method, request.path);
    if (match.bad_path) {
      return error_response(400, http_error::bad_request, "the path has a malformed %-escape");
    }
    if (match.route == nullptr) {
      if (!match.allowed_methods.empty()) {
        std::string allow;
        for (const auto& method : match.allowed_methods) {
          allow += (allow.empty() ? "" : ", ") + method;
        }
        Response refused = error_response(
            405, http_error::method_not_allowed,
            request.method + " is not allowed on " + request.path + "; use " + allow);
        refused.set("Allow", allow);
        return refused;
      }
      return error_response(404, http_error::not_found, "no resource at " + request.path);
    }
    const Route& route = *match.route;
    auto answer = [&]() -> Response {
      if (route.rate_limited && state.limiter.enabled()) {
        RateDecision decision = state.limiter.acquire(request.client_address);
        if (!decision.allowed) {
          state.metrics->count_rate_limited();
          Response refused =
              error_response(429, http_error::rate_limited,
                             "too many requests from " + request.client_address + "; retry in " +
                                 std::to_string(decision.retry_after_seconds) + " s");
          refused.set("Retry-After", std::to_string(decision.retry_after_seconds));
          return refused;
        }
      }
      if (route.json_body && !is_json_media_type(request.header("content-type"))) {
        return error_response(415, http_error::unsupported_media_type,
                              "send the body as application/json", "Content-Type");
      }
      request.params = std::move(match.params);
      try {
        return route.handler(request);
      } catch (const std::exception& error) {
        return error_response(500, http_error::internal_error,
                              std::string("internal error: ") + error.what());
      } catch (...) {
        return error_response(500, http_error::internal_error, "internal error");
      }
    };
    Response routed = answer();
    routed.route_index = static_cast<int>(match.index);
    return routed;
  }();
  response.set("X-Request-Id", request.request_id);
  return response;
}

}  // namespace microcred::api
