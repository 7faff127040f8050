// microcred check-profile and microcred microcredential build: the EU micro-credential
// profile (docs/eu-elements.md).
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "commands.h"
#include "crypto/random.h"
#include "io.h"
#include "json/parse.h"
#include "vc/microcredential.h"
#include "vc/profile_check.h"

namespace microcred::cli {

namespace {

struct ProfileFlags {
  std::string file;
  bool json = false;
};

struct BuildFlags {
  std::string file;
  std::string out = "-";
};

}  // namespace

void add_profile_commands(CLI::App& app, int& exit_code) {
  {
    auto* cmd = app.add_subcommand(
        "check-profile",
        "List the 11 mandatory EU micro-credential elements (and the optional ones) a "
        "credential carries: found, where, and missing.\nExit 0: all 11 present; 1: some "
        "missing; 2: bad input.");
    auto flags = std::make_shared<ProfileFlags>();
    cmd->add_option("FILE", flags->file, "Credential JSON file, or - for standard input")
        ->required();
    cmd->add_flag("--json", flags->json, "Print the report as JSON");
    cmd->callback([flags, &exit_code] {
      const std::string name = input_name(flags->file);
      auto text = read_input(flags->file);
      if (!text) return void(exit_code = report(text.error()));
      auto credential = json::parse(*text, json::credential_limits);
      if (!credential) return void(exit_code = report(credential.error(), name));
      auto checked = vc::check_profile(*credential);
      if (!checked) return void(exit_code = report(checked.error(), name));
      std::string output = flags->json ? boost::json::serialize(vc::to_json(*checked)) + "\n"
                                       : vc::render_text(*checked);
      auto written = write_output("-", output);
      if (!written) return void(exit_code = report(written.error()));
      exit_code = checked->complete() ? exit_ok : exit_check_failed;
    });
  }
  {
    auto* group = app.add_subcommand("microcredential", "Build EU micro-credentials");
    group->require_subcommand(1);
    auto* cmd = group->add_subcommand(
        "build",
        "Build an unsigned Open Badges 3.0 micro-credential carrying the 11 EU elements from "
        "the JSON input form (docs/eu-elements.md); sign it with `microcred sign`.\nMissing "
        "ids and salts are drawn at random. Exit 0: built; 2: bad input (the message names "
        "the field as a JSON pointer).");
    auto flags = std::make_shared<BuildFlags>();
    cmd->add_option("FILE", flags->file, "Input form JSON file, or - for standard input")
        ->required();
    cmd->add_option("--out", flags->out, "Write the credential here (default: standard output)");
    cmd->callback([flags, &exit_code] {
      const std::string name = input_name(flags->file);
      auto text = read_input(flags->file);
      if (!text) return void(exit_code = report(text.error()));
      auto input = json::parse(*text, json::credential_limits);
      if (!input) return void(exit_code = report(input.error(), name));
      auto data = vc::parse_microcredential_data(*input);
      if (!data) return void(exit_code = report(data.error(), name));
      crypto::SystemRandom random;
      auto credential = vc::build_microcredential(*data, {.random = &random});
      if (!credential) return void(exit_code = report(credential.error(), name));
      auto written = write_output(flags->out, boost::json::serialize(*credential) + "\n");
      exit_code = written ? exit_ok : report(written.error());
    });
  }
}

}  // namespace microcred::cli
