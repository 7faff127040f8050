// `microcred serve` configuration: one table of settings drives the flags, the environment
// variables, the TOML file and --print-config, so the four cannot disagree.
#include "api/config.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <sstream>

#include <toml++/toml.h>

namespace microcred::api {

namespace {

enum class Kind { string, integer, number, list };

struct Setting {
  SettingInfo info;
  Kind kind;
  // Sets the field from text; returns an error message when the text does not fit.
  std::function<std::optional<std::string>(ServerConfig&, std::string_view)> apply;
  // The field's value as a TOML value literal.
  std::function<std::string(const ServerConfig&)> show;
};

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

template <class T>
Setting integer_setting(SettingInfo info, T ServerConfig::*field, std::uint64_t min,
                        std::uint64_t max) {
  auto apply = [field, min, max](ServerConfig& config,
                                 std::string_view text) -> std::optional<std::string> {
    text = trim(text);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
      return "\"" + std::string(text) + "\" is not a whole number";
    }
    if (value < min || value > max) {
      return "must be " + std::to_string(min) + "-" + std::to_string(max) + ", got " +
             std::to_string(value);
    }
    config.*field = static_cast<T>(value);
    return std::nullopt;
  };
  auto show = [field](const ServerConfig& config) { return std::to_string(config.*field); };
  return {std::move(info), Kind::integer, apply, show};
}

Setting number_setting(SettingInfo info, double ServerConfig::*field, double min, double max) {
  auto apply = [field, min, max](ServerConfig& config,
                                 std::string_view text) -> std::optional<std::string> {
    text = trim(text);
    std::string copy(text);
    char* end = nullptr;
    double value = copy.empty() ? 0 : std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value)) {
      return "\"" + copy + "\" is not a number";
    }
    if (value < min || value > max) {
      std::ostringstream message;
      message << "must be " << min << "-" << max << ", got " << value;
      return message.str();
    }
    config.*field = value;
    return std::nullopt;
  };
  auto show = [field](const ServerConfig& config) {
    std::ostringstream out;
    out << config.*field;
    std::string text = out.str();
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
  };
  return {std::move(info), Kind::number, apply, show};
}

using StringCheck = std::function<std::optional<std::string>(std::string_view)>;

Setting string_setting(SettingInfo info, std::string ServerConfig::*field, StringCheck check = {}) {
  auto apply = [field, check](ServerConfig& config,
                              std::string_view text) -> std::optional<std::string> {
    if (check) {
      if (auto problem = check(text)) return problem;
    }
    config.*field = std::string(text);
    return std::nullopt;
  };
  bool secret = info.secret;
  auto show = [field, secret](const ServerConfig& config) {
    return toml_string(secret ? mask_secrets(config.*field) : config.*field);
  };
  return {std::move(info), Kind::string, apply, show};
}

Setting list_setting(SettingInfo info, std::vector<std::string> ServerConfig::*field) {
  auto apply = [field](ServerConfig& config, std::string_view text) -> std::optional<std::string> {
    std::vector<std::string> items;
    while (!text.empty()) {
      std::size_t comma = text.find(',');
      std::string_view item = trim(text.substr(0, comma));
      if (!item.empty()) items.emplace_back(item);
      if (comma == std::string_view::npos) break;
      text.remove_prefix(comma + 1);
    }
    config.*field = std::move(items);
    return std::nullopt;
  };
  auto show = [field](const ServerConfig& config) {
    std::string out = "[";
    for (std::size_t i = 0; i < (config.*field).size(); ++i) {
      if (i > 0) out += ", ";
      out += toml_string((config.*field)[i]);
    }
    return out + "]";
  };
  return {std::move(info), Kind::list, apply, show};
}

std::optional<std::string> check_listen(std::string_view text) {
  auto address = parse_listen_address(text);
  if (!address) return address.error().message;
  return std::nullopt;
}

std::optional<std::string> check_db(std::string_view text) {
  if (text.starts_with("sqlite:") || text.starts_with("postgresql://") ||
      text.starts_with("postgres://")) {
    return std::nullopt;
  }
  return "\"" + mask_secrets(text) +
         "\" is not a database URL (sqlite:PATH, sqlite::memory: or postgresql://...)";
}

