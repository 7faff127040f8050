// microcred: the command-line entry point. Each command lives in its own cmd_*.cpp.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "io.h"

int main(int argc, char** argv) {
  using namespace microcred::cli;
  CLI::App app{
      "microcred: micro-credentials designed, issued as signed Open Badges 3.0 / W3C VC 2.0 "
      "credentials, and verified.\nExit codes: 0 ok, 1 check failed, 2 bad input or usage.",
      "microcred"};
  app.require_subcommand(1);
  app.set_version_flag("--version", MICROCRED_VERSION);
  int exit_code = exit_ok;
  add_version_command(app, exit_code);
  add_jcs_command(app, exit_code);
  add_keygen_command(app, exit_code);
  add_rdf_commands(app, exit_code);
  add_vc_commands(app, exit_code);
  add_status_list_commands(app, exit_code);
  add_profile_commands(app, exit_code);
  add_bench_vc_commands(app, exit_code);
  add_design_commands(app, exit_code);
  add_catalogue_commands(app, exit_code);
  add_serve_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_bad_input;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "microcred: internal error: %s\n", e.what());
    return exit_bad_input;
  }
  return exit_code;
}
