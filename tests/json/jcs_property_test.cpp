// A second, independent path to ECMAScript number strings: the shortest "%.*e" precision
// that round-trips through strtod, then Number::toString's layout done on that text. A bug
// in either path (std::to_chars + layout in jcs.cpp, or this one) shows as a mismatch.
#include "json/jcs.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace microcred::json {
namespace {

std::string reference_es_number(double d) {
  if (d == 0) return "0";
  std::string sign = std::signbit(d) ? "-" : "";
  d = std::fabs(d);
  char buffer[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, d);
    if (std::strtod(buffer, nullptr) == d) break;
  }
  // buffer: "D.DDDDe+XX" or "De-XX"; split mantissa digits and exponent.
  std::string text = buffer;
  std::string mantissa = text.substr(0, text.find('e'));
  int exponent = std::atoi(text.c_str() + text.find('e') + 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();
  // Scientific exponent e means value = 0.D1D2... * 10^(e+1).
  const int point = exponent + 1;
  const int count = static_cast<int>(digits.size());
  std::string out;
  if (point >= count && point <= 21) {
    out = digits + std::string(static_cast<std::size_t>(point - count), '0');
  } else if (point > 0 && point <= 21) {
    out = digits;
    out.insert(static_cast<std::size_t>(point), ".");
  } else if (point > -6 && point <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else {
    out = digits.substr(0, 1);
    if (count > 1) out += "." + digits.substr(1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%+d", point - 1);
    out += exp;
  }
  return sign + out;
}

TEST(JcsProperty, ReferencePathAgreesOnKnownValues) {
  EXPECT_EQ(reference_es_number(1e21), "1e+21");
  EXPECT_EQ(reference_es_number(1e-7), "1e-7");
  EXPECT_EQ(reference_es_number(0.1), "0.1");
  EXPECT_EQ(reference_es_number(-123.456), "-123.456");
  EXPECT_EQ(reference_es_number(5e-324), "5e-324");
}

TEST(JcsProperty, MillionRandomDoublesMatchTheIndependentPath) {
  std::mt19937_64 random(20261125);  // fixed seed: failures reproduce
  std::uniform_int_distribution<int> decimals(-30, 30);
  std::uniform_int_distribution<std::int64_t> mantissas(-99'999'999, 99'999'999);
  constexpr int total = 1'000'000;
  int failures = 0;
  for (int i = 0; i < total; ++i) {
    double d;
    if (i % 2 == 0) {
      // Any finite bit pattern, subnormals included.
      do
        d = std::bit_cast<double>(random());
      while (!std::isfinite(d));
    } else {
      // "Human" decimals: short mantissas at every scale, where layout rules bite.
      d = static_cast<double>(mantissas(random)) * std::pow(10.0, decimals(random));
    }
    std::string expected = reference_es_number(d);
    std::string actual = format_es_number(d);
    if (actual != expected && ++failures <= 10) {
      ADD_FAILURE() << "bits " << std::hex << std::bit_cast<std::uint64_t>(d) << ": to_chars path "
                    << actual << ", printf path " << expected;
    }
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace microcred::json
