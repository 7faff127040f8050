#include "store/enrolments.h"

#include <boost/json.hpp>

#include "store/detail/learner_path_columns.h"

namespace microcred::store {
namespace {

using detail::run;
using detail::Value;

constexpr std::string_view enrolment_columns =
    "id, institution_id, offering_id, learner_id, application_id, learner_category, activity, "
    "fee_tier_id, currency, list_price_minor, discount_id, discount_minor, sponsorship_id, "
    "sponsor, sponsored_minor, payable_minor, fee_notes, status, enrolled_at, ended_at, "
    "end_reason, updated_at";

Error storage(std::string message) {
  return make_error(ErrorCode::storage_error, std::move(message));
}

// Fee notes are kept as a JSON array of strings.
std::string notes_json(const std::vector<std::string>& notes) {
  boost::json::array array;
  for (const auto& note : notes)
    array.emplace_back(note);
  return boost::json::serialize(array);
}

Result<std::vector<std::string>> notes_of(const std::optional<std::string>& text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(detail::text_of(text), ec);
  if (ec || !value.is_array()) return storage("column enrolments.fee_notes is not a JSON array");
  std::vector<std::string> notes;
  for (const auto& item : value.as_array()) {
    if (!item.is_string()) return storage("column enrolments.fee_notes holds a non-string");
    notes.emplace_back(item.as_string());
  }
  return notes;
}

Result<std::vector<domain::Suspension>> suspensions_of(Transaction& tx, std::string_view tenant,
                                                       std::string_view enrolment_id) {
  auto rows = run(tx,
                  "SELECT from_at, resume_by, lifted_at, reason FROM enrolment_suspensions "
                  "WHERE enrolment_id = ? AND institution_id = ? ORDER BY ordinal",
                  {std::string(enrolment_id), std::string(tenant)});
  if (!rows) return rows.error();
  std::vector<domain::Suspension> out;
  for (const auto& row : rows->rows) {
    auto from = detail::timestamp_of(row.at(0), "enrolment_suspensions.from_at");
    if (!from) return from.error();
    auto resume_by = detail::optional_date_of(row.at(1), "enrolment_suspensions.resume_by");
    if (!resume_by) return resume_by.error();
    auto lifted = detail::optional_timestamp(row.at(2), "enrolment_suspensions.lifted_at");
    if (!lifted) return lifted.error();
    out.push_back({.from = *from,
                   .resume_by = *resume_by,
                   .lifted_at = *lifted,
                   .reason = detail::text_of(row.at(3))});
  }
  return out;
}

Result<std::vector<EnrolmentRecord>> records_from(Transaction& tx, std::string_view tenant,
                                                  Result<detail::Rows> rows) {
  if (!rows) return rows.error();
  std::vector<EnrolmentRecord> records;
  records.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    auto activity = detail::activity_of(row.at(6), "enrolments.activity");
    if (!activity) return activity.error();
    std::int64_t amounts[4] = {};
    const int amount_columns[4] = {9, 11, 14, 15};
    for (int i = 0; i < 4; ++i) {
      auto amount = detail::to_int(row.at(amount_columns[i]), "enrolments amount");
      if (!amount) return amount.error();
      amounts[i] = *amount;
    }
    auto notes = notes_of(row.at(16));
    if (!notes) return notes.error();
    auto status = detail::enrolment_status_of(row.at(17), "enrolments.status");
    if (!status) return status.error();
    auto enrolled = detail::timestamp_of(row.at(18), "enrolments.enrolled_at");
    if (!enrolled) return enrolled.error();
    auto ended = detail::optional_timestamp(row.at(19), "enrolments.ended_at");
    if (!ended) return ended.error();
    auto updated = detail::timestamp_of(row.at(21), "enrolments.updated_at");
    if (!updated) return updated.error();
    std::string currency = detail::text_of(row.at(8));
    EnrolmentRecord record;
    record.enrolment = {.id = detail::text_of(row.at(0)),
                        .institution_id = detail::text_of(row.at(1)),
                        .offering_id = detail::text_of(row.at(2)),
                        .learner_id = detail::text_of(row.at(3)),
                        .application_id = detail::text_of(row.at(4)),
                        .activity = *activity,
                        .fee_tier_id = detail::text_of(row.at(7)),
                        .status = *status,
                        .enrolled_at = *enrolled,
                        .ended_at = *ended,
                        .end_reason = detail::text_of(row.at(20))};
    record.learner_category = detail::text_of(row.at(5));
    record.fee = {.tier_id = record.enrolment.fee_tier_id,
                  .list_price = {amounts[0], currency},
                  .discount_id = detail::text_of(row.at(10)),
                  .discount = {amounts[1], currency},
                  .sponsorship_id = detail::text_of(row.at(12)),
                  .sponsor = detail::text_of(row.at(13)),
                  .sponsored = {amounts[2], currency},
                  .payable = {amounts[3], currency},
                  .notes = std::move(*notes)};
    record.updated_at = *updated;
    records.push_back(std::move(record));
  }
  for (auto& record : records) {
    auto suspensions = suspensions_of(tx, tenant, record.enrolment.id);
    if (!suspensions) return suspensions.error();
    record.enrolment.suspensions = std::move(*suspensions);
  }
  return records;
}

Result<void> insert_suspension(Transaction& tx, std::string_view tenant,
                               std::string_view enrolment_id, std::size_t ordinal,
                               const domain::Suspension& s) {
  auto inserted =
      run(tx,
          "INSERT INTO enrolment_suspensions (enrolment_id, ordinal, institution_id, from_at, "
          "resume_by, lifted_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {std::string(enrolment_id), static_cast<std::int64_t>(ordinal), std::string(tenant),
           detail::seconds_of(s.from), detail::optional_date(s.resume_by),
           detail::optional_seconds(s.lifted_at), s.reason});
  if (!inserted) return inserted.error();
  return {};
}

