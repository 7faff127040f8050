#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "core/time.h"
#include "domain/assessment.h"
#include "domain/calendar.h"
#include "domain/design.h"
#include "domain/design_checks.h"
#include "domain/enrolment.h"
#include "domain/grading.h"
#include "domain/money.h"

namespace microcred::domain {

/// The value of `"format"` in an offering's JSON; a later incompatible form gets a new value.
inline constexpr std::string_view offering_format = "microcred-offering/1";

/// When applications are accepted: from `opens` (inclusive) until `closes` (exclusive).
/// An absent end is open.
struct ApplicationWindow {
  std::optional<Timestamp> opens;
  std::optional<Timestamp> closes;
  bool operator==(const ApplicationWindow&) const = default;
};

/// Whether a freed place goes to the first on the waiting list at once, or waits for the
/// registrar.
enum class WaitingListPromotion { automatic, manual };

/// Wire string: "automatic" or "manual".
std::string_view to_string(WaitingListPromotion value);

/// What happens to applicants beyond the capacity.
struct WaitingListPolicy {
  bool enabled = true;
  std::optional<int> limit;  ///< Most applicants on the list; none: no limit.
  WaitingListPromotion promotion = WaitingListPromotion::automatic;
  bool operator==(const WaitingListPolicy&) const = default;
};

/// One price: what learners of a category pay for an activity. MCE D4.2, "Tuition fees":
/// fees may differ by learner profile and by activity (attendance only pays less).
struct OfferingFeeTier {
  std::string id;                ///< Unique in the offering ("professional-assessed").
  std::string learner_category;  ///< "degree_student", "professional", "job_seeker", ...;
                                 ///< empty: every learner no other tier names.
  Activity activity = Activity::assessed;
  std::int64_t price_minor = 0;  ///< In the offering's currency's minor unit.
  bool operator==(const OfferingFeeTier&) const = default;
};

/// A reduction on a tier's price: a percentage or a fixed amount (exactly one of them).
/// Discounts do not stack: a learner gets the largest one that applies.
struct OfferingDiscount {
  std::string id;
  std::string name;                             ///< "Alumni", "Early bird".
  std::optional<std::int32_t> percent;          ///< In basis points (2500 = 25%).
  std::optional<std::int64_t> amount_minor;     ///< Fixed, capped at the price.
  std::vector<std::string> learner_categories;  ///< Empty: every category.
  std::optional<Activity> activity;             ///< None: both activities.
  std::optional<Timestamp> until;               ///< Applies to fees quoted before this instant.
  bool automatic = false;  ///< true: applies unasked (early bird); false: the registrar
                           ///< grants it after checking `condition`.
  std::string condition;   ///< Who qualifies, for people ("graduates of a partner").
  bool operator==(const OfferingDiscount&) const = default;
};

/// A sponsor that pays for named learners (MCE D4.2, "Sponsorships": employers paying for
/// their own staff).
struct Sponsorship {
  std::string id;
  std::string sponsor;                          ///< The organisation, by name.
  std::vector<std::string> learners;            ///< Learner ids or e-mail addresses.
  std::int32_t share = basis_points_per_whole;  ///< Part of the price it pays, basis points.
  std::optional<std::int64_t> cap_minor;        ///< Most it pays per learner.
  std::optional<Activity> activity;             ///< None: both activities.
  bool operator==(const Sponsorship&) const = default;
};

/// How this run is delivered.
struct Delivery {
  std::optional<ParticipationForm> form;
  std::string location;  ///< Campus and room, for on-site parts.
  std::string platform;  ///< The learning platform's URL, for online parts.
  std::string schedule;  ///< "Tuesdays 18:00-21:00 CET".
  std::string notes;
  bool operator==(const Delivery&) const = default;
};

/// A run of one exact version of a published design: dates or self-paced, application
/// window, capacity (numerus clausus) and waiting list, fees, language and delivery.
struct Offering {
  std::string id;
  std::string institution_id;
  std::string design_id;
  int design_version = 0;  ///< The exact version run; from 1.
  std::string code;        ///< The institution's code for the run ("2025-autumn").
  Pacing pacing = Pacing::cohort;
  std::optional<Date> starts_on;   ///< Required for a cohort; self-paced: available from.
  std::optional<Date> ends_on;     ///< Required for a cohort; self-paced: available until.
  std::optional<int> access_days;  ///< Self-paced: days each learner has from enrolment.
  ApplicationWindow application_window;
  std::optional<int> capacity;  ///< Places (numerus clausus); none: unlimited.
  WaitingListPolicy waiting_list;
  std::vector<Activity> activities = {Activity::assessed};  ///< What learners may enrol in.
  std::string currency;                    ///< ISO 4217; every amount below is in it.
  std::vector<OfferingFeeTier> fee_tiers;  ///< Empty: free for everyone.
  std::vector<OfferingDiscount> discounts;
  std::vector<Sponsorship> sponsorships;
  std::string language;  ///< Language of instruction of this run, BCP 47.
  Delivery delivery;
  /// The one institution that reviews every application of a consortium offering; empty:
  /// `institution_id`. The consortium itself is modelled later.
  std::string reviewing_institution_id;
  /// How results are graded; none: read from the design's `grading_scheme` text.
  std::optional<GradingScheme> grading_scheme;
  BoardPolicy assessment_board;
  bool operator==(const Offering&) const = default;
};

/// What `check_offering` compares the offering with.
struct OfferingCheckOptions {
  /// The design version the offering runs; null: the checks that need it are skipped.
  const MicroCredentialDesign* design = nullptr;
};

/// Every check on `offering`, each finding naming its field as a JSON pointer into the
/// offering's JSON ("/application_window/closes", "/fee_tiers/2/price"). Rules:
/// offering-ids, offering-dates, offering-window, offering-capacity, offering-activities,
/// offering-fees, offering-discounts, offering-sponsorships, offering-language,
/// offering-delivery, offering-reviewer, offering-board, grading-scheme
/// (docs/learner-path.md lists what each checks). Pure.
std::vector<Finding> check_offering(const Offering& offering,
                                    const OfferingCheckOptions& options = {});

/// The offering in its JSON form (docs/learner-path.md). Fails with `invalid_argument`
/// whose `field` is the JSON pointer of the bad value; unknown keys are refused; amounts
/// must be exact (strings like "450.50" or whole numbers). Ranges are left to
/// `check_offering`. Pure.
Result<Offering> offering_from_json(const boost::json::value& input);

/// The JSON form of `offering`, `"format"` first; `offering_from_json(to_json(o)) == o`.
boost::json::value to_json(const Offering& offering);

/// Whether the offering accepts an application at `now`. Fails with `conflict` (field
/// "/application_window") saying when the window opens or when it closed.
Result<void> check_application_window(const Offering& offering, Timestamp now);

/// The requirements for assessing learners of `offering` (a run of `design`): its grading
/// scheme, else the design's, and its board.
Result<AssessmentRequirements> assessment_requirements(const MicroCredentialDesign& design,
                                                       const Offering& offering);

/// Whom a fee is quoted for.
struct FeeRequest {
  std::string learner_id;
  std::string learner_email;  ///< Matched against sponsorships without regard to case.
  std::string learner_category;
  Activity activity = Activity::assessed;
  std::vector<std::string> discount_ids;  ///< Discounts the registrar has granted.
  Timestamp at;                           ///< When the fee is fixed (for `until`).
  bool operator==(const FeeRequest&) const = default;
};

/// A fee, worked out exactly: list price - discount - sponsored = payable.
struct FeeQuote {
  std::string tier_id;  ///< Empty when the offering is free.
  Money list_price;
  std::string discount_id;  ///< The discount applied; empty: none.
  Money discount;
  std::string sponsorship_id;  ///< The sponsorship applied; empty: none.
  std::string sponsor;
  Money sponsored;
  Money payable;                   ///< What the learner pays.
  std::vector<std::string> notes;  ///< Discounts that did not apply, and why.
  bool operator==(const FeeQuote&) const = default;
};

/// The fee for `request`: the tier of the learner's category and activity (else the tier
/// with no category), the largest applicable discount (granted or automatic), then the
/// sponsor's share of what is left, capped. Fails with `invalid_argument` for an activity
/// the offering does not offer (field "activity") or an unknown discount (field
/// "discount_ids/<i>"), and `not_found` when no tier fits (field "learner_category"). Pure.
Result<FeeQuote> quote_fee(const Offering& offering, const FeeRequest& request);

}  // namespace microcred::domain
