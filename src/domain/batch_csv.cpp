#include "domain/batch_csv.h"

#include <algorithm>
#include <map>

namespace microcred::domain {
namespace {

constexpr std::size_t max_email_length = 254;  // RFC 5321 path limit less the brackets.
constexpr std::size_t max_name_length = 200;
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string trimmed(std::string_view s) {
  auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// RFC 3629: shortest form, no surrogates, nothing above U+10FFFF.
bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > s.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3F);
    }
    if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
        (length == 4 && (code < 0x10000 || code > 0x10FFFF)) || (code >= 0xD800 && code <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// The column a `check_assessment` finding concerns.
std::string column_of(std::string_view field) {
  if (field.starts_with("/grade")) return "grade";
  if (field.starts_with("/outcomes")) return "outcomes_achieved";
  if (field.starts_with("/assessed_on")) return "assessment_date";
  if (field.starts_with("/method")) return "method";
  if (field.starts_with("/supervision")) return "supervision";
  if (field.starts_with("/assessor")) return "assessor";
  return {};
}

std::optional<AssessmentType> parse_assessment_type(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(AssessmentType::other); ++i)
    if (to_string(static_cast<AssessmentType>(i)) == name) return static_cast<AssessmentType>(i);
  return std::nullopt;
}

std::optional<SupervisionMode> parse_supervision(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(SupervisionMode::onsite_identity_verification); ++i)
    if (to_string(static_cast<SupervisionMode>(i)) == name) return static_cast<SupervisionMode>(i);
  return std::nullopt;
}

// "all", "none", or 1-based outcome numbers separated by ';', ',' or spaces: which of
// `count` outcomes are achieved; or why the text is wrong.
struct OutcomeList {
  std::vector<bool> achieved;
  std::string problem;
};

OutcomeList parse_outcomes(const std::string& text, std::size_t count) {
  OutcomeList out{std::vector<bool>(count, false), {}};
  const std::string word = lowered(text);
  if (word == "all") {
    out.achieved.assign(count, true);
    return out;
  }
  if (word.empty() || word == "none") return out;
  std::size_t i = 0;
  while (i < word.size()) {
    if (word[i] == ';' || word[i] == ',' || word[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < word.size() && word[i] >= '0' && word[i] <= '9')
      ++i;
    if (start == i || i - start > 6 ||
        (i < word.size() && word[i] != ';' && word[i] != ',' && word[i] != ' ')) {
      out.problem = quoted(text) + " is not \"all\", \"none\" or outcome numbers like \"1;2;4\"";
      return out;
    }
    const auto n = static_cast<std::size_t>(std::stoul(word.substr(start, i - start)));
    if (n < 1 || n > count) {
      out.problem = "there is no learning outcome " + std::to_string(n) + "; the design has " +
                    std::to_string(count);
      return out;
    }
    if (out.achieved[n - 1]) {
      out.problem = "learning outcome " + std::to_string(n) + " is listed twice";
      return out;
    }
    out.achieved[n - 1] = true;
  }
  return out;
}

std::string known_columns() {
  std::string out;
  for (auto c : batch_csv_columns)
    out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

}  // namespace

bool is_email_address(std::string_view address) {
  if (address.size() > max_email_length) return false;
  auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 ||
      address.find('@', at + 1) != std::string_view::npos)
    return false;
  auto local = address.substr(0, at);
  auto domain = address.substr(at + 1);
  constexpr std::string_view local_specials = "!#$%&'*+/=?^_`{|}~.-";
  for (char c : local)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          local_specials.find(c) != std::string_view::npos))
      return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return false;
  std::size_t labels = 0;
  std::size_t start = 0;
  while (start <= domain.size()) {
    auto end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    auto label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
        return false;
    ++labels;
    if (end == domain.size()) {
      // The top-level domain is letters, at least two.
      if (label.size() < 2 ||
          std::any_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
      break;
    }
    start = end + 1;
  }
  return labels >= 2;
}

