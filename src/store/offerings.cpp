#include "store/offerings.h"

#include "store/detail/learner_path_columns.h"

namespace microcred::store {
namespace {

using detail::run;

constexpr std::string_view offering_columns =
    "id, institution_id, reviewing_institution_id, design_id, design_version, code, capacity, "
    "json, created_by, created_at, updated_at";

Result<std::vector<OfferingRecord>> records_from(Result<detail::Rows> rows) {
  if (!rows) return rows.error();
  std::vector<OfferingRecord> records;
  records.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    auto version = detail::int_of(row.at(4), "offerings.design_version");
    if (!version) return version.error();
    auto capacity = detail::optional_int_of(row.at(6), "offerings.capacity");
    if (!capacity) return capacity.error();
    auto created = detail::timestamp_of(row.at(9), "offerings.created_at");
    if (!created) return created.error();
    auto updated = detail::timestamp_of(row.at(10), "offerings.updated_at");
    if (!updated) return updated.error();
    records.push_back({.id = detail::text_of(row.at(0)),
                       .institution_id = detail::text_of(row.at(1)),
                       .reviewing_institution_id = detail::text_of(row.at(2)),
                       .design_id = detail::text_of(row.at(3)),
                       .design_version = *version,
                       .code = detail::text_of(row.at(5)),
                       .capacity = *capacity,
                       .json = detail::text_of(row.at(7)),
                       .created_by = detail::text_of(row.at(8)),
                       .created_at = *created,
                       .updated_at = *updated});
  }
  return records;
}

Result<OfferingRecord> one(Result<std::vector<OfferingRecord>> records, std::string_view id) {
  if (!records) return records.error();
  if (records->empty()) return detail::not_found("offering", id);
  return std::move(records->front());
}

Result<OfferingRecord> find(Transaction& tx, std::string_view tenant, std::string_view id,
                            bool lock) {
  if (tenant.empty()) {
    return make_error(ErrorCode::invalid_argument, "no institution given", "institution_id");
  }
  std::string sql = "SELECT " + std::string(offering_columns) +
                    " FROM offerings WHERE id = ? AND (institution_id = ? OR "
                    "reviewing_institution_id = ?)";
  if (lock) sql += detail::row_lock_clause(tx);
  return one(
      records_from(run(tx, sql, {std::string(id), std::string(tenant), std::string(tenant)})), id);
}

}  // namespace

Result<void> insert_offering(Transaction& tx, std::string_view tenant,
                             const OfferingRecord& record) {
  auto owned = detail::check_tenant(tenant, record.institution_id);
  if (!owned) return owned;
  if (record.id.empty()) {
    return make_error(ErrorCode::invalid_argument, "an offering needs an id", "id");
  }
  if (record.reviewing_institution_id.empty()) {
    return make_error(ErrorCode::invalid_argument, "name the institution that reviews applications",
                      "reviewing_institution_id");
  }
  auto inserted =
      run(tx,
          "INSERT INTO offerings (id, institution_id, reviewing_institution_id, design_id, "
          "design_version, code, capacity, json, created_by, created_at, updated_at) VALUES (?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {record.id, std::string(tenant), record.reviewing_institution_id, record.design_id,
           std::int64_t{record.design_version}, record.code,
           record.capacity ? detail::Value{std::int64_t{*record.capacity}} : detail::Value{},
           record.json, record.created_by, detail::seconds_of(record.created_at),
           detail::seconds_of(record.updated_at)});
  if (!inserted) return inserted.error();
  return {};
}

Result<OfferingRecord> find_offering(Transaction& tx, std::string_view tenant,
                                     std::string_view id) {
  return find(tx, tenant, id, false);
}

Result<OfferingRecord> lock_offering(Transaction& tx, std::string_view tenant,
                                     std::string_view id) {
  return find(tx, tenant, id, true);
}

Result<std::vector<OfferingRecord>> list_offerings(Transaction& tx, std::string_view tenant,
                                                   std::optional<std::string_view> design_id) {
  std::string sql =
      "SELECT " + std::string(offering_columns) + " FROM offerings WHERE institution_id = ?";
  std::vector<detail::Value> params{std::string(tenant)};
  if (design_id) {
    sql += " AND design_id = ?";
    params.emplace_back(std::string(*design_id));
  }
  sql += " ORDER BY created_at, id";
  return records_from(run(tx, sql, params));
}

}  // namespace microcred::store
