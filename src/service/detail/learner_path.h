#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "crypto/random.h"
#include "service/authorisation.h"
#include "store/store.h"

namespace microcred::service::detail {

// Small pieces the learner-path use cases share (offerings.cpp, admission.cpp,
// enrolment.cpp, assessment.cpp).

/// A fresh random UUID v4 ("0f8f...-...").
std::string new_id(crypto::RandomSource& random);

/// The clock's instant in whole seconds, as the store keeps it, so that what a use case
/// returns equals what it stored.
Timestamp now_in_seconds(const Clock& clock);

/// `authorise` for `action` in `institution_id`, optionally on the data of `learner_id`.
Result<void> allowed(const Principal& actor, Action action, std::string_view institution_id,
                     std::string_view learner_id = {});

/// Appends one audit event ("<object_type>.<verb>") for `actor` in `institution_id`.
Result<void> audit(store::Transaction& tx, const Clock& clock, const Principal& actor,
                   std::string_view institution_id, std::string_view object_type,
                   std::string_view verb, std::string_view object_id,
                   std::optional<std::string> before_json, std::string after_json);

}  // namespace microcred::service::detail
