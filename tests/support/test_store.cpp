#include "support/test_store.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

namespace microcred::support {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device device;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(device() % 1'000'000);
}

// Runs one statement on the server outside any store; empty on success.
std::string admin_execute(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(connection) != CONNECTION_OK) {
    error = PQerrorMessage(connection);
  } else {
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    PGresult* result = PQexec(connection, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(connection);
  return error;
}

}  // namespace

bool postgres_required() {
  return env("MICROCRED_REQUIRE_POSTGRES") == "1" || !env("CI").empty();
}

std::string postgres_unavailable() {
  if (env("MICROCRED_TEST_POSTGRES_URL").empty()) {
    return "MICROCRED_TEST_POSTGRES_URL is not set; run under scripts/with-postgres (make test "
           "does) to test the PostgreSQL backend";
  }
  return "";
}

TestDatabase::TestDatabase(store::Backend backend) : backend_(backend) {
  if (backend == store::Backend::sqlite) {
    auto dir = std::filesystem::temp_directory_path() / ("microcred-store-" + unique_suffix());
    std::filesystem::create_directories(dir);
    directory_ = dir.string();
    url_ = "sqlite:" + (dir / "test.db").string();
    return;
  }
  server_url_ = env("MICROCRED_TEST_POSTGRES_URL");
  schema_ = "t_" + unique_suffix();
  auto error = admin_execute(server_url_, "CREATE SCHEMA " + schema_);
  if (!error.empty()) throw std::runtime_error("cannot create schema: " + error);
  // libpq passes `options` to the server: every connection of this store uses the schema.
  url_ = server_url_ + (server_url_.find('?') == std::string::npos ? "?" : "&") +
         "options=-csearch_path%3D" + schema_;
}

TestDatabase::~TestDatabase() {
  if (!directory_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  if (!schema_.empty()) (void)admin_execute(server_url_, "DROP SCHEMA " + schema_ + " CASCADE");
}

std::unique_ptr<store::Store> TestDatabase::open(const store::OpenOptions& options) const {
  auto opened = store::open_store(url_, options);
  if (!opened) throw std::runtime_error("cannot open " + url_ + ": " + opened.error().message);
  return std::move(*opened);
}

void StoreTest::SetUp() {
  if (GetParam() == store::Backend::postgres) {
    auto why = postgres_unavailable();
    if (!why.empty()) {
      if (postgres_required()) GTEST_FAIL() << why;
      GTEST_SKIP() << why;
    }
  }
  db_ = std::make_unique<TestDatabase>(GetParam());
  store_ = db_->open();
}

void StoreTest::TearDown() {
  store_.reset();
  db_.reset();
}

std::string backend_name(const ::testing::TestParamInfo<store::Backend>& info) {
  return std::string(store::to_string(info.param));
}

}  // namespace microcred::support
