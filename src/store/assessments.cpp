#include "store/assessments.h"

#include "store/detail/learner_path_columns.h"

namespace microcred::store {
namespace {

using detail::run;
using detail::Value;

constexpr std::string_view assessment_columns =
    "id, institution_id, enrolment_id, attempt, grade, passed, assessed_on, method, "
    "supervision, assessor_id, recorded_at";

Result<void> fill_outcomes_and_votes(Transaction& tx, std::string_view tenant,
                                     AssessmentRecord& record) {
  auto& result = record.result;
  auto outcomes = run(tx,
                      "SELECT outcome, achieved, evidence FROM assessment_outcomes WHERE "
                      "assessment_id = ? AND institution_id = ? ORDER BY outcome",
                      {result.id, std::string(tenant)});
  if (!outcomes) return outcomes.error();
  for (const auto& row : outcomes->rows) {
    auto index = detail::to_int(row.at(0), "assessment_outcomes.outcome");
    if (!index) return index.error();
    auto achieved = detail::flag_of(row.at(1), "assessment_outcomes.achieved");
    if (!achieved) return achieved.error();
    result.outcomes.push_back({.outcome = static_cast<std::size_t>(*index),
                               .achieved = *achieved,
                               .evidence = detail::text_of(row.at(2))});
  }
  auto votes = run(tx,
                   "SELECT approver_id, approved, at, comment FROM board_approvals WHERE "
                   "assessment_id = ? AND institution_id = ? ORDER BY ordinal",
                   {result.id, std::string(tenant)});
  if (!votes) return votes.error();
  for (const auto& row : votes->rows) {
    auto approved = detail::flag_of(row.at(1), "board_approvals.approved");
    if (!approved) return approved.error();
    auto at = detail::timestamp_of(row.at(2), "board_approvals.at");
    if (!at) return at.error();
    result.approvals.push_back({.approver_id = detail::text_of(row.at(0)),
                                .approved = *approved,
                                .at = *at,
                                .comment = detail::text_of(row.at(3))});
  }
  return {};
}

Result<std::vector<AssessmentRecord>> records_from(Transaction& tx, std::string_view tenant,
                                                   Result<detail::Rows> rows) {
  if (!rows) return rows.error();
  std::vector<AssessmentRecord> records;
  records.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    auto attempt = detail::int_of(row.at(3), "assessments.attempt");
    if (!attempt) return attempt.error();
    auto passed = detail::flag_of(row.at(5), "assessments.passed");
    if (!passed) return passed.error();
    auto assessed_on = detail::date_of(row.at(6), "assessments.assessed_on");
    if (!assessed_on) return assessed_on.error();
    auto method = detail::assessment_type_of(row.at(7), "assessments.method");
    if (!method) return method.error();
    auto supervision = detail::supervision_of(row.at(8), "assessments.supervision");
    if (!supervision) return supervision.error();
    auto recorded = detail::timestamp_of(row.at(10), "assessments.recorded_at");
    if (!recorded) return recorded.error();
    AssessmentRecord record;
    record.result = {.id = detail::text_of(row.at(0)),
                     .enrolment_id = detail::text_of(row.at(2)),
                     .grade = detail::text_of(row.at(4)),
                     .assessed_on = *assessed_on,
                     .method = *method,
                     .supervision = *supervision,
                     .assessor_id = detail::text_of(row.at(9))};
    record.institution_id = detail::text_of(row.at(1));
    record.attempt = *attempt;
    record.passed = *passed;
    record.recorded_at = *recorded;
    records.push_back(std::move(record));
  }
  for (auto& record : records) {
    auto filled = fill_outcomes_and_votes(tx, tenant, record);
    if (!filled) return filled.error();
  }
  return records;
}

Result<AssessmentRecord> find(Transaction& tx, std::string_view tenant, std::string_view id,
                              bool lock) {
  std::string sql = "SELECT " + std::string(assessment_columns) +
                    " FROM assessments WHERE id = ? AND institution_id = ?";
  if (lock) sql += detail::row_lock_clause(tx);
  auto records = records_from(tx, tenant, run(tx, sql, {std::string(id), std::string(tenant)}));
  if (!records) return records.error();
  if (records->empty()) return detail::not_found("assessment", id);
  return std::move(records->front());
}

Result<void> insert_vote(Transaction& tx, std::string_view tenant, std::string_view assessment_id,
                         std::int64_t ordinal, const domain::BoardApproval& approval) {
  auto inserted = run(
      tx,
      "INSERT INTO board_approvals (assessment_id, approver_id, ordinal, "
      "institution_id, approved, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {std::string(assessment_id), approval.approver_id, ordinal, std::string(tenant),
       std::int64_t{approval.approved ? 1 : 0}, approval.comment, detail::seconds_of(approval.at)});
  if (!inserted) return inserted.error();
  return {};
}

}  // namespace

