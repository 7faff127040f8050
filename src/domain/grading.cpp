#include "domain/grading.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <regex>

#include <boost/json.hpp>

#include "domain/detail/json_fields.h"

namespace microcred::domain {
namespace {

namespace bj = boost::json;

constexpr std::array<std::string_view, 3> kind_names = {"numeric", "letter", "pass_fail"};

// Free-text schemes longer than this are prose, not a scheme; refuse rather than search.
constexpr std::size_t max_scheme_text = 2'000;
// A numeric scheme read from text allows this many decimals ("14.25").
constexpr int text_scheme_decimals = 2;
// A grade with more characters than this is not a grade.
constexpr std::size_t max_grade_length = 32;

std::string number_text(double value) {
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (ec != std::errc()) return "?";
  return std::string(buffer.data(), end);
}

// An integral number as a JSON integer ("20", not "2E1"); it reads back to the same double.
bj::value number_value(double value) {
  if (std::trunc(value) == value && std::abs(value) < 1e15)
    return bj::value(static_cast<std::int64_t>(value));
  return bj::value(value);
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return lowered(a) == lowered(b);
}

std::string trimmed(std::string_view s) {
  auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

Error grade_error(std::string message) {
  return make_error(ErrorCode::invalid_argument, std::move(message), "grade");
}

Result<GradeCheck> check_numeric(const GradingScheme& s, const std::string& text) {
  std::string canonical = text;
  std::replace(canonical.begin(), canonical.end(), ',', '.');
  std::size_t i = canonical[0] == '-' ? 1 : 0;
  auto dot = canonical.find('.');
  auto digits = [&](std::size_t from, std::size_t to) {
    return from < to && std::all_of(canonical.begin() + static_cast<std::ptrdiff_t>(from),
                                    canonical.begin() + static_cast<std::ptrdiff_t>(to),
                                    [](char c) { return c >= '0' && c <= '9'; });
  };
  bool shape = dot == std::string::npos ? digits(i, canonical.size())
                                        : digits(i, dot) && digits(dot + 1, canonical.size());
  if (!shape)
    return grade_error("grade \"" + text + "\" is not a number; the scheme is " + describe(s));
  if (dot != std::string::npos) {
    while (canonical.back() == '0')
      canonical.pop_back();
    if (canonical.back() == '.') canonical.pop_back();
  }
  dot = canonical.find('.');
  std::size_t decimals = dot == std::string::npos ? 0 : canonical.size() - dot - 1;
  if (decimals > static_cast<std::size_t>(std::max(s.decimals, 0)))
    return grade_error("grade " + text + " has " + std::to_string(decimals) + " decimals; the " +
                       "scheme allows " + std::to_string(s.decimals));
  double value = 0;
  auto [end, ec] = std::from_chars(canonical.data(), canonical.data() + canonical.size(), value);
  if (ec != std::errc() || end != canonical.data() + canonical.size())
    return grade_error("grade \"" + text + "\" is not a number; the scheme is " + describe(s));
  if (value < s.min || value > s.max)
    return grade_error("grade " + text + " is outside " + number_text(s.min) + "-" +
                       number_text(s.max));
  if (canonical == "-0") canonical = "0";
  return GradeCheck{canonical, value >= s.pass_mark};
}

// --- reading a design's free text -----------------------------------------------------------

std::optional<double> decimal(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "to" and dashes: hyphen, en dash (U+2013), em dash (U+2014).
const std::string range_separator = R"((?:-|\xE2\x80\x93|\xE2\x80\x94|to))";
const std::string number_pattern = R"((\d+(?:[.,]\d+)?))";

std::optional<GradingScheme> read_numeric(const std::string& lower_text) {
  static const std::regex range("(?:^|[^\\d.,])" + number_pattern + "\\s*" + range_separator +
                                "\\s*" + number_pattern);
  std::smatch m;
  if (!std::regex_search(lower_text, m, range)) return std::nullopt;
  auto min = decimal(m[1].str());
  auto max = decimal(m[2].str());
  if (!min || !max || *min >= *max) return std::nullopt;
  GradingScheme s;
  s.kind = GradingKind::numeric;
  s.min = *min;
  s.max = *max;
  s.decimals = text_scheme_decimals;
  // "10 or more", "10/20 or higher", "pass mark 10", "at least 10", "minimum of 10".
  static const std::regex after(
      number_pattern +
      R"(\s*(?:/\s*\d+\s*)?(?:or more|or higher|or above|and above|or better|\+))");
  static const std::regex before(
      R"((?:pass(?:ing)?\s*(?:mark|grade|threshold|score)?\s*(?:is|of|:|=|at)?\s*|at least\s*|minimum\s*(?:of\s*)?|>=\s*|≥\s*))" +
      number_pattern);
  std::smatch p;
  std::string rest = m.suffix().str() + " " + m.prefix().str();
  if (std::regex_search(rest, p, after) || std::regex_search(rest, p, before)) {
    if (auto mark = decimal(p[1].str())) {
      s.pass_mark = *mark;
      return s;
    }
  }
  s.pass_mark = std::nan("");  // A range without a pass mark: the caller says so.
  return s;
}

std::optional<GradingScheme> read_letters(const std::string& text) {
  static const std::regex range(R"((?:^|[^A-Za-z])([A-F])\s*)" + range_separator +
                                R"(\s*([A-F])(?:[^A-Za-z]|$))");
  std::smatch m;
  if (!std::regex_search(text, m, range)) return std::nullopt;
  char first = m[1].str()[0];
  char last = m[2].str()[0];
  if (first >= last) return std::nullopt;
  GradingScheme s;
  s.kind = GradingKind::letter;
  static const std::regex fx(R"((?:^|[^A-Za-z])FX(?:[^A-Za-z]|$))");
  bool has_fx = last == 'F' && std::regex_search(text, fx);
  for (char c = first; c <= last; ++c) {
    if (c == 'F' && has_fx) s.letters.emplace_back("FX");
    s.letters.emplace_back(1, c);
  }
  static const std::regex pass(
      R"((?:^|[^A-Za-z])([A-F])\s*(?:or better|or above|or higher|and above|is the lowest pass|is a pass))");
  std::smatch p;
  if (std::regex_search(text, p, pass)) {
    s.lowest_pass = p[1].str();
  } else if (first == 'A' && last == 'F') {
    s.lowest_pass = "E";  // The ECTS grading scale: A-E pass, FX and F fail.
  }
  return s;
}

}  // namespace

std::string_view to_string(GradingKind value) {
  return kind_names[static_cast<std::size_t>(value)];
}

std::vector<Finding> check_grading_scheme(const GradingScheme& s, const std::string& at) {
  constexpr std::string_view rule = "grading-scheme";
  std::vector<Finding> out;
  auto add = [&](Severity severity, std::string field, std::string message) {
    out.push_back({std::string(rule), severity, at + field, std::move(message)});
  };
  switch (s.kind) {
    case GradingKind::numeric:
      if (!std::isfinite(s.min) || !std::isfinite(s.max) || s.min >= s.max)
        add(Severity::error, "/max",
            "the highest grade " + number_text(s.max) + " must be above the lowest " +
                number_text(s.min));
      if (!std::isfinite(s.pass_mark) || s.pass_mark < s.min || s.pass_mark > s.max)
        add(Severity::error, "/pass_mark",
            "the pass mark " + number_text(s.pass_mark) + " is outside " + number_text(s.min) +
                "-" + number_text(s.max));
      else if (s.pass_mark == s.min)
        add(Severity::warning, "/pass_mark",
            "the pass mark is the lowest grade, so nobody can fail");
      if (s.decimals < 0 || s.decimals > max_grade_decimals)
        add(Severity::error, "/decimals",
            "decimals must be 0 to " + std::to_string(max_grade_decimals) + ", got " +
                std::to_string(s.decimals));
      if (!s.letters.empty() || !s.lowest_pass.empty())
        add(Severity::error, "/letters", "a numeric scheme has no letters");
      break;
    case GradingKind::letter: {
      if (s.letters.size() < 2)
        add(Severity::error, "/letters", "a letter scheme needs at least two letters, best first");
      for (std::size_t i = 0; i < s.letters.size(); ++i) {
        const auto& letter = s.letters[i];
        if (letter.empty() || letter.size() > max_grade_length ||
            letter.find_first_of(" \t,;\"") != std::string::npos)
          add(Severity::error, "/letters/" + std::to_string(i),
              "\"" + letter + "\" is not a grade letter (\"A\", \"FX\", \"B+\")");
        for (std::size_t j = 0; j < i; ++j)
          if (equal_ignoring_case(s.letters[j], letter))
            add(Severity::error, "/letters/" + std::to_string(i),
                "letter \"" + letter + "\" is listed twice");
      }
      auto pass = std::find_if(s.letters.begin(), s.letters.end(), [&](const std::string& l) {
        return !s.lowest_pass.empty() && equal_ignoring_case(l, s.lowest_pass);
      });
      if (s.lowest_pass.empty())
        add(Severity::error, "/lowest_pass", "name the worst letter that still passes");
      else if (pass == s.letters.end())
        add(Severity::error, "/lowest_pass",
            "lowest pass \"" + s.lowest_pass + "\" is not one of the letters");
      else if (pass + 1 == s.letters.end())
        add(Severity::warning, "/lowest_pass",
            "the lowest pass is the worst letter, so nobody can fail");
      break;
    }
    case GradingKind::pass_fail:
      if (!s.letters.empty() || !s.lowest_pass.empty())
        add(Severity::error, "/letters", "a pass/fail scheme has no letters");
      break;
  }
  return out;
}

Result<GradeCheck> check_grade(const GradingScheme& s, std::string_view grade) {
  std::string text = trimmed(grade);
  if (text.empty()) return grade_error("the grade is missing; the scheme is " + describe(s));
  if (text.size() > max_grade_length)
    return grade_error("grade \"" + text.substr(0, max_grade_length) + "...\" is too long");
  switch (s.kind) {
    case GradingKind::numeric:
      return check_numeric(s, text);
    case GradingKind::letter: {
      auto pass = std::find_if(s.letters.begin(), s.letters.end(), [&](const std::string& l) {
        return equal_ignoring_case(l, s.lowest_pass);
      });
      for (auto it = s.letters.begin(); it != s.letters.end(); ++it)
        if (equal_ignoring_case(*it, text))
          return GradeCheck{*it, pass != s.letters.end() && it <= pass};
      return grade_error("grade \"" + text + "\" is not one of the letters " + [&] {
        std::string all;
        for (const auto& l : s.letters)
          all += (all.empty() ? "" : ", ") + l;
        return all;
      }());
    }
    case GradingKind::pass_fail: {
      auto word = lowered(text);
      if (word == "pass" || word == "passed") return GradeCheck{"pass", true};
      if (word == "fail" || word == "failed") return GradeCheck{"fail", false};
      return grade_error("grade \"" + text + "\" is not pass or fail");
    }
  }
  return grade_error("unknown grading scheme");
}

Result<GradingScheme> read_grading_scheme(std::string_view text) {
  const std::string how =
      "; write it as \"0-20; 10 or more is a pass\", \"A-F; E or better passes\" or "
      "\"pass/fail\", or give the offering a structured grading_scheme";
  auto unreadable = [&](std::string why) {
    return make_error(ErrorCode::invalid_argument, std::move(why) + how, "/grading_scheme");
  };
  if (trimmed(text).empty()) return unreadable("the design has no grading scheme");
  if (text.size() > max_scheme_text)
    return unreadable("the grading scheme text is over " + std::to_string(max_scheme_text) +
                      " characters");
  const std::string original(text);
  const std::string lower_text = lowered(text);
  if (auto numeric = read_numeric(lower_text)) {
    if (std::isnan(numeric->pass_mark))
      return unreadable("the grading scheme \"" + original + "\" gives the range " +
                        number_text(numeric->min) + "-" + number_text(numeric->max) +
                        " but no pass mark");
    return *numeric;
  }
  if (auto letters = read_letters(original)) {
    if (letters->lowest_pass.empty())
      return unreadable("the grading scheme \"" + original +
                        "\" does not say which letter is the lowest pass");
    return *letters;
  }
  static const std::regex pass_fail(R"(pass\s*(?:/|-|or|and|\\)\s*fail|fail\s*/\s*pass)");
  if (std::regex_search(lower_text, pass_fail)) return GradingScheme{};
  return unreadable("cannot read a grading scheme from \"" + original + "\"");
}

std::string describe(const GradingScheme& s) {
  switch (s.kind) {
    case GradingKind::numeric:
      return number_text(s.min) + "-" + number_text(s.max) + ", pass from " +
             number_text(s.pass_mark);
    case GradingKind::letter:
      return (s.letters.empty() ? std::string("letters")
                                : s.letters.front() + "-" + s.letters.back()) +
             ", pass from " + s.lowest_pass;
    case GradingKind::pass_fail:
      return "pass/fail";
  }
  return "unknown";
}

Result<GradingScheme> grading_scheme_from_json(const bj::value& input, const std::string& at) {
  return detail::read_json<GradingScheme>([&] {
    detail::ObjectReader r(input, at);
    GradingScheme s;
    s.kind = detail::as_enum<GradingKind>(r.require("kind", "numeric, letter or pass_fail"),
                                          r.at("kind"), kind_names);
    if (s.kind == GradingKind::numeric) {
      s.min = detail::as_number(r.require("min", "the lowest grade"), r.at("min"));
      s.max = detail::as_number(r.require("max", "the highest grade"), r.at("max"));
      s.pass_mark =
          detail::as_number(r.require("pass_mark", "the lowest passing grade"), r.at("pass_mark"));
      std::optional<int> decimals;
      r.integer("decimals", decimals, 0, max_grade_decimals);
      s.decimals = decimals.value_or(0);
    } else if (s.kind == GradingKind::letter) {
      r.require("letters", "the letters, best first");
      r.strings("letters", s.letters);
      r.string("lowest_pass", s.lowest_pass);
      if (s.lowest_pass.empty())
        detail::fail(r.at("lowest_pass"), "required: the worst letter that still passes");
    }
    r.done();
    return s;
  });
}

bj::value to_json(const GradingScheme& s) {
  bj::object o;
  o["kind"] = to_string(s.kind);
  if (s.kind == GradingKind::numeric) {
    o["min"] = number_value(s.min);
    o["max"] = number_value(s.max);
    o["pass_mark"] = number_value(s.pass_mark);
    o["decimals"] = s.decimals;
  } else if (s.kind == GradingKind::letter) {
    bj::array letters;
    for (const auto& l : s.letters)
      letters.emplace_back(l);
    o["letters"] = std::move(letters);
    o["lowest_pass"] = s.lowest_pass;
  }
  return o;
}

}  // namespace microcred::domain
