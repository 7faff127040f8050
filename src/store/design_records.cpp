#include "store/design_records.h"

#include "store/detail/connection.h"

namespace microcred::store {
namespace {

using detail::run;

constexpr std::string_view record_columns =
    "id, institution_id, version, status, json, created_at, updated_at";

Result<std::vector<DesignRecord>> records_from(Result<detail::Rows> rows) {
  if (!rows) return rows.error();
  std::vector<DesignRecord> records;
  for (const auto& row : rows->rows) {
    auto version = detail::to_int(row.at(2), "design_records.version");
    if (!version) return version.error();
    auto created = detail::timestamp_of(row.at(5), "design_records.created_at");
    if (!created) return created.error();
    auto updated = detail::timestamp_of(row.at(6), "design_records.updated_at");
    if (!updated) return updated.error();
    records.push_back({detail::text_of(row.at(0)), detail::text_of(row.at(1)),
                       static_cast<int>(*version), detail::text_of(row.at(3)),
                       detail::text_of(row.at(4)), *created, *updated});
  }
  return records;
}

}  // namespace

Result<void> insert_design_record(Transaction& tx, std::string_view tenant,
                                  const DesignRecord& record) {
  auto owned = detail::check_tenant(tenant, record.institution_id);
  if (!owned) return owned;
  if (record.id.empty())
    return make_error(ErrorCode::invalid_argument, "a design needs an id", "id");
  if (record.version < 1) {
    return make_error(ErrorCode::invalid_argument, "version must be 1 or more", "version");
  }
  auto inserted =
      run(tx,
          "INSERT INTO design_records (id, version, institution_id, status, json, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {record.id, std::int64_t{record.version}, std::string(tenant), record.status, record.json,
           detail::seconds_of(record.created_at), detail::seconds_of(record.updated_at)});
  if (!inserted) return inserted.error();
  return {};
}

Result<DesignRecord> find_design_record(Transaction& tx, std::string_view tenant,
                                        std::string_view id, std::optional<int> version) {
  auto records =
      version ? records_from(run(tx,
                                 "SELECT " + std::string(record_columns) +
                                     " FROM design_records WHERE institution_id = ? AND id = ? "
                                     "AND version = ?",
                                 {std::string(tenant), std::string(id), std::int64_t{*version}}))
              : records_from(run(tx,
                                 "SELECT " + std::string(record_columns) +
                                     " FROM design_records WHERE institution_id = ? AND id = ? "
                                     "ORDER BY version DESC LIMIT 1",
                                 {std::string(tenant), std::string(id)}));
  if (!records) return records.error();
  if (records->empty()) return detail::not_found("design", id);
  return records->front();
}

Result<void> update_design_record(Transaction& tx, std::string_view tenant,
                                  const DesignRecord& record) {
  auto owned = detail::check_tenant(tenant, record.institution_id);
  if (!owned) return owned;
  auto updated = run(tx,
                     "UPDATE design_records SET status = ?, json = ?, updated_at = ? "
                     "WHERE institution_id = ? AND id = ? AND version = ?",
                     {record.status, record.json, detail::seconds_of(record.updated_at),
                      std::string(tenant), record.id, std::int64_t{record.version}});
  if (!updated) return updated.error();
  if (updated->changed == 0) return detail::not_found("design", record.id);
  return {};
}

Result<std::vector<DesignRecord>> list_design_records(Transaction& tx, std::string_view tenant,
                                                      std::optional<std::string_view> status) {
  // The newest version of each design: no newer row of the same id exists.
  std::string sql = "SELECT " + std::string(record_columns) +
                    " FROM design_records d WHERE institution_id = ? AND NOT EXISTS ("
                    "SELECT 1 FROM design_records n WHERE n.institution_id = d.institution_id "
                    "AND n.id = d.id AND n.version > d.version)";
  std::vector<detail::Value> params{std::string(tenant)};
  if (status) {
    sql += " AND status = ?";
    params.emplace_back(std::string(*status));
  }
  sql += " ORDER BY id";
  return records_from(run(tx, sql, params));
}

}  // namespace microcred::store
