#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/result.h"
#include "domain/design_checks.h"

namespace microcred::domain {

/// The kinds of grading scheme the seed names for the optional EU element "grade achieved".
enum class GradingKind { numeric, letter, pass_fail };

/// Wire string: "numeric", "letter" or "pass_fail".
std::string_view to_string(GradingKind value);

/// How a result is graded, in a form a program can check a grade against.
struct GradingScheme {
  GradingKind kind = GradingKind::pass_fail;
  double min = 0;                    ///< numeric: the lowest grade ("0").
  double max = 0;                    ///< numeric: the highest grade ("20").
  double pass_mark = 0;              ///< numeric: the lowest passing grade ("10").
  int decimals = 0;                  ///< numeric: the most decimals a grade may have (0..3).
  std::vector<std::string> letters;  ///< letter: best first ("A", ..., "E", "FX", "F").
  std::string lowest_pass;           ///< letter: the worst letter that still passes ("E").
  bool operator==(const GradingScheme&) const = default;
};

/// The most decimals a numeric scheme allows.
inline constexpr int max_grade_decimals = 3;

/// Findings on `scheme` (rule "grading-scheme"), each `field` being `at` + "/min" etc.: a
/// numeric range with min < max and the pass mark inside it, 0..3 decimals; at least two
/// distinct letters with the lowest pass among them and some letter that fails; nothing but
/// the kind for pass/fail. Pure.
std::vector<Finding> check_grading_scheme(const GradingScheme& scheme, const std::string& at = "");

/// A grade read against a scheme.
struct GradeCheck {
  std::string grade;  ///< Canonical: "14.5" (a comma read as a point), "B", "pass".
  bool passed = false;
  bool operator==(const GradeCheck&) const = default;
};

/// Reads `grade` against `scheme`: a number with at most `decimals` decimals in [min, max]
/// (passed at or above `pass_mark`), one of the letters (any case), or pass / fail (also
/// "passed", "failed"). Fails with `invalid_argument`, field "grade", saying what the scheme
/// allows ("grade 21 is outside 0-20"). Pure.
Result<GradeCheck> check_grade(const GradingScheme& scheme, std::string_view grade);

/// The scheme described in a design's free-text `grading_scheme` ("0-20 scale; 10 or more
/// is a pass.", "A-F, E or better passes", "Pass / fail."). A numeric scheme read this way
/// allows 2 decimals; an ECTS letter scale A-F without a stated pass passes at E. Fails with
/// `invalid_argument` (field "/grading_scheme") when the text names no scheme or a range
/// without a pass mark, saying how to write one. Pure.
Result<GradingScheme> read_grading_scheme(std::string_view text);

/// For people: "0-20, pass from 10", "A-F, pass from E", "pass/fail".
std::string describe(const GradingScheme& scheme);

/// The scheme in its JSON form (docs/learner-path.md); fails with `invalid_argument` whose
/// `field` is the JSON pointer under `at`. Ranges are left to `check_grading_scheme`.
Result<GradingScheme> grading_scheme_from_json(const boost::json::value& input,
                                               const std::string& at = "");

/// The JSON form of `scheme`; reads back equal.
boost::json::value to_json(const GradingScheme& scheme);

}  // namespace microcred::domain
