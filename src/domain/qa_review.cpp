#include "domain/qa_review.h"

#include <algorithm>
#include <array>
#include <set>

#include <boost/json.hpp>

namespace microcred::domain {
namespace {

constexpr std::string_view recommendation = "Council Recommendation of 16 June 2022, Annex I";
constexpr std::string_view d42_qa = "MCE D4.2, Quality assurance";

// The 11 mandatory elements as a reviewer checks them in a design (elements 1 and 5 are
// filled in at issuance, so the questions ask whether the design provides for them), then
// the internal QA criteria the seed names: well-defined learning outcomes, transparent
// assessment and information (Cirlan 2023), ESG-based internal QA, ANECA's four points,
// external QA or accreditation, and assessment integrity.
constexpr std::array<ChecklistItem, 20> items = {{
    {"eu-learner-identification",
     "Element 1, identification of the learner: does admission collect what identifies the "
     "learner on the credential?",
     recommendation},
    {"eu-title", "Element 2, title: does the title say what the micro-credential certifies?",
     recommendation},
    {"eu-issuer-country",
     "Element 3, country/region of the issuer: are the issuing institution and its country "
     "named?",
     recommendation},
    {"eu-awarding-bodies",
     "Element 4, awarding bodies: is every awarding body named and, for a joint "
     "micro-credential, the one institution that issues on behalf of all?",
     recommendation},
    {"eu-date-of-issuing",
     "Element 5, date of issuing: is it clear when credentials are issued (after which "
     "assessment or board decision)?",
     recommendation},
    {"eu-learning-outcomes",
     "Element 6, learning outcomes: are they observable and measurable, and aligned to ESCO "
     "skills where possible?",
     recommendation},
    {"eu-workload",
     "Element 7, notional workload: are the ECTS (wherever possible) and hours consistent "
     "with the activities and the assessment?",
     recommendation},
    {"eu-level",
     "Element 8, level and cycle: do the EQF level, QF-EHEA cycle and NQF level fit the "
     "learning outcomes?",
     recommendation},
    {"eu-assessment-type",
     "Element 9, type of assessment: is it stated and able to show that the learning outcomes "
     "were achieved?",
     recommendation},
    {"eu-participation",
     "Element 10, form of participation: are the form (online, on-site, blended, hybrid), "
     "synchronicity and pacing stated?",
     recommendation},
    {"eu-quality-assurance",
     "Element 11, type of quality assurance: is the internal, external or accreditation QA "
     "underpinning it named?",
     recommendation},
    {"qa-internal-process",
     "Has the design gone through the institution's internal QA process, in line with the "
     "ESG?",
     d42_qa},
    {"qa-outcomes-well-defined",
     "Are the learning outcomes well defined and consistent with the level and the workload?",
     d42_qa},
    {"qa-assessment-transparent",
     "Are the assessment methods and criteria transparent and aligned with the learning "
     "outcomes?",
     d42_qa},
    {"qa-information-transparency",
     "Is the information for learners complete and clear (fees, dates, prerequisites, "
     "workload, recognition)?",
     d42_qa},
    {"qa-learning-experience",
     "Is the quality of the learning experience provided for: teaching, delivery, resources "
     "and support services?",
     "MCE D4.2, Quality assurance (ANECA)"},
    {"qa-learner-feedback", "Will feedback from learners on the learning experience be collected?",
     "MCE D4.2, Quality assurance (ANECA)"},
    {"qa-stakeholder-feedback",
     "Will feedback from stakeholders (employers, partners, other providers) be collected?",
     "MCE D4.2, Quality assurance (ANECA)"},
    {"qa-external-review",
     "Is it settled whether external QA or accreditation applies, and by which body?", d42_qa},
    {"qa-assessment-integrity",
     "Do supervision and identity verification keep the assessment's integrity without "
     "needless barriers for learners?",
     "MCE D4.2, Assessment: ensuring quality and integrity"},
}};

constexpr std::array<std::string_view, 3> answer_names = {"yes", "no", "n.a."};
constexpr std::array<std::string_view, 2> decision_names = {"approved", "changes_requested"};

bool known_item(std::string_view id) {
  return std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.id == id; });
}

Error invalid(std::string message, std::string field) {
  return Error{ErrorCode::invalid_argument, std::move(message), std::move(field)};
}

Result<std::string> string_at(const boost::json::object& object, std::string_view key,
                              const std::string& field, bool required) {
  const auto* value = object.if_contains(key);
  if (!value) {
    if (required) {
      return invalid("\"" + std::string(key) + "\" is required", field + "/" + std::string(key));
    }
    return std::string();
  }
  if (!value->is_string()) return invalid("must be a string", field + "/" + std::string(key));
  return std::string(value->as_string());
}

Result<void> only_keys(const boost::json::object& object,
                       std::initializer_list<std::string_view> keys, const std::string& field) {
  for (const auto& entry : object) {
    if (std::find(keys.begin(), keys.end(), std::string_view(entry.key())) == keys.end()) {
      return invalid("unknown key \"" + std::string(entry.key()) + "\"",
                     field + "/" + std::string(entry.key()));
    }
  }
  return {};
}

}  // namespace

std::span<const ChecklistItem> qa_checklist() {
  return items;
}

