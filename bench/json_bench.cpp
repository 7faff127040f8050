// JCS (RFC 8785) of a ~5 KB credential, and JSON parsing with duplicate-key checks.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "json/jcs.h"
#include "json/parse.h"

namespace {

// The Open Badges 3.0 micro-credential sample (bench/data), read once.
const std::string& credential_text() {
  static const std::string text = [] {
    std::ifstream in(std::string(MICROCRED_BENCH_DATA) + "/ob3-microcredential.json");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }();
  return text;
}

void BM_JcsCredential(benchmark::State& state) {
        auto value = microcred::json::parse(credential_text());
        if (!value) {
          state.SkipWithError(value.error().message.c_str());
          return;
        }
        for (auto _ : state) {
          auto canonical = microcred::json::canonicalize(*value);
          benchmark::DoNotOptimize(canonical);
        }
        state.SetItemsProcessed(state.iterations());
        state.SetBytesProcessed(state.iterations() *
                                static_cast<std::int64_t>(credential_text().size()));
      }
      BENCHMARK(BM_JcsCredential);

      void BM_ParseCredential(benchmark::State& state) {
        for (auto _ : state) {
          auto value = microcred::json::parse(credential_text());
          benchmark::DoNotOptimize(value);
        }
        state.SetItemsProcessed(state.iterations());
      }
      BENCHMARK(BM_ParseCredential);

      void BM_ParseAndJcs(benchmark::State& state) {
        for (auto _ : state) {
          auto value = microcred::json::parse(credential_text());
          auto canonical = microcred::json::canonicalize(*value);
          benchmark::DoNotOptimize(canonical);
        }
        state.SetItemsProcessed(state.iterations());
      }
      BENCHMARK(BM_ParseAndJcs);

      }  // namespace

      BENCHMARK_MAIN();
