// `microcred serve`: the HTTP API (src/api) on a database, until SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "api/access_log.h"
#include "api/application.h"
#include "api/config.h"
#include "api/server.h"
#include "commands.h"
#include "io.h"
#include "store/store.h"

namespace microcred::cli {

namespace {

struct ServeArguments {
  std::map<std::string, std::string> values;  // by setting key
  std::map<std::string, CLI::Option*> options;
  std::string config;
  bool print_config = false;
};

// The message alone: config errors already name their source ("--threads: ...").
int report_plain(const Error& error) {
  return report(Error{error.code, error.message, {}});
}

// An SQLite file's folder is made when missing, so that a fresh clone can serve at once.
Result<void> prepare_sqlite_folder(std::string_view url) {
  if (!url.starts_with("sqlite:") || url == "sqlite::memory:") return {};
  std::filesystem::path file(std::string(url.substr(7)));
  if (!file.has_parent_path()) return {};
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  if (error) {
    return make_error(ErrorCode::io_error,
                      "cannot create " + file.parent_path().string() + ": " + error.message());
  }
  return {};
}

int run_serve(const ServeArguments& arguments) {
  api::ConfigSources sources;
  for (const auto& [key, option] : arguments.options) {
    if (option->count() > 0) sources.flags[key] = arguments.values.at(key);
  }
  sources.getenv = [](const char* name) { return std::getenv(name); };
  sources.file = arguments.config;
  auto resolved = api::resolve_config(sources);
  if (!resolved) return report_plain(resolved.error());
  if (arguments.print_config) {
    auto written = write_output("-", api::print_config(*resolved));
    return written ? exit_ok : report(written.error());
  }
  const api::ServerConfig& config = resolved->config;

  if (auto prepared = prepare_sqlite_folder(config.db); !prepared) {
    return report_plain(prepared.error());
  }
  auto store = store::open_store(config.db, {.max_connections = config.db_max_connections});
  if (!store) {
    return report_plain(make_error(
        store.error().code,
        "cannot open the database " + api::mask_secrets(config.db) + ": " + store.error().message));
  }
  auto log = api::AccessLog::open(config.access_log);
  if (!log) return report_plain(log.error());
  SystemClock clock;
  auto application = api::Application::create(config, {.store = **store, .clock = clock});
  if (!application) return report(application.error());

  int signal = 0;
  {
    api::Server server(**application, **log);
    if (auto started = server.start(); !started) return report_plain(started.error());
    server.catch_signals();
    std::fprintf(stderr, "microcred: serving on %s (port %u), database %s; stop with Ctrl-C\n",
                 config.listen.c_str(), static_cast<unsigned>(server.port()),
                 api::mask_secrets(config.db).c_str());
    signal = server.wait_for_signal();
    std::fprintf(stderr, "microcred: %s: stopping\n",
                 signal == SIGTERM  ? "SIGTERM"
                 : signal == SIGINT ? "SIGINT"
                                    : "stop");
  }
  // The server has finished its requests; the store closes its connections here.
  application->reset();
  store->reset();
  std::fprintf(stderr, "microcred: stopped\n");
  return exit_ok;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto arguments = std::make_shared<ServeArguments>();
  auto* serve = app.add_subcommand(
      "serve",
      "Serve the HTTP API: VC API verification, health, metrics, OpenAPI (docs/api.md). "
      "Settings come from flags, then MICROCRED_* environment variables, then --config FILE "
      "(TOML), then defaults");
  for (const auto& setting : api::settings()) {
    arguments->options[setting.key] =
        serve->add_option(setting.flag, arguments->values[setting.key],
                          setting.help + " [env " + setting.env + "; file " + setting.key + "]");
  }
  serve->add_option("--config", arguments->config,
                    "TOML configuration file [env MICROCRED_CONFIG]");
  serve->add_flag("--print-config", arguments->print_config,
                  "Print the resulting configuration (secrets masked) and exit");
  serve->callback([arguments, &exit_code] { exit_code = run_serve(*arguments); });
}

}  // namespace microcred::cli
