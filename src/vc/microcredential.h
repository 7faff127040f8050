#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "core/time.h"
#include "crypto/random.h"

namespace microcred::vc {

/// The context of microcred's own terms for the EU elements Open Badges 3.0 lacks
/// (contexts/microcred/microcredential-v1.jsonld, embedded).
inline constexpr std::string_view microcredential_context_url =
    "https://microcred.eu/contexts/microcredential/v1";
/// The Open Badges 3.0 context the builder writes.
inline constexpr std::string_view open_badges_context_url =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The namespace of EQF level concepts (EU Vocabularies, as ELM uses it): level N is
/// `eqf_namespace + "N"`.
inline constexpr std::string_view eqf_namespace = "http://data.europa.eu/snb/eqf/";
/// ESCO skills, occupations and concepts sit under this namespace.
inline constexpr std::string_view esco_namespace = "http://data.europa.eu/esco/";

/// The EU element "form of participation in the learning activity".
enum class ParticipationForm { online, onsite, blended };

/// The EU element "type of assessment"; a micro-credential may use several.
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

/// The EU element "type of quality assurance used to underpin the micro-credential".
enum class QualityAssuranceType {
  internal,       ///< The provider's internal QA system.
  external,       ///< External QA by an agency (e.g. EQAR-registered).
  accreditation,  ///< The programme or provider is accredited.
};

/// The cycle of the Qualifications Framework in the European Higher Education Area, part
/// of EU element 8 "where applicable"; each matches one EQF level (5, 6, 7, 8).
enum class QfEheaCycle { short_cycle, first_cycle, second_cycle, third_cycle };

/// The optional EU element "supervision and identity verification during assessment", in
/// the Recommendation's four forms.
enum class SupervisionMode {
  unsupervised_no_identity_verification,
  supervised_no_identity_verification,
  supervised_online_identity_verification,
  onsite_identity_verification,
};

/// The optional EU element "integration/stackability options".
enum class Stackability { standalone, integrated, stackable };

/// Wire strings: the enumerator's name, e.g. "blended", "onsite_identity_verification".
std::string_view to_string(ParticipationForm value);
std::string_view to_string(AssessmentType value);
std::string_view to_string(QualityAssuranceType value);
std::string_view to_string(QfEheaCycle value);
std::string_view to_string(SupervisionMode value);
std::string_view to_string(Stackability value);

/// One way of identifying the learner: an Open Badges 3.0 `IdentityObject`.
struct LearnerIdentifier {
  /// OB 3.0 identityType: "emailAddress", "nationalIdentityNumber", "sisSourcedId", ...,
  /// or an extension "ext:...".
  std::string type;
  /// The plain value (an e-mail address, a student number).
  std::string value;
  /// Publish `sha256$hex(sha256(value || salt))` instead of the value.
  bool hashed = false;
  /// The salt of a hashed identifier; empty: the builder draws 16 random bytes (hex).
  std::string salt;
  bool operator==(const LearnerIdentifier&) const = default;
};

/// The learner (EU element 1): a subject id and/or identifiers; at least one is needed.
struct Learner {
  std::string id;  ///< A DID or URL; may be empty when `identifiers` are given.
  std::vector<LearnerIdentifier> identifiers;
  bool operator==(const Learner&) const = default;
};

/// An organisation: the issuer or an awarding body.
struct Organisation {
  std::string id;            ///< A DID or URL.
  std::string name;          ///< Required.
  std::string url;           ///< Home page; optional.
  std::string country_code;  ///< ISO 3166-1 alpha-2, upper case ("BE").
  std::string region;        ///< Optional region (EU element 3 says "country(ies)/region(s)").
  bool operator==(const Organisation&) const = default;
};

/// An ESCO skill (or other ESCO concept) a learning outcome matches.
struct EscoSkill {
  std::string uri;    ///< Under `esco_namespace`.
  std::string label;  ///< The ESCO preferred label; optional.
  bool operator==(const EscoSkill&) const = default;
};

/// A learning outcome (EU element 6), with the ESCO skills it matches.
struct LearningOutcome {
  std::string text;
  std::vector<EscoSkill> esco_skills;
  bool operator==(const LearningOutcome&) const = default;
};

/// The grade achieved (optional element).
struct Grade {
  std::string value;                        ///< "A", "8.5", "Pass".
  std::string result_type = "LetterGrade";  ///< An OB 3.0 ResultType or "ext:...".
  std::string scheme;                       ///< Describes the grading scheme; optional.
  bool operator==(const Grade&) const = default;
};

/// Everything the builder writes into an Open Badges 3.0 micro-credential: the 11
/// mandatory EU elements and the optional ones. docs/eu-elements.md maps each field.
struct MicroCredentialData {
  std::string id;              ///< Credential id (URL or urn:uuid); empty: a random urn:uuid.
  std::string achievement_id;  ///< The micro-credential (design) URL; empty: random urn:uuid.
  std::string title;           ///< 2. Title.
  std::string description;     ///< What the micro-credential certifies; defaults to the title.
  Learner learner;             ///< 1. Identification of the learner.
  Organisation issuer;         ///< The issuing institution; 3. its country.
  /// 4. Awarding bodies; empty: the issuer alone. For a joint micro-credential, list all.
  std::vector<Organisation> awarding_bodies;
  Timestamp issued;                                ///< 5. Date of issuing (validFrom, awardedDate).
  std::optional<Timestamp> valid_until;            ///< Validity period (optional).
  std::vector<LearningOutcome> learning_outcomes;  ///< 6. At least one.
  double ects = 0;                                 ///< 7. Notional workload in ECTS, (0, 60].
  std::optional<int> workload_hours;               ///< 7. Notional learning hours (optional).
  int eqf_level = 0;                               ///< 8. EQF level, 1-8.
  std::optional<QfEheaCycle> qf_ehea_cycle;        ///< 8. The QF-EHEA cycle; must match the level.
  std::vector<AssessmentType> assessment_types;    ///< 9. At least one.
  std::string assessment_description;
  std::optional<ParticipationForm> participation;       ///< 10. Required.
  std::vector<QualityAssuranceType> quality_assurance;  ///< 11. At least one.
  std::string quality_assurance_description;
  std::string quality_assurance_body;          ///< URL of the QA agency; optional.
  std::string prerequisites;                   ///< Optional.
  std::optional<SupervisionMode> supervision;  ///< Optional.
  std::optional<Grade> grade;                  ///< Optional.
  std::optional<Stackability> stackability;    ///< Optional.
  std::vector<std::string> stackable_towards;  ///< URLs of credentials it stacks towards.
  std::string further_information;             ///< Optional text or URL.
  std::vector<std::string> languages;          ///< BCP 47 tags ("en", "pt-PT"); optional.
  std::string field_of_study;                  ///< Optional.
  std::vector<std::string> tags;               ///< Optional keywords.
  bool operator==(const MicroCredentialData&) const = default;
};

/// The data from the builder's JSON input form (docs/eu-elements.md, "Input form"),
/// validated. Fails with `invalid_argument` whose `field` is the JSON pointer of the bad
/// value ("/learning_outcomes/2/esco/0") and whose message says what is expected.
/// Unknown keys are refused, so a misspelt optional field is not silently dropped. Pure.
Result<MicroCredentialData> parse_microcredential_data(const boost::json::value& input);

/// Checks `data` against the rules `parse_microcredential_data` applies (ranges, codes,
/// URIs); the error's `field` is the JSON pointer the input form would have.
Result<void> validate(const MicroCredentialData& data);

/// Options of `build_microcredential`.
struct BuildOptions {
  /// Draws missing ids and salts; null: missing ones are an error naming the field.
  crypto::RandomSource* random = nullptr;
};

/// The unsigned Open Badges 3.0 `OpenBadgeCredential` (VC 2.0) carrying `data`: every
/// term is defined by the VC 2.0, OB 3.0 or microcred context, so it expands in safe mode.
/// Fails as `validate` does, or with `invalid_argument` for a missing id or salt when
/// `options.random` is null. Deterministic given the random source; thread-safe when
/// concurrent calls do not share a non-thread-safe source.
Result<boost::json::value> build_microcredential(const MicroCredentialData& data,
                                                 const BuildOptions& options = {});

/// `sha256$<lower-case hex of SHA-256(value || salt)>`: the OB 3.0 IdentityHash.
std::string identity_hash(std::string_view value, std::string_view salt);

}  // namespace microcred::vc
