#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace microcred::domain {

/// Where one version of a micro-credential design stands (docs/design-lifecycle.md). Each
/// enumerator's name is its wire string and its value in the store.
enum class DesignStatus { draft, submitted, changes_requested, approved, published, retired };

/// The wire string of `status`, e.g. "changes_requested".
std::string_view to_string(DesignStatus status);

/// The status named `name`, or nothing.
std::optional<DesignStatus> parse_design_status(std::string_view name);

/// Something done to a design version.
enum class DesignStep {
  create,           ///< a new design: version 1, a draft
  edit,             ///< change the content of a draft (or of a version sent back)
  submit,           ///< ask QA to review
  withdraw,         ///< take a submitted version back to draft before it is reviewed
  approve,          ///< QA approves, with a complete checklist
  request_changes,  ///< QA sends it back, with a comment
  publish,          ///< put it in the catalogue; a version published before is retired
  retire,           ///< take it out of the catalogue for good
  new_version,      ///< edit a published or retired design: a new draft, version + 1
};

/// The wire string of `step`, e.g. "request_changes"; audit actions are "design." + this.
std::string_view to_string(DesignStep step);

/// Which duty a step belongs to; `service::authorise` decides which roles hold each duty
/// (author: design_edit, reviewer: design_review, publisher: design_publish).
enum class DesignDuty { author, reviewer, publisher };

/// One allowed transition: `step` from any of `from` leads to `to`.
struct DesignTransition {
  DesignStep step;
  std::vector<DesignStatus> from;  ///< empty for `create` (no version yet)
  DesignStatus to;
  DesignDuty duty;
};

/// Every allowed transition, one row per step (docs/design-lifecycle.md has the table).
std::span<const DesignTransition> design_transitions();

/// The duty `step` needs.
DesignDuty duty_of(DesignStep step);

/// The status a version in `from` has after `step`. Fails with `conflict` when the step is
/// not allowed there, saying from which statuses it is. `new_version` gives the status of the
/// new version; the version it starts from keeps its own. Pure.
Result<DesignStatus> next_status(DesignStatus from, DesignStep step);

/// True for statuses whose content may still change in place (draft, changes_requested).
bool is_editable(DesignStatus status);

/// True for published and retired versions: their content never changes again.
bool is_frozen(DesignStatus status);

/// Separation of duties: a QA review (approve or request_changes) must come from someone
/// who neither wrote, edited nor submitted the version (`contributors`). Fails with
/// `forbidden` naming the reviewer; other steps always pass. Pure.
Result<void> check_separation_of_duties(DesignStep step, std::string_view actor_id,
                                        const std::vector<std::string>& contributors);

}  // namespace microcred::domain
