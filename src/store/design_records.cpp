#include "store/design_records.h"

#include "store/detail/connection.h"

namespace microcred::store {
namespace {

using detail::run;

constexpr std::string_view record_columns =
    "id, institution_id, version, status, json, created_at, updated_at, author_id, "
    "content_sha256, submitted_by, submitted_at, published_by, published_at, retired_at";

detail::Value optional_seconds(const std::optional<Timestamp>& t) {
  if (!t) return std::monostate{};
  return detail::seconds_of(*t);
}

Result<std::optional<Timestamp>> optional_timestamp(const std::optional<std::string>& text,
                                                    std::string_view column) {
  if (!text) return std::optional<Timestamp>();
  auto t = detail::timestamp_of(text, column);
  if (!t) return t.error();
  return std::optional<Timestamp>(*t);
}

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
    auto submitted = optional_timestamp(row.at(10), "design_records.submitted_at");
    if (!submitted) return submitted.error();
    auto published = optional_timestamp(row.at(12), "design_records.published_at");
    if (!published) return published.error();
    auto retired = optional_timestamp(row.at(13), "design_records.retired_at");
    if (!retired) return retired.error();
    records.push_back({.id = detail::text_of(row.at(0)),
                       .institution_id = detail::text_of(row.at(1)),
                       .version = static_cast<int>(*version),
                       .status = detail::text_of(row.at(3)),
                       .json = detail::text_of(row.at(4)),
                       .created_at = *created,
                       .updated_at = *updated,
                       .author_id = detail::text_of(row.at(7)),
                       .content_sha256 = detail::text_of(row.at(8)),
                       .submitted_by = detail::text_of(row.at(9)),
                       .submitted_at = *submitted,
                       .published_by = detail::text_of(row.at(11)),
                       .published_at = *published,
                       .retired_at = *retired});
  }
  return records;
}

bool frozen(std::string_view status) {
  return status == "published" || status == "retired";
}

// A published version may only be retired: everything but the status and the retirement
// and update times stays as it is. The database's triggers refuse the same (migration 2);
// this check gives the caller a clear `conflict` first.
Result<void> check_change_allowed(const DesignRecord& stored, const DesignRecord& change) {
  if (!frozen(stored.status)) return {};
  bool retirement =
      stored.status == "published" && change.status == "retired" && change.json == stored.json &&
      change.content_sha256 == stored.content_sha256 &&
      change.submitted_by == stored.submitted_by && change.submitted_at == stored.submitted_at &&
      change.published_by == stored.published_by && change.published_at == stored.published_at;
  if (retirement) return {};
  return make_error(ErrorCode::conflict,
                    "version " + std::to_string(stored.version) + " of design \"" + stored.id +
                        "\" is " + stored.status +
                        " and can no longer change; edit the design to make a new version",
                    "status");
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
          "INSERT INTO design_records (id, version, institution_id, status, json, created_at, "
          "updated_at, author_id, content_sha256, submitted_by, submitted_at, published_by, "
          "published_at, retired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {record.id, std::int64_t{record.version}, std::string(tenant), record.status, record.json,
           detail::seconds_of(record.created_at), detail::seconds_of(record.updated_at),
           record.author_id, record.content_sha256, record.submitted_by,
           optional_seconds(record.submitted_at), record.published_by,
           optional_seconds(record.published_at), optional_seconds(record.retired_at)});
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
  if (records->empty()) {
    if (version) {
      return make_error(ErrorCode::not_found, "no version " + std::to_string(*version) +
                                                  " of design \"" + std::string(id) + "\"");
    }
    return detail::not_found("design", id);
  }
  return records->front();
}

Result<void> update_design_record(Transaction& tx, std::string_view tenant,
                                  const DesignRecord& record) {
  auto owned = detail::check_tenant(tenant, record.institution_id);
  if (!owned) return owned;
  auto stored = find_design_record(tx, tenant, record.id, record.version);
  if (!stored) return stored.error();
  auto allowed = check_change_allowed(*stored, record);
  if (!allowed) return allowed;
  auto updated =
      run(tx,
          "UPDATE design_records SET status = ?, json = ?, updated_at = ?, content_sha256 = ?, "
          "submitted_by = ?, submitted_at = ?, published_by = ?, published_at = ?, "
          "retired_at = ? WHERE institution_id = ? AND id = ? AND version = ?",
          {record.status, record.json, detail::seconds_of(record.updated_at), record.content_sha256,
           record.submitted_by, optional_seconds(record.submitted_at), record.published_by,
           optional_seconds(record.published_at), optional_seconds(record.retired_at),
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

Result<std::vector<DesignRecord>> list_design_versions(Transaction& tx, std::string_view tenant,
                                                       std::string_view id) {
  auto records = records_from(run(tx,
                                  "SELECT " + std::string(record_columns) +
                                      " FROM design_records WHERE institution_id = ? AND id = ? "
                                      "ORDER BY version",
                                  {std::string(tenant), std::string(id)}));
  if (!records) return records.error();
  if (records->empty()) return detail::not_found("design", id);
  return records;
}

Result<void> add_design_contributor(Transaction& tx, std::string_view tenant, std::string_view id,
                                    int version, std::string_view user_id) {
  if (user_id.empty()) {
    return make_error(ErrorCode::invalid_argument, "a contributor needs a user id", "user_id");
  }
  // Check first: a failed statement would end a PostgreSQL transaction (docs/storage.md).
  auto exists = find_design_record(tx, tenant, id, version);
  if (!exists) return exists.error();
  auto inserted =
      run(tx,
          "INSERT INTO design_contributors (institution_id, design_id, version, "
          "user_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
          {std::string(tenant), std::string(id), std::int64_t{version}, std::string(user_id)});
  if (!inserted) return inserted.error();
  return {};
}

Result<std::vector<std::string>> design_contributors(Transaction& tx, std::string_view tenant,
                                                     std::string_view id, int version) {
  auto rows = run(tx,
                  "SELECT user_id FROM design_contributors WHERE institution_id = ? AND "
                  "design_id = ? AND version = ? ORDER BY user_id",
                  {std::string(tenant), std::string(id), std::int64_t{version}});
  if (!rows) return rows.error();
  std::vector<std::string> users;
  for (const auto& row : rows->rows)
    users.push_back(detail::text_of(row.at(0)));
  return users;
}

}  // namespace microcred::store
