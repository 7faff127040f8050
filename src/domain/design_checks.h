#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "domain/codes.h"
#include "domain/design.h"
#include "domain/national_rules.h"

namespace microcred::domain {

/// How much a finding matters: an error blocks submission for review.
enum class Severity { error, warning, info };

/// Wire string: "error", "warning" or "info".
std::string_view to_string(Severity value);

/// One thing a design check noticed.
struct Finding {
  std::string rule;  ///< Stable id, e.g. "ects-range" (docs/design-format.md lists them).
  Severity severity = Severity::error;
  std::string field;    ///< JSON pointer into the design file, e.g. "/learning_outcomes/0".
  std::string message;  ///< For people: what is wrong and what to do.
  bool operator==(const Finding&) const = default;
};

/// What `check_design` applies beyond the EU rules.
struct CheckOptions {
  /// The national rules; null: none (a target country then gets an info finding).
  const NationalRules* national_rules = nullptr;
  /// Countries whose rules apply besides the design's `target_countries` (ISO 3166-1).
  std::vector<std::string> extra_countries;
};

/// Every design check on `design`, in a stable order: the 11 EU elements, learning
/// outcomes, ECTS and hours, levels, assessment and supervision, stackability, dates,
/// fees, codes, then the national rules of the target countries. Pure and thread-safe.
std::vector<Finding> check_design(const MicroCredentialDesign& design,
                                  const CheckOptions& options = {});

/// True when some finding is an error.
bool has_error(const std::vector<Finding>& findings);

/// `{"findings":[{"rule","severity","field","message"}]}`.
boost::json::value to_json(const std::vector<Finding>& findings);

}  // namespace microcred::domain
