#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"

namespace microcred::domain {

/// The value of `"format"` in a design file; a later incompatible format gets a new value.
inline constexpr std::string_view design_format = "microcred-design/1";

/// EU element 10, "form of participation in the learning activity". The first three share
/// their wire strings with `vc::ParticipationForm`; `hybrid` (learners choose on-site or
/// online, at the same time) is the seed's fourth form.
enum class ParticipationForm { online, onsite, blended, hybrid };

/// The form an issued credential states for EU element 10. Open Badges credentials
/// (`vc::ParticipationForm`, docs/eu-elements.md) know online, onsite and blended only; a
/// `hybrid` course (learners choose on-site or online, at the same time) mixes both forms,
/// so its credential says `blended`. The other forms map to themselves. Pure.
ParticipationForm credential_participation_form(ParticipationForm form);

/// Whether learners work at the same time as their teachers and peers.
enum class Synchronicity { synchronous, asynchronous, mixed };

/// Whether learners follow a cohort's calendar or their own pace.
enum class Pacing { cohort, self_paced };

/// EU element 9, "type of assessment"; the wire strings of `vc::AssessmentType`.
enum class AssessmentType {
  written_exam,
  oral_exam,
  online_exam,
  practical_demonstration,
  project,
  portfolio,
  assignment,
  presentation,
  continuous_assessment,
  peer_assessment,
  other,
};

/// EU element 11, "type of quality assurance"; the wire strings of `vc::QualityAssuranceType`.
enum class QualityAssuranceType { internal, external, accreditation };

/// The QF-EHEA cycle of EU element 8; the wire strings of `vc::QfEheaCycle`. Short, first,
/// second and third cycle match EQF levels 5, 6, 7 and 8.
enum class QfEheaCycle { short_cycle, first_cycle, second_cycle, third_cycle };

/// The Recommendation's four forms of "supervision and identity verification during
/// assessment"; the wire strings of `vc::SupervisionMode`.
enum class SupervisionMode {
  unsupervised_no_identity_verification,
  supervised_no_identity_verification,
  supervised_online_identity_verification,
  onsite_identity_verification,
};

/// The optional EU element "integration/stackability options"; the wire strings of
/// `vc::Stackability`.
enum class Stackability { standalone, integrated, stackable };

/// Where the course comes from: written as a new stand-alone course, or a module of an
/// existing degree programme opened as a micro-credential.
enum class OriginKind { new_course, degree_module };

/// Whether the course runs once or again and again.
enum class Recurrence { once, recurring };

/// Whether learners start and finish on fixed dates or choose their own.
enum class DateMode { fixed, flexible };

/// The unit of a course's duration.
enum class DurationUnit { days, weeks, months };

/// Wire strings: the enumerator's name, e.g. "self_paced", "degree_module".
std::string_view to_string(ParticipationForm value);
std::string_view to_string(Synchronicity value);
std::string_view to_string(Pacing value);
std::string_view to_string(AssessmentType value);
std::string_view to_string(QualityAssuranceType value);
std::string_view to_string(QfEheaCycle value);
std::string_view to_string(SupervisionMode value);
std::string_view to_string(Stackability value);
std::string_view to_string(OriginKind value);
std::string_view to_string(Recurrence value);
std::string_view to_string(DateMode value);
std::string_view to_string(DurationUnit value);

/// A learning outcome (EU element 6) and the ESCO skills or occupations it matches.
struct LearningOutcome {
  std::string statement;               ///< "Design a digital filter in VHDL ...".
  std::vector<std::string> esco_uris;  ///< http://data.europa.eu/esco/skill/<uuid>.
  std::optional<int> eqf_level;        ///< The outcome's own level, when it differs.
  bool operator==(const LearningOutcome&) const = default;
};

/// A level in a national qualifications framework.
struct NqfLevel {
  std::string framework;  ///< "Flemish Qualifications Framework (VKS)".
  std::string level;      ///< "6"; a string because some NQFs have sub-levels ("5A").
  bool operator==(const NqfLevel&) const = default;
};

/// EU element 9: the types of assessment and how they are run.
struct Assessment {
  std::vector<AssessmentType> types;
  std::string methods;  ///< Free text: "written report (60%) and oral defence (40%)".
  bool operator==(const Assessment&) const = default;
};

/// EU element 10 with the seed's communication aspects.
struct Participation {
  std::optional<ParticipationForm> form;
  std::optional<Synchronicity> synchronicity;
  std::optional<Pacing> pacing;
  bool operator==(const Participation&) const = default;
};

/// EU element 11.
struct QualityAssurance {
  std::vector<QualityAssuranceType> types;
  std::string description;  ///< "Approved under KU Leuven's internal QA for ...".
  std::string body;         ///< The QA agency or accreditation body, by name or URL.
  bool operator==(const QualityAssurance&) const = default;
};

/// A required language and its CEFR level.
struct LanguageRequirement {
  std::string language;    ///< BCP 47 ("en", "pt-PT").
  std::string cefr_level;  ///< A1, A2, B1, B2, C1 or C2; empty: no level set.
  bool operator==(const LanguageRequirement&) const = default;
};

/// A prior degree required for admission.
struct DegreeRequirement {
  std::string description;       ///< "Bachelor in electrical engineering or equivalent".
  std::optional<int> eqf_level;  ///< The degree's EQF level.
  bool operator==(const DegreeRequirement&) const = default;
};

/// Prerequisites and admission criteria (the optional EU element "prerequisites").
struct Admission {
  std::string prerequisites;  ///< Summary for the catalogue.
  std::vector<LanguageRequirement> languages;
  std::optional<DegreeRequirement> prior_degree;
  std::string prior_knowledge;
  std::string work_experience;
  std::string alternative_routes;  ///< Routes for learners without the formal requirements.
  std::string capacity;            ///< Numerus clausus or selection rules, if any.
  bool operator==(const Admission&) const = default;
};

/// Something a micro-credential stacks towards, or a related micro-credential.
struct CredentialReference {
  std::string name;  ///< "Master of Science in Electrical Engineering".
  std::string id;    ///< A URL, URN or local code; optional.
  bool operator==(const CredentialReference&) const = default;
};

/// The optional EU element "integration/stackability options".
struct StackabilityOptions {
  std::optional<Stackability> kind;
  std::vector<CredentialReference> towards;  ///< Pathways or programmes; needed if stackable.
  std::string description;
  bool operator==(const StackabilityOptions&) const = default;
};

/// Where the course comes from.
struct Origin {
  std::optional<OriginKind> kind;
  std::string programme;    ///< The degree programme, for `degree_module`.
  std::string module_code;  ///< The module's code in that programme.
  bool operator==(const Origin&) const = default;
};

/// How long the micro-credential stays on offer.
struct Lifespan {
  std::string available_from;   ///< YYYY-MM-DD; empty: open.
  std::string available_until;  ///< YYYY-MM-DD; empty: open.
  std::optional<Recurrence> recurrence;
  std::string description;  ///< "Every spring semester".
  bool operator==(const Lifespan&) const = default;
};

/// The length of the course.
struct Duration {
  std::optional<double> value;
  std::optional<DurationUnit> unit;
  std::string description;  ///< "6 Saturdays between February and April".
  bool operator==(const Duration&) const = default;
};

/// A discount on a fee tier.
struct Discount {
  std::string name;       ///< "Alumni".
  double amount = 0;      ///< Taken off the tier's amount, in the tier's currency.
  std::string condition;  ///< Who is eligible.
  bool operator==(const Discount&) const = default;
};

/// One price: e.g. attendance only, or assessed with ECTS; or per learner category.
struct FeeTier {
  std::string name;  ///< Unique within the design.
  double amount = 0;
  std::string currency;             ///< ISO 4217 ("EUR").
  bool includes_assessment = true;  ///< false: attendance only, no ECTS.
  std::string learner_category;     ///< "Employees of partner companies"; empty: everyone.
  std::vector<Discount> discounts;
  bool operator==(const FeeTier&) const = default;
};

/// Fees, discounts and funding.
struct Fees {
  std::vector<FeeTier> tiers;
  std::string funding;  ///< Sponsorships, grants (Erasmus+ BIP, national plans).
  bool operator==(const Fees&) const = default;
};

/// An organisation: the issuing institution, an awarding body or a partner.
struct Organisation {
  std::string name;
  std::string id;       ///< A URL or DID; optional.
  std::string country;  ///< ISO 3166-1 alpha-2 ("BE").
  std::string role;     ///< For partners: "co-design and teaching".
  bool operator==(const Organisation&) const = default;
};

/// Whom learners ask.
struct Contact {
  std::string name;
  std::string email;
  std::string url;
  std::string phone;
  bool operator==(const Contact&) const = default;
};

/// What a learner must do to succeed (the seed's "success requirements").
struct SuccessRequirements {
  std::optional<double> hours_online;
  std::optional<double> hours_offline;
  std::string activities;
  std::string assessment_format;
  std::string assessment_timing;
  std::string description;  ///< Pass mark, attendance rule.
  bool operator==(const SuccessRequirements&) const = default;
};

/// Terms and conditions.
struct Terms {
  std::string suspension;  ///< May learners pause their studies, and how.
  std::string refunds;
  std::string other;
  bool operator==(const Terms&) const = default;
};

/// A micro-credential as designed: every EU standard element a design can carry (the
/// learner and the date of issuing come at issuance) and every aspect the MCE guidelines
/// ask a catalogue to communicate. docs/design-format.md documents each field's JSON form.
struct MicroCredentialDesign {
  std::string code;     ///< The institution's own code for the course; optional.
  std::string title;    ///< EU element 2.
  std::string summary;  ///< One paragraph for the catalogue.
  std::string purpose;  ///< Purpose and overall learning objective.
  std::string target_audience;
  std::vector<LearningOutcome> learning_outcomes;  ///< EU element 6.
  std::optional<double> ects;                      ///< EU element 7.
  std::optional<double> workload_hours;            ///< EU element 7, notional hours.
  std::optional<int> eqf_level;                    ///< EU element 8.
  std::optional<NqfLevel> nqf;                     ///< EU element 8, national level.
  std::optional<QfEheaCycle> cycle;                ///< EU element 8, "if applicable".
  Assessment assessment;                           ///< EU element 9.
  Participation participation;                     ///< EU element 10.
  QualityAssurance quality_assurance;              ///< EU element 11.
  Admission admission;
  std::optional<SupervisionMode> supervision;
  std::string grading_scheme;
  StackabilityOptions stackability;
  Origin origin;
  Lifespan lifespan;
  std::optional<int> validity_months;  ///< How long an issued credential is valid; none: no end.
  std::vector<std::string> languages;  ///< Languages of instruction, BCP 47.
  std::string delivery_mode;           ///< How it is taught: lectures, labs, MOOC platform.
  Duration duration;
  std::optional<DateMode> dates;
  std::string enrolment_procedure;
  Fees fees;
  std::vector<Organisation> partners;
  Contact contact;
  SuccessRequirements success_requirements;
  std::string industry_relevance;
  std::vector<CredentialReference> complementary;  ///< Related micro-credentials.
  std::string credit_transfer;
  Terms terms;
  std::string resources_and_support;
  std::string further_information;
  std::vector<Organisation> awarding_bodies;  ///< EU element 4; empty: the issuer alone.
  Organisation issuing_institution;           ///< Issues on behalf of all; element 3's country.
  std::vector<std::string> target_countries;  ///< Whose national rules apply (ISO 3166-1).
  bool operator==(const MicroCredentialDesign&) const = default;
};

/// The design in a design file's JSON (docs/design-format.md). Fails with
/// `invalid_argument` whose `field` is the JSON pointer of the bad value ("/ects",
/// "/learning_outcomes/2/esco_uris/0") and whose message says what is expected; unknown
/// keys are refused so that a misspelt field is not silently lost. Ranges and codes are
/// left to `check_design`, so a linter can report them all. Pure.
Result<MicroCredentialDesign> design_from_json(const boost::json::value& input);

/// The JSON form of `design`, `"format"` first, empty fields left out;
/// `design_from_json(to_json(d)) == d` for every `d`.
boost::json::value to_json(const MicroCredentialDesign& design);

}  // namespace microcred::domain
