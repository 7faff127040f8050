#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "crypto/random.h"
#include "domain/assessment.h"
#include "domain/calendar.h"
#include "domain/design_checks.h"
#include "service/authorisation.h"
#include "store/assessments.h"
#include "store/store.h"

namespace microcred::service {

// Assessment (docs/learner-path.md): results per learning outcome, the grade in the
// offering's scheme, the method and supervision actually used, the assessor, the assessment
// board's votes, and whether an enrolment is ready for its credential.

/// What an assessor records for one enrolment; the assessor is the actor.
struct AssessmentInput {
  std::string enrolment_id;
  std::vector<domain::OutcomeResult> outcomes;
  std::string grade;
  std::optional<domain::Date> assessed_on;
  std::optional<domain::AssessmentType> method;
  std::optional<domain::SupervisionMode> supervision;
};

/// What recording came to. A result with an error finding is not recorded: a failed check is
/// a result, not an error; nothing is written then.
struct RecordAssessmentOutcome {
  bool recorded = false;
  std::vector<domain::Finding> findings;  ///< every finding of `domain::check_assessment`
  std::optional<store::AssessmentRecord> assessment;  ///< when recorded
};

/// Records `input` as the next attempt of an assessed enrolment that is enrolled or completed
/// (`conflict` otherwise, and for attendance-only enrolments), with the actor as assessor
/// (needs assessment_record). Checks it with `domain::check_assessment` against the design's
/// outcomes, types and supervision and the offering's grading scheme, with today as the
/// clock's UTC date; the grade is stored in its canonical form ("14,5" becomes "14.5").
Result<RecordAssessmentOutcome> record_assessment(store::Transaction& tx,
                                                  crypto::RandomSource& random, const Clock& clock,
                                                  const Principal& actor,
                                                  std::string_view institution_id,
                                                  const AssessmentInput& input);

/// A board member's vote on one result.
struct BoardVote {
  std::string assessment_id;
  bool approved = true;  ///< false: the member rejects the result.
  std::string comment;
};

/// A result with its votes, and where it stands with the board.
struct BoardOutcome {
  store::AssessmentRecord assessment;
  domain::BoardStatus status = domain::BoardStatus::not_required;
};

/// Adds the actor's vote on the newest attempt of an enrolment (needs assessment_approve),
/// under the assessment's lock so that votes are counted one after another. Fails like
/// `domain::add_board_approval`: `invalid_argument` when the offering needs no board,
/// `forbidden` for the result's own assessor or someone not on the board, `conflict` for a
/// second vote or after the board decided; and `conflict` for an attempt a newer one replaced.
Result<BoardOutcome> vote_on_assessment(store::Transaction& tx, const Clock& clock,
                                        const Principal& actor, std::string_view institution_id,
                                        const BoardVote& vote);

/// Assessment `id` with its board status (needs learner_data_read: registrars and assessors,
/// or the learner).
Result<BoardOutcome> get_assessment(store::Transaction& tx, const Principal& actor,
                                    std::string_view institution_id, std::string_view id);

/// Whether enrolment `enrolment_id` may be issued its credential now, and which kind
/// (`domain::readiness_for_issuance` with its newest assessment; needs learner_data_read).
Result<domain::IssuanceReadiness> readiness_for_issuance(store::Transaction& tx, const Clock& clock,
                                                         const Principal& actor,
                                                         std::string_view institution_id,
                                                         std::string_view enrolment_id);

}  // namespace microcred::service
