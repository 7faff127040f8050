#pragma once

#include <string>

namespace microcred::support {

/// What a finished command printed and how it ended.
struct RunResult {
  int exit_code = -1;
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

/// Runs `command` with /bin/sh, feeding `input` on standard input; the build's `microcred`
/// is on PATH first.
RunResult run(const std::string& command, const std::string& input = {});

/// The path of the built `microcred` binary.
std::string microcred_binary();

}  // namespace microcred::support
