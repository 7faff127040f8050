#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crypto/random.h"
#include "domain/calendar.h"
#include "domain/enrolment.h"
#include "service/authorisation.h"
#include "store/enrolments.h"
#include "store/store.h"

namespace microcred::service {

// Enrolment (docs/learner-path.md): an admitted learner's place in an offering, in one
// activity and fee tier, with the fee quoted exactly when they enrol, and its moves
// enrolled -> suspended | withdrawn | completed | failed.

/// Enrolling an admitted application.
struct EnrolRequest {
  std::string application_id;
  std::vector<std::string> discount_ids;        ///< Discounts the registrar grants.
  std::optional<domain::Activity> activity;     ///< None: the application's.
  std::optional<std::string> learner_category;  ///< None: the application's.
};

/// Enrols the learner of admitted application `request.application_id` in an offering of
/// `institution_id` (needs enrolment_manage there), with the fee `domain::quote_fee` gives
/// for the learner's category and activity at this instant, stored with the enrolment.
/// Takes the offering's lock like `decide`, so a withdrawal cannot cross it. Fails with
/// `conflict` unless the application is admitted or when it is enrolled already, and like
/// `domain::quote_fee` (an activity not offered, an unknown discount, no fitting tier).
Result<store::EnrolmentRecord> enrol(store::Transaction& tx, crypto::RandomSource& random,
                                     const Clock& clock, const Principal& actor,
                                     std::string_view institution_id, const EnrolRequest& request);

/// A move of an enrolment.
struct EnrolmentChangeRequest {
  std::string enrolment_id;
  domain::EnrolmentEvent event = domain::EnrolmentEvent::complete;
  std::string reason;                     ///< Required to suspend and to fail.
  std::optional<domain::Date> resume_by;  ///< Only to suspend.
};

/// Moves enrolment `request.enrolment_id` (needs enrolment_manage) with
/// `domain::apply_change` at the clock's instant, and records the step in its history.
/// Fails with `conflict` for a move its status does not allow ("lift the suspension first")
/// and `invalid_argument` for a missing reason or a bad `resume_by`.
Result<store::EnrolmentRecord> change_enrolment(store::Transaction& tx, const Clock& clock,
                                                const Principal& actor,
                                                std::string_view institution_id,
                                                const EnrolmentChangeRequest& request);

/// Enrolment `id` (needs learner_data_read: registrars and assessors, or the learner).
Result<store::EnrolmentRecord> get_enrolment(store::Transaction& tx, const Principal& actor,
                                             std::string_view institution_id, std::string_view id);

/// The enrolments of offering `offering_id`, oldest first (needs learner_data_read in the
/// institution: registrars and assessors).
Result<std::vector<store::EnrolmentRecord>> list_enrolments(store::Transaction& tx,
                                                            const Principal& actor,
                                                            std::string_view institution_id,
                                                            std::string_view offering_id);

/// The status history of enrolment `id`, oldest first (as `get_enrolment`).
Result<std::vector<store::EnrolmentEventRecord>> enrolment_history(store::Transaction& tx,
                                                                   const Principal& actor,
                                                                   std::string_view institution_id,
                                                                   std::string_view id);

}  // namespace microcred::service
