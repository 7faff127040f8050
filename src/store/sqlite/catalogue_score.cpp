#include "store/sqlite/catalogue_score.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace microcred::store::sqlite {
namespace {

// microcred_score(fts, w1, ..., wN): for each phrase of the MATCH expression, the largest
// weight of a column it occurs in (0 when it occurs in none, e.g. under OR), summed.
void score(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int argc,
           sqlite3_value** argv) {
  int columns = api->xColumnCount(fts);
  if (argc != columns) {
    sqlite3_result_error(result, "microcred_score: give one weight per column", -1);
    return;
  }
  std::int64_t total = 0;
  int phrases = api->xPhraseCount(fts);
  for (int phrase = 0; phrase < phrases; ++phrase) {
    Fts5PhraseIter iter;
    int column = -1;
    int rc = api->xPhraseFirstColumn(fts, phrase, &iter, &column);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(result, rc);
      return;
    }
    std::int64_t best = 0;
    for (; column >= 0; api->xPhraseNextColumn(fts, &iter, &column)) {
      best = std::max<std::int64_t>(best, sqlite3_value_int64(argv[column]));
    }
    total += best;
  }
  sqlite3_result_int64(result, total);
}

}  // namespace

Result<void> register_catalogue_score(sqlite3* db) {
  // The documented way to reach the FTS5 API: SELECT fts5(?1) with a pointer binding.
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
  }
  sqlite3_finalize(statement);
  if (api == nullptr || api->iVersion < 2) {
    return make_error(ErrorCode::storage_error,
                      "sqlite: cannot reach the FTS5 API to register the catalogue's score");
  }
  rc = api->xCreateFunction(api, "microcred_score", nullptr, score, nullptr);
  if (rc != SQLITE_OK) {
    return make_error(ErrorCode::storage_error,
                      std::string("sqlite: microcred_score: ") + sqlite3_errstr(rc));
  }
  return {};
}

}  // namespace microcred::store::sqlite
