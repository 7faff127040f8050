#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace microcred::store::detail {

/// A statement parameter: SQL NULL, an integer or text.
using Value = std::variant<std::monostate, std::int64_t, std::string>;

/// One result row: each column as text, or nothing for SQL NULL.
using Row = std::vector<std::optional<std::string>>;

/// What a statement gave back: its rows and, for writes, how many rows it changed.
struct Rows {
  std::vector<Row> rows;
  std::int64_t changed = 0;
};

/// Runs `sql` on the transaction's connection.
Result<Rows> run(Transaction& tx, std::string_view sql, const std::vector<Value>& params = {});

/// One database connection, used by one thread at a time. Statements use `?` placeholders
/// in every backend; each backend prepares a statement once and reuses it.
class Connection {
 public:
  virtual ~Connection() = default;
  /// Runs one statement with `params` bound to its `?`s.
  virtual Result<Rows> execute(std::string_view sql, const std::vector<Value>& params) = 0;
  /// Runs a script of several statements without parameters (migrations).
  virtual Result<void> execute_script(std::string_view sql) = 0;
  /// Starts a transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE).
  virtual Result<void> begin() = 0;
  virtual Result<void> commit() = 0;
  /// Rolls back; never fails in a way the caller can act on.
  virtual void rollback() = 0;
  /// False once the connection is known to be broken; the pool then drops it.
  virtual bool healthy() const = 0;
};

/// `text` as an integer; fails with `storage_error` naming `column` otherwise.
Result<std::int64_t> to_int(const std::optional<std::string>& text, std::string_view column);

/// The text of a column, or "" for NULL.
inline std::string text_of(const std::optional<std::string>& text) {
  return text.value_or("");
}

/// A timestamp as stored: whole seconds since 1970 (fractions are dropped).
inline Value seconds_of(Timestamp t) {
  return Value{t.seconds};
}

/// A timestamp from a stored column of whole seconds.
Result<Timestamp> timestamp_of(const std::optional<std::string>& text, std::string_view column);

/// `forbidden` unless `owner` (the institution a record names) is `tenant`.
Result<void> check_tenant(std::string_view tenant, std::string_view owner);

/// `not_found` naming `what` and `id`, e.g. "no design \"d1\" in this institution".
Error not_found(std::string_view what, std::string_view id);

}  // namespace microcred::store::detail
