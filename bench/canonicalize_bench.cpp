// The JSON-LD pipeline Data Integrity signs, stage by stage and whole, on the Open Badges
// 3.0 micro-credential in bench/data/ob3-microcredential.json (single thread, warm context
// cache as in a long-running issuer or verifier).
//   build/bench/canonicalize_bench --benchmark_repetitions=10 --benchmark_report_aggregates_only
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <boost/json/value.hpp>

#include "json/parse.h"
#include "rdf/jsonld.h"
#include "rdf/nquads.h"

namespace microcred::rdf {
namespace {

std::string read_data(const char* name) {
  const std::string path = std::string(MICROCRED_BENCH_DATA) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Fixture {
  std::string text = read_data("ob3-microcredential.json");
  ContextStore store = ContextStore::embedded();
  JsonLdProcessor processor{store};
  boost::json::value document = must(json::parse(text));
  boost::json::value expanded = must(expand(document, processor, {.safe_mode = true}));
  Dataset dataset = must(deserialize(expanded, {.safe_mode = true}));

  template <class T>
  static T must(Result<T> r) {
    if (!r) {
      std::fprintf(stderr, "bench input: %s\n", describe(r.error()).c_str());
      std::exit(2);
    }
    return std::move(*r);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Parse(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(json::parse(f.text));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Parse);

void BM_Expand(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(expand(f.document, f.processor, {.safe_mode = true}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Expand);

void BM_ToRdf(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(deserialize(f.expanded, {.safe_mode = true}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ToRdf);

void BM_Rdfc10(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(canonicalize(f.dataset));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Rdfc10);

// What `microcred bench canonicalize` runs: parse, expand, toRdf, RDFC-1.0, serialize.
void BM_WholePipeline(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    auto document = json::parse(f.text);
    auto canonical = canonicalize_jsonld(*document, f.processor);
    benchmark::DoNotOptimize(canonical);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WholePipeline);

// The first credential: context processing included (a fresh processor each time).
void BM_WholePipelineColdContexts(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    JsonLdProcessor processor(f.store);
    auto document = json::parse(f.text);
    benchmark::DoNotOptimize(canonicalize_jsonld(*document, processor));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WholePipelineColdContexts);

}  // namespace
}  // namespace microcred::rdf

BENCHMARK_MAIN();
