#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "store/sqlite/catalogue_score.h"

namespace microcred::store::sqlite {
namespace {

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, DatabaseCloser>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// Resets a cached statement when a call is done with it, whatever happened.
struct StatementReset {
  sqlite3_stmt* statement;
  ~StatementReset() {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }
};

Error error_from(sqlite3* db, int rc, std::string_view what) {
  std::string message =
      "sqlite: " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return make_error(ErrorCode::conflict, std::move(message));
  }
  if ((extended & 0xff) == SQLITE_CONSTRAINT) {
    return make_error(ErrorCode::invalid_argument, std::move(message));
  }
  return make_error(ErrorCode::storage_error, std::move(message));
}

class SqliteConnection final : public detail::Connection {
 public:
  explicit SqliteConnection(DatabaseHandle db) : db_(std::move(db)) {}

  Result<detail::Rows> execute(std::string_view sql,
                               const std::vector<detail::Value>& params) override {
    auto prepared = prepare(sql);
    if (!prepared) return prepared.error();
    sqlite3_stmt* statement = *prepared;
    StatementReset reset{statement};
    if (static_cast<std::size_t>(sqlite3_bind_parameter_count(statement)) != params.size()) {
      return make_error(ErrorCode::storage_error,
                        "sqlite: statement wants " +
                            std::to_string(sqlite3_bind_parameter_count(statement)) +
                            " parameters, got " + std::to_string(params.size()));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      int rc = SQLITE_OK;
      if (auto* integer = std::get_if<std::int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(statement, index, *integer);
      } else if (auto* text = std::get_if<std::string>(&params[i])) {
        rc = sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()),
                               SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(statement, index);
      }
      if (rc != SQLITE_OK) return error_from(db_.get(), rc, "bind");
    }
    detail::Rows out;
    int columns = sqlite3_column_count(statement);
    for (;;) {
      int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return error_from(db_.get(), rc, "step");
      detail::Row row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(statement, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
          continue;
        }
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
        int size = sqlite3_column_bytes(statement, c);
        row.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(size)));
      }
      out.rows.push_back(std::move(row));
    }
    out.changed = sqlite3_changes64(db_.get());
    return out;
  }

  Result<void> execute_script(std::string_view sql) override {
    char* message = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string detail = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      return make_error(ErrorCode::storage_error, "sqlite: " + detail);
    }
    return {};
  }

  // IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead
  // of failing when a read lock cannot be upgraded.
  Result<void> begin() override { return simple("BEGIN IMMEDIATE"); }
  Result<void> commit() override { return simple("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_.get())) (void)simple("ROLLBACK");
  }
  bool healthy() const override { return true; }

 private:
  Result<void> simple(const char* sql) {
    int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return error_from(db_.get(), rc, sql);
    return {};
  }

  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) return found->second.get();
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    StatementHandle statement(raw);
    if (rc != SQLITE_OK) return error_from(db_.get(), rc, "prepare");
    auto* result = statement.get();
    statements_.emplace(std::string(sql), std::move(statement));
    return result;
  }

  // Declared before the statements so that they are finalized first.
  DatabaseHandle db_;
  std::map<std::string, StatementHandle, std::less<>> statements_;
};

}  // namespace

Result<std::unique_ptr<detail::Connection>> connect(const std::string& path, int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  DatabaseHandle db(raw);
  if (rc != SQLITE_OK) {
    return make_error(ErrorCode::storage_error,
                      "sqlite: cannot open \"" + path +
                          "\": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  if (!sqlite3_compileoption_used("ENABLE_FTS5")) {
    return make_error(ErrorCode::storage_error,
                      "sqlite: this libsqlite3 lacks FTS5, which the catalogue search needs");
  }
  sqlite3_busy_timeout(db.get(), busy_timeout_ms);
  auto scored = register_catalogue_score(db.get());  // the catalogue's relevance
  if (!scored) return scored.error();
  auto connection = std::make_unique<SqliteConnection>(std::move(db));
  // WAL lets readers run beside one writer; an in-memory database stays in "memory" mode.
  // Switching a new file to WAL needs a lock that SQLite may refuse at once (without calling
  // the busy handler) while another connection opens the same file, so retry until the busy
  // timeout has passed.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  auto wal = connection->execute_script("PRAGMA journal_mode = WAL;");
  while (!wal && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    wal = connection->execute_script("PRAGMA journal_mode = WAL;");
  }
  if (!wal) return wal.error();
  // A 32 MiB page cache and reads through mmap keep a catalogue of 100,000 designs in
  // memory without a system call per page (bench/catalogue).
  auto pragmas = connection->execute_script(
      "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; "
      "PRAGMA mmap_size = 268435456;");
  if (!pragmas) return pragmas.error();
  return std::unique_ptr<detail::Connection>(std::move(connection));
}

}  // namespace microcred::store::sqlite
