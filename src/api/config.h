#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace microcred::api {

/// Everything `microcred serve` can be told. Each field's default is what the server uses
/// when no flag, environment variable or file sets it; docs/api.md lists them all.
struct ServerConfig {
  /// The database: sqlite:PATH, sqlite::memory: or postgresql://...
  std::string db = "sqlite:data/microcred.db";
  /// Connections the store may open at once.
  std::size_t db_max_connections = 8;
  /// HOST:PORT to listen on ("[::1]:8080" for IPv6; port 0 picks a free one).
  std::string listen = "127.0.0.1:8080";
  /// Threads running the I/O loop and the handlers; 0 means one per core.
  unsigned threads = 0;
  /// Access log: "-" standard error, "off", or a file path.
  std::string access_log = "-";
  /// Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges).
  std::vector<std::string> trusted_proxies;

  /// Largest request head (request line and headers); over it: 431.
  std::size_t max_header_bytes = 16 * 1024;
  /// Largest request body; over it: 413.
  std::size_t max_body_bytes = 2 * 1024 * 1024;
  /// Deepest JSON nesting accepted in a body.
  std::size_t max_json_depth = 64;
  /// Time allowed to read one request once its first byte arrived; over it: 408.
  std::uint32_t request_timeout_ms = 10'000;
  /// Time an idle keep-alive connection stays open.
  std::uint32_t idle_timeout_ms = 60'000;
  /// Time in-flight requests get to finish on SIGTERM/SIGINT before connections are cut.
  std::uint32_t shutdown_timeout_ms = 20'000;
  /// Open connections at most; more are answered 503 and closed.
  std::size_t max_connections = 4096;

  /// Public endpoints: requests per second per client address (0 turns limiting off)...
  double rate_limit_per_second = 20;
  /// ...with bursts of up to this many.
  double rate_limit_burst = 40;

  /// did:web DID documents the verifier knows: every *.json file in this directory.
  std::string did_documents;
  /// Status list credentials the verifier knows: every *.json file in this directory.
  std::string status_lists;
  /// Accredited issuers (vc::IssuerRegistry format); empty skips the registry check.
  std::string registry;

  bool operator==(const ServerConfig&) const = default;
};

/// One setting: its key in the TOML file ("limits.max_body_bytes"), its flag
/// ("--max-body-bytes"), its environment variable ("MICROCRED_MAX_BODY_BYTES") and help.
struct SettingInfo {
  std::string key;
  std::string flag;
  std::string env;
  std::string help;
  /// Printed masked by `print_config` (passwords in URLs).
  bool secret = false;
};

/// Every setting, in the order `print_config` prints them.
const std::vector<SettingInfo>& settings();

/// Where the configuration comes from. Precedence: flags > environment > file > defaults.
struct ConfigSources {
  /// Flag values given on the command line, by setting key (as text).
  std::map<std::string, std::string> flags;
  /// Reads an environment variable (null when unset); null itself reads no environment.
  std::function<const char*(const char*)> getenv;
  /// A TOML file to read ("" for none; MICROCRED_CONFIG names one when this is empty).
  std::string file;
};

/// A configuration and, per setting key, where its value came from ("default",
/// "file FILE", "env NAME", "flag --name").
struct ResolvedConfig {
  ServerConfig config;
  std::map<std::string, std::string> origins;
};

/// Reads, checks and merges the sources. Fails with `invalid_argument` naming the source
/// and setting ("MICROCRED_THREADS: ...", "serve.toml: limits.max_body_bytes: ...") for a
/// value out of range or of the wrong type, or an unknown key in the file; with
/// `parse_error` when the file is not TOML; with `io_error` when it cannot be read.
Result<ResolvedConfig> resolve_config(const ConfigSources& sources);

/// `config` as a TOML document that `resolve_config` reads back, each line commented with
/// its origin; secrets masked ("postgresql://app:****@db/microcred").
std::string print_config(const ResolvedConfig& config);

/// `url` with any password replaced by "****" (user:password@ and password=...).
std::string mask_secrets(std::string_view url);

/// HOST and PORT of a listen address: "127.0.0.1:8080", "[::1]:8080", "localhost:80".
struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

/// Parses `text` as HOST:PORT. Fails with `invalid_argument`.
Result<ListenAddress> parse_listen_address(std::string_view text);

}  // namespace microcred::api
