#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/result.h"

namespace microcred::store {

namespace detail {
class Connection;
}

/// Which database a store talks to.
enum class Backend { sqlite, postgres };

/// The wire string of `backend`: "sqlite" or "postgres".
std::string_view to_string(Backend backend);

/// How a store is opened. The defaults suit a server.
struct OpenOptions {
  /// Most connections open at once (PostgreSQL, SQLite files). `sqlite::memory:` uses one.
  std::size_t max_connections = 4;
  /// SQLite: how long a writer waits for the lock before failing with `storage_error`.
  int busy_timeout_ms = 5'000;
  /// Apply pending schema migrations; when false, a database that is behind is refused.
  bool migrate = true;
};

/// One unit of work on one connection. Every repository function takes one; it lives only
/// inside `Store::transaction` and must not be kept or shared between threads.
class Transaction {
 public:
  explicit Transaction(detail::Connection& connection, Backend backend)
      : connection_(&connection), backend_(backend) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Backend backend() const { return backend_; }
  /// The connection; for repositories in store/ only.
  detail::Connection& connection() { return *connection_; }

 private:
  detail::Connection* connection_;
  Backend backend_;
};

/// A database holding microcred's data, behind one interface for SQLite and PostgreSQL.
/// Thread-safe: any number of threads may run transactions at once; each gets its own
/// connection from a small pool (and waits when all are busy).
class Store {
 public:
  virtual ~Store() = default;

  /// The backend this store talks to.
  virtual Backend backend() const = 0;
  /// The schema version of the database (the highest migration applied).
  virtual int schema_version() const = 0;

  /// Runs `fn(Transaction&)`, which returns a `Result`, in one transaction: committed when
  /// `fn` succeeds, rolled back completely when it fails (its error is returned) or throws.
  /// Do not call `transaction` again from inside `fn`: an in-memory store has one connection.
  template <class F>
  std::invoke_result_t<F&, Transaction&> transaction(F&& fn) {
    using R = std::invoke_result_t<F&, Transaction&>;
    std::optional<R> out;
    auto status = run_transaction([&](Transaction& tx) -> Result<void> {
      out.emplace(fn(tx));
      if (!*out) return out->error();
      return {};
    });
    if (!status) return std::move(status).error();
    return std::move(*out);
  }

 protected:
  /// Runs `fn` between BEGIN and COMMIT (ROLLBACK when it fails).
  virtual Result<void> run_transaction(const std::function<Result<void>(Transaction&)>& fn) = 0;
};

/// Opens the database at `url` and brings its schema up to date:
/// `sqlite:PATH` (created when missing), `sqlite::memory:`, or `postgresql://...` /
/// `postgres://...` (a libpq connection URI). Fails with `invalid_argument` for another
/// scheme and with `storage_error` when the database cannot be opened, a migration fails, or
/// the database was written by a newer microcred (its schema version is above ours).
Result<std::unique_ptr<Store>> open_store(std::string_view url, const OpenOptions& options = {});

/// The schema version this binary writes for `backend` (its newest migration).
int latest_schema_version(Backend backend);

}  // namespace microcred::store
