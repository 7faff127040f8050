#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"

namespace microcred::domain {

/// One question of the QA checklist a reviewer answers before approving a design.
struct ChecklistItem {
  std::string_view id;        ///< Stable, e.g. "eu-learning-outcomes", "qa-learner-feedback".
  std::string_view question;  ///< For the reviewer.
  std::string_view source;    ///< Where it comes from: the Recommendation or MCE D4.2.
};

/// The QA checklist: the 11 EU standard elements (Council Recommendation of 16 June 2022,
/// Annex I), then the internal quality assurance criteria of MCE D4.2, "Quality assurance"
/// (ESG, Cirlan 2023, ANECA), in a stable order. docs/design-lifecycle.md lists them.
std::span<const ChecklistItem> qa_checklist();

/// A reviewer's answer to one checklist item.
enum class ChecklistAnswer { yes, no, not_applicable };

/// Wire string: "yes", "no" or "n.a.".
std::string_view to_string(ChecklistAnswer answer);

/// The answer written `name` ("yes", "no", "n.a."), or nothing.
std::optional<ChecklistAnswer> parse_checklist_answer(std::string_view name);

/// One answered item.
struct ChecklistResponse {
  std::string item;  ///< A `ChecklistItem::id`.
  ChecklistAnswer answer = ChecklistAnswer::yes;
  std::string comment;  ///< Optional; required for "no" when approving.
  bool operator==(const ChecklistResponse&) const = default;
};

/// What a QA review decides.
enum class ReviewDecision { approved, changes_requested };

/// Wire string: "approved" or "changes_requested".
std::string_view to_string(ReviewDecision decision);

/// The decision named `name`, or nothing.
std::optional<ReviewDecision> parse_review_decision(std::string_view name);

/// Longest comment accepted, on the review or on one item, in bytes.
inline constexpr std::size_t qa_comment_max_length = 10'000;

/// A QA officer's review of one design version.
struct QaReview {
  ReviewDecision decision = ReviewDecision::changes_requested;
  std::vector<ChecklistResponse> checklist;
  std::string comment;  ///< For the designers; required when changes are requested.
  bool operator==(const QaReview&) const = default;
};

/// Checks `review` against the checklist: every item known and answered at most once, an
/// approval answers every item and explains each "no" in its comment, a request for changes
/// says what to change in `comment`, comments at most `qa_comment_max_length`. Fails with
/// `invalid_argument` whose `field` is a JSON pointer ("/checklist/2/item", "/comment").
/// Pure.
Result<void> validate_review(const QaReview& review);

/// `[{"item","answer","comment"}]`, comments left out when empty.
boost::json::value to_json(const std::vector<ChecklistResponse>& checklist);

/// `{"decision","checklist","comment"}`.
boost::json::value to_json(const QaReview& review);

/// The checklist in its JSON form. Fails with `invalid_argument` naming the field (a JSON
/// pointer under `/checklist`); unknown keys are refused. Item ids are checked by
/// `validate_review`.
Result<std::vector<ChecklistResponse>> checklist_from_json(const boost::json::value& input);

/// A review in its JSON form; fails like `checklist_from_json`. Pure.
Result<QaReview> qa_review_from_json(const boost::json::value& input);

}  // namespace microcred::domain
