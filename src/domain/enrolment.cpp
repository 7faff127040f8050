#include "domain/enrolment.h"

#include <array>

namespace microcred::domain {
namespace {

constexpr std::array<std::string_view, 2> activity_names = {"attendance_only", "assessed"};
constexpr std::array<std::string_view, 5> status_names = {"enrolled", "suspended", "withdrawn",
                                                          "completed", "failed"};
constexpr std::array<std::string_view, 5> event_names = {"suspend", "lift_suspension", "withdraw",
                                                         "complete", "fail"};

template <class Enum, std::size_t N>
std::optional<Enum> parse(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}

// What the registrar is trying to do, as a verb for messages.
std::string_view verb(EnrolmentEvent event) {
  switch (event) {
    case EnrolmentEvent::suspend:
      return "suspend";
    case EnrolmentEvent::lift_suspension:
      return "lift the suspension of";
    case EnrolmentEvent::withdraw:
      return "withdraw";
    case EnrolmentEvent::complete:
      return "complete";
    case EnrolmentEvent::fail:
      return "fail";
  }
  return "change";
}

std::string refusal(EnrolmentStatus status, EnrolmentEvent event) {
  std::string base = "cannot " + std::string(verb(event)) + " an enrolment that is " +
                     std::string(to_string(status));
  if (is_final(status)) return base + ", a final state";
  if (status == EnrolmentStatus::suspended) return base + "; lift the suspension first";
  if (event == EnrolmentEvent::lift_suspension) return base + ", not suspended";
  return base;
}

}  // namespace

std::string_view to_string(Activity value) {
  return activity_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(EnrolmentStatus value) {
  return status_names[static_cast<std::size_t>(value)];
}
std::string_view to_string(EnrolmentEvent value) {
  return event_names[static_cast<std::size_t>(value)];
}

std::optional<Activity> parse_activity(std::string_view name) {
  return parse<Activity>(name, activity_names);
}
std::optional<EnrolmentStatus> parse_enrolment_status(std::string_view name) {
  return parse<EnrolmentStatus>(name, status_names);
}
std::optional<EnrolmentEvent> parse_enrolment_event(std::string_view name) {
  return parse<EnrolmentEvent>(name, event_names);
}

bool is_final(EnrolmentStatus status) {
  return status == EnrolmentStatus::withdrawn || status == EnrolmentStatus::completed ||
         status == EnrolmentStatus::failed;
}

std::optional<EnrolmentStatus> next_status(EnrolmentStatus status, EnrolmentEvent event) {
  using S = EnrolmentStatus;
  using E = EnrolmentEvent;
  switch (status) {
    case S::enrolled:
      switch (event) {
        case E::suspend:
          return S::suspended;
        case E::withdraw:
          return S::withdrawn;
        case E::complete:
          return S::completed;
        case E::fail:
          return S::failed;
        case E::lift_suspension:
          return std::nullopt;
      }
      break;
    case S::suspended:
      if (event == E::lift_suspension) return S::enrolled;
      if (event == E::withdraw) return S::withdrawn;
      break;
    case S::withdrawn:
    case S::completed:
    case S::failed:
      break;
  }
  return std::nullopt;
}

Timestamp last_change(const Enrolment& e) {
  Timestamp latest = e.enrolled_at;
  for (const auto& s : e.suspensions) {
    latest = std::max(latest, s.from);
    if (s.lifted_at) latest = std::max(latest, *s.lifted_at);
  }
  if (e.ended_at) latest = std::max(latest, *e.ended_at);
  return latest;
}

Result<Enrolment> apply_change(const Enrolment& enrolment, const EnrolmentChange& change) {
  auto next = next_status(enrolment.status, change.event);
  if (!next)
    return make_error(ErrorCode::conflict, refusal(enrolment.status, change.event), "event");
  if (change.at < last_change(enrolment))
    return make_error(ErrorCode::invalid_argument,
                      "the change at " + format_rfc3339(change.at) +
                          " is before the enrolment's last change at " +
                          format_rfc3339(last_change(enrolment)),
                      "at");
  const bool needs_reason =
      change.event == EnrolmentEvent::suspend || change.event == EnrolmentEvent::fail;
  if (needs_reason && change.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error(ErrorCode::invalid_argument,
                      "give a reason to " + std::string(verb(change.event)) + " an enrolment",
                      "reason");
  if (change.resume_by && change.event != EnrolmentEvent::suspend)
    return make_error(ErrorCode::invalid_argument, "resume_by only goes with suspend", "resume_by");
  if (change.resume_by && *change.resume_by <= date_of(change.at))
    return make_error(ErrorCode::invalid_argument,
                      "resume_by " + format_date(*change.resume_by) +
                          " is not after the suspension starts on " +
                          format_date(date_of(change.at)),
                      "resume_by");
  Enrolment out = enrolment;
  out.status = *next;
  switch (change.event) {
    case EnrolmentEvent::suspend:
      out.suspensions.push_back({change.at, change.resume_by, std::nullopt, change.reason});
      break;
    case EnrolmentEvent::lift_suspension:
      // A suspended enrolment from a store that lost its suspension row must not crash us.
      if (out.suspensions.empty() || out.suspensions.back().lifted_at)
        return make_error(ErrorCode::conflict,
                          "the enrolment is suspended but no open suspension is recorded",
                          "suspensions");
      out.suspensions.back().lifted_at = change.at;
      break;
    case EnrolmentEvent::withdraw:
      // Withdrawing a suspended learner also ends the suspension.
      if (!out.suspensions.empty() && !out.suspensions.back().lifted_at)
        out.suspensions.back().lifted_at = change.at;
      [[fallthrough]];
    case EnrolmentEvent::complete:
    case EnrolmentEvent::fail:
      out.ended_at = change.at;
      out.end_reason = change.reason;
      break;
  }
  return out;
}

}  // namespace microcred::domain