Result<void> insert_assessment(Transaction& tx, std::string_view tenant,
                               const AssessmentRecord& record) {
  const auto& r = record.result;
  auto owned = detail::check_tenant(tenant, record.institution_id);
  if (!owned) return owned;
  if (r.id.empty()) {
    return make_error(ErrorCode::invalid_argument, "an assessment needs an id", "id");
  }
  if (!r.assessed_on || !r.method || !r.supervision) {
    return make_error(ErrorCode::invalid_argument,
                      "a recorded assessment has a date, a method and a supervision mode",
                      !r.assessed_on ? "assessed_on" : (!r.method ? "method" : "supervision"));
  }
  auto inserted = run(
      tx,
      "INSERT INTO assessments (" + std::string(assessment_columns) +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.id, std::string(tenant), r.enrolment_id, std::int64_t{record.attempt}, r.grade,
       std::int64_t{record.passed ? 1 : 0}, domain::format_date(*r.assessed_on),
       std::string(domain::to_string(*r.method)), std::string(domain::to_string(*r.supervision)),
       r.assessor_id, detail::seconds_of(record.recorded_at)});
  if (!inserted) return inserted.error();
  for (const auto& outcome : r.outcomes) {
    auto added = run(tx,
                     "INSERT INTO assessment_outcomes (assessment_id, outcome, institution_id, "
                     "achieved, evidence) VALUES (?, ?, ?, ?, ?)",
                     {r.id, static_cast<std::int64_t>(outcome.outcome), std::string(tenant),
                      std::int64_t{outcome.achieved ? 1 : 0}, outcome.evidence});
    if (!added) return added.error();
  }
  for (std::size_t i = 0; i < r.approvals.size(); ++i) {
    auto added = insert_vote(tx, tenant, r.id, static_cast<std::int64_t>(i), r.approvals[i]);
    if (!added) return added;
  }
  return {};
}

Result<AssessmentRecord> find_assessment(Transaction& tx, std::string_view tenant,
                                         std::string_view id) {
  return find(tx, tenant, id, false);
}

Result<AssessmentRecord> lock_assessment(Transaction& tx, std::string_view tenant,
                                         std::string_view id) {
  return find(tx, tenant, id, true);
}

Result<std::vector<AssessmentRecord>> list_assessments(Transaction& tx, std::string_view tenant,
                                                       std::string_view enrolment_id) {
  return records_from(tx, tenant,
                      run(tx,
                          "SELECT " + std::string(assessment_columns) +
                              " FROM assessments WHERE enrolment_id = ? AND institution_id = ? "
                              "ORDER BY attempt",
                          {std::string(enrolment_id), std::string(tenant)}));
}

Result<std::optional<AssessmentRecord>> latest_assessment(Transaction& tx, std::string_view tenant,
                                                          std::string_view enrolment_id) {
  auto records = records_from(tx, tenant,
                              run(tx,
                                  "SELECT " + std::string(assessment_columns) +
                                      " FROM assessments WHERE enrolment_id = ? AND "
                                      "institution_id = ? ORDER BY attempt DESC LIMIT 1",
                                  {std::string(enrolment_id), std::string(tenant)}));
  if (!records) return records.error();
  if (records->empty()) return std::optional<AssessmentRecord>();
  return std::optional<AssessmentRecord>(std::move(records->front()));
}

Result<void> insert_board_approval(Transaction& tx, std::string_view tenant,
                                   std::string_view assessment_id,
                                   const domain::BoardApproval& approval) {
  // Check first: a failed statement would end a PostgreSQL transaction (docs/storage.md).
  auto stored = find_assessment(tx, tenant, assessment_id);
  if (!stored) return stored.error();
  for (const auto& vote : stored->result.approvals) {
    if (vote.approver_id == approval.approver_id) {
      return make_error(
          ErrorCode::conflict,
          approval.approver_id + " has already voted on assessment " + std::string(assessment_id),
          "approver_id");
    }
  }
  return insert_vote(tx, tenant, assessment_id,
                     static_cast<std::int64_t>(stored->result.approvals.size()), approval);
}

}  // namespace microcred::store
