// microcred catalogue search: the public catalogue from the command line (docs/catalogue.md).
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "commands.h"
#include "core/time.h"
#include "io.h"
#include "store/catalogue.h"
#include "store/store.h"

namespace microcred::cli {

namespace {

struct CatalogueSearchFlags {
  std::string db;
  store::CatalogueQuery query;
  int eqf = 0;
  double ects_min = 0, ects_max = 0, fee_min = 0, fee_max = 0;
  int limit = 20;
  bool json = false;
  // Set when the flag was given.
  CLI::Option *eqf_option = nullptr, *ects_min_option = nullptr, *ects_max_option = nullptr,
              *fee_min_option = nullptr, *fee_max_option = nullptr;
};

// The flag that sets each field of a query, for error messages.
std::string flag_of(const std::string& field) {
  static const std::map<std::string, std::string> flags = {
      {"text", "--q"},
      {"eqf_level", "--eqf"},
      {"participation_form", "--form"},
  };
  if (auto found = flags.find(field); found != flags.end()) return found->second;
  if (field.empty()) return field;
  std::string flag = "--" + field;
  for (auto& c : flag)
    if (c == '_') c = '-';
  return flag;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

boost::json::value to_json(const store::CatalogueHit& hit) {
  const auto& e = hit.entry;
  auto list = [](const std::vector<std::string>& items) {
    boost::json::array out;
    for (const auto& item : items)
      out.emplace_back(item);
    return out;
  };
  auto optional_number = [](const std::optional<double>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
  };
  return boost::json::object{
      {"design_id", e.design_id},
      {"institution_id", e.institution_id},
      {"version", e.version},
      {"score", hit.score},
      {"title", e.title},
      {"summary", e.summary},
      {"institution_name", e.institution_name},
      {"learning_outcomes", list(e.learning_outcomes)},
      {"skill_uris", list(e.skill_uris)},
      {"eqf_level", e.eqf_level ? boost::json::value(*e.eqf_level) : boost::json::value(nullptr)},
      {"ects", optional_number(e.ects)},
      {"languages", list(e.languages)},
      {"delivery_mode", e.delivery_mode},
      {"participation_form", e.participation_form},
      {"pacing", e.pacing},
      {"synchronicity", e.synchronicity},
      {"countries", list(e.countries)},
      {"fee_min", optional_number(e.fee_min)},
      {"fee_max", optional_number(e.fee_max)},
      {"currency", e.currency},
      {"start_date", e.start_date},
      {"published_at", format_rfc3339(e.published_at)},
  };
}

std::string render_text(const store::CataloguePage& page) {
  std::string out;
  for (const auto& hit : page.hits) {
    const auto& e = hit.entry;
    std::string facts;
    auto add = [&](const std::string& fact) {
      if (fact.empty()) return;
      facts += (facts.empty() ? "" : ", ") + fact;
    };
    if (e.eqf_level) add("EQF " + std::to_string(*e.eqf_level));
    if (e.ects) add(number(*e.ects) + " ECTS");
    add(e.participation_form);
    std::string languages;
    for (const auto& l : e.languages)
      languages += (languages.empty() ? "" : " ") + l;
    add(languages);
    if (e.fee_min) add(number(*e.fee_min) + " " + e.currency);
    if (!e.start_date.empty()) add("from " + e.start_date);
    out += e.design_id + " v" + std::to_string(e.version) + "  " + e.title + " (" +
           e.institution_name + ")" + (facts.empty() ? "" : " [" + facts + "]") +
           (hit.score ? "  score " + std::to_string(hit.score) : "") + "\n";
  }
  out += std::to_string(page.hits.size()) + (page.hits.size() == 1 ? " entry" : " entries");
  out += page.next_cursor.empty() ? "\n" : "; more with --cursor " + page.next_cursor + "\n";
  return out;
}

int run_search(CatalogueSearchFlags& flags) {
  auto& q = flags.query;
  if (flags.eqf_option->count()) q.eqf_level = flags.eqf;
  if (flags.ects_min_option->count()) q.ects_min = flags.ects_min;
  if (flags.ects_max_option->count()) q.ects_max = flags.ects_max;
  if (flags.fee_min_option->count()) q.fee_min = flags.fee_min;
  if (flags.fee_max_option->count()) q.fee_max = flags.fee_max;
  if (flags.limit < 1) {
    return report(make_error(ErrorCode::invalid_argument,
                             "must be 1-" + std::to_string(store::catalogue_max_limit) + ", got " +
                                 std::to_string(flags.limit),
                             "--limit"));
  }
  q.limit = static_cast<std::size_t>(flags.limit);
  // A search reads: it neither creates a database nor migrates one.
  if (flags.db.starts_with("sqlite:") && flags.db != "sqlite::memory:" &&
      !std::filesystem::exists(flags.db.substr(7))) {
    return report(
        make_error(ErrorCode::not_found, "no database at \"" + flags.db.substr(7) + "\"", "--db"));
  }
  auto store = store::open_store(flags.db, {.max_connections = 1, .migrate = false});
  if (!store) return report(store.error());
  auto page =
      (*store)->transaction([&](store::Transaction& tx) { return store::search_catalogue(tx, q); });
  if (!page) {
    auto error = page.error();
    error.field = flag_of(error.field);
    return report(error);
  }
  std::string output;
  if (flags.json) {
    boost::json::array hits;
    for (const auto& hit : page->hits)
      hits.push_back(to_json(hit));
    boost::json::object body{{"hits", std::move(hits)}, {"next_cursor", page->next_cursor}};
    output = boost::json::serialize(body) + "\n";
  } else {
    output = render_text(*page);
  }
  auto written = write_output("-", output);
  if (!written) return report(written.error());
  return exit_ok;
}

}  // namespace

void add_catalogue_commands(CLI::App& app, int& exit_code) {
  auto* group = app.add_subcommand("catalogue", "Search the public catalogue of micro-credentials");
  group->require_subcommand(1);
  auto* cmd = group->add_subcommand(
      "search",
      "Search published micro-credentials by words and filters (docs/catalogue.md). Every word "
      "must occur in the title, summary, learning outcomes or skills; filters combine with AND."
      "\nExit 0: searched (even with no hits); 2: bad flag or database.");
  auto flags = std::make_shared<CatalogueSearchFlags>();
  auto& q = flags->query;
  cmd->add_option("--db", flags->db, "Database: sqlite:PATH or postgresql://...")->required();
  cmd->add_option("--q", q.text, "Words to search for (quotes and operators are plain text)");
  flags->eqf_option = cmd->add_option("--eqf", flags->eqf, "EQF level, 1-8");
  flags->ects_min_option =
      cmd->add_option("--ects-min", flags->ects_min, "At least this many ECTS");
  flags->ects_max_option = cmd->add_option("--ects-max", flags->ects_max, "At most this many ECTS");
  cmd->add_option("--language", q.language,
                  "Language of instruction, BCP 47 (en also finds en-GB)");
  cmd->add_option("--country", q.country, "Country, ISO 3166-1 alpha-2");
  cmd->add_option("--institution", q.institution, "Publishing institution (tenant id)");
  cmd->add_option("--skill", q.skill, "ESCO skill URI an outcome names");
  cmd->add_option("--form", q.participation_form, "online, onsite, blended or hybrid");
  cmd->add_option("--pacing", q.pacing, "cohort or self_paced");
  cmd->add_option("--synchronicity", q.synchronicity, "synchronous, asynchronous or mixed");
  flags->fee_min_option = cmd->add_option("--fee-min", flags->fee_min, "Cheapest fee at least");
  flags->fee_max_option = cmd->add_option("--fee-max", flags->fee_max, "Cheapest fee at most");
  cmd->add_option("--start-from", q.start_from, "Starts on or after YYYY-MM-DD");
  cmd->add_option("--start-until", q.start_until, "Starts on or before YYYY-MM-DD");
  cmd->add_option("--sort", q.sort, "relevance (default with --q), newest or start_date");
  cmd->add_option("--limit", flags->limit, "Entries per page, 1-100 (default 20)");
  cmd->add_option("--cursor", q.cursor, "Next page: the cursor the previous page printed");
  cmd->add_flag("--json", flags->json,
                "Print {\"hits\":[{entry fields..., \"score\"}], \"next_cursor\":\"...\"}");
  cmd->callback([flags, &exit_code] { exit_code = run_search(*flags); });
}

}  // namespace microcred::cli
