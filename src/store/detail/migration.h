#pragma once

#include <span>
#include <string_view>

namespace microcred::store::detail {

/// One step of a backend's schema: applied once, in version order, in one transaction, and
/// recorded in `schema_migrations`. Never edit a released migration; add the next one.
struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sql;
};

/// SQLite's migrations, versions 1, 2, ... without gaps.
std::span<const Migration> sqlite_migrations();

/// PostgreSQL's migrations, the same versions as SQLite's.
std::span<const Migration> postgres_migrations();

}  // namespace microcred::store::detail
