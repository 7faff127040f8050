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
  for (const char* name : {"MICROCRED_TESTSUITES", "MICROCRED_TESTSUITES_DEFAULT"}) {
    auto dir = env_dir(name);
    if (dir && std::filesystem::is_directory(*dir)) return dir;
  }
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
  return env_dir("MICROCRED_SOURCE_DIR").value_or(std::filesystem::current_path());
}

std::filesystem::path binary_dir() {
  return env_dir("MICROCRED_BINARY_DIR").value_or(std::filesystem::current_path());
}

}  // namespace microcred::support