std::optional<std::string> check_not_empty(std::string_view text) {
  if (trim(text).empty()) return "must not be empty";
  return std::nullopt;
}

const std::vector<Setting>& setting_table() {
  static const std::vector<Setting> table = [] {
    constexpr std::uint64_t kib = 1024;
    constexpr std::uint64_t gib = 1024 * 1024 * kib;
    std::vector<Setting> t;
    t.push_back(
        string_setting({"db", "--db", "MICROCRED_DB",
                        "Database URL: sqlite:PATH, sqlite::memory: or postgresql://...", true},
                       &ServerConfig::db, check_db));
    t.push_back(
        integer_setting({"db_max_connections", "--db-max-connections",
                         "MICROCRED_DB_MAX_CONNECTIONS", "Database connections open at most"},
                        &ServerConfig::db_max_connections, 1, 1024));
    t.push_back(
        string_setting({"server.listen", "--listen", "MICROCRED_LISTEN", "HOST:PORT to listen on"},
                       &ServerConfig::listen, check_listen));
    t.push_back(integer_setting(
        {"server.threads", "--threads", "MICROCRED_THREADS", "Server threads; 0 = one per core"},
        &ServerConfig::threads, 0, 1024));
    t.push_back(string_setting({"server.access_log", "--access-log", "MICROCRED_ACCESS_LOG",
                                "Access log: - (stderr), off, or a file"},
                               &ServerConfig::access_log, check_not_empty));
    t.push_back(
        list_setting({"server.trusted_proxies", "--trusted-proxies", "MICROCRED_TRUSTED_PROXIES",
                      "Proxies whose X-Forwarded-For is believed (comma-separated "
                      "addresses or CIDR ranges)"},
                     &ServerConfig::trusted_proxies));
    t.push_back(integer_setting(
        {"limits.max_header_bytes", "--max-header-bytes", "MICROCRED_MAX_HEADER_BYTES",
         "Largest request line + headers, bytes (431 beyond)"},
        &ServerConfig::max_header_bytes, kib, 1024 * kib));
    t.push_back(
        integer_setting({"limits.max_body_bytes", "--max-body-bytes", "MICROCRED_MAX_BODY_BYTES",
                         "Largest request body, bytes (413 beyond)"},
                        &ServerConfig::max_body_bytes, 1, gib));
    t.push_back(integer_setting({"limits.max_json_depth", "--max-json-depth",
                                 "MICROCRED_MAX_JSON_DEPTH", "Deepest JSON nesting in a body"},
                                &ServerConfig::max_json_depth, 1, 10'000));
    t.push_back(integer_setting(
        {"limits.request_timeout_ms", "--request-timeout-ms", "MICROCRED_REQUEST_TIMEOUT_MS",
         "Time to read one request, ms (408 beyond)"},
        &ServerConfig::request_timeout_ms, 1, 3'600'000));
    t.push_back(
        integer_setting({"limits.idle_timeout_ms", "--idle-timeout-ms", "MICROCRED_IDLE_TIMEOUT_MS",
                         "Time an idle keep-alive connection stays open, ms"},
                        &ServerConfig::idle_timeout_ms, 1, 3'600'000));
    t.push_back(integer_setting(
        {"limits.shutdown_timeout_ms", "--shutdown-timeout-ms", "MICROCRED_SHUTDOWN_TIMEOUT_MS",
         "Time in-flight requests get on SIGTERM/SIGINT, ms"},
        &ServerConfig::shutdown_timeout_ms, 0, 3'600'000));
    t.push_back(
        integer_setting({"limits.max_connections", "--max-connections", "MICROCRED_MAX_CONNECTIONS",
                         "Open connections at most (503 beyond)"},
                        &ServerConfig::max_connections, 1, 1'000'000));
    t.push_back(number_setting(
        {"rate_limit.per_second", "--rate-limit-per-second", "MICROCRED_RATE_LIMIT_PER_SECOND",
         "Public endpoints: requests per second per client (0 = off)"},
        &ServerConfig::rate_limit_per_second, 0, 1e9));
    t.push_back(
        number_setting({"rate_limit.burst", "--rate-limit-burst", "MICROCRED_RATE_LIMIT_BURST",
                        "Public endpoints: burst size per client"},
                       &ServerConfig::rate_limit_burst, 1, 1e9));
    t.push_back(
        string_setting({"verify.did_documents", "--did-documents", "MICROCRED_DID_DOCUMENTS",
                        "Directory of did:web DID documents (*.json) for the verifier"},
                       &ServerConfig::did_documents));
    t.push_back(string_setting({"verify.status_lists", "--status-lists", "MICROCRED_STATUS_LISTS",
                                "Directory of status list credentials (*.json) for the verifier"},
                               &ServerConfig::status_lists));
    t.push_back(string_setting({"verify.registry", "--registry", "MICROCRED_REGISTRY",
                                "Accredited issuers file for the verifier's registry check"},
                               &ServerConfig::registry));
    return t;
  }();
  return table;
}

const Setting* find_setting(std::string_view key) {
  for (const auto& setting : setting_table()) {
    if (setting.info.key == key) return &setting;
  }
  return nullptr;
}

// The TOML value at a setting's key as the text its `apply` reads, or an error message.
std::optional<std::string> toml_value_text(const Setting& setting, const toml::node& node,
                                           std::string& text) {
  switch (setting.kind) {
    case Kind::string:
      if (auto value = node.value<std::string>(); value && node.is_string()) {
        text = *value;
        return std::nullopt;
      }
      return std::string("must be a string");
    case Kind::integer:
      if (node.is_integer()) {
        auto value = *node.value<std::int64_t>();
        if (value < 0) return "must be 0 or more, got " + std::to_string(value);
        text = std::to_string(value);
        return std::nullopt;
      }
      return std::string("must be a whole number");
    case Kind::number:
      if (node.is_integer() || node.is_floating_point()) {
        std::ostringstream out;
        out.precision(17);
        out << *node.value<double>();
        text = out.str();
        return std::nullopt;
      }
      return std::string("must be a number");
    case Kind::list:
      if (node.is_string()) {
        text = *node.value<std::string>();
        return std::nullopt;
      }
      if (const auto* array = node.as_array()) {
        text.clear();
        for (const auto& item : *array) {
          if (!item.is_string()) return std::string("must be an array of strings");
          if (!text.empty()) text += ",";
          text += *item.value<std::string>();
        }
        return std::nullopt;
      }
      return std::string("must be an array of strings");
  }
  return std::string("has an unknown kind");
}

// Applies every key of the TOML table at `path`; unknown keys are errors (a typo must not
// silently leave a limit at its default).
Result<void> apply_table(const toml::table& table, const std::string& prefix,
                         const std::string& file, ServerConfig& config,
                         std::map<std::string, std::string>& origins) {
  for (const auto& [name, node] : table) {
    std::string key = prefix + std::string(name.str());
    if (const auto* sub = node.as_table()) {
      auto applied = apply_table(*sub, key + ".", file, config, origins);
      if (!applied) return applied;
      continue;
    }
    const Setting* setting = find_setting(key);
    if (setting == nullptr) {
      return make_error(ErrorCode::invalid_argument,
                        file + ": " + key + ": unknown setting (microcred serve --help lists them)",
                        key);
    }
    std::string text;
    if (auto problem = toml_value_text(*setting, node, text)) {
      return make_error(ErrorCode::invalid_argument, file + ": " + key + ": " + *problem, key);
    }
    if (auto problem = setting->apply(config, text)) {
      return make_error(ErrorCode::invalid_argument, file + ": " + key + ": " + *problem, key);
    }
    origins[key] = "file " + file;
  }
  return {};
}

Result<void> apply_file(const std::string& file, ServerConfig& config,
                        std::map<std::string, std::string>& origins) {
  toml::table table;
  try {
    table = toml::parse_file(file);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    std::string message(error.description());
    if (message.find("File could not be opened") != std::string::npos ||
        message.find("could not be opened") != std::string::npos) {
      return make_error(ErrorCode::io_error, "cannot read " + file + ": " + message, "--config");
    }
    return make_error(ErrorCode::parse_error,
                      file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
                          ": " + message,
                      "--config");
  } catch (const std::exception& error) {
    return make_error(ErrorCode::io_error, "cannot read " + file + ": " + error.what(), "--config");
  }
  return apply_table(table, "", file, config, origins);
}

}  // namespace

const std::vector<SettingInfo>& settings() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> out;
    for (const auto& setting : setting_table())
      out.push_back(setting.info);
    return out;
  }();
  return infos;
}