std::string_view to_string(ChecklistAnswer answer) {
  return answer_names[static_cast<std::size_t>(answer)];
}

std::optional<ChecklistAnswer> parse_checklist_answer(std::string_view name) {
  for (std::size_t i = 0; i < answer_names.size(); ++i)
    if (answer_names[i] == name) return static_cast<ChecklistAnswer>(i);
  return std::nullopt;
}

std::string_view to_string(ReviewDecision decision) {
  return decision_names[static_cast<std::size_t>(decision)];
}

std::optional<ReviewDecision> parse_review_decision(std::string_view name) {
  for (std::size_t i = 0; i < decision_names.size(); ++i)
    if (decision_names[i] == name) return static_cast<ReviewDecision>(i);
  return std::nullopt;
}

Result<void> validate_review(const QaReview& review) {
  std::set<std::string, std::less<>> answered;
  for (std::size_t i = 0; i < review.checklist.size(); ++i) {
    const auto& response = review.checklist[i];
    const std::string field = "/checklist/" + std::to_string(i);
    if (!known_item(response.item)) {
      return invalid("\"" + response.item + "\" is not an item of the QA checklist",
                     field + "/item");
    }
    if (!answered.insert(response.item).second) {
      return invalid("\"" + response.item + "\" is answered twice", field + "/item");
    }
    if (response.comment.size() > qa_comment_max_length) {
      return invalid(
          "a comment may have at most " + std::to_string(qa_comment_max_length) + " bytes",
          field + "/comment");
    }
    if (review.decision == ReviewDecision::approved && response.answer == ChecklistAnswer::no &&
        response.comment.empty()) {
      return invalid("approving with \"no\" to \"" + response.item +
                         "\" needs a comment saying why that is acceptable",
                     field + "/comment");
    }
  }
  if (review.comment.size() > qa_comment_max_length) {
    return invalid("a comment may have at most " + std::to_string(qa_comment_max_length) + " bytes",
                   "/comment");
  }
  if (review.decision == ReviewDecision::approved) {
    std::string missing;
    for (const auto& item : items) {
      if (answered.contains(item.id)) continue;
      if (!missing.empty()) missing += ", ";
      missing += item.id;
    }
    if (!missing.empty()) {
      return invalid(
          "an approval answers every checklist item (yes, no or n.a.); unanswered: " + missing,
          "/checklist");
    }
  } else if (review.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid("say what to change: a request for changes needs a comment", "/comment");
  }
  return {};
}

boost::json::value to_json(const std::vector<ChecklistResponse>& checklist) {
  boost::json::array out;
  for (const auto& response : checklist) {
    boost::json::object entry{{"item", response.item}, {"answer", to_string(response.answer)}};
    if (!response.comment.empty()) entry["comment"] = response.comment;
    out.push_back(std::move(entry));
  }
  return out;
}

boost::json::value to_json(const QaReview& review) {
  boost::json::object out{{"decision", to_string(review.decision)},
                          {"checklist", to_json(review.checklist)}};
  if (!review.comment.empty()) out["comment"] = review.comment;
  return out;
}

Result<std::vector<ChecklistResponse>> checklist_from_json(const boost::json::value& input) {
  if (!input.is_array()) return invalid("the checklist must be an array", "/checklist");
  std::vector<ChecklistResponse> out;
  const auto& array = input.as_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string field = "/checklist/" + std::to_string(i);
    if (!array[i].is_object()) {
      return invalid("must be an object {\"item\", \"answer\", \"comment\"}", field);
    }
    const auto& object = array[i].as_object();
    if (auto keys = only_keys(object, {"item", "answer", "comment"}, field); !keys) {
      return keys.error();
    }
    auto item = string_at(object, "item", field, true);
    if (!item) return item.error();
    auto answer_name = string_at(object, "answer", field, true);
    if (!answer_name) return answer_name.error();
    auto answer = parse_checklist_answer(*answer_name);
    if (!answer) {
      return invalid("must be \"yes\", \"no\" or \"n.a.\", got \"" + *answer_name + "\"",
                     field + "/answer");
    }
    auto comment = string_at(object, "comment", field, false);
    if (!comment) return comment.error();
    out.push_back({std::move(*item), *answer, std::move(*comment)});
  }
  return out;
}

Result<QaReview> qa_review_from_json(const boost::json::value& input) {
  if (!input.is_object()) return invalid("a review must be an object", "");
  const auto& object = input.as_object();
  if (auto keys = only_keys(object, {"decision", "checklist", "comment"}, ""); !keys) {
    return keys.error();
  }
  auto decision_name = string_at(object, "decision", "", true);
  if (!decision_name) return decision_name.error();
  auto decision = parse_review_decision(*decision_name);
  if (!decision) {
    return invalid("must be \"approved\" or \"changes_requested\", got \"" + *decision_name + "\"",
                   "/decision");
  }
  QaReview review{.decision = *decision};
  if (const auto* checklist = object.if_contains("checklist")) {
    auto read = checklist_from_json(*checklist);
    if (!read) return read.error();
    review.checklist = std::move(*read);
  }
  auto comment = string_at(object, "comment", "", false);
  if (!comment) return comment.error();
  review.comment = std::move(*comment);
  return review;
}

}  // namespace microcred::domain
