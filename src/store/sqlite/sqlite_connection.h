#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/detail/connection.h"

namespace microcred::store::sqlite {

/// Opens an SQLite database (`path`, or ":memory:") with WAL, foreign keys and a busy
/// timeout, and checks that FTS5 is compiled in. Fails with `storage_error`.
Result<std::unique_ptr<detail::Connection>> connect(const std::string& path, int busy_timeout_ms);

}  // namespace microcred::store::sqlite
