#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace microcred::service {

/// One change of one object, for the audit trail. The JSON forms are digested, never
/// stored: the trail says that something changed and lets a copy be checked, without
/// holding personal data.
struct AuditChange {
  std::string institution_id;  ///< "" for changes outside any institution
  std::string actor;           ///< the principal's user id, or "system"
  std::string action;          ///< e.g. "design.submit"
  std::string object_type;
  std::string object_id;
  std::optional<std::string> before_json;  ///< absent when the object is new
  std::optional<std::string> after_json;   ///< absent when the object is gone
};

/// Appends `change` to the audit trail at `clock.now()`, with the hex SHA-256 of the RFC
/// 8785 canonical form of each JSON side, and gives back its sequence number. Fails with
/// `parse_error` when a side is not JSON.
Result<std::int64_t> record_change(store::Transaction& tx, const Clock& clock,
                                   const AuditChange& change);

/// Lower-case hex SHA-256 of the RFC 8785 canonical form of `json`.
Result<std::string> canonical_digest(std::string_view json);

}  // namespace microcred::service
