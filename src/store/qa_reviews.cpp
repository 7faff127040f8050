#include "store/qa_reviews.h"

#include "store/design_records.h"
#include "store/detail/connection.h"

namespace microcred::store {

Result<std::int64_t> insert_qa_review(Transaction& tx, std::string_view tenant,
                                      const QaReviewRecord& review) {
  auto owned = detail::check_tenant(tenant, review.institution_id);
  if (!owned) return owned.error();
  if (review.reviewer_id.empty()) {
    return make_error(ErrorCode::invalid_argument, "a review needs a reviewer", "reviewer_id");
  }
  // Check first: a failed statement would end a PostgreSQL transaction (docs/storage.md).
  auto version = find_design_record(tx, tenant, review.design_id, review.version);
  if (!version) return version.error();
  auto rows = detail::run(
      tx,
      "INSERT INTO qa_reviews (institution_id, design_id, version, "
      "reviewer_id, decision, checklist, comment, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
      {std::string(tenant), review.design_id, std::int64_t{review.version}, review.reviewer_id,
       review.decision, review.checklist_json, review.comment, detail::seconds_of(review.at)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return make_error(ErrorCode::storage_error, "no sequence number back");
  return detail::to_int(rows->rows.front().at(0), "qa_reviews.seq");
}

Result<std::vector<QaReviewRecord>> list_qa_reviews(Transaction& tx, std::string_view tenant,
                                                    std::string_view design_id,
                                                    std::optional<int> version) {
  std::string sql =
      "SELECT seq, institution_id, design_id, version, reviewer_id, decision, checklist, "
      "comment, at FROM qa_reviews WHERE institution_id = ? AND design_id = ?";
  std::vector<detail::Value> params{std::string(tenant), std::string(design_id)};
  if (version) {
    sql += " AND version = ?";
    params.emplace_back(std::int64_t{*version});
  }
  sql += " ORDER BY seq";
  auto rows = detail::run(tx, sql, params);
  if (!rows) return rows.error();
  std::vector<QaReviewRecord> reviews;
  for (const auto& row : rows->rows) {
    auto seq = detail::to_int(row.at(0), "qa_reviews.seq");
    if (!seq) return seq.error();
    auto number = detail::to_int(row.at(3), "qa_reviews.version");
    if (!number) return number.error();
    auto at = detail::timestamp_of(row.at(8), "qa_reviews.at");
    if (!at) return at.error();
    reviews.push_back({.seq = *seq,
                       .institution_id = detail::text_of(row.at(1)),
                       .design_id = detail::text_of(row.at(2)),
                       .version = static_cast<int>(*number),
                       .reviewer_id = detail::text_of(row.at(4)),
                       .decision = detail::text_of(row.at(5)),
                       .checklist_json = detail::text_of(row.at(6)),
                       .comment = detail::text_of(row.at(7)),
                       .at = *at});
  }
  return reviews;
}

}  // namespace microcred::store
