#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crypto/random.h"
#include "domain/admission.h"
#include "domain/enrolment.h"
#include "service/authorisation.h"
#include "store/applications.h"
#include "store/store.h"

namespace microcred::service {

// Admission (docs/learner-path.md): applications with the learner's evidence and the
// eligibility evaluated from it, and the registrar's decisions over the offering's capacity
// and waiting list. The decisions of one offering are serialised: `decide` and
// `promote_waitlisted` lock the offering's row (store::lock_offering) before they read its
// applications, and hold the lock until the caller's transaction ends, so run each in a
// transaction of its own. Capacity is never exceeded, however many decide at once.

/// An application as stored and as the domain reads it.
struct ApplicationView {
  store::ApplicationRecord record;
  domain::Application application;
};

/// A learner's application.
struct ApplyRequest {
  std::string offering_id;
  std::string learner_id;        ///< Empty: the actor applies for themselves.
  std::string learner_category;  ///< For the fee tier ("professional"); may be empty.
  domain::Activity activity = domain::Activity::assessed;
  std::string evidence_json;  ///< The evidence's JSON form (docs/learner-path.md); "" is none.
};

/// An application made, with its eligibility criterion by criterion.
struct ApplyOutcome {
  ApplicationView application;
  domain::EligibilityReport eligibility;
};

/// Submits an application to offering `request.offering_id` of `institution_id` (needs
/// application_submit: the learner themselves, or a registrar of the offering's institution
/// for them). The learner must have a learner profile (`not_found`, field "learner_id"); the
/// offering must accept applications now (`conflict`, field "/application_window"), offer the
/// activity and have a fee tier for the learner's category (`invalid_argument`, fields
/// "activity", "learner_category"); the learner must have no open application to it
/// (`conflict`). The evidence is read and checked (`invalid_argument` whose field is the
/// JSON pointer under "/evidence") and evaluated against the design's admission criteria
/// (`domain::evaluate_eligibility`); the report is stored with the application.
Result<ApplyOutcome> apply(store::Transaction& tx, crypto::RandomSource& random, const Clock& clock,
                           const Principal& actor, std::string_view institution_id,
                           const ApplyRequest& request);

/// A decision to take on one application.
struct DecideRequest {
  std::string application_id;
  domain::Decision decision = domain::Decision::admit;
  std::string reason;  ///< Required to reject; kept for every decision.
  /// admit only: when no place is left, put the application on the waiting list instead
  /// of failing.
  bool waitlist_when_full = false;
};

/// A decision taken.
struct DecisionOutcome {
  ApplicationView application;            ///< The decided application, as it now stands.
  std::vector<ApplicationView> promoted;  ///< Admitted from the waiting list because of it.
  domain::AdmissionCounts counts;         ///< The offering's places after it.
};

/// Decides `request` under the offering's lock (see above) with `domain::decide`. Admit,
/// waitlist and reject need admission_decide in the institution that reviews the offering's
/// applications; withdraw needs application_withdraw (the learner themselves, or a registrar
/// of the reviewing institution) and is refused (`conflict`) while the learner is enrolled
/// from the application. A withdrawal that frees a place admits the first on the waiting
/// list when promotion is automatic. Fails like `domain::decide`: `conflict` when no place is
/// left ("no place left: 30 of 30 places are taken ..."), for a final application or a move
/// its state does not allow; `invalid_argument` without a reason to reject. Every changed
/// application gets a decision in its history and an audit event.
Result<DecisionOutcome> decide(store::Transaction& tx, const Clock& clock, const Principal& actor,
                               std::string_view institution_id, const DecideRequest& request);

/// What a promotion did.
struct PromotionOutcome {
  std::vector<ApplicationView> promoted;  ///< In waiting-list order.
  domain::AdmissionCounts counts;
};

/// Fills the free places of offering `offering_id` from its waiting list, first first
/// (needs admission_decide in the reviewing institution): for manual promotion, or after
/// places were freed. Takes the offering's lock like `decide`.
Result<PromotionOutcome> promote_waitlisted(store::Transaction& tx, const Clock& clock,
                                            const Principal& actor, std::string_view institution_id,
                                            std::string_view offering_id);

/// Application `id` (needs learner_data_read: staff of the offering's institution or of its
/// reviewer, or the learner themselves).
Result<ApplicationView> get_application(store::Transaction& tx, const Principal& actor,
                                        std::string_view institution_id, std::string_view id);

/// The applications to offering `offering_id`, optionally only those in `status`, in the
/// order they were submitted (needs admission_decide in `institution_id`, the offering's
/// institution or its reviewer).
Result<std::vector<ApplicationView>> list_applications(
    store::Transaction& tx, const Principal& actor, std::string_view institution_id,
    std::string_view offering_id, std::optional<domain::ApplicationStatus> status = std::nullopt);

/// The decisions on application `id`, oldest first (as `get_application`).
Result<std::vector<store::AdmissionDecisionRecord>> admission_history(
    store::Transaction& tx, const Principal& actor, std::string_view institution_id,
    std::string_view id);

/// `record` read back as the domain's application (with its evidence); `storage_error` when
/// the evidence does not read back.
Result<ApplicationView> application_view(store::ApplicationRecord record);

}  // namespace microcred::service
