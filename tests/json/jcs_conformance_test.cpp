// RFC 8785 conformance: the cyberphone/json-canonicalization test data in
// $MICROCRED_TESTSUITES/jcs (canonicalization cases and ES6 number lines).
#include "json/jcs.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <bit>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>

#include "json/parse.h"
#include "support/testsuites.h"

namespace microcred::json {
namespace {

TEST(JcsConformance, CanonicalizesEveryCase) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(suites / "jcs" / "input")) {
    SCOPED_TRACE(entry.path().filename().string());
    auto value = parse(support::read_file(entry.path()));
    ASSERT_TRUE(value) << value.error().message;
    auto canonical = canonicalize(*value);
    ASSERT_TRUE(canonical);
    EXPECT_EQ(*canonical, support::read_file(suites / "jcs" / "output" / entry.path().filename()));
    ++cases;
  }
  EXPECT_EQ(cases, 6);
}

// Each line is "<hex of the IEEE-754 bits>,<expected Number.prototype.toString>".
int check_number_lines(std::istream& lines, int& failures) {
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    auto comma = line.find(',');
    std::uint64_t bits = std::stoull(line.substr(0, comma), nullptr, 16);
    std::string expected = line.substr(comma + 1);
    std::string actual = format_es_number(std::bit_cast<double>(bits));
    if (actual != expected && ++failures <= 10) {
      ADD_FAILURE() << "bits " << line.substr(0, comma) << ": expected " << expected << ", got "
                    << actual;
    }
    ++count;
  }
  return count;
}

TEST(JcsConformance, FormatsTenThousandEs6Numbers) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  std::istringstream lines(support::read_file(suites / "jcs" / "es6testfile-10k.txt"));
  int failures = 0;
  EXPECT_EQ(check_number_lines(lines, failures), 10'000);
  EXPECT_EQ(failures, 0);
}

TEST(JcsConformance, FormatsHundredThousandEs6Numbers) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  auto path = suites / "jcs" / "es6testfile-100k.txt.gz";
  gzFile file = gzopen(path.c_str(), "rb");
  ASSERT_NE(file, nullptr) << "cannot open " << path;
  std::string text;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(n));
  gzclose(file);
  std::istringstream lines(text);
  int failures = 0;
  EXPECT_EQ(check_number_lines(lines, failures), 100'000);
  EXPECT_EQ(failures, 0);
  std::printf("jcs-es6: %d passed, %d failed\n", 100'000 - failures, failures);
}

}  // namespace
}  // namespace microcred::json
