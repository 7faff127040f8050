#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace microcred::support {

/// The conformance data folder: $MICROCRED_TESTSUITES, else the build's default
/// (../shared/testsuites beside the checkout); empty when that folder does not exist.
std::optional<std::filesystem::path> testsuites_dir();

/// The whole file at `path` as bytes; throws std::runtime_error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

/// The source tree's root ($MICROCRED_SOURCE_DIR, else the one this test was built from).
std::filesystem::path source_dir();

/// The build tree's root ($MICROCRED_BINARY_DIR, else the one this test was built in).
std::filesystem::path binary_dir();

}  // namespace microcred::support

/// Skips the current test with a clear message when the conformance data is absent;
/// otherwise declares `const std::filesystem::path var` pointing at it.
#define MICROCRED_REQUIRE_TESTSUITES(var)                                                 \
  auto var##_opt = ::microcred::support::testsuites_dir();                                \
  if (!var##_opt) GTEST_SKIP() << "conformance data not found: set MICROCRED_TESTSUITES"; \
  const std::filesystem::path var = *var##_opt
