#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/calendar.h"

namespace microcred::domain {

/// What a learner takes part in, and so what they receive and pay: the course activities
/// only (a certificate of attendance, no ECTS) or the activities and the assessment (the
/// micro-credential with its ECTS). MCE D4.2, "Tuition fees".
enum class Activity { attendance_only, assessed };

/// Where an enrolment stands. `enrolled` and `suspended` are open; the others are final.
enum class EnrolmentStatus { enrolled, suspended, withdrawn, completed, failed };

/// What a registrar does to an enrolment.
enum class EnrolmentEvent { suspend, lift_suspension, withdraw, complete, fail };

/// Wire strings: the enumerator's name ("attendance_only", "lift_suspension").
std::string_view to_string(Activity value);
std::string_view to_string(EnrolmentStatus value);
std::string_view to_string(EnrolmentEvent value);

/// The value whose wire string is `name`, or nothing.
std::optional<Activity> parse_activity(std::string_view name);
std::optional<EnrolmentStatus> parse_enrolment_status(std::string_view name);
std::optional<EnrolmentEvent> parse_enrolment_event(std::string_view name);

/// True for withdrawn, completed and failed: no event changes them.
bool is_final(EnrolmentStatus status);

/// The transition table: the status after `event` in `status`, or nothing when the move is
/// not allowed. enrolled -> suspended | withdrawn | completed | failed; suspended ->
/// enrolled (lift) | withdrawn; final states never move.
std::optional<EnrolmentStatus> next_status(EnrolmentStatus status, EnrolmentEvent event);

/// A suspension of studies (the design's terms say whether and how learners may pause).
struct Suspension {
  Timestamp from;
  std::optional<Date> resume_by;  ///< When the learner plans to resume; none: open.
  std::optional<Timestamp> lifted_at;
  std::string reason;
  bool operator==(const Suspension&) const = default;
};

/// A learner's place in an offering, in one activity tier.
struct Enrolment {
  std::string id;
  std::string institution_id;
  std::string offering_id;
  std::string learner_id;
  std::string application_id;  ///< The admitted application; empty for direct enrolment.
  Activity activity = Activity::assessed;
  std::string fee_tier_id;
  EnrolmentStatus status = EnrolmentStatus::enrolled;
  Timestamp enrolled_at;
  std::vector<Suspension> suspensions;  ///< Oldest first; only the last may be unlifted.
  std::optional<Timestamp> ended_at;    ///< When it became withdrawn, completed or failed.
  std::string end_reason;
  bool operator==(const Enrolment&) const = default;
};

/// A registrar's request to move an enrolment.
struct EnrolmentChange {
  EnrolmentEvent event = EnrolmentEvent::complete;
  Timestamp at;
  std::string reason;             ///< Required to suspend and to fail; kept for withdrawal.
  std::optional<Date> resume_by;  ///< Only for `suspend`.
  bool operator==(const EnrolmentChange&) const = default;
};

/// The instant of the enrolment's latest recorded change (enrolment, suspension, lifting,
/// end).
Timestamp last_change(const Enrolment& enrolment);

/// `enrolment` after `change`. Fails with `conflict` (field "event") for a move the table
/// does not allow, saying why ("lift the suspension first"); with `invalid_argument` for a
/// missing reason (field "reason"), a change dated before the last one (field "at") or a
/// `resume_by` that is not after the suspension starts or comes with another event (field
/// "resume_by"). Pure.
Result<Enrolment> apply_change(const Enrolment& enrolment, const EnrolmentChange& change);

}  // namespace microcred::domain
