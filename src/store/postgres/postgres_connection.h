#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/detail/connection.h"

namespace microcred::store::postgres {

/// Connects with libpq to `url` (a connection URI). Fails with `storage_error`.
Result<std::unique_ptr<detail::Connection>> connect(const std::string& url);

/// `sql` with its `?` placeholders numbered for PostgreSQL (`$1`, `$2`, ...); question
/// marks inside quotes are left alone.
std::string number_placeholders(std::string_view sql);

}  // namespace microcred::store::postgres
