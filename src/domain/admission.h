#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "core/time.h"
#include "domain/design.h"
#include "domain/design_checks.h"
#include "domain/enrolment.h"
#include "domain/offering.h"

namespace microcred::domain {

// Admission (MCE D4.2, "Student administration / Admission"): the learner's evidence for
// each criterion, the eligibility evaluation, and the registrar's decisions over a capacity
// and a waiting list. Pure and thread-safe; the store serialises concurrent decisions.

/// The Common European Framework of Reference for Languages levels, lowest first.
enum class CefrLevel { a1, a2, b1, b2, c1, c2 };

/// "A1" ... "C2".
std::string_view to_string(CefrLevel value);

/// The level named `name` ("B2", "b2"), or nothing.
std::optional<CefrLevel> parse_cefr_level(std::string_view name);

/// A language certificate.
struct LanguageCertificate {
  std::string language;  ///< BCP 47 ("en", "en-GB").
  CefrLevel level = CefrLevel::a1;
  std::string certificate;  ///< "IELTS Academic 7.0", "native speaker".
  std::string document;     ///< Reference to the uploaded proof.
  bool operator==(const LanguageCertificate&) const = default;
};

/// A degree the learner holds.
struct PriorDegree {
  std::string title;             ///< "BSc Electrical Engineering".
  std::optional<int> eqf_level;  ///< 1-8; none: not known.
  std::string institution;
  std::string country;  ///< ISO 3166-1 alpha-2.
  std::string document;
  bool operator==(const PriorDegree&) const = default;
};

/// Prior knowledge the learner claims (a course taken, a test passed).
struct PriorKnowledge {
  std::string description;
  std::string document;
  bool operator==(const PriorKnowledge&) const = default;
};

/// A period of work experience.
struct WorkExperience {
  std::string description;    ///< "Hardware engineer at ChipCo".
  std::optional<int> months;  ///< Length; none: not stated.
  std::string document;
  bool operator==(const WorkExperience&) const = default;
};

/// The alternative route for learners without the formal requirements (a portfolio, an
/// intake interview, recognition of prior learning).
struct AlternativeRoute {
  std::string description;
  std::string document;
  bool operator==(const AlternativeRoute&) const = default;
};

/// Everything a learner submits to show they meet the admission criteria.
struct ApplicationEvidence {
  std::vector<LanguageCertificate> languages;
  std::vector<PriorDegree> degrees;
  std::vector<PriorKnowledge> knowledge;
  std::vector<WorkExperience> experience;
  std::optional<AlternativeRoute> alternative_route;
  bool operator==(const ApplicationEvidence&) const = default;
};

/// Findings on the evidence itself (rule "application-evidence"), fields relative to the
/// evidence's JSON ("/languages/0/language", "/degrees/1/eqf_level"): language tags,
/// EQF levels 1-8, months of experience 0-1200, descriptions present. Pure.
std::vector<Finding> check_evidence(const ApplicationEvidence& evidence);

/// The evidence in its JSON form (docs/learner-path.md); fails with `invalid_argument`
/// naming the JSON pointer. Pure.
Result<ApplicationEvidence> evidence_from_json(const boost::json::value& input);

/// The JSON form of `evidence`; reads back equal.
boost::json::value to_json(const ApplicationEvidence& evidence);

/// The admission criteria a design can state.
enum class CriterionKind {
  language,
  prior_degree,
  prior_knowledge,
  work_experience,
  alternative_route
};

/// How one criterion came out.
enum class Verdict { met, not_met, needs_review };

/// The overall outcome.
enum class Eligibility { eligible, not_eligible, needs_review };

/// Wire strings: the enumerator's name.
std::string_view to_string(CriterionKind value);
std::string_view to_string(Verdict value);
std::string_view to_string(Eligibility value);

/// One criterion, evaluated.
struct CriterionResult {
  CriterionKind criterion = CriterionKind::language;
  std::string field;        ///< The criterion in the design ("/admission/languages/0").
  std::string requirement;  ///< For people: "en at B2 or above".
  Verdict verdict = Verdict::needs_review;
  std::string reason;  ///< For people, naming the evidence: "C1 (IELTS 7.5) meets B2".
  bool operator==(const CriterionResult&) const = default;
};

/// The evaluation, criterion by criterion.
struct EligibilityReport {
  Eligibility overall = Eligibility::eligible;
  std::vector<CriterionResult> criteria;
  bool operator==(const EligibilityReport&) const = default;
};

/// `evidence` against the design's admission criteria. Decided automatically where the data
/// allows: CEFR level >= required for the same language (primary subtag), EQF level of a
/// degree >= required, months of experience >= the years or months the requirement names.
/// Free-text criteria with evidence need manual review. The alternative route, when the
/// design offers one and the learner takes it, turns an unmet degree, knowledge or
/// experience criterion into manual review (never a language one). Overall: not eligible
/// when a criterion is not met, needs review when one needs it, else eligible. Pure.
EligibilityReport evaluate_eligibility(const Admission& criteria,
                                       const ApplicationEvidence& evidence);

/// `{"overall":..,"criteria":[{"criterion","field","requirement","verdict","reason"}]}`.
boost::json::value to_json(const EligibilityReport& report);

/// Where an application stands. rejected and withdrawn are final.
enum class ApplicationStatus { submitted, admitted, waitlisted, rejected, withdrawn };

/// What a registrar (or, for withdraw, the learner) decides.
enum class Decision { admit, waitlist, reject, withdraw };

/// Wire strings: the enumerator's name.
std::string_view to_string(ApplicationStatus value);
std::string_view to_string(Decision value);
std::optional<ApplicationStatus> parse_application_status(std::string_view name);
std::optional<Decision> parse_decision(std::string_view name);

/// A learner's application to an offering.
struct Application {
  std::string id;
  std::string offering_id;
  std::string learner_id;
  std::string learner_category;  ///< For the fee tier ("professional").
  Activity activity = Activity::assessed;
  ApplicationEvidence evidence;
  ApplicationStatus status = ApplicationStatus::submitted;
  Timestamp submitted_at;
  std::optional<Timestamp> waitlisted_at;  ///< Orders the waiting list.
  std::optional<Timestamp> decided_at;
  std::string decided_by;  ///< User id of who made the latest decision.
  std::string reason;      ///< The latest decision's reason.
  bool operator==(const Application&) const = default;
};

/// The places and the waiting list decisions are taken against.
struct AdmissionPolicy {
  std::optional<int> capacity;  ///< None: unlimited.
  WaitingListPolicy waiting_list;
  bool operator==(const AdmissionPolicy&) const = default;
};

/// The offering's capacity and waiting-list policy.
AdmissionPolicy admission_policy(const Offering& offering);

/// A decision to take on one application.
struct DecisionRequest {
  std::string application_id;
  Decision decision = Decision::admit;
  std::string reason;      ///< Required to reject.
  std::string decided_by;  ///< Required except to withdraw.
  Timestamp at;
  bool operator==(const DecisionRequest&) const = default;
};

/// The applications after a decision, and which of them changed.
struct AdmissionOutcome {
  std::vector<Application> applications;  ///< Same order as given.
  std::vector<std::string> changed;       ///< Ids: the decided one, then any promoted.
  bool operator==(const AdmissionOutcome&) const = default;
};

/// Admitted and waitlisted counts and the places left (none: unlimited).
struct AdmissionCounts {
  int admitted = 0;
  int waitlisted = 0;
  std::optional<int> free_places;
  bool operator==(const AdmissionCounts&) const = default;
};

/// The counts over `applications`; free places never go below 0.
AdmissionCounts count_admissions(const std::vector<Application>& applications,
                                 const AdmissionPolicy& policy);

/// The waiting list, first first: ids ordered by `waitlisted_at`, then `submitted_at`,
/// then id.
std::vector<std::string> waiting_list(const std::vector<Application>& applications);

/// `applications` (all of one offering) after `request`. admit: from submitted or
/// waitlisted, only while a place is free. waitlist: from submitted, when the offering has a
/// waiting list with room and (with automatic promotion) no free place. reject: from
/// submitted or waitlisted, with a reason. withdraw: from submitted, admitted or
/// waitlisted; a freed place goes to the first on the waiting list when promotion is
/// automatic. Capacity is never exceeded. Fails with `not_found` (field "application_id"),
/// `conflict` for a move the state does not allow (a full offering, a final decision,
/// field "decision"), or `invalid_argument` for a missing reason or decider or a time before
/// the application (fields "reason", "decided_by", "at"). Pure.
Result<AdmissionOutcome> decide(const std::vector<Application>& applications,
                                const AdmissionPolicy& policy, const DecisionRequest& request);

/// `applications` after filling free places from the waiting list in order (after the
/// capacity was raised, or under manual promotion when the registrar says so).
AdmissionOutcome promote_from_waiting_list(const std::vector<Application>& applications,
                                           const AdmissionPolicy& policy, Timestamp at,
                                           const std::string& decided_by);

}  // namespace microcred::domain
