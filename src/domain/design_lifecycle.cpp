#include "domain/design_lifecycle.h"

#include <algorithm>
#include <array>

namespace microcred::domain {
namespace {

using enum DesignStatus;

constexpr std::array<std::string_view, 6> status_names = {
    "draft", "submitted", "changes_requested", "approved", "published", "retired"};

constexpr std::array<std::string_view, 9> step_names = {"create",   "edit",    "submit",
                                                        "withdraw", "approve", "request_changes",
                                                        "publish",  "retire",  "new_version"};

// docs/design-lifecycle.md, "Transitions"; keep both in step.
const std::vector<DesignTransition>& transitions() {
  static const std::vector<DesignTransition> table = {
      {DesignStep::create, {}, draft, DesignDuty::author},
      // Editing a version sent back makes it a draft again; QA's comments stay in its reviews.
      {DesignStep::edit, {draft, changes_requested}, draft, DesignDuty::author},
      {DesignStep::submit, {draft, changes_requested}, submitted, DesignDuty::author},
      {DesignStep::withdraw, {submitted}, draft, DesignDuty::author},
      {DesignStep::approve, {submitted}, approved, DesignDuty::reviewer},
      {DesignStep::request_changes, {submitted}, changes_requested, DesignDuty::reviewer},
      {DesignStep::publish, {approved}, published, DesignDuty::publisher},
      {DesignStep::retire, {published}, retired, DesignDuty::publisher},
      {DesignStep::new_version, {published, retired}, draft, DesignDuty::author},
  };
  return table;
}

const DesignTransition& transition_of(DesignStep step) {
  // Every step has exactly one row (a test checks it), in declaration order.
  return transitions()[static_cast<std::size_t>(step)];
}

std::string status_list(const std::vector<DesignStatus>& statuses) {
  std::string out;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    if (i > 0) out += i + 1 == statuses.size() ? " or " : ", ";
    out += to_string(statuses[i]);
  }
  return out;
}

}  // namespace

std::string_view to_string(DesignStatus status) {
  return status_names[static_cast<std::size_t>(status)];
}

std::optional<DesignStatus> parse_design_status(std::string_view name) {
  for (std::size_t i = 0; i < status_names.size(); ++i)
    if (status_names[i] == name) return static_cast<DesignStatus>(i);
  return std::nullopt;
}

std::string_view to_string(DesignStep step) {
  return step_names[static_cast<std::size_t>(step)];
}

std::span<const DesignTransition> design_transitions() {
  return transitions();
}

DesignDuty duty_of(DesignStep step) {
  return transition_of(step).duty;
}

Result<DesignStatus> next_status(DesignStatus from, DesignStep step) {
  const auto& rule = transition_of(step);
  if (std::find(rule.from.begin(), rule.from.end(), from) != rule.from.end()) return rule.to;
  std::string message = "cannot " + std::string(to_string(step)) + " a design version that is " +
                        std::string(to_string(from));
  message += rule.from.empty() ? "; a new design has no version yet"
                               : "; only a version that is " + status_list(rule.from) + " can";
  if (step == DesignStep::edit && is_frozen(from)) {
    message += " (editing a published or retired design makes a new version)";
  }
  return make_error(ErrorCode::conflict, std::move(message), "status");
}

bool is_editable(DesignStatus status) {
  return status == draft || status == changes_requested;
}

bool is_frozen(DesignStatus status) {
  return status == published || status == retired;
}

Result<void> check_separation_of_duties(DesignStep step, std::string_view actor_id,
                                        const std::vector<std::string>& contributors) {
  if (duty_of(step) != DesignDuty::reviewer) return {};
  if (std::find(contributors.begin(), contributors.end(), actor_id) == contributors.end()) {
    return {};
  }
  return make_error(ErrorCode::forbidden,
                    "separation of duties: \"" + std::string(actor_id) +
                        "\" wrote, edited or submitted this version and so cannot review it; "
                        "ask another QA officer",
                    "reviewer");
}

}  // namespace microcred::domain
