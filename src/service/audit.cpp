#include "service/audit.h"

#include "core/encoding.h"
#include "crypto/sha2.h"
#include "json/jcs.h"
#include "json/parse.h"
#include "store/audit.h"

namespace microcred::service {

Result<std::string> canonical_digest(std::string_view json) {
  auto value = json::parse(json);
  if (!value) return value.error();
  auto canonical = json::canonicalize(*value);
  if (!canonical) return canonical.error();
  return hex_encode(crypto::sha256(as_bytes(*canonical)));
}

Result<std::int64_t> record_change(store::Transaction& tx, const Clock& clock,
                                   const AuditChange& change) {
  store::AuditEvent event{.institution_id = change.institution_id,
                          .actor = change.actor,
                          .action = change.action,
                          .object_type = change.object_type,
                          .object_id = change.object_id,
                          .at = clock.now()};
  if (change.before_json) {
    auto digest = canonical_digest(*change.before_json);
    if (!digest) return Error{digest.error().code, digest.error().message, "before_json"};
    event.before_sha256 = std::move(*digest);
  }
  if (change.after_json) {
    auto digest = canonical_digest(*change.after_json);
    if (!digest) return Error{digest.error().code, digest.error().message, "after_json"};
    event.after_sha256 = std::move(*digest);
  }
  return store::append_audit_event(tx, event);
}

}  // namespace microcred::service
