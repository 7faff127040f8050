#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace microcred::store {

/// A QA officer's review of one design version, as stored. Reviews are append-only: both
/// backends refuse UPDATE and DELETE on them.
struct QaReviewRecord {
  std::int64_t seq = 0;  ///< set by the store, increasing
  std::string institution_id;
  std::string design_id;
  int version = 1;
  std::string reviewer_id;
  std::string decision;        ///< "approved" or "changes_requested"
  std::string checklist_json;  ///< `[{"item","answer","comment"}]` (domain/qa_review.h)
  std::string comment;
  Timestamp at;

  bool operator==(const QaReviewRecord&) const = default;
};

/// Appends `review` (its `seq` is ignored) to `tenant`'s reviews and gives back its sequence
/// number; `forbidden` when it names another institution, `not_found` without that design
/// version in `tenant`.
Result<std::int64_t> insert_qa_review(Transaction& tx, std::string_view tenant,
                                      const QaReviewRecord& review);

/// The reviews of design `design_id` of `tenant` (of one version when `version` is given),
/// oldest first.
Result<std::vector<QaReviewRecord>> list_qa_reviews(Transaction& tx, std::string_view tenant,
                                                    std::string_view design_id,
                                                    std::optional<int> version = std::nullopt);

}  // namespace microcred::store
