// `microcred serve` as a process: configuration errors, --print-config, and a clean stop on
// SIGTERM after serving.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "api/http_client.h"
#include "support/run.h"

extern char** environ;

namespace microcred::api {
namespace {

namespace fs = std::filesystem;

TEST(ServeCommand, PrintsItsConfigurationWithSecretsMasked) {
  auto result = support::run(
      "MICROCRED_LISTEN=127.0.0.1:9 microcred serve --print-config "
      "--db 'postgresql://app:hunter2@db.example/microcred' --threads 3");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.find("hunter2"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("db = \"postgresql://app:****@db.example/microcred\"  # flag --db"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("listen = \"127.0.0.1:9\"  # env MICROCRED_LISTEN"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("threads = 3  # flag --threads"), std::string::npos) << result.out;
}

TEST(ServeCommand, RefusesBadSettingsWithExitCode2) {
  auto result = support::run("microcred serve --max-body-bytes lots");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--max-body-bytes: \"lots\" is not a whole number"), std::string::npos)
      << result.err;
  auto missing = support::run("microcred serve --config /nonexistent/serve.toml");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/serve.toml"), std::string::npos) << missing.err;
}

TEST(ServeCommand, ServesUntilSigtermThenStopsCleanly) {
  fs::path dir = fs::temp_directory_path() / ("microcred-serve-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string binary = support::microcred_binary();
  std::string db = "sqlite:" + (dir / "data" / "serve.db").string();
  const char* argv[] = {binary.c_str(), "serve",        "--listen", "127.0.0.1:0", "--db",
                        db.c_str(),     "--access-log", "off",      nullptr};
  int err_pipe[2];
  ASSERT_EQ(::pipe(err_pipe), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, const_cast<char**>(argv), environ),
            0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(err_pipe[1]);
  FILE* err = ::fdopen(err_pipe[0], "r");
  ASSERT_NE(err, nullptr);

  // "microcred: serving on 127.0.0.1:0 (port N), ..."
  std::string all;
  int port = 0;
  char line[1024];
  while (port == 0 && std::fgets(line, sizeof line, err) != nullptr) {
    all += line;
    if (const char* at = std::strstr(line, "(port ")) port = std::atoi(at + 6);
  }
  ASSERT_GT(port, 0) << all;
  auto health = testing::fetch(static_cast<std::uint16_t>(port), "GET", "/readyz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200) << health->body;
  EXPECT_TRUE(fs::exists(dir / "data" / "serve.db"));  // the folder was made

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  while (std::fgets(line, sizeof line, err) != nullptr)
    all += line;
  std::fclose(err);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << all;
  EXPECT_EQ(WEXITSTATUS(status), 0) << all;
  EXPECT_NE(all.find("SIGTERM: stopping"), std::string::npos) << all;
  EXPECT_NE(all.find("microcred: stopped"), std::string::npos) << all;
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

}  // namespace
}  // namespace microcred::api
