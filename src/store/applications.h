#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/admission.h"
#include "domain/enrolment.h"
#include "store/store.h"

namespace microcred::store {

/// A learner's application to an offering as stored. It belongs to the offering's institution
/// and is shared with the institution that reviews the offering's applications; every query
/// below matches either. The evidence and the eligibility report are kept in their JSON forms
/// (`domain::to_json`), which the store does not look inside.
struct ApplicationRecord {
  std::string id;
  std::string institution_id;            ///< The offering's institution.
  std::string reviewing_institution_id;  ///< Who decides it.
  std::string offering_id;
  std::string learner_id;
  std::string learner_category;
  domain::Activity activity = domain::Activity::assessed;
  std::string evidence_json;
  domain::Eligibility eligibility = domain::Eligibility::needs_review;
  std::string eligibility_json;
  domain::ApplicationStatus status = domain::ApplicationStatus::submitted;
  Timestamp submitted_at;
  std::optional<Timestamp> waitlisted_at;
  std::optional<Timestamp> decided_at;
  std::string decided_by;
  std::string reason;
  bool operator==(const ApplicationRecord&) const = default;
};

/// Adds `record` to `tenant`, the offering's institution. Fails with `forbidden` when it
/// names another, `conflict` when the id is taken or the learner already has an open
/// (submitted, admitted or waitlisted) application to the offering, `invalid_argument` when
/// the offering or learner does not exist or the offering would be over capacity.
Result<void> insert_application(Transaction& tx, std::string_view tenant,
                                const ApplicationRecord& record);

/// Application `id` as `tenant` (its offering's institution or reviewer) sees it; `not_found`
/// otherwise.
Result<ApplicationRecord> find_application(Transaction& tx, std::string_view tenant,
                                           std::string_view id);

/// Every application to offering `offering_id` that `tenant` sees, optionally only those in
/// `status`, in the order they were submitted (then by id).
Result<std::vector<ApplicationRecord>> list_applications(
    Transaction& tx, std::string_view tenant, std::string_view offering_id,
    std::optional<domain::ApplicationStatus> status = std::nullopt);

/// The learner's open (submitted, admitted or waitlisted) application to the offering, if any.
Result<std::optional<ApplicationRecord>> find_open_application(Transaction& tx,
                                                               std::string_view tenant,
                                                               std::string_view offering_id,
                                                               std::string_view learner_id);

/// Stores the decision fields of `record` (status, waitlisted_at, decided_at, decided_by,
/// reason), found by id as `tenant` sees it. Fails with `not_found`, or `invalid_argument`
/// when the store refuses: a final application moving again, or an admission over capacity.
Result<void> update_application_status(Transaction& tx, std::string_view tenant,
                                       const ApplicationRecord& record);

/// One admission decision in an application's history.
struct AdmissionDecisionRecord {
  std::int64_t seq = 0;  ///< Set by the store, increasing.
  std::string institution_id;
  std::string reviewing_institution_id;
  std::string application_id;
  std::string decision;  ///< "admit", "waitlist", "reject", "withdraw" or "promote".
  domain::ApplicationStatus status = domain::ApplicationStatus::submitted;  ///< After it.
  std::string decided_by;
  std::string reason;
  Timestamp at;
  bool operator==(const AdmissionDecisionRecord&) const = default;
};

/// Appends `record` (its `seq` is ignored) to the application's history and gives back its
/// sequence number; `forbidden` unless `tenant` is the application's institution or reviewer.
/// The history is append-only: both backends refuse UPDATE and DELETE on it.
Result<std::int64_t> append_admission_decision(Transaction& tx, std::string_view tenant,
                                               const AdmissionDecisionRecord& record);

/// The decisions on application `application_id` that `tenant` sees, oldest first.
Result<std::vector<AdmissionDecisionRecord>> admission_history(Transaction& tx,
                                                               std::string_view tenant,
                                                               std::string_view application_id);

}  // namespace microcred::store