Result<ResolvedConfig> resolve_config(const ConfigSources& sources) {
  ResolvedConfig resolved;
  for (const auto& setting : setting_table())
    resolved.origins[setting.info.key] = "default";
  for (const auto& [key, value] : sources.flags) {
    if (find_setting(key) == nullptr) {
      return make_error(ErrorCode::invalid_argument, "unknown setting " + key, key);
    }
  }

  std::string file = sources.file;
  if (file.empty() && sources.getenv) {
    if (const char* named = sources.getenv("MICROCRED_CONFIG")) file = named;
  }
  if (!file.empty()) {
    auto applied = apply_file(file, resolved.config, resolved.origins);
    if (!applied) return std::move(applied).error();
  }
  for (const auto& setting : setting_table()) {
    const char* value = sources.getenv ? sources.getenv(setting.info.env.c_str()) : nullptr;
    if (value == nullptr) continue;
    if (auto problem = setting.apply(resolved.config, value)) {
      return make_error(ErrorCode::invalid_argument, setting.info.env + ": " + *problem,
                        setting.info.env);
    }
    resolved.origins[setting.info.key] = "env " + setting.info.env;
  }
  for (const auto& setting : setting_table()) {
    auto found = sources.flags.find(setting.info.key);
    if (found == sources.flags.end()) continue;
    if (auto problem = setting.apply(resolved.config, found->second)) {
      return make_error(ErrorCode::invalid_argument, setting.info.flag + ": " + *problem,
                        setting.info.flag);
    }
    resolved.origins[setting.info.key] = "flag " + setting.info.flag;
  }
  return resolved;
}

