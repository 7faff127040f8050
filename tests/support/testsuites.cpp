#include "support/testsuites.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace microcred::support {

namespace {
std::optional<std::filesystem::path> env_dir(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::filesystem::path(value);
}
}  // namespace

std::optional<std::filesystem::path> testsuites_dir() {
  auto dir = env_dir("MICROCRED_TESTSUITES");
  if (!dir) dir = std::filesystem::path(MICROCRED_DEFAULT_TESTSUITES);
  if (std::filesystem::is_directory(*dir)) return dir;
  return std::nullopt;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::filesystem::path source_dir() {
  return env_dir("MICROCRED_SOURCE_DIR").value_or(MICROCRED_DEFAULT_SOURCE_DIR);
}

std::filesystem::path binary_dir() {
  return env_dir("MICROCRED_BINARY_DIR").value_or(MICROCRED_DEFAULT_BINARY_DIR);
}

}  // namespace microcred::support
