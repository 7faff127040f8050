#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/calendar.h"
#include "domain/design.h"
#include "domain/design_checks.h"
#include "domain/enrolment.h"
#include "domain/grading.h"

namespace microcred::domain {

/// Whether an assessment board must approve results before issuance, and who sits on it.
/// MCE D4.2 ("Timeframe"): learners may be assessed on their own dates, so the board
/// approves each result, not a cohort.
struct BoardPolicy {
  bool required = false;
  int quorum = 1;                    ///< Approvals needed; at least 1.
  std::vector<std::string> members;  ///< User ids allowed to approve; empty: any approver.
  bool operator==(const BoardPolicy&) const = default;
};

/// What an assessment of one design must satisfy: derived from the design (learning
/// outcomes, assessment types, required supervision) and its offering (grading, board).
struct AssessmentRequirements {
  std::vector<std::string> outcomes;  ///< The design's learning outcome statements, in order.
  GradingScheme grading;
  std::vector<AssessmentType> methods;         ///< The design's assessment types; empty: any.
  std::optional<SupervisionMode> supervision;  ///< The least supervision allowed; none: any.
  BoardPolicy board;
  bool operator==(const AssessmentRequirements&) const = default;
};

/// The requirements for assessing `design`: its grading scheme is `grading` when given,
/// else read from the design's `grading_scheme` text (`read_grading_scheme`, whose error
/// is returned when it cannot be read). Pure.
Result<AssessmentRequirements> assessment_requirements(const MicroCredentialDesign& design,
                                                       const std::optional<GradingScheme>& grading,
                                                       const BoardPolicy& board);

/// How strong a supervision mode is: unsupervised 0, supervised without identity check 1,
/// supervised online with identity check 2, on site with identity check 3.
int supervision_rank(SupervisionMode mode);

/// The result for one learning outcome.
struct OutcomeResult {
  std::size_t outcome = 0;  ///< Index into the design's learning outcomes, from 0.
  bool achieved = false;
  std::string evidence;  ///< Where the evidence is kept: a file, a submission id, a URL.
  bool operator==(const OutcomeResult&) const = default;
};

/// One board member's vote on a result.
struct BoardApproval {
  std::string approver_id;
  bool approved = true;  ///< false: the member rejects the result.
  Timestamp at;
  std::string comment;
  bool operator==(const BoardApproval&) const = default;
};

/// An assessment of one enrolment, as recorded by its assessor.
struct AssessmentResult {
  std::string id;
  std::string enrolment_id;
  std::vector<OutcomeResult> outcomes;
  std::string grade;  ///< In the requirements' grading scheme ("14.5", "B", "pass").
  std::optional<Date> assessed_on;
  std::optional<AssessmentType> method;        ///< The type of assessment actually used.
  std::optional<SupervisionMode> supervision;  ///< The supervision actually used.
  std::string assessor_id;
  std::vector<BoardApproval> approvals;
  bool operator==(const AssessmentResult&) const = default;
};

/// Findings on `result` against `requirements`, each naming its field ("/grade",
/// "/outcomes/1", "/approvals/0/approver_id"): rules "assessment-outcomes" (every outcome
/// exactly once, indices in range; a warning for an achieved outcome without evidence),
/// "assessment-grade" (valid in the scheme; a warning when the grade and the outcomes
/// disagree), "assessment-date" (set, not after `today`), "assessment-method" (set, one of
/// the design's types), "assessment-supervision" (set, at least as strong as required),
/// "assessment-assessor" (set) and "board-approval" (no approval by the assessor, none
/// twice, only by members). Pure.
std::vector<Finding> check_assessment(const AssessmentResult& result,
                                      const AssessmentRequirements& requirements, Date today);

/// Where a result stands with its assessment board.
enum class BoardStatus { not_required, pending, approved, rejected };

/// Wire string: the enumerator's name.
std::string_view to_string(BoardStatus value);

/// The board's standing on `result`: counting only valid votes (by a member when the policy
/// lists members, never by the assessor, one per approver), rejected when any vote rejects,
/// approved when at least `quorum` approve, else pending.
BoardStatus board_status(const AssessmentResult& result, const BoardPolicy& policy);

/// `result` with `approval` added. Fails with `invalid_argument` when no board is required
/// or the approver is empty (field "approver_id"), `forbidden` when the approver is the
/// assessor or not a member, and `conflict` when they have already voted or the board has
/// already approved or rejected. Pure.
Result<AssessmentResult> add_board_approval(const AssessmentResult& result,
                                            const BoardPolicy& policy,
                                            const BoardApproval& approval);

/// What a completed enrolment yields.
enum class CredentialKind {
  micro_credential,           ///< Assessed: the micro-credential with ECTS and outcomes.
  certificate_of_attendance,  ///< Attendance only: no ECTS, no learning-outcome claims.
};

/// Wire string: the enumerator's name.
std::string_view to_string(CredentialKind value);

/// Whether an enrolment may be issued its credential now, and which kind.
struct IssuanceReadiness {
  bool ready = false;
  CredentialKind kind = CredentialKind::micro_credential;
  std::vector<std::string> reasons;  ///< Why not, each a sentence; empty when ready.
  bool operator==(const IssuanceReadiness&) const = default;
};

/// Ready when the enrolment is completed and, if assessed, `result` (null: none recorded)
/// has no error finding, a passing grade, every learning outcome achieved and, where the
/// board is required, the board's approval. Attendance-only enrolments need no result and
/// yield a certificate of attendance. Pure.
IssuanceReadiness readiness_for_issuance(const Enrolment& enrolment, const AssessmentResult* result,
                                         const AssessmentRequirements& requirements, Date today);

}  // namespace microcred::domain
