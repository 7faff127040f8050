// microcred design check: the design linter (docs/design-format.md).
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "commands.h"
#include "domain/design.h"
#include "domain/design_checks.h"
#include "domain/national_rules.h"
#include "io.h"
#include "json/parse.h"

namespace microcred::cli {

namespace {

struct DesignCheckFlags {
  std::string file;
  std::vector<std::string> countries;
  bool json = false;
};

// A design file is a description, not a credential; the parser's default limits fit it.
constexpr json::ParseLimits design_limits{.max_bytes = 1024 * 1024, .max_depth = 32};

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::string render_text(const std::vector<domain::Finding>& findings, const std::string& name) {
  std::string out;
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& f : findings) {
    ++counts[static_cast<int>(f.severity)];
    out += name + ": " + std::string(domain::to_string(f.severity)) + " [" + f.rule + "] " +
           f.field + ": " + f.message + "\n";
  }
  out += name + ": " + plural(counts[0], "error") + ", " + plural(counts[1], "warning") + ", " +
         std::to_string(counts[2]) + " info\n";
  return out;
}

int run_check(const DesignCheckFlags& flags) {
  const std::string name = input_name(flags.file);
  for (const auto& country : flags.countries)
    if (!domain::is_country_code(country))
      return report(make_error(ErrorCode::invalid_argument,
                               "\"" + country + "\" is not an ISO 3166-1 alpha-2 code (\"ES\")",
                               "--country"));
  auto rules = domain::parse_national_rules(domain::shipped_national_rules_json());
  if (!rules) return report(rules.error(), "rules/national-rules.json (built in)");
  auto text = read_input(flags.file);
  if (!text) return report(text.error());
  auto input = json::parse(*text, design_limits);
  if (!input) return report(input.error(), name);
  auto design = domain::design_from_json(*input);
  if (!design) return report(design.error(), name);
  auto findings = domain::check_design(
      *design, {.national_rules = &*rules, .extra_countries = flags.countries});
  std::string output = flags.json ? boost::json::serialize(domain::to_json(findings)) + "\n"
                                  : render_text(findings, name);
  auto written = write_output("-", output);
  if (!written) return report(written.error());
  return domain::has_error(findings) ? exit_check_failed : exit_ok;
}

}  // namespace

void add_design_commands(CLI::App& app, int& exit_code) {
  auto* group = app.add_subcommand("design", "Work with micro-credential design files");
  group->require_subcommand(1);
  auto* cmd = group->add_subcommand(
      "check",
      "Run every design check on a design file (docs/design-format.md): the 11 EU elements, "
      "learning outcomes, ECTS and hours, levels, supervision, stackability, dates, fees, "
      "codes, and the national rules of the design's target countries.\nExit 0: no error; "
      "1: at least one error; 2: not a design (the message names the field).");
  auto flags = std::make_shared<DesignCheckFlags>();
  cmd->add_option("FILE", flags->file, "Design JSON file, or - for standard input")->required();
  cmd->add_option("--country", flags->countries,
                  "Also apply this country's national rules (ISO 3166-1 alpha-2); repeatable");
  cmd->add_flag("--json", flags->json,
                "Print {\"findings\":[{\"rule\",\"severity\",\"field\",\"message\"}]}");
  cmd->callback([flags, &exit_code] { exit_code = run_check(*flags); });
}

}  // namespace microcred::cli
