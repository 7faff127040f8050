#include "store/applications.h"

#include "store/detail/learner_path_columns.h"

namespace microcred::store {
namespace {

using detail::run;
using detail::Value;

constexpr std::string_view application_columns =
    "id, institution_id, reviewing_institution_id, offering_id, learner_id, learner_category, "
    "activity, evidence, eligibility, eligibility_report, status, submitted_at, waitlisted_at, "
    "decided_at, decided_by, reason";

// Rows `tenant` sees: as the offering's institution or as its reviewer.
constexpr std::string_view seen_by_tenant = "(institution_id = ? OR reviewing_institution_id = ?)";

Result<std::vector<ApplicationRecord>> records_from(Result<detail::Rows> rows) {
  if (!rows) return rows.error();
  std::vector<ApplicationRecord> records;
  records.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    auto activity = detail::activity_of(row.at(6), "applications.activity");
    if (!activity) return activity.error();
    auto eligibility = detail::eligibility_of(row.at(8), "applications.eligibility");
    if (!eligibility) return eligibility.error();
    auto status = detail::application_status_of(row.at(10), "applications.status");
    if (!status) return status.error();
    auto submitted = detail::timestamp_of(row.at(11), "applications.submitted_at");
    if (!submitted) return submitted.error();
    auto waitlisted = detail::optional_timestamp(row.at(12), "applications.waitlisted_at");
    if (!waitlisted) return waitlisted.error();
    auto decided = detail::optional_timestamp(row.at(13), "applications.decided_at");
    if (!decided) return decided.error();
    records.push_back({.id = detail::text_of(row.at(0)),
                       .institution_id = detail::text_of(row.at(1)),
                       .reviewing_institution_id = detail::text_of(row.at(2)),
                       .offering_id = detail::text_of(row.at(3)),
                       .learner_id = detail::text_of(row.at(4)),
                       .learner_category = detail::text_of(row.at(5)),
                       .activity = *activity,
                       .evidence_json = detail::text_of(row.at(7)),
                       .eligibility = *eligibility,
                       .eligibility_json = detail::text_of(row.at(9)),
                       .status = *status,
                       .submitted_at = *submitted,
                       .waitlisted_at = *waitlisted,
                       .decided_at = *decided,
                       .decided_by = detail::text_of(row.at(14)),
                       .reason = detail::text_of(row.at(15))});
  }
  return records;
}

Result<void> need_tenant(std::string_view tenant) {
  if (tenant.empty()) {
    return make_error(ErrorCode::invalid_argument, "no institution given", "institution_id");
  }
  return {};
}

}  // namespace

Result<void> insert_application(Transaction& tx, std::string_view tenant,
                                const ApplicationRecord& record) {
  auto owned = detail::check_tenant(tenant, record.institution_id);
  if (!owned) return owned;
  if (record.id.empty()) {
    return make_error(ErrorCode::invalid_argument, "an application needs an id", "id");
  }
  auto inserted = run(
      tx,
      "INSERT INTO applications (" + std::string(application_columns) +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {record.id, std::string(tenant), record.reviewing_institution_id, record.offering_id,
       record.learner_id, record.learner_category, std::string(domain::to_string(record.activity)),
       record.evidence_json, std::string(domain::to_string(record.eligibility)),
       record.eligibility_json, std::string(domain::to_string(record.status)),
       detail::seconds_of(record.submitted_at), detail::optional_seconds(record.waitlisted_at),
       detail::optional_seconds(record.decided_at), record.decided_by, record.reason});
  if (!inserted) return inserted.error();
  return {};
}

Result<ApplicationRecord> find_application(Transaction& tx, std::string_view tenant,
                                           std::string_view id) {
  if (auto ok = need_tenant(tenant); !ok) return ok.error();
  auto records =
      records_from(run(tx,
                       "SELECT " + std::string(application_columns) +
                           " FROM applications WHERE id = ? AND " + std::string(seen_by_tenant),
                       {std::string(id), std::string(tenant), std::string(tenant)}));
  if (!records) return records.error();
  if (records->empty()) return detail::not_found("application", id);
  return std::move(records->front());
}

Result<std::vector<ApplicationRecord>> list_applications(
    Transaction& tx, std::string_view tenant, std::string_view offering_id,
    std::optional<domain::ApplicationStatus> status) {
  if (auto ok = need_tenant(tenant); !ok) return ok.error();
  std::string sql = "SELECT " + std::string(application_columns) +
                    " FROM applications WHERE offering_id = ? AND " + std::string(seen_by_tenant);
  std::vector<Value> params{std::string(offering_id), std::string(tenant), std::string(tenant)};
  if (status) {
    sql += " AND status = ?";
    params.emplace_back(std::string(domain::to_string(*status)));
  }
  sql += " ORDER BY submitted_at, id";
  return records_from(run(tx, sql, params));
}