// One currency for every amount of a quote: the store keeps a single column.
Result<std::string> currency_of(const domain::FeeQuote& fee) {
  std::string currency;
  for (const auto* money : {&fee.list_price, &fee.discount, &fee.sponsored, &fee.payable}) {
    if (money->currency.empty()) continue;
    if (!currency.empty() && money->currency != currency) {
      return make_error(ErrorCode::invalid_argument,
                        "a fee quote mixes currencies " + currency + " and " + money->currency,
                        "fee");
    }
    currency = money->currency;
  }
  return currency;
}

}  // namespace

Result<void> insert_enrolment(Transaction& tx, std::string_view tenant,
                              const EnrolmentRecord& record) {
  const auto& e = record.enrolment;
  auto owned = detail::check_tenant(tenant, e.institution_id);
  if (!owned) return owned;
  if (e.id.empty())
    return make_error(ErrorCode::invalid_argument, "an enrolment needs an id", "id");
  auto currency = currency_of(record.fee);
  if (!currency) return currency.error();
  auto inserted =
      run(tx,
          "INSERT INTO enrolments (" + std::string(enrolment_columns) +
              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {e.id,
           std::string(tenant),
           e.offering_id,
           e.learner_id,
           e.application_id.empty() ? Value{} : Value{e.application_id},
           record.learner_category,
           std::string(domain::to_string(e.activity)),
           e.fee_tier_id,
           *currency,
           record.fee.list_price.minor,
           record.fee.discount_id,
           record.fee.discount.minor,
           record.fee.sponsorship_id,
           record.fee.sponsor,
           record.fee.sponsored.minor,
           record.fee.payable.minor,
           notes_json(record.fee.notes),
           std::string(domain::to_string(e.status)),
           detail::seconds_of(e.enrolled_at),
           detail::optional_seconds(e.ended_at),
           e.end_reason,
           detail::seconds_of(record.updated_at)});
  if (!inserted) return inserted.error();
  for (std::size_t i = 0; i < e.suspensions.size(); ++i) {
    auto added = insert_suspension(tx, tenant, e.id, i, e.suspensions[i]);
    if (!added) return added;
  }
  return {};
}

Result<EnrolmentRecord> find_enrolment(Transaction& tx, std::string_view tenant,
                                       std::string_view id) {
  auto records = records_from(tx, tenant,
                              run(tx,
                                  "SELECT " + std::string(enrolment_columns) +
                                      " FROM enrolments WHERE id = ? AND institution_id = ?",
                                  {std::string(id), std::string(tenant)}));
  if (!records) return records.error();
  if (records->empty()) return detail::not_found("enrolment", id);
  return std::move(records->front());
}

Result<std::optional<EnrolmentRecord>> find_enrolment_for_application(
    Transaction& tx, std::string_view tenant, std::string_view application_id) {
  auto records =
      records_from(tx, tenant,
                   run(tx,
                       "SELECT " + std::string(enrolment_columns) +
                           " FROM enrolments WHERE application_id = ? AND institution_id = ?",
                       {std::string(application_id), std::string(tenant)}));
  if (!records) return records.error();
  if (records->empty()) return std::optional<EnrolmentRecord>();
  return std::optional<EnrolmentRecord>(std::move(records->front()));
}

