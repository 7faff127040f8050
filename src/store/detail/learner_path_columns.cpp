#include "store/detail/learner_path_columns.h"

#include <limits>

namespace microcred::store::detail {
namespace {

Error unreadable(std::string_view column, const std::optional<std::string>& text,
                 std::string_view what) {
  return make_error(ErrorCode::storage_error, "column " + std::string(column) + " holds \"" +
                                                  text_of(text) + "\", not " + std::string(what));
}

// The enumerator of `E` (0..`last`) whose wire string is `name`.
template <class E>
std::optional<E> by_wire_string(std::string_view name, E last) {
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    auto value = static_cast<E>(i);
    if (domain::to_string(value) == name) return value;
  }
  return std::nullopt;
}

template <class E>
Result<E> enum_of(const std::optional<std::string>& text, std::string_view column, E last,
                  std::string_view what) {
  if (!text)
    return make_error(ErrorCode::storage_error, "column " + std::string(column) + " is NULL");
  auto value = by_wire_string(*text, last);
  if (!value) return unreadable(column, text, what);
  return *value;
}

}  // namespace

Value optional_seconds(const std::optional<Timestamp>& t) {
  if (!t) return std::monostate{};
  return seconds_of(*t);
}

Result<std::optional<Timestamp>> optional_timestamp(const std::optional<std::string>& text,
                                                    std::string_view column) {
  if (!text) return std::optional<Timestamp>();
  auto t = timestamp_of(text, column);
  if (!t) return t.error();
  return std::optional<Timestamp>(*t);
}

Value optional_date(const std::optional<domain::Date>& date) {
  if (!date) return std::monostate{};
  return domain::format_date(*date);
}

Result<domain::Date> date_of(const std::optional<std::string>& text, std::string_view column) {
  if (!text)
    return make_error(ErrorCode::storage_error, "column " + std::string(column) + " is NULL");
  auto date = domain::parse_date(*text);
  if (!date) return unreadable(column, text, "a date");
  return *date;
}

Result<std::optional<domain::Date>> optional_date_of(const std::optional<std::string>& text,
                                                     std::string_view column) {
  if (!text) return std::optional<domain::Date>();
  auto date = date_of(text, column);
  if (!date) return date.error();
  return std::optional<domain::Date>(*date);
}

Result<int> int_of(const std::optional<std::string>& text, std::string_view column) {
  auto value = to_int(text, column);
  if (!value) return value.error();
  if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max())
    return unreadable(column, text, "a small integer");
  return static_cast<int>(*value);
}

Result<std::optional<int>> optional_int_of(const std::optional<std::string>& text,
                                           std::string_view column) {
  if (!text) return std::optional<int>();
  auto value = int_of(text, column);
  if (!value) return value.error();
  return std::optional<int>(*value);
}

Result<bool> flag_of(const std::optional<std::string>& text, std::string_view column) {
  auto value = to_int(text, column);
  if (!value) return value.error();
  if (*value != 0 && *value != 1) return unreadable(column, text, "0 or 1");
  return *value == 1;
}

Result<domain::Activity> activity_of(const std::optional<std::string>& text,
                                     std::string_view column) {
  return enum_of(text, column, domain::Activity::assessed, "an activity");
}

Result<domain::ApplicationStatus> application_status_of(const std::optional<std::string>& text,
                                                        std::string_view column) {
  return enum_of(text, column, domain::ApplicationStatus::withdrawn, "an application status");
}

Result<domain::Eligibility> eligibility_of(const std::optional<std::string>& text,
                                           std::string_view column) {
  return enum_of(text, column, domain::Eligibility::needs_review, "an eligibility");
}

Result<domain::EnrolmentStatus> enrolment_status_of(const std::optional<std::string>& text,
                                                    std::string_view column) {
  return enum_of(text, column, domain::EnrolmentStatus::failed, "an enrolment status");
}

Result<domain::AssessmentType> assessment_type_of(const std::optional<std::string>& text,
                                                  std::string_view column) {
  return enum_of(text, column, domain::AssessmentType::other, "a type of assessment");
}

Result<domain::SupervisionMode> supervision_of(const std::optional<std::string>& text,
                                               std::string_view column) {
  return enum_of(text, column, domain::SupervisionMode::onsite_identity_verification,
                 "a supervision mode");
}

std::string_view row_lock_clause(const Transaction& tx) {
  return tx.backend() == Backend::postgres ? " FOR UPDATE" : "";
}

}  // namespace microcred::store::detail
