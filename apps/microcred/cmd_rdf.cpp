// microcred to-rdf, canonicalize and bench canonicalize: the JSON-LD / RDF commands.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include <boost/json/value.hpp>

#include "commands.h"
#include "io.h"
#include "json/parse.h"
#include "rdf/jsonld.h"
#include "rdf/nquads.h"

namespace microcred::cli {

namespace {

// JSON-LD inputs may nest deeper than credentials do; expansion has its own limits.
constexpr json::ParseLimits jsonld_limits{.max_bytes = max_input_bytes, .max_depth = 512};

struct RdfFlags {
  std::string file;
  bool nquads = false;
  bool safe = false;
  std::string hash = "sha256";
};

Result<rdf::Dataset> dataset_of(const std::string& text, const RdfFlags& flags,
                                rdf::JsonLdProcessor& processor) {
  if (flags.nquads) return rdf::parse_nquads(text);
  auto document = json::parse(text, jsonld_limits);
  if (!document) return document.error();
  return rdf::to_rdf(*document, processor, {.safe_mode = flags.safe});
}

}  // namespace

CLI::App* bench_group(CLI::App& app) {
  for (auto* sub : app.get_subcommands({}))
    if (sub->get_name() == "bench") return sub;
  auto* bench = app.add_subcommand(
      "bench", "Measure an operation in-process on one thread, like `openssl speed`");
  bench->require_subcommand(1);
  return bench;
}

void add_rdf_commands(CLI::App& app, int& exit_code) {
  // to-rdf
  {
    auto* cmd = app.add_subcommand("to-rdf", "Print the RDF of a JSON-LD document as N-Quads");
    auto flags = std::make_shared<RdfFlags>();
    cmd->add_option("FILE", flags->file, "JSON-LD file, or - for standard input")->required();
    cmd->add_flag("--safe", flags->safe,
                  "Fail when a term or type would be dropped or left relative (safe mode)");
    cmd->callback([flags, &exit_code] {
      const std::string name = input_name(flags->file);
      auto text = read_input(flags->file);
      if (!text) return void(exit_code = report(text.error()));
      auto store = rdf::ContextStore::embedded();
      rdf::JsonLdProcessor processor(store);
      auto dataset = dataset_of(*text, *flags, processor);
      if (!dataset) return void(exit_code = report(dataset.error(), name));
      auto written = write_output("-", rdf::to_nquads(*dataset));
      exit_code = written ? exit_ok : report(written.error());
    });
  }
  // canonicalize
  {
    auto* cmd = app.add_subcommand(
        "canonicalize", "Print the RDFC-1.0 canonical N-Quads of a JSON-LD or N-Quads file");
    auto flags = std::make_shared<RdfFlags>();
    cmd->add_option("FILE", flags->file, "JSON-LD (or N-Quads) file, or - for standard input")
        ->required();
    cmd->add_flag("--nquads", flags->nquads, "The input is N-Quads, not JSON-LD");
    cmd->add_flag("--safe", flags->safe,
                  "Fail when a term or type would be dropped or left relative (safe mode)");
    cmd->add_option("--hash", flags->hash, "Hash of RDFC-1.0: sha256 (default) or sha384")
        ->check(CLI::IsMember({"sha256", "sha384"}));
    cmd->callback([flags, &exit_code] {
      const std::string name = input_name(flags->file);
      auto text = read_input(flags->file);
      if (!text) return void(exit_code = report(text.error()));
      auto store = rdf::ContextStore::embedded();
      rdf::JsonLdProcessor processor(store);
      auto dataset = dataset_of(*text, *flags, processor);
      if (!dataset) return void(exit_code = report(dataset.error(), name));
      rdf::CanonicalizeOptions options;
      if (flags->hash == "sha384") options.hash = rdf::HashAlgorithm::sha384;
      auto canonical = rdf::canonicalize(*dataset, options);
      if (!canonical) return void(exit_code = report(canonical.error(), name));
      auto written = write_output("-", canonical->nquads);
      exit_code = written ? exit_ok : report(written.error());
    });
  }
  // bench canonicalize
  {
    auto* cmd = bench_group(app)->add_subcommand(
        "canonicalize",
        "Parse, expand, toRdf, RDFC-1.0 and serialize a JSON-LD file repeatedly; print ops/s");
    struct BenchFlags {
      std::string file;
      double seconds = 3;
      bool json = false;
    };
    auto flags = std::make_shared<BenchFlags>();
    cmd->add_option("FILE", flags->file, "JSON-LD file, or - for standard input")->required();
    cmd->add_option("--seconds", flags->seconds, "How long to run (default 3)")
        ->check(CLI::Range(0.01, 3600.0));
    cmd->add_flag("--json", flags->json, "Print one JSON object");
    cmd->callback([flags, &exit_code] {
      const std::string name = input_name(flags->file);
      auto text = read_input(flags->file);
      if (!text) return void(exit_code = report(text.error()));
      auto store = rdf::ContextStore::embedded();
      rdf::JsonLdProcessor processor(store);
      // One run outside the clock checks the input and warms the context cache.
      auto once = [&]() -> Result<std::size_t> {
        auto document = json::parse(*text, jsonld_limits);
        if (!document) return document.error();
        auto canonical = rdf::canonicalize_jsonld(*document, processor, {.expand = {}});
        if (!canonical) return canonical.error();
        return canonical->nquads.size();
      };
      auto first = once();
      if (!first) return void(exit_code = report(first.error(), name));
      using clock = std::chrono::steady_clock;
      const auto start = clock::now();
      const auto budget = std::chrono::duration<double>(flags->seconds);
      std::uint64_t ops = 0;
      std::size_t sink = 0;
      std::chrono::duration<double> elapsed{};
      do {
        auto r = once();
        if (!r) return void(exit_code = report(r.error(), name));
        sink += *r;
        ++ops;
        elapsed = clock::now() - start;
      } while (elapsed < budget);
      const double ops_per_s = static_cast<double>(ops) / elapsed.count();
      const double us_per_op = 1e6 * elapsed.count() / static_cast<double>(ops);
      if (flags->json) {
        std::printf("{\"op\":\"canonicalize\",\"ops_per_s\":%.1f,\"us_per_op\":%.2f}\n", ops_per_s,
                    us_per_op);
      } else {
        std::printf("canonicalize %s: %llu ops in %.2f s: %.1f ops/s, %.2f us/op\n", name.c_str(),
                    static_cast<unsigned long long>(ops), elapsed.count(), ops_per_s, us_per_op);
      }
      (void)sink;
      exit_code = exit_ok;
    });
  }
}

}  // namespace microcred::cli
