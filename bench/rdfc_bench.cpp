// RDFC-1.0 on a realistic credential: bench/data/ob3-credential.nq is the Open Badges 3.0
// "complete" example credential as jsonld.toRDF writes it (356 quads, 40 blank nodes,
// some with equal first-degree hashes, so Hash N-Degree Quads runs too).
//   build-rdfc/bench/rdfc_bench --benchmark_repetitions=10 --benchmark_report_aggregates_only
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "rdf/canonicalize.h"
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

const std::string& credential_nquads() {
  static const std::string text = read_data("ob3-credential.nq");
  return text;
}

void BM_ParseNquads(benchmark::State& state) {
  const std::string& text = credential_nquads();
  for (auto _ : state) {
    auto dataset = parse_nquads(text);
    benchmark::DoNotOptimize(dataset);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseNquads);

void BM_Canonicalize(benchmark::State& state) {
  auto dataset = parse_nquads(credential_nquads());
  if (!dataset) {
    state.SkipWithError(dataset.error().message.c_str());
    return;
  }
  const CanonicalizeOptions options{.hash = state.range(0) == 384 ? HashAlgorithm::sha384
                                                                  : HashAlgorithm::sha256};
  for (auto _ : state) {
    auto canonical = canonicalize(*dataset, options);
    benchmark::DoNotOptimize(canonical);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) == 384 ? "sha384" : "sha256");
}
BENCHMARK(BM_Canonicalize)->Arg(256)->Arg(384);

void BM_ParseAndCanonicalize(benchmark::State& state) {
  const std::string& text = credential_nquads();
  for (auto _ : state) {
    auto dataset = parse_nquads(text);
    auto canonical = canonicalize(*dataset);
    benchmark::DoNotOptimize(canonical);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseAndCanonicalize);

}  // namespace
}  // namespace microcred::rdf

BENCHMARK_MAIN();
