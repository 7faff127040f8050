#include "support/run.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/testsuites.h"

namespace microcred::support {

namespace {
std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
}  // namespace

std::string microcred_binary() {
  return (binary_dir() / "microcred").string();
}

RunResult run(const std::string& command, const std::string& input) {
  char dir_template[] = "/tmp/microcred-run-XXXXXX";
  std::filesystem::path dir = ::mkdtemp(dir_template);
  std::ofstream(dir / "in", std::ios::binary) << input;
  std::string full = "PATH='" + binary_dir().string() + "':\"$PATH\"; (" + command + ") <'" +
                     (dir / "in").string() + "' >'" + (dir / "out").string() + "' 2>'" +
                     (dir / "err").string() + "'";
  int status = std::system(full.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(dir / "out");
  result.err = slurp(dir / "err");
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace microcred::support