std::string print_config(const ResolvedConfig& resolved) {
  std::string out =
      "# microcred serve configuration (precedence: flags > environment > file > defaults)\n";
  std::string section;
  for (const auto& setting : setting_table()) {
    const std::string& key = setting.info.key;
    std::size_t dot = key.find('.');
    std::string table = dot == std::string::npos ? "" : key.substr(0, dot);
    std::string name = dot == std::string::npos ? key : key.substr(dot + 1);
    if (table != section) {
      out += "\n[" + table + "]\n";
      section = table;
    }
    auto origin = resolved.origins.find(key);
    out += name + " = " + setting.show(resolved.config) + "  # " +
           (origin == resolved.origins.end() ? "default" : origin->second) + "\n";
  }
  return out;
}

std::string mask_secrets(std::string_view url) {
  std::string out(url);
  // scheme://user:password@host
  if (auto scheme = out.find("://"); scheme != std::string::npos) {
    std::size_t authority = scheme + 3;
    std::size_t end = out.find_first_of("/?#", authority);
    if (end == std::string::npos) end = out.size();
    std::size_t at = out.rfind('@', end);
    if (at != std::string::npos && at > authority) {
      std::size_t colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "****");
    }
  }
  // ...?password=secret&...
  for (std::size_t at = out.find("password="); at != std::string::npos;
       at = out.find("password=", at + 1)) {
    std::size_t start = at + 9;
    std::size_t end = out.find_first_of("& ", start);
    if (end == std::string::npos) end = out.size();
    out.replace(start, end - start, "****");
  }
  return out;
}

Result<ListenAddress> parse_listen_address(std::string_view text) {
  auto fail = [&] {
    return make_error(
        ErrorCode::invalid_argument,
        "\"" + std::string(text) + "\" is not HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)");
  };
  std::string_view host;
  std::string_view port;
  if (text.starts_with("[")) {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return fail();
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return fail();
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) return fail();
  }
  if (host.empty() || port.empty()) return fail();
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535) return fail();
  return ListenAddress{std::string(host), static_cast<std::uint16_t>(value)};
}

}  // namespace microcred::api
