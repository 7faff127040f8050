#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace microcred::domain {

/// The value of `"format"` in a national rule file.
inline constexpr std::string_view national_rules_format = "microcred-national-rules/1";

/// One national rule on micro-credential designs, as data (rules/national-rules.json).
/// A design breaks it when a bound it sets is not met or a field it requires is empty.
struct NationalRule {
  std::string id;       ///< Stable, e.g. "es-ects-below-15".
  std::string country;  ///< ISO 3166-1 alpha-2.
  bool error = true;    ///< false: a warning.
  std::string message;  ///< Shown with the finding.
  std::string source;   ///< The legal text or guideline, e.g. "Royal Decree 822/2021".
  std::string url;      ///< Where to read it; optional.
  std::optional<double> ects_less_than;
  std::optional<double> ects_at_most;
  std::optional<double> ects_at_least;
  std::optional<int> eqf_level_at_least;
  std::optional<int> eqf_level_at_most;
  /// JSON pointers into the design file that must hold a non-empty value ("/nqf").
  std::vector<std::string> requires_fields;
  bool operator==(const NationalRule&) const = default;
};

/// A set of national rules.
struct NationalRules {
  std::vector<NationalRule> rules;
  bool operator==(const NationalRules&) const = default;
};

/// The rules in `json_text` (docs/design-format.md, "National rules"). Fails with
/// `parse_error`/`duplicate_key` for bad JSON, or `invalid_argument` naming the field.
Result<NationalRules> parse_national_rules(std::string_view json_text);

/// The text of rules/national-rules.json as it was when the library was built.
std::string_view shipped_national_rules_json();

}  // namespace microcred::domain
