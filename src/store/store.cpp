#include "store/store.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/detail/connection.h"
#include "store/detail/migration.h"
#include "store/postgres/postgres_connection.h"
#include "store/sqlite/sqlite_connection.h"

namespace microcred::store {

namespace {

using ConnectionFactory = std::function<Result<std::unique_ptr<detail::Connection>>()>;

// Hands out connections, opening them lazily up to `limit`; a caller waits while all are
// lent out. A broken connection is closed instead of returned.
class Pool {
 public:
  Pool(ConnectionFactory factory, std::size_t limit)
      : factory_(std::move(factory)), limit_(limit) {}

  Result<std::unique_ptr<detail::Connection>> acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < limit_; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    ++open_;
    lock.unlock();
    auto connection = factory_();
    if (!connection) {
      lock.lock();
      --open_;
      available_.notify_one();
    }
    return connection;
  }

  void release(std::unique_ptr<detail::Connection> connection) {
    std::lock_guard lock(mutex_);
    if (connection->healthy()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
    available_.notify_one();
  }

 private:
  ConnectionFactory factory_;
  std::size_t limit_;
  std::size_t open_ = 0;
  std::vector<std::unique_ptr<detail::Connection>> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

class PooledStore final : public Store {
 public:
  PooledStore(Backend backend, ConnectionFactory factory, std::size_t limit)
      : backend_(backend), pool_(std::move(factory), limit) {}

  Backend backend() const override { return backend_; }
  int schema_version() const override { return schema_version_; }

  Result<void> migrate(bool apply) {
    auto migrations =
        backend_ == Backend::sqlite ? detail::sqlite_migrations() : detail::postgres_migrations();
    int latest = migrations.empty() ? 0 : migrations.back().version;
    return run_transaction([&](Transaction& tx) -> Result<void> {
      auto& connection = tx.connection();
      if (backend_ == Backend::postgres) {
        // Two servers starting at once must not both migrate: take a lock until commit.
        auto locked = connection.execute("SELECT pg_advisory_xact_lock(7203151)", {});
        if (!locked) return locked.error();
      }
      auto created = connection.execute_script(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      if (!created) return created.error();
      auto current =
          connection.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
      if (!current) return current.error();
      auto version = detail::to_int(current->rows.at(0).at(0), "schema_migrations.version");
      if (!version) return version.error();
      if (*version > latest) {
        return make_error(ErrorCode::storage_error,
                          "the database's schema is version " + std::to_string(*version) +
                              ", newer than this microcred knows (" + std::to_string(latest) +
                              "); run a newer microcred against it");
      }
      if (*version < latest && !apply) {
        return make_error(ErrorCode::storage_error,
                          "the database's schema is version " + std::to_string(*version) +
                              " and needs migrating to " + std::to_string(latest));
      }
      for (const auto& migration : migrations) {
        if (migration.version <= *version) continue;
        auto applied = connection.execute_script(migration.sql);
        if (!applied) {
          return make_error(ErrorCode::storage_error, "migration " +
                                                          std::to_string(migration.version) + " (" +
                                                          std::string(migration.name) +
                                                          ") failed: " + applied.error().message);
        }
        auto recorded = connection.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, "
            "?)",
            {std::int64_t{migration.version}, std::string(migration.name),
             SystemClock().now().seconds});
        if (!recorded) return recorded.error();
      }
      schema_version_ = static_cast<int>(std::max<std::int64_t>(*version, latest));
      return {};
    });
  }

 protected:
  Result<void> run_transaction(const std::function<Result<void>(Transaction&)>& fn) override {
    auto connection = pool_.acquire();
    if (!connection) return connection.error();
    struct Lease {
      Pool& pool;
      std::unique_ptr<detail::Connection> connection;
      ~Lease() { pool.release(std::move(connection)); }
    } lease{pool_, std::move(*connection)};
    auto& c = *lease.connection;
    auto begun = c.begin();
    if (!begun) return begun.error();
    Transaction tx(c, backend_);
    Result<void> status;
    try {
      status = fn(tx);
    } catch (...) {
      c.rollback();
      throw;
    }
    if (!status) {
      c.rollback();
      return status;
    }
    auto committed = c.commit();
    if (!committed) {
      c.rollback();
      return committed;
    }
    return {};
  }

 private:
  Backend backend_;
  Pool pool_;
  int schema_version_ = 0;
};

}  // namespace

std::string_view to_string(Backend backend) {
  return backend == Backend::sqlite ? "sqlite" : "postgres";
}

int latest_schema_version(Backend backend) {
  auto migrations =
      backend == Backend::sqlite ? detail::sqlite_migrations() : detail::postgres_migrations();
  return migrations.empty() ? 0 : migrations.back().version;
}

Result<std::unique_ptr<Store>> open_store(std::string_view url, const OpenOptions& options) {
  std::unique_ptr<PooledStore> store;
  std::size_t limit = options.max_connections == 0 ? 1 : options.max_connections;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(std::string_view("sqlite:").size()));
    if (path.empty()) {
      return make_error(
          ErrorCode::invalid_argument,
          "\"sqlite:\" needs a path, e.g. sqlite:microcred.db or sqlite::memory:", "url");
    }
    // Every connection to ":memory:" would be a database of its own: keep one.
    if (path == ":memory:") limit = 1;
    int timeout = options.busy_timeout_ms;
    store = std::make_unique<PooledStore>(
        Backend::sqlite, [path, timeout] { return sqlite::connect(path, timeout); }, limit);
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    std::string text(url);
    store = std::make_unique<PooledStore>(
        Backend::postgres, [text] { return postgres::connect(text); }, limit);
  } else {
    return make_error(ErrorCode::invalid_argument,
                      "unknown database URL \"" + std::string(url.substr(0, 32)) +
                          "\"; use sqlite:PATH, sqlite::memory: or postgresql://...",
                      "url");
  }
  auto migrated = store->migrate(options.migrate);
  if (!migrated) return migrated.error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace microcred::store
