#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/assessment.h"
#include "domain/calendar.h"
#include "domain/enrolment.h"

namespace microcred::domain {

// The issue-batch CSV: one row per learner to issue for, with their results. RFC 4180
// (commas, CRLF or LF line ends, fields in double quotes with "" for a quote, line breaks
// inside quoted fields), UTF-8 with an optional byte-order mark, a header row naming the
// columns in any order. docs/learner-path.md documents the columns.

/// Every column the format knows, in the documented order.
inline constexpr std::array<std::string_view, 11> batch_csv_columns = {
    "learner_email", "given_name",        "family_name", "activity",
    "grade",         "outcomes_achieved", "evidence",    "assessment_date",
    "method",        "supervision",       "assessor"};

/// Columns every file must have.
inline constexpr std::array<std::string_view, 3> batch_csv_required_columns = {
    "learner_email", "given_name", "family_name"};

/// Bounds on a batch file. The defaults take 100,000 learners with room to spare.
struct BatchCsvLimits {
  std::size_t max_bytes = 64 * 1024 * 1024;  ///< Largest file accepted.
  std::size_t max_rows = 500'000;            ///< Most data rows accepted.
  std::size_t max_field_bytes = 4 * 1024;    ///< Longest field accepted.
};

/// A row that can be issued.
struct BatchRow {
  std::size_t line = 0;       ///< Where the row starts in the file, from 1 (the header).
  std::string learner_email;  ///< Lower-cased.
  std::string given_name;
  std::string family_name;
  Activity activity = Activity::assessed;
  /// Assessed rows: the result to record (grade canonical, outcomes in design order); the
  /// ids and board approvals are left to the caller. None for attendance-only rows.
  std::optional<AssessmentResult> assessment;
  bool operator==(const BatchRow&) const = default;
};

/// A row that cannot be issued, and why.
struct BadRow {
  std::size_t line = 0;  ///< Where the row starts in the file, from 1.
  std::string column;    ///< The column at fault; empty when the row as a whole is.
  std::string reason;    ///< For people: "grade 21 is outside 0-20".
  bool operator==(const BadRow&) const = default;
};

/// A batch file read row by row.
struct BatchCsv {
  std::vector<std::string> columns;  ///< As the header names them.
  std::vector<BatchRow> rows;        ///< Good rows, in file order.
  std::vector<BadRow> bad_rows;      ///< Bad rows, in file order, one entry per row.
  bool operator==(const BatchCsv&) const = default;
};

/// Reads an issue-batch CSV and checks each row against `requirements` (as
/// `check_assessment` does, with `today` for dates): a row is good when its e-mail address,
/// names and activity are valid, the address is not on an earlier row and, if assessed, the
/// result has no error, the grade passes and every learning outcome is achieved. When the
/// design has exactly one type of assessment the `method` column may be left out. Fails
/// as a whole only when the file cannot be read: `limit_exceeded` (over `limits`),
/// `invalid_argument` for a missing, unknown or repeated column or no header (field "1",
/// the header's line). Pure.
Result<BatchCsv> read_batch_csv(std::string_view text, const AssessmentRequirements& requirements,
                                Date today, const BatchCsvLimits& limits = {});

/// One CSV record as RFC 4180 reads it.
struct CsvRecord {
  std::size_t line = 0;  ///< The physical line it starts on, from 1.
  std::vector<std::string> fields;
  std::string error;  ///< Why the record is malformed; empty when it is well-formed.
  bool operator==(const CsvRecord&) const = default;
};

/// The records of `text` (RFC 4180; LF, CRLF and CR line ends; a leading UTF-8 byte-order
/// mark skipped; blank lines skipped). A malformed record (a quote inside an unquoted field,
/// text after a closing quote, a field over `max_field_bytes`, an unclosed quote at the
/// end) comes back with its `error` set, and reading resumes on the next line. Pure.
std::vector<CsvRecord> parse_csv(std::string_view text, std::size_t max_field_bytes);

/// True for an address shaped like local@domain.tld, ASCII, without spaces, at most 254
/// bytes.
bool is_email_address(std::string_view address);

}  // namespace microcred::domain