std::vector<CsvRecord> parse_csv(std::string_view text, std::size_t max_field_bytes) {
  std::vector<CsvRecord> records;
  std::size_t i = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;
  std::size_t line = 1;
  const std::size_t n = text.size();
  // Consumes a line end at `i` if there is one; true when it did.
  auto line_end = [&]() {
    if (i < n && text[i] == '\r') {
      i += (i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      ++line;
      return true;
    }
    if (i < n && text[i] == '\n') {
      ++i;
      ++line;
      return true;
    }
    return false;
  };
  auto skip_rest_of_line = [&]() {
    while (i < n && text[i] != '\r' && text[i] != '\n')
      ++i;
    line_end();
  };

  while (i < n) {
    CsvRecord record;
    record.line = line;
    bool quoted_any = false;
    for (;;) {
      std::string field;
      bool too_long = false;
      auto append = [&](char c) {
        if (field.size() < max_field_bytes)
          field += c;
        else
          too_long = true;
      };
      const std::size_t number = record.fields.size() + 1;
      if (i < n && text[i] == '"') {
        quoted_any = true;
        const std::size_t opened = line;
        ++i;
        bool closed = false;
        while (i < n) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              append('"');
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n' || (c == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line;
          append(c);
          ++i;
        }
        if (!closed) {
          record.error = "the quoted field " + std::to_string(number) + " opened on line " +
                         std::to_string(opened) + " is never closed";
          break;
        }
        if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
          record.error = "text after the closing quote of field " + std::to_string(number) +
                         "; quote the whole field";
          skip_rest_of_line();
          break;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
          if (text[i] == '"') {
            record.error = "a quote inside the unquoted field " + std::to_string(number) +
                           "; quote the whole field and double each quote inside (\"\")";
            break;
          }
          append(text[i]);
          ++i;
        }
        if (!record.error.empty()) {
          skip_rest_of_line();
          break;
        }
      }
      if (too_long && record.error.empty())
        record.error = "field " + std::to_string(number) + " is over " +
                       std::to_string(max_field_bytes) + " bytes";
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      line_end();
      break;
    }
    const bool blank = record.error.empty() && !quoted_any && record.fields.size() == 1 &&
                       record.fields[0].empty();
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

Result<BatchCsv> read_batch_csv(std::string_view text, const AssessmentRequirements& req,
                                Date today, const BatchCsvLimits& limits) {
  if (text.size() > limits.max_bytes)
    return make_error(ErrorCode::limit_exceeded, "the file is " + std::to_string(text.size()) +
                                                     " bytes, over the limit of " +
                                                     std::to_string(limits.max_bytes));
  auto records = parse_csv(text, limits.max_field_bytes);
  const std::string example = "learner_email,given_name,family_name,grade,outcomes_achieved,...";
  if (records.empty())
    return make_error(ErrorCode::invalid_argument,
                      "the file is empty; it needs a header row: " + example, "1");
  const auto& header = records.front();
  const std::string header_at = std::to_string(header.line);
  if (!header.error.empty())
    return make_error(ErrorCode::invalid_argument, "the header row: " + header.error, header_at);
  if (records.size() - 1 > limits.max_rows)
    return make_error(ErrorCode::limit_exceeded,
                      "the file has " + std::to_string(records.size() - 1) +
                          " rows, over the limit of " + std::to_string(limits.max_rows));

  BatchCsv out;
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    std::string name = lowered(trimmed(header.fields[k]));
    if (std::find(batch_csv_columns.begin(), batch_csv_columns.end(), name) ==
        batch_csv_columns.end())
      return make_error(ErrorCode::invalid_argument,
                        "unknown column " + quoted(is_utf8(name) ? name : "?") + " (column " +
                            std::to_string(k + 1) + "); the columns are: " + known_columns(),
                        header_at);
    if (!index.emplace(name, k).second)
      return make_error(ErrorCode::invalid_argument, "column " + quoted(name) + " is named twice",
                        header_at);
    out.columns.push_back(name);
  }
  for (auto required : batch_csv_required_columns)
    if (!index.count(required))
      return make_error(ErrorCode::invalid_argument,
                        "the header has no " + std::string(required) +
                            " column; it needs at least: learner_email, given_name, family_name",
                        header_at);

  std::map<std::string, std::size_t> email_line;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& record = records[r];
    auto bad = [&](std::string column, std::string reason) {
      out.bad_rows.push_back({record.line, std::move(column), std::move(reason)});
    };
    if (!record.error.empty()) {
      bad("", record.error);
      continue;
    }
    if (record.fields.size() != header.fields.size()) {
      bad("", "the row has " + std::to_string(record.fields.size()) + " fields; the header has " +
                  std::to_string(header.fields.size()));
      continue;
    }
    auto get = [&](std::string_view column) -> std::string {
      auto it = index.find(column);
      return it == index.end() ? std::string() : trimmed(record.fields[it->second]);
    };
    std::string first_bad;
    for (std::size_t k = 0; k < record.fields.size() && first_bad.empty(); ++k)
      if (!is_utf8(record.fields[k])) first_bad = out.columns[k];
    if (!first_bad.empty()) {
      bad(first_bad, "not valid UTF-8; save the file as UTF-8");
      continue;
    }

    BatchRow row;
    row.line = record.line;
    row.learner_email = lowered(get("learner_email"));
    row.given_name = get("given_name");
    row.family_name = get("family_name");
    if (row.learner_email.empty()) {
      bad("learner_email", "the e-mail address is missing");
      continue;
    }
    if (!is_email_address(row.learner_email)) {
      bad("learner_email", quoted(row.learner_email) + " is not an e-mail address");
      continue;
    }
    if (auto seen = email_line.find(row.learner_email); seen != email_line.end()) {
      bad("learner_email", row.learner_email + " is already on line " +
                               std::to_string(seen->second) + "; one row per learner");
      continue;
    }
    email_line.emplace(row.learner_email, row.line);
    bool names_ok = true;
    for (auto [column, value] :
         {std::pair{"given_name", &row.given_name}, std::pair{"family_name", &row.family_name}}) {
      if (!names_ok) break;
      if (value->empty())
        bad(column, "the " + std::string(column) + " is missing"), names_ok = false;
      else if (value->size() > max_name_length || has_control(*value))
        bad(column, "the " + std::string(column) + " is over " + std::to_string(max_name_length) +
                        " bytes or holds control characters"),
            names_ok = false;
    }
    if (!names_ok) continue;
    if (auto activity = get("activity"); !activity.empty()) {
      auto parsed = parse_activity(lowered(activity));
      if (!parsed) {
        bad("activity", quoted(activity) + " is not assessed or attendance_only");
        continue;
      }
      row.activity = *parsed;
    }

    if (row.activity == Activity::attendance_only) {
      std::string extra;
      for (auto column : {"grade", "outcomes_achieved", "evidence", "assessment_date", "method",
                          "supervision", "assessor"})
        if (extra.empty() && !get(column).empty()) extra = column;
      if (!extra.empty()) {
        bad(extra,
            "an attendance-only row has no " + extra + "; leave it empty or make the row assessed");
        continue;
      }
      out.rows.push_back(std::move(row));
      continue;
    }

    AssessmentResult result;
    result.grade = get("grade");
    result.assessor_id = get("assessor");
    if (!index.count("outcomes_achieved")) {
      bad("outcomes_achieved",
          "the file has no outcomes_achieved column; an assessed row needs it");
      continue;
    }
    auto outcomes = parse_outcomes(get("outcomes_achieved"), req.outcomes.size());
    if (!outcomes.problem.empty()) {
      bad("outcomes_achieved", outcomes.problem);
      continue;
    }
    const std::string evidence = get("evidence");
    for (std::size_t k = 0; k < outcomes.achieved.size(); ++k)
      result.outcomes.push_back({k, outcomes.achieved[k], outcomes.achieved[k] ? evidence : ""});
    if (auto date = get("assessment_date"); !date.empty()) {
      auto parsed = parse_date(date);
      if (!parsed) {
        bad("assessment_date", parsed.error().message);
        continue;
      }
      result.assessed_on = *parsed;
    }
    if (auto method = get("method"); !method.empty()) {
      result.method = parse_assessment_type(lowered(method));
      if (!result.method) {
        bad("method", quoted(method) + " is not a type of assessment (written_exam, project, ...)");
        continue;
      }
    } else if (req.methods.size() == 1) {
      result.method = req.methods.front();
    }
    if (auto supervision = get("supervision"); !supervision.empty()) {
      result.supervision = parse_supervision(lowered(supervision));
      if (!result.supervision) {
        bad("supervision", quoted(supervision) +
                               " is not one of: unsupervised_no_identity_verification, "
                               "supervised_no_identity_verification, "
                               "supervised_online_identity_verification, "
                               "onsite_identity_verification");
        continue;
      }
    }
    auto findings = check_assessment(result, req, today);
    auto error = std::find_if(findings.begin(), findings.end(),
                              [](const Finding& f) { return f.severity == Severity::error; });
    if (error != findings.end()) {
      bad(column_of(error->field), error->message);
      continue;
    }
    auto grade = check_grade(req.grading, result.grade);  // Valid: check_assessment passed.
    if (!grade->passed) {
      bad("grade", "grade " + grade->grade + " does not pass (" + describe(req.grading) +
                       "); there is nothing to issue");
      continue;
    }
    auto missing = std::find(outcomes.achieved.begin(), outcomes.achieved.end(), false);
    if (missing != outcomes.achieved.end()) {
      bad("outcomes_achieved", "learning outcome " +
                                   std::to_string(missing - outcomes.achieved.begin() + 1) +
                                   " is not achieved; a micro-credential certifies every outcome");
      continue;
    }
    result.grade = grade->grade;
    row.assessment = std::move(result);
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace microcred::domain
