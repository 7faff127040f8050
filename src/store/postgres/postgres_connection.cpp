#include "store/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace microcred::store::postgres {
namespace {

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ConnectionHandle = std::unique_ptr<PGconn, ConnectionCloser>;
using ResultHandle = std::unique_ptr<PGresult, ResultClearer>;

constexpr std::string_view unique_violation = "23505";
constexpr std::string_view integrity_class = "23";

Error error_from(PGconn* connection, const PGresult* result, std::string_view what) {
  std::string message = "postgres: " + std::string(what) + ": ";
  const char* text = result ? PQresultErrorMessage(result) : nullptr;
  message += (text && *text) ? text : PQerrorMessage(connection);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string_view sqlstate = state ? state : "";
  if (sqlstate == unique_violation) return make_error(ErrorCode::conflict, std::move(message));
  if (sqlstate.starts_with(integrity_class)) {
    return make_error(ErrorCode::invalid_argument, std::move(message));
  }
  return make_error(ErrorCode::storage_error, std::move(message));
}

bool succeeded(const PGresult* result) {
  auto status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

class PostgresConnection final : public detail::Connection {
 public:
  explicit PostgresConnection(ConnectionHandle connection) : connection_(std::move(connection)) {}

  Result<detail::Rows> execute(std::string_view sql,
                               const std::vector<detail::Value>& params) override {
    auto name = prepare(sql);
    if (!name) return name.error();
    std::vector<const char*> values;
    std::vector<std::string> integers;
    integers.reserve(params.size());
    values.reserve(params.size());
    for (const auto& param : params) {
      if (auto* integer = std::get_if<std::int64_t>(&param)) {
        integers.push_back(std::to_string(*integer));
        values.push_back(integers.back().c_str());
      } else if (auto* text = std::get_if<std::string>(&param)) {
        values.push_back(text->c_str());
      } else {
        values.push_back(nullptr);
      }
    }
    ResultHandle result(PQexecPrepared(connection_.get(), name->c_str(),
                                       static_cast<int>(values.size()), values.data(), nullptr,
                                       nullptr, 0));
    if (!result || !succeeded(result.get())) {
      return error_from(connection_.get(), result.get(), "execute");
    }
    detail::Rows out;
    int rows = PQntuples(result.get());
    int columns = PQnfields(result.get());
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      detail::Row row;
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result.get(), r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(result.get(), r, c),
                                       static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
        }
      }
      out.rows.push_back(std::move(row));
    }
    const char* changed = PQcmdTuples(result.get());
    if (changed && *changed) out.changed = std::stoll(changed);
    return out;
  }

  Result<void> execute_script(std::string_view sql) override {
    std::string text(sql);
    ResultHandle result(PQexec(connection_.get(), text.c_str()));
    if (!result || !succeeded(result.get())) {
      return error_from(connection_.get(), result.get(), "script");
    }
    return {};
  }

  Result<void> begin() override { return execute_script("BEGIN"); }
  Result<void> commit() override { return execute_script("COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(connection_.get()) != PQTRANS_IDLE) {
      (void)execute_script("ROLLBACK");
    }
  }
  bool healthy() const override { return PQstatus(connection_.get()) == CONNECTION_OK; }

 private:
  // Prepares each distinct statement once per connection, named s1, s2, ...
  Result<std::string> prepare(std::string_view sql) {
    auto found = prepared_.find(sql);
    if (found != prepared_.end()) return found->second;
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    std::string numbered = number_placeholders(sql);
    ResultHandle result(PQprepare(connection_.get(), name.c_str(), numbered.c_str(), 0, nullptr));
    if (!result || !succeeded(result.get())) {
      return error_from(connection_.get(), result.get(), "prepare");
    }
    prepared_.emplace(std::string(sql), name);
    return name;
  }

  ConnectionHandle connection_;
  std::map<std::string, std::string, std::less<>> prepared_;
};

}  // namespace

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<detail::Connection>> connect(const std::string& url) {
  ConnectionHandle connection(PQconnectdb(url.c_str()));
  if (!connection || PQstatus(connection.get()) != CONNECTION_OK) {
    std::string message =
        connection ? PQerrorMessage(connection.get()) : std::string("out of memory");
    while (!message.empty() && message.back() == '\n')
      message.pop_back();
    return make_error(ErrorCode::storage_error, "postgres: cannot connect: " + message);
  }
  // Notices (e.g. "relation already exists, skipping") would go to stderr.
  PQsetNoticeProcessor(
      connection.get(), [](void*, const char*) {}, nullptr);
  return std::unique_ptr<detail::Connection>(
      std::make_unique<PostgresConnection>(std::move(connection)));
}

}  // namespace microcred::store::postgres
