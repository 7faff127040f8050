#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/assessment.h"
#include "store/store.h"

namespace microcred::store {

/// An assessment of one enrolment as stored: the domain's result (per-outcome results, grade,
/// date, method, supervision, assessor, board votes) with its attempt number. A recorded
/// result never changes; a resit or a correction is a new attempt, and the newest attempt is
/// the one that counts. Board votes are added one by one and never changed.
struct AssessmentRecord {
  domain::AssessmentResult result;
  std::string institution_id;
  int attempt = 1;      ///< 1, 2, ... per enrolment.
  bool passed = false;  ///< Whether the grade passes in the offering's scheme.
  Timestamp recorded_at;
  bool operator==(const AssessmentRecord&) const = default;
};

/// Adds `record` (its outcomes and any votes) to `tenant`. Fails with `forbidden` when it
/// names another institution, `invalid_argument` when the date, method or supervision is
/// missing, and `conflict` when the id or the enrolment's attempt number is taken.
Result<void> insert_assessment(Transaction& tx, std::string_view tenant,
                               const AssessmentRecord& record);

/// Assessment `id` of `tenant`, with its outcomes in order and its votes in the order given;
/// `not_found` otherwise.
Result<AssessmentRecord> find_assessment(Transaction& tx, std::string_view tenant,
                                         std::string_view id);

/// As `find_assessment`, and the assessment stays locked against every other transaction
/// that locks it until this one ends (PostgreSQL `FOR UPDATE`; SQLite's write lock), so board
/// votes on one result are taken one after another.
Result<AssessmentRecord> lock_assessment(Transaction& tx, std::string_view tenant,
                                         std::string_view id);

/// Every attempt recorded for enrolment `enrolment_id` of `tenant`, first first.
Result<std::vector<AssessmentRecord>> list_assessments(Transaction& tx, std::string_view tenant,
                                                       std::string_view enrolment_id);

/// The newest attempt for enrolment `enrolment_id` of `tenant`, if any.
Result<std::optional<AssessmentRecord>> latest_assessment(Transaction& tx, std::string_view tenant,
                                                          std::string_view enrolment_id);

/// Adds one board member's vote on assessment `assessment_id` of `tenant`, after the votes
/// already there. Fails with `not_found` without the assessment, `conflict` when the member
/// has voted on it, and `invalid_argument` when the voter is its assessor (the store refuses).
Result<void> insert_board_approval(Transaction& tx, std::string_view tenant,
                                   std::string_view assessment_id,
                                   const domain::BoardApproval& approval);

}  // namespace microcred::store
