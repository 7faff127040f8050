#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/enrolment.h"
#include "domain/offering.h"
#include "store/store.h"

namespace microcred::store {

/// An enrolment as stored: the domain's enrolment (with its suspensions), the learner
/// category it was priced for, and the fee quoted when it was made, in exact minor units of
/// one currency (the store checks payable = list price - discount - sponsored).
struct EnrolmentRecord {
  domain::Enrolment enrolment;
  std::string learner_category;
  domain::FeeQuote fee;
  Timestamp updated_at;
  bool operator==(const EnrolmentRecord&) const = default;
};

/// Adds `record` (and its suspensions) to `tenant`. Fails with `forbidden` when it names
/// another institution, `conflict` when the id is taken, the application already has an
/// enrolment or the learner already holds an open or completed one in the offering, and
/// `invalid_argument` when the fee does not add up or the offering, learner or application
/// does not exist.
Result<void> insert_enrolment(Transaction& tx, std::string_view tenant,
                              const EnrolmentRecord& record);

/// Enrolment `id` of `tenant`; `not_found` otherwise.
Result<EnrolmentRecord> find_enrolment(Transaction& tx, std::string_view tenant,
                                       std::string_view id);

/// The enrolment made from application `application_id`, if any.
Result<std::optional<EnrolmentRecord>> find_enrolment_for_application(
    Transaction& tx, std::string_view tenant, std::string_view application_id);

/// The enrolments of offering `offering_id` of `tenant`, oldest first.
Result<std::vector<EnrolmentRecord>> list_enrolments(Transaction& tx, std::string_view tenant,
                                                     std::string_view offering_id);

/// Stores the state of `record.enrolment` (status, end, suspensions: kept ones updated, new
/// ones added) and `updated_at`, found by id in `tenant`. Fails with `not_found`,
/// `invalid_argument` when suspensions would be dropped, and `invalid_argument` when the store
/// refuses: a withdrawn, completed or failed enrolment never changes.
Result<void> update_enrolment(Transaction& tx, std::string_view tenant,
                              const EnrolmentRecord& record);

/// One step in an enrolment's status history.
struct EnrolmentEventRecord {
  std::int64_t seq = 0;  ///< Set by the store, increasing.
  std::string institution_id;
  std::string enrolment_id;
  std::string event;  ///< "enrol", or an `EnrolmentEvent`'s wire string ("suspend").
  domain::EnrolmentStatus status = domain::EnrolmentStatus::enrolled;  ///< After it.
  std::string actor;
  std::string reason;
  Timestamp at;
  bool operator==(const EnrolmentEventRecord&) const = default;
};

/// Appends `record` (its `seq` is ignored) to the history and gives back its sequence number.
/// The history is append-only: both backends refuse UPDATE and DELETE on it.
Result<std::int64_t> append_enrolment_event(Transaction& tx, std::string_view tenant,
                                            const EnrolmentEventRecord& record);

/// The status history of enrolment `enrolment_id` of `tenant`, oldest first.
Result<std::vector<EnrolmentEventRecord>> enrolment_history(Transaction& tx,
                                                            std::string_view tenant,
                                                            std::string_view enrolment_id);

}  // namespace microcred::store
