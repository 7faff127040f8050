#include <cstdio>

#include "commands.h"
#include "io.h"

namespace microcred::cli {

void add_version_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print the version of microcred");
  cmd->callback([&exit_code] {
    std::printf("microcred %s\n", MICROCRED_VERSION);
    exit_code = exit_ok;
  });
}

}  // namespace microcred::cli
