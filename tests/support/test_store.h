#pragma once

#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "store/store.h"

namespace microcred::support {

/// A fresh, empty, migrated database for one test: an SQLite file in a temporary folder, or
/// a schema of its own on the PostgreSQL server named by $MICROCRED_TEST_POSTGRES_URL
/// (scripts/with-postgres starts one). Removed when the object goes.
class TestDatabase {
 public:
  explicit TestDatabase(store::Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  /// The URL the store was opened with; opening it again reaches the same database.
  const std::string& url() const { return url_; }
  /// Opens one more store on the same database.
  std::unique_ptr<store::Store> open(const store::OpenOptions& options = {}) const;

 private:
  store::Backend backend_;
  std::string url_;
  std::string directory_;   // SQLite
  std::string server_url_;  // PostgreSQL
  std::string schema_;
};

/// Why PostgreSQL tests cannot run here, or "" when they can. Under `make test`
/// (MICROCRED_REQUIRE_POSTGRES=1 or CI set) a missing server is a failure, not a skip.
std::string postgres_unavailable();

/// True when a missing PostgreSQL server must fail the tests rather than skip them.
bool postgres_required();

/// A test fixture parameterised by backend: `db_` and `store_` are fresh for each test.
/// PostgreSQL instances skip (or fail under `make test`) without a server.
class StoreTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<store::Store> store_;
};

/// "sqlite" or "postgres", for test names.
std::string backend_name(const ::testing::TestParamInfo<store::Backend>& info);

}  // namespace microcred::support

namespace microcred::store {
/// Lets GoogleTest print a backend by name.
inline void PrintTo(Backend backend, std::ostream* out) {
  *out << to_string(backend);
}
}  // namespace microcred::store

/// Runs the tests of `suite` (a `StoreTest` subclass) on both backends.
#define MICROCRED_ON_BOTH_BACKENDS(suite)                                            \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                          \
                           ::testing::Values(::microcred::store::Backend::sqlite,    \
                                             ::microcred::store::Backend::postgres), \
                           ::microcred::support::backend_name)
