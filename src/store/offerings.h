#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

namespace microcred::store {

/// An offering as stored: a run of one exact design version, kept as its JSON form (the
/// domain reads it: `domain::offering_from_json`) with the columns queries and guards need.
/// An offering belongs to `institution_id`; the institution in `reviewing_institution_id`
/// decides its applications and sees it too (one admission procedure for a consortium).
struct OfferingRecord {
  std::string id;
  std::string institution_id;
  std::string reviewing_institution_id;  ///< Never empty: the owner when no other reviews.
  std::string design_id;
  int design_version = 1;
  std::string code;
  std::optional<int> capacity;  ///< The numerus clausus the store guards; none: unlimited.
  std::string json;
  std::string created_by;
  Timestamp created_at;
  Timestamp updated_at;
  bool operator==(const OfferingRecord&) const = default;
};

/// Adds `record` to `tenant`. Fails with `forbidden` when it names another institution,
/// `conflict` when the id (or the code for that design) is taken, and `invalid_argument` when
/// the design version is not a published version of the tenant's own design or the
/// reviewing institution does not exist (the store refuses both itself).
Result<void> insert_offering(Transaction& tx, std::string_view tenant,
                             const OfferingRecord& record);

/// Offering `id` as `tenant` sees it: one of its own, or one whose applications it reviews;
/// `not_found` otherwise.
Result<OfferingRecord> find_offering(Transaction& tx, std::string_view tenant, std::string_view id);

/// As `find_offering`, and the offering stays locked against every other transaction that
/// locks it until this one ends (PostgreSQL `SELECT ... FOR UPDATE`; SQLite transactions
/// hold the database's write lock from `BEGIN IMMEDIATE`). Every change to an offering's
/// admissions takes this lock first, so they happen one after another.
Result<OfferingRecord> lock_offering(Transaction& tx, std::string_view tenant, std::string_view id);

/// The offerings of `tenant` (its own, not those it reviews), optionally of one design, oldest
/// first.
Result<std::vector<OfferingRecord>> list_offerings(Transaction& tx, std::string_view tenant,
                                                   std::optional<std::string_view> design_id = {});

}  // namespace microcred::store
