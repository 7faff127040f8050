#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace microcred::store {

/// One state change: who did what to which object, when, and the SHA-256 (hex) of the
/// object's canonical form before and after ("" when it did not exist).
struct AuditEvent {
  std::int64_t seq = 0;        ///< set by the store, increasing
  std::string institution_id;  ///< "" for changes outside any institution
  std::string actor;           ///< a user id, or "system"
  std::string action;          ///< e.g. "design.submit"
  std::string object_type;
  std::string object_id;
  Timestamp at;
  std::string before_sha256;
  std::string after_sha256;

  bool operator==(const AuditEvent&) const = default;
};

/// Appends `event` (its `seq` is ignored) and gives back its sequence number. The table is
/// append-only: both backends refuse UPDATE and DELETE on it.
Result<std::int64_t> append_audit_event(Transaction& tx, const AuditEvent& event);

/// The events of `tenant` about one object, oldest first.
Result<std::vector<AuditEvent>> audit_trail(Transaction& tx, std::string_view tenant,
                                            std::string_view object_type,
                                            std::string_view object_id);

}  // namespace microcred::store
