#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "domain/admission.h"
#include "domain/calendar.h"
#include "domain/design.h"
#include "domain/enrolment.h"
#include "store/detail/connection.h"

namespace microcred::store::detail {

// Reading and writing the learner path's columns (offerings.cpp, applications.cpp,
// enrolments.cpp, assessments.cpp): optional instants, dates, and the domain's enums by their
// wire strings. A stored value that does not read back is `storage_error` naming the column.

/// An optional instant as a parameter: NULL or whole seconds.
Value optional_seconds(const std::optional<Timestamp>& t);

/// An optional instant from a column of whole seconds or NULL.
Result<std::optional<Timestamp>> optional_timestamp(const std::optional<std::string>& text,
                                                    std::string_view column);

/// An optional date as a parameter: NULL or "YYYY-MM-DD".
Value optional_date(const std::optional<domain::Date>& date);

/// An optional date from a column holding "YYYY-MM-DD" or NULL.
Result<std::optional<domain::Date>> optional_date_of(const std::optional<std::string>& text,
                                                     std::string_view column);

/// A date from a column holding "YYYY-MM-DD".
Result<domain::Date> date_of(const std::optional<std::string>& text, std::string_view column);

/// An integer column that must fit an `int`.
Result<int> int_of(const std::optional<std::string>& text, std::string_view column);

/// An optional integer column (NULL: none) that must fit an `int`.
Result<std::optional<int>> optional_int_of(const std::optional<std::string>& text,
                                           std::string_view column);

/// A 0/1 flag column.
Result<bool> flag_of(const std::optional<std::string>& text, std::string_view column);

Result<domain::Activity> activity_of(const std::optional<std::string>& text,
                                     std::string_view column);
Result<domain::ApplicationStatus> application_status_of(const std::optional<std::string>& text,
                                                        std::string_view column);
Result<domain::Eligibility> eligibility_of(const std::optional<std::string>& text,
                                           std::string_view column);
Result<domain::EnrolmentStatus> enrolment_status_of(const std::optional<std::string>& text,
                                                    std::string_view column);
Result<domain::AssessmentType> assessment_type_of(const std::optional<std::string>& text,
                                                  std::string_view column);
Result<domain::SupervisionMode> supervision_of(const std::optional<std::string>& text,
                                               std::string_view column);

/// " FOR UPDATE" on PostgreSQL (the row stays locked until the transaction ends), "" on
/// SQLite, whose transactions hold the database's write lock from BEGIN IMMEDIATE on.
std::string_view row_lock_clause(const Transaction& tx);

}  // namespace microcred::store::detail
