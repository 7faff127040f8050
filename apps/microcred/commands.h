#pragma once

#include <CLI/CLI.hpp>

namespace microcred::cli {

// Each command adds its subcommand to `app`; when it runs, its callback stores the process
// exit code in `exit_code`. One file per command group: cmd_<name>.cpp.

void add_version_command(CLI::App& app, int& exit_code);
void add_jcs_command(CLI::App& app, int& exit_code);
void add_keygen_command(CLI::App& app, int& exit_code);
void add_rdf_commands(CLI::App& app, int& exit_code);
void add_vc_commands(CLI::App& app, int& exit_code);  // sign, present, verify
void add_status_list_commands(CLI::App& app, int& exit_code);  // status-list make, get
void add_profile_commands(CLI::App& app, int& exit_code);  // check-profile, microcredential
void add_bench_vc_commands(CLI::App& app, int& exit_code);  // bench issue, bench verify
void add_design_commands(CLI::App& app, int& exit_code);  // design check, import, export
void add_catalogue_commands(CLI::App& app, int& exit_code);  // catalogue search
void add_serve_command(CLI::App& app, int& exit_code);  // serve (the HTTP API)

/// The `bench` subcommand group of `app`, made on first use; every `bench X` joins it.
CLI::App* bench_group(CLI::App& app);

}  // namespace microcred::cli
