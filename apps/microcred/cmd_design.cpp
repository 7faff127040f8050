// microcred design check: the design linter (docs/design-format.md); design import and
// export: design files into and out of a store (docs/design-lifecycle.md).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "commands.h"
#include "core/time.h"
#include "crypto/random.h"
#include "domain/design.h"
#include "domain/design_checks.h"
#include "domain/national_rules.h"
#include "io.h"
#include "json/parse.h"
#include "service/authorisation.h"
#include "service/designs.h"
#include "store/store.h"

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

struct DesignStoreFlags {
  std::string db;
  std::string institution;
  std::string as;  ///< the acting account; import needs it, export may use it
  std::string file;
  std::string design;  ///< import: the design to give new content; export: the one to write
  std::optional<int> version;
  std::string out = "-";
};

// One store for one command: opened, and its schema brought up to date, like a server.
Result<std::unique_ptr<store::Store>> open_for(const DesignStoreFlags& flags) {
  if (flags.institution.empty()) {
    return make_error(ErrorCode::invalid_argument, "an institution id is needed", "--institution");
  }
  auto opened = store::open_store(flags.db);
  if (!opened) return Error{opened.error().code, opened.error().message, "--db"};
  return opened;
}

int run_import(const DesignStoreFlags& flags) {
  const std::string name = input_name(flags.file);
  auto text = read_input(flags.file, service::design_json_max_bytes);
  if (!text) return report(text.error());
  // Read before opening the store, so that a bad file names its field and touches nothing.
  auto design = service::read_design_json(*text);
  if (!design) return report(design.error(), name);
  auto store = open_for(flags);
  if (!store) return report(store.error());
  crypto::SystemRandom random;
  SystemClock clock;
  auto imported = (*store)->transaction([&](store::Transaction& tx) {
    auto actor = service::load_principal(tx, flags.as);
    if (!actor)
      return Result<service::ImportOutcome>(
          Error{actor.error().code, actor.error().message, "--as"});
    return service::import_design(tx, random, clock, *actor, flags.institution, *text,
                                  flags.design);
  });
  if (!imported)
    return report(imported.error(), imported.error().field.starts_with("/") ? name : "");
  const auto& record = imported->version.record;
  auto written =
      write_output("-", name + ": " + (imported->created ? "created" : "updated") + " design " +
                            record.id + " version " + std::to_string(record.version) + " (" +
                            record.status + "), sha256 " + record.content_sha256 + "\n");
  if (!written) return report(written.error());
  return exit_ok;
}

int run_export(const DesignStoreFlags& flags) {
  if (flags.version && *flags.version < 1) {
    return report(make_error(ErrorCode::invalid_argument, "a version is 1 or more", "--version"));
  }
  auto store = open_for(flags);
  if (!store) return report(store.error());
  auto text = (*store)->transaction([&](store::Transaction& tx) -> Result<std::string> {
    if (flags.as.empty()) {
      return service::export_design_file(tx, flags.institution, flags.design, flags.version);
    }
    auto actor = service::load_principal(tx, flags.as);
    if (!actor) return Error{actor.error().code, actor.error().message, "--as"};
    return service::export_design(tx, *actor, flags.institution, flags.design, flags.version);
  });
  if (!text) return report(text.error());
  auto written = write_output(flags.out, *text);
  if (!written) return report(written.error());
  return exit_ok;
}

void add_store_options(CLI::App* cmd, DesignStoreFlags& flags) {
  cmd->add_option("--db", flags.db, "Database URL: sqlite:PATH or postgresql://...")->required();
  cmd->add_option("--institution", flags.institution, "The institution (tenant) id")->required();
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

  auto* import = group->add_subcommand(
      "import",
      "Import a design file into a store as a new draft, or as the new content of an existing "
      "design (--design): in place while it is a draft, as a new version once published.\n"
      "Prints the design id, version, status and content digest. Exit 0: imported; 2: not a "
      "design, or the store, institution or account refused it.");
  auto import_flags = std::make_shared<DesignStoreFlags>();
  add_store_options(import, *import_flags);
  import->add_option("--as", import_flags->as, "The acting account (needs the designer role)")
      ->required();
  import->add_option("--design", import_flags->design, "Give this design new content");
  import->add_option("FILE", import_flags->file, "Design JSON file, or - for standard input")
      ->required();
  import->callback([import_flags, &exit_code] { exit_code = run_import(*import_flags);
});

auto* export_cmd = group->add_subcommand(
    "export",
    "Write a version of a design in its design-file JSON form (the newest unless --version).\n"
    "Exit 0: written; 2: no such design or version in the institution.");
auto export_flags = std::make_shared<DesignStoreFlags>();
add_store_options(export_cmd, *export_flags);
export_cmd->add_option("--version", export_flags->version, "The version to write (1, 2, ...)");
export_cmd->add_option("--as", export_flags->as,
                       "Read as this account (checks its design_read right); without it, "
                       "whoever may open the database may read it");
export_cmd->add_option("--out", export_flags->out, "Write here instead of standard output");
export_cmd->add_option("DESIGN_ID", export_flags->design, "The design's id")->required();
export_cmd->callback([export_flags, &exit_code] { exit_code = run_export(*export_flags); });
}  // namespace microcred::cli

}  // namespace microcred::cli
