#include <string>

#include "commands.h"
#include "io.h"
#include "json/jcs.h"
#include "json/parse.h"

namespace microcred::cli {

void add_jcs_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("jcs", "Print the RFC 8785 (JCS) canonical form of a JSON file");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "JSON file, or - for standard input")->required();
  cmd->callback([file, &exit_code] {
    const std::string name = input_name(*file);
    auto text = read_input(*file);
    if (!text) return void(exit_code = report(text.error()));
    auto value = json::parse(*text, {.max_bytes = max_input_bytes, .max_depth = 1000});
    if (!value) return void(exit_code = report(value.error(), name));
    auto canonical = json::canonicalize(*value);
    if (!canonical) return void(exit_code = report(canonical.error(), name));
    auto written = write_output("-", *canonical);
    exit_code = written ? exit_ok : report(written.error());
  });
}

}  // namespace microcred::cli