Result<std::optional<ApplicationRecord>> find_open_application(Transaction& tx,
                                                               std::string_view tenant,
                                                               std::string_view offering_id,
                                                               std::string_view learner_id) {
  if (auto ok = need_tenant(tenant); !ok) return ok.error();
  auto records = records_from(
      run(tx,
          "SELECT " + std::string(application_columns) +
              " FROM applications WHERE offering_id = ? AND learner_id = ? AND status IN "
              "('submitted', 'admitted', 'waitlisted') AND " +
              std::string(seen_by_tenant),
          {std::string(offering_id), std::string(learner_id), std::string(tenant),
           std::string(tenant)}));
  if (!records) return records.error();
  if (records->empty()) return std::optional<ApplicationRecord>();
  return std::optional<ApplicationRecord>(std::move(records->front()));
}

Result<void> update_application_status(Transaction& tx, std::string_view tenant,
                                       const ApplicationRecord& record) {
  if (auto ok = need_tenant(tenant); !ok) return ok.error();
  auto updated = run(
      tx,
      "UPDATE applications SET status = ?, waitlisted_at = ?, decided_at = ?, "
      "decided_by = ?, reason = ? WHERE id = ? AND " +
          std::string(seen_by_tenant),
      {std::string(domain::to_string(record.status)),
       detail::optional_seconds(record.waitlisted_at), detail::optional_seconds(record.decided_at),
       record.decided_by, record.reason, record.id, std::string(tenant), std::string(tenant)});
  if (!updated) return updated.error();
  if (updated->changed == 0) return detail::not_found("application", record.id);
  return {};
}

Result<std::int64_t> append_admission_decision(Transaction& tx, std::string_view tenant,
                                               const AdmissionDecisionRecord& record) {
  if (auto ok = need_tenant(tenant); !ok) return ok.error();
  if (tenant != record.institution_id && tenant != record.reviewing_institution_id) {
    return make_error(ErrorCode::forbidden,
                      "the application belongs to institution \"" + record.institution_id +
                          "\", not to \"" + std::string(tenant) + "\"",
                      "institution_id");
  }
  auto inserted =
      run(tx,
          "INSERT INTO admission_decisions (institution_id, reviewing_institution_id, "
          "application_id, decision, status, decided_by, reason, at) VALUES (?, ?, ?, "
          "?, ?, ?, ?, ?) RETURNING seq",
          {record.institution_id, record.reviewing_institution_id, record.application_id,
           record.decision, std::string(domain::to_string(record.status)), record.decided_by,
           record.reason, detail::seconds_of(record.at)});
  if (!inserted) return inserted.error();
  return detail::to_int(inserted->rows.at(0).at(0), "admission_decisions.seq");
}

Result<std::vector<AdmissionDecisionRecord>> admission_history(Transaction& tx,
                                                               std::string_view tenant,
                                                               std::string_view application_id) {
  if (auto ok = need_tenant(tenant); !ok) return ok.error();
  auto rows = run(tx,
                  "SELECT seq, institution_id, reviewing_institution_id, application_id, "
                  "decision, status, decided_by, reason, at FROM admission_decisions WHERE "
                  "application_id = ? AND " +
                      std::string(seen_by_tenant) + " ORDER BY seq",
                  {std::string(application_id), std::string(tenant), std::string(tenant)});
  if (!rows) return rows.error();
  std::vector<AdmissionDecisionRecord> out;
  for (const auto& row : rows->rows) {
    auto seq = detail::to_int(row.at(0), "admission_decisions.seq");
    if (!seq) return seq.error();
    auto status = detail::application_status_of(row.at(5), "admission_decisions.status");
    if (!status) return status.error();
    auto at = detail::timestamp_of(row.at(8), "admission_decisions.at");
    if (!at) return at.error();
    out.push_back({.seq = *seq,
                   .institution_id = detail::text_of(row.at(1)),
                   .reviewing_institution_id = detail::text_of(row.at(2)),
                   .application_id = detail::text_of(row.at(3)),
                   .decision = detail::text_of(row.at(4)),
                   .status = *status,
                   .decided_by = detail::text_of(row.at(6)),
                   .reason = detail::text_of(row.at(7)),
                   .at = *at});
  }
  return out;
}

}  // namespace microcred::store
