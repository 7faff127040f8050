#pragma once

#include <sqlite3.h>

#include "core/result.h"

namespace microcred::store::sqlite {

/// Registers the FTS5 auxiliary function `microcred_score(fts, w1, w2, ...)` on `db`: the
/// catalogue's relevance (store/catalogue.h), the sum over the query's phrases of the
/// largest weight `wN` of a column the phrase occurs in. PostgreSQL computes the same sum
/// with weighted tsquery matches. Fails with `storage_error` when FTS5 is missing.
Result<void> register_catalogue_score(sqlite3* db);

}  // namespace microcred::store::sqlite
