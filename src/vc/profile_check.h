#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"

namespace microcred::vc {

/// The elements of a micro-credential in the EU Council Recommendation of 16 June 2022
/// (Annex I): the 11 mandatory ones first, in the Recommendation's order, then the optional
/// ones. The enumerator's name is its wire string.
enum class EuElement {
  learner_identification,
  title,
  issuer_country,
  awarding_body,
  issue_date,
  learning_outcomes,
  workload,
  level,
  assessment_type,
  participation_form,
  quality_assurance,
  // Optional.
  prerequisites,
  supervision_and_identity_verification,
  grade,
  stackability,
  further_information,
  language,
  validity_period,
};

/// Number of mandatory elements (the first `eu_mandatory_elements` enumerators).
inline constexpr std::size_t eu_mandatory_elements = 11;
/// Number of elements `check_profile` looks for.
inline constexpr std::size_t eu_elements = 18;

/// The wire string, e.g. "issuer_country".
std::string_view to_string(EuElement element);
/// The Recommendation's wording, e.g. "Country(ies)/region(s) of the issuer".
std::string_view label(EuElement element);
/// Whether the Recommendation makes `element` mandatory.
inline bool is_mandatory(EuElement element) {
  return static_cast<std::size_t>(element) < eu_mandatory_elements;
}

/// What `check_profile` found for one element.
struct ElementFinding {
  EuElement element = EuElement::learner_identification;
  bool found = false;
  /// Where, as JSONPath ("$.credentialSubject.achievement.alignment[0]"); empty when missing.
  std::vector<std::string> paths;
  /// The values found, shortened for people ("EQF level 6", "5 ECTS").
  std::string summary;
  bool operator==(const ElementFinding&) const = default;
};

/// Every element of `EuElement`, in order, found or missing.
struct ProfileReport {
  std::vector<ElementFinding> elements;

  /// Whether all 11 mandatory elements were found.
  bool complete() const;
  /// The mandatory elements not found, in order.
  std::vector<EuElement> missing() const;
  /// The finding for `element`.
  const ElementFinding& at(EuElement element) const {
    return elements[static_cast<std::size_t>(element)];
  }
  bool operator==(const ProfileReport&) const = default;
};

/// Which EU micro-credential elements `credential` (a VC 1.1 or 2.0 JSON credential,
/// typically Open Badges 3.0, from any issuer) carries in machine-readable form, and where.
/// Reads JSON keys as the OB 3.0 and microcred contexts name them; recognises common
/// alternatives (EQF by alignment framework or URI, ECTS by creditsAvailable or
/// creditsEarned, dates by validFrom, awardedDate or issuanceDate). Does not check proofs or
/// whether the terms are defined. Fails with `invalid_argument` when `credential` is not a
/// JSON object. Pure.
Result<ProfileReport> check_profile(const boost::json::value& credential);

/// One line for people, e.g. for the verifier's report: "complete EU micro-credential: all
/// 11 mandatory elements present" or "not a complete EU micro-credential: missing Level
/// (EQF, QF-EHEA); Form of participation".
std::string verdict(const ProfileReport& report);

/// A report for people, one line per element, ending with the verdict.
std::string render_text(const ProfileReport& report);

/// The report as JSON: {"complete", "mandatory_found", "mandatory_total", "missing":[...],
/// "verdict", "elements":[{"element", "label", "mandatory", "found", "paths", "summary"}]}.
boost::json::value to_json(const ProfileReport& report);

}  // namespace microcred::vc
