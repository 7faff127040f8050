#include "api/config.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace microcred::api {
namespace {

namespace fs = std::filesystem;

struct Environment {
  std::map<std::string, std::string> values;
  std::function<const char*(const char*)> reader() const {
    return [this](const char* name) -> const char* {
      auto found = values.find(name);
      return found == values.end() ? nullptr : found->second.c_str();
    };
  }
};

class ConfigFile {
 public:
  explicit ConfigFile(const std::string& text) {
    static int counter = 0;
    path_ = (fs::temp_directory_path() / ("microcred-config-" + std::to_string(::getpid()) + "-" +
                                          std::to_string(counter++) + ".toml"))
                .string();
    std::ofstream(path_) << text;
  }
  ~ConfigFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(Config, DefaultsWhenNothingIsSet) {
  auto resolved = resolve_config({});
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(resolved->config, ServerConfig{});
  EXPECT_EQ(resolved->origins.at("server.listen"), "default");
}

TEST(Config, FlagsBeatEnvironmentBeatFileBeatDefaults) {
  ConfigFile file(
      "db = \"sqlite:file.db\"\n"
      "[server]\nlisten = \"127.0.0.1:1111\"\nthreads = 3\ntrusted_proxies = [\"10.0.0.0/8\"]\n"
      "[limits]\nmax_body_bytes = 1000\n");
  Environment env{{{"MICROCRED_LISTEN", "127.0.0.1:2222"}, {"MICROCRED_THREADS", "5"}}};
  auto resolved = resolve_config({.flags = {{"server.listen", "127.0.0.1:3333"}},
                                  .getenv = env.reader(),
                                  .file = file.path()});
  ASSERT_TRUE(resolved) << resolved.error().message;
  const ServerConfig& config = resolved->config;
  EXPECT_EQ(config.listen, "127.0.0.1:3333");
  EXPECT_EQ(config.threads, 5u);
  EXPECT_EQ(config.db, "sqlite:file.db");
  EXPECT_EQ(config.max_body_bytes, 1000u);
  EXPECT_EQ(config.trusted_proxies, std::vector<std::string>{"10.0.0.0/8"});
  EXPECT_EQ(config.max_header_bytes, ServerConfig{}.max_header_bytes);
  EXPECT_EQ(resolved->origins.at("server.listen"), "flag --listen");
  EXPECT_EQ(resolved->origins.at("server.threads"), "env MICROCRED_THREADS");
  EXPECT_EQ(resolved->origins.at("db"), "file " + file.path());
  EXPECT_EQ(resolved->origins.at("limits.max_header_bytes"), "default");
}

TEST(Config, TheEnvironmentCanNameTheFile) {
  ConfigFile file("[server]\nthreads = 7\n");
  Environment env{{{"MICROCRED_CONFIG", file.path()}}};
  auto resolved = resolve_config({.getenv = env.reader()});
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(resolved->config.threads, 7u);
}

TEST(Config, BadValuesNameTheirSource) {
  struct Row {
    ConfigSources sources;
    std::string message_start;
  };
  Environment bad_threads{{{"MICROCRED_THREADS", "many"}}};
  Environment bad_db{{{"MICROCRED_DB", "mysql://x"}}};
  std::vector<Row> rows = {
      {{.flags = {{"server.listen", "8080"}}}, "--listen: "},
      {{.flags = {{"limits.max_body_bytes", "0"}}}, "--max-body-bytes: must be "},
      {{.flags = {{"rate_limit.per_second", "-1"}}}, "--rate-limit-per-second: must be "},
      {{.getenv = bad_threads.reader()}, "MICROCRED_THREADS: \"many\" is not a whole number"},
      {{.getenv = bad_db.reader()}, "MICROCRED_DB: "},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.message_start);
    auto resolved = resolve_config(row.sources);
    ASSERT_FALSE(resolved);
    EXPECT_EQ(resolved.error().code, ErrorCode::invalid_argument);
    EXPECT_TRUE(resolved.error().message.starts_with(row.message_start))
        << resolved.error().message;
  }
}

TEST(Config, FileErrorsNameFileAndKey) {
  {
    ConfigFile file("[limits]\nmax_body_bites = 5\n");
    auto resolved = resolve_config({.file = file.path()});
    ASSERT_FALSE(resolved);
    EXPECT_NE(resolved.error().message.find("limits.max_body_bites: unknown setting"),
              std::string::npos)
        << resolved.error().message;
  }
  {
    ConfigFile file("[server]\nthreads = \"four\"\n");
    auto resolved = resolve_config({.file = file.path()});
    ASSERT_FALSE(resolved);
    EXPECT_NE(resolved.error().message.find("server.threads: must be a whole number"),
              std::string::npos)
        << resolved.error().message;
  }
  {
    ConfigFile file("[server\nthreads = 4\n");
    auto resolved = resolve_config({.file = file.path()});
    ASSERT_FALSE(resolved);
    EXPECT_EQ(resolved.error().code, ErrorCode::parse_error);
    EXPECT_TRUE(resolved.error().message.starts_with(file.path() + ":1:"))
        << resolved.error().message;
  }
  auto missing = resolve_config({.file = "/nonexistent/microcred.toml"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::io_error);
}

TEST(Config, PrintedConfigReadsBackAndMasksSecrets) {
  Environment env{{{"MICROCRED_DB", "postgresql://app:s3cret@db.example/microcred?sslmode=require"},
                   {"MICROCRED_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2"},
                   {"MICROCRED_RATE_LIMIT_PER_SECOND", "2.5"}}};
  auto resolved = resolve_config({.getenv = env.reader()});
  ASSERT_TRUE(resolved) << resolved.error().message;
  std::string printed = print_config(*resolved);
  EXPECT_EQ(printed.find("s3cret"), std::string::npos) << printed;
  EXPECT_NE(printed.find("postgresql://app:****@db.example/microcred?sslmode=require"),
            std::string::npos)
      << printed;
  EXPECT_NE(printed.find("# env MICROCRED_DB"), std::string::npos);

  // Everything but the masked secret reads back as it was.
  ConfigFile file(printed);
  auto again = resolve_config({.file = file.path()});
  ASSERT_TRUE(again) << again.error().message << "\n" << printed;
  ServerConfig expected = resolved->config;
  expected.db = "postgresql://app:****@db.example/microcred?sslmode=require";
  EXPECT_EQ(again->config, expected);
}

TEST(Config, MasksPasswordsInUrls) {
  EXPECT_EQ(mask_secrets("postgresql://u:p@h/d"), "postgresql://u:****@h/d");
  EXPECT_EQ(mask_secrets("postgresql://u@h/d"), "postgresql://u@h/d");
  EXPECT_EQ(mask_secrets("postgresql://h/d?user=u&password=p&x=1"),
            "postgresql://h/d?user=u&password=****&x=1");
  EXPECT_EQ(mask_secrets("sqlite:data/x.db"), "sqlite:data/x.db");
}

TEST(Config, ParsesListenAddresses) {
  auto v4 = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  for (const char* bad : {"8080", ":8080", "host:", "host:65536", "::1:80", "[::1]80", "h:8x"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(parse_listen_address(bad));
  }
}

TEST(Config, EverySettingHasAFlagAnEnvironmentVariableAndHelp) {
  for (const auto& setting : settings()) {
    SCOPED_TRACE(setting.key);
    EXPECT_TRUE(setting.flag.starts_with("--"));
    EXPECT_TRUE(setting.env.starts_with("MICROCRED_"));
    EXPECT_FALSE(setting.help.empty());
  }
}

}  // namespace
}  // namespace microcred::api
