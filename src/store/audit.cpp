#include "store/audit.h"

#include "store/detail/connection.h"

namespace microcred::store {

Result<std::int64_t> append_audit_event(Transaction& tx, const AuditEvent& event) {
  if (event.actor.empty() || event.action.empty() || event.object_type.empty()) {
    return make_error(ErrorCode::invalid_argument,
                      "an audit event needs an actor, an action and an object type");
  }
  detail::Value institution;
  if (!event.institution_id.empty()) institution = event.institution_id;
  auto rows =
      detail::run(tx,
                  "INSERT INTO audit_events (institution_id, actor, action, object_type, "
                  "object_id, at, before_sha256, after_sha256) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
                  {institution, event.actor, event.action, event.object_type, event.object_id,
                   detail::seconds_of(event.at), event.before_sha256, event.after_sha256});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return make_error(ErrorCode::storage_error, "no sequence number back");
  return detail::to_int(rows->rows.front().at(0), "audit_events.seq");
}

Result<std::vector<AuditEvent>> audit_trail(Transaction& tx, std::string_view tenant,
                                            std::string_view object_type,
                                            std::string_view object_id) {
  auto rows = detail::run(tx,
                          "SELECT seq, institution_id, actor, action, object_type, object_id, at, "
                          "before_sha256, after_sha256 FROM audit_events "
                          "WHERE institution_id = ? AND object_type = ? AND object_id = ? "
                          "ORDER BY seq",
                          {std::string(tenant), std::string(object_type), std::string(object_id)});
  if (!rows) return rows.error();
  std::vector<AuditEvent> events;
  for (const auto& row : rows->rows) {
    auto seq = detail::to_int(row.at(0), "audit_events.seq");
    if (!seq) return seq.error();
    auto at = detail::timestamp_of(row.at(6), "audit_events.at");
    if (!at) return at.error();
    events.push_back({*seq, detail::text_of(row.at(1)), detail::text_of(row.at(2)),
                      detail::text_of(row.at(3)), detail::text_of(row.at(4)),
                      detail::text_of(row.at(5)), *at, detail::text_of(row.at(7)),
                      detail::text_of(row.at(8))});
  }
  return events;
}

}  // namespace microcred::store
