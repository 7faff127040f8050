#include "service/detail/learner_path.h"

#include <array>

#include "core/uuid.h"
#include "service/audit.h"

namespace microcred::service::detail {

std::string new_id(crypto::RandomSource& random) {
  std::array<std::uint8_t, 16> bytes{};
  random.fill(bytes);
  return to_string(uuid_v4(bytes));
}

Timestamp now_in_seconds(const Clock& clock) {
  return {clock.now().seconds, 0};
}

Result<void> allowed(const Principal& actor, Action action, std::string_view institution_id,
                     std::string_view learner_id) {
  return authorise(
      actor, action,
      {.institution_id = std::string(institution_id), .learner_id = std::string(learner_id)});
}

Result<void> audit(store::Transaction& tx, const Clock& clock, const Principal& actor,
                   std::string_view institution_id, std::string_view object_type,
                   std::string_view verb, std::string_view object_id,
                   std::optional<std::string> before_json, std::string after_json) {
  auto recorded = record_change(tx, clock,
                                {.institution_id = std::string(institution_id),
                                 .actor = actor.user_id,
                                 .action = std::string(object_type) + "." + std::string(verb),
                                 .object_type = std::string(object_type),
                                 .object_id = std::string(object_id),
                                 .before_json = std::move(before_json),
                                 .after_json = std::move(after_json)});
  if (!recorded) return recorded.error();
  return {};
}

}  // namespace microcred::service::detail
