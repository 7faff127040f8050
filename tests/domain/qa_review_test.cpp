#include "domain/qa_review.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <set>

#include <boost/json.hpp>

namespace microcred::domain {
namespace {

QaReview complete_approval() {
  QaReview review{.decision = ReviewDecision::approved};
  for (const auto& item : qa_checklist())
    review.checklist.push_back({std::string(item.id), ChecklistAnswer::yes, ""});
  return review;
}

TEST(QaChecklist, CoversTheElevenEuElementsAndTheSeedsQaCriteria) {
  std::set<std::string_view> ids;
  int eu = 0;
  for (const auto& item : qa_checklist()) {
    EXPECT_TRUE(ids.insert(item.id).second) << "twice: " << item.id;
    EXPECT_FALSE(item.question.empty()) << item.id;
    EXPECT_FALSE(item.source.empty()) << item.id;
    if (item.id.starts_with("eu-")) ++eu;
  }
  EXPECT_EQ(eu, 11);
  for (const char* id : {"qa-internal-process", "qa-learner-feedback", "qa-stakeholder-feedback",
                         "qa-external-review", "qa-assessment-transparent"})
    EXPECT_TRUE(ids.contains(id)) << id;
}

TEST(QaChecklist, AnswerAndDecisionNamesRoundTrip) {
  for (auto a : {ChecklistAnswer::yes, ChecklistAnswer::no, ChecklistAnswer::not_applicable})
    EXPECT_EQ(parse_checklist_answer(to_string(a)), a);
  EXPECT_EQ(to_string(ChecklistAnswer::not_applicable), "n.a.");
  EXPECT_EQ(parse_checklist_answer("maybe"), std::nullopt);
  for (auto d : {ReviewDecision::approved, ReviewDecision::changes_requested})
    EXPECT_EQ(parse_review_decision(to_string(d)), d);
}

TEST(ValidateReview, AcceptsACompleteApproval) {
  auto review = complete_approval();
  review.checklist[3].answer = ChecklistAnswer::not_applicable;
  EXPECT_TRUE(validate_review(review));
}

TEST(ValidateReview, AnApprovalAnswersEveryItem) {
  auto review = complete_approval();
  review.checklist.erase(review.checklist.begin() + 2);
  auto valid = validate_review(review);
  ASSERT_FALSE(valid);
  EXPECT_EQ(valid.error().field, "/checklist");
  EXPECT_NE(valid.error().message.find(std::string(qa_checklist()[2].id)), std::string::npos)
      << valid.error().message;
}

TEST(ValidateReview, AnApprovalExplainsEachNo) {
  auto review = complete_approval();
  review.checklist[5].answer = ChecklistAnswer::no;
  auto valid = validate_review(review);
  ASSERT_FALSE(valid);
  EXPECT_EQ(valid.error().field, "/checklist/5/comment");
  review.checklist[5].comment = "ESCO alignment follows in the next version";
  EXPECT_TRUE(validate_review(review));
}

TEST(ValidateReview, NamesUnknownAndRepeatedItems) {
  auto unknown = complete_approval();
  unknown.checklist[1].item = "eu-colour";
  auto a = validate_review(unknown);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "/checklist/1/item");
  auto twice = complete_approval();
  twice.checklist.push_back(twice.checklist[0]);
  auto b = validate_review(twice);
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().field, "/checklist/" + std::to_string(twice.checklist.size() - 1) + "/item");
}

TEST(ValidateReview, ARequestForChangesNeedsAComment) {
  QaReview review{.decision = ReviewDecision::changes_requested};
  auto a = validate_review(review);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "/comment");
  review.comment = "  \n";
  EXPECT_FALSE(validate_review(review));
  review.comment = "Outcome 2 starts with \"understand\"; make it observable.";
  EXPECT_TRUE(validate_review(review));  // a partial checklist is fine when sending back
}

TEST(ValidateReview, BoundsComments) {
  QaReview review{.decision = ReviewDecision::changes_requested,
                  .comment = std::string(qa_comment_max_length + 1, 'x')};
  auto a = validate_review(review);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "/comment");
}

TEST(QaReviewJson, RoundTrips) {
  auto review = complete_approval();
  review.checklist[0].comment = "checked against the admission form";
  review.comment = "Fine.";
  auto back = qa_review_from_json(to_json(review));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, review);
}

TEST(QaReviewJson, NamesTheBadField) {
  struct Row {
    const char* json;
    const char* field;
  };
  const Row rows[] = {
      {R"([])", ""},
      {R"({"checklist":[]})", "/decision"},
      {R"({"decision":"ok"})", "/decision"},
      {R"({"decision":"approved","verdict":1})", "/verdict"},
      {R"({"decision":"approved","checklist":{}})", "/checklist"},
      {R"({"decision":"approved","checklist":[1]})", "/checklist/0"},
      {R"({"decision":"approved","checklist":[{"item":"eu-title"}]})", "/checklist/0/answer"},
      {R"({"decision":"approved","checklist":[{"item":"eu-title","answer":"y"}]})",
       "/checklist/0/answer"},
      {R"({"decision":"approved","checklist":[{"item":"eu-title","answer":"yes","x":1}]})",
       "/checklist/0/x"},
      {R"({"decision":"approved","comment":5})", "/comment"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.json);
    auto read = qa_review_from_json(boost::json::parse(row.json));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(read.error().field, row.field);
  }
}

}  // namespace
}  // namespace microcred::domain