Result<std::vector<EnrolmentRecord>> list_enrolments(Transaction& tx, std::string_view tenant,
                                                     std::string_view offering_id) {
  return records_from(tx, tenant,
                      run(tx,
                          "SELECT " + std::string(enrolment_columns) +
                              " FROM enrolments WHERE offering_id = ? AND institution_id = ? "
                              "ORDER BY enrolled_at, id",
                          {std::string(offering_id), std::string(tenant)}));
}

Result<void> update_enrolment(Transaction& tx, std::string_view tenant,
                              const EnrolmentRecord& record) {
  const auto& e = record.enrolment;
  auto owned = detail::check_tenant(tenant, e.institution_id);
  if (!owned) return owned;
  // Check first: a failed statement would end a PostgreSQL transaction (docs/storage.md).
  auto stored = suspensions_of(tx, tenant, e.id);
  if (!stored) return stored.error();
  if (e.suspensions.size() < stored->size()) {
    return make_error(ErrorCode::invalid_argument,
                      "an enrolment's suspensions are kept: " + std::to_string(stored->size()) +
                          " stored, " + std::to_string(e.suspensions.size()) + " given",
                      "suspensions");
  }
  auto updated =
      run(tx,
          "UPDATE enrolments SET status = ?, ended_at = ?, end_reason = ?, "
          "updated_at = ? WHERE id = ? AND institution_id = ?",
          {std::string(domain::to_string(e.status)), detail::optional_seconds(e.ended_at),
           e.end_reason, detail::seconds_of(record.updated_at), e.id, std::string(tenant)});
  if (!updated) return updated.error();
  if (updated->changed == 0) return detail::not_found("enrolment", e.id);
  for (std::size_t i = 0; i < e.suspensions.size(); ++i) {
    const auto& s = e.suspensions[i];
    if (i < stored->size()) {
      if (s == (*stored)[i]) continue;
      auto changed =
          run(tx,
              "UPDATE enrolment_suspensions SET from_at = ?, resume_by = ?, lifted_at = ?, "
              "reason = ? WHERE enrolment_id = ? AND ordinal = ? AND institution_id = ?",
              {detail::seconds_of(s.from), detail::optional_date(s.resume_by),
               detail::optional_seconds(s.lifted_at), s.reason, e.id, static_cast<std::int64_t>(i),
               std::string(tenant)});
      if (!changed) return changed.error();
    } else {
      auto added = insert_suspension(tx, tenant, e.id, i, s);
      if (!added) return added;
    }
  }
  return {};
}

Result<std::int64_t> append_enrolment_event(Transaction& tx, std::string_view tenant,
                                            const EnrolmentEventRecord& record) {
  auto owned = detail::check_tenant(tenant, record.institution_id);
  if (!owned) return owned.error();
  auto inserted = run(tx,
                      "INSERT INTO enrolment_events (institution_id, enrolment_id, event, status, "
                      "actor, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq",
                      {std::string(tenant), record.enrolment_id, record.event,
                       std::string(domain::to_string(record.status)), record.actor, record.reason,
                       detail::seconds_of(record.at)});
  if (!inserted) return inserted.error();
  return detail::to_int(inserted->rows.at(0).at(0), "enrolment_events.seq");
}

Result<std::vector<EnrolmentEventRecord>> enrolment_history(Transaction& tx,
                                                            std::string_view tenant,
                                                            std::string_view enrolment_id) {
  auto rows = run(tx,
                  "SELECT seq, institution_id, enrolment_id, event, status, actor, reason, at "
                  "FROM enrolment_events WHERE enrolment_id = ? AND institution_id = ? ORDER BY "
                  "seq",
                  {std::string(enrolment_id), std::string(tenant)});
  if (!rows) return rows.error();
  std::vector<EnrolmentEventRecord> out;
  for (const auto& row : rows->rows) {
    auto seq = detail::to_int(row.at(0), "enrolment_events.seq");
    if (!seq) return seq.error();
    auto status = detail::enrolment_status_of(row.at(4), "enrolment_events.status");
    if (!status) return status.error();
    auto at = detail::timestamp_of(row.at(7), "enrolment_events.at");
    if (!at) return at.error();
    out.push_back({.seq = *seq,
                   .institution_id = detail::text_of(row.at(1)),
                   .enrolment_id = detail::text_of(row.at(2)),
                   .event = detail::text_of(row.at(3)),
                   .status = *status,
                   .actor = detail::text_of(row.at(5)),
                   .reason = detail::text_of(row.at(6)),
                   .at = *at});
  }
  return out;
}

}  // namespace microcred::store
