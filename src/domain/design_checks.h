#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"
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

/// True for an officially assigned ISO 3166-1 alpha-2 code in upper case, or XK (Kosovo,
/// user-assigned but used by the EU and in vc/).
bool is_country_code(std::string_view code);

/// True for a well-formed BCP 47 (RFC 5646) language tag: a 2-3 letter language, extlangs,
/// script, region, variants, extensions and private use, in that order; not checked against
/// the registry, and grandfathered tags are refused.
bool is_language_tag(std::string_view tag);

/// True for an ESCO skill or occupation URI: http://data.europa.eu/esco/skill/<uuid>, a
/// skills-hierarchy group such as .../skill/S5.5.2, or .../occupation/<uuid>; UUIDs in lower
/// case.
bool is_esco_uri(std::string_view uri);

}  // namespace microcred::domain
