// Bitstring Status List: what an issuer pays to publish a list and a verifier to check one.
// Lists of 131,072 entries with 1% of them set at random, as after some revocations.
//   build/bench/status_list_bench --benchmark_repetitions=10 --benchmark_report_aggregates_only
#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include "crypto/random.h"
#include "vc/status_list.h"

namespace microcred::vc {
namespace {

constexpr std::string_view list_url = "https://example.edu/status/1";

StatusList revoked_list(std::size_t entries, std::size_t revoked) {
  crypto::DeterministicRandom random({42});
  auto allocator = StatusIndexAllocator::create(entries, {}, random);
  StatusList list = *StatusList::create(entries);
  for (std::size_t i = 0; i < revoked; ++i)
    list.set(*allocator->allocate());
  return list;
}

void BM_Encode(benchmark::State& state) {
  const auto entries = static_cast<std::size_t>(state.range(0));
  StatusList list = revoked_list(entries, entries / 100);
  for (auto _ : state) {
    std::string encoded = list.encode();
    benchmark::DoNotOptimize(encoded);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Encode)->Arg(131'072)->Arg(1'048'576);

void BM_Decode(benchmark::State& state) {
  const auto entries = static_cast<std::size_t>(state.range(0));
  std::string encoded = revoked_list(entries, entries / 100).encode();
  for (auto _ : state) {
    auto list = StatusList::decode(encoded);
    benchmark::DoNotOptimize(list);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["encoded_bytes"] = static_cast<double>(encoded.size());
}
BENCHMARK(BM_Decode)->Arg(131'072)->Arg(1'048'576);

void BM_CheckStatus(benchmark::State& state) {
  StatusList list = revoked_list(status_list_min_entries, status_list_min_entries / 100);
  boost::json::value credential =
      make_status_list_credential(list_url, "did:example:issuer", StatusPurpose::revocation, list);
  boost::json::object entry =
      make_status_entry(list_url, StatusPurpose::revocation, 94'567).as_object();
  for (auto _ : state) {
    auto check = check_status(entry, credential);
    benchmark::DoNotOptimize(check);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckStatus);

// Allocating the last 1% of a list, where the allocator scans for the k-th free index.
void BM_AllocateNearlyFull(benchmark::State& state) {
  crypto::DeterministicRandom random({7});
  std::vector<std::uint64_t> used;
  for (std::uint64_t i = 0; i < status_list_min_entries * 99 / 100; ++i)
    used.push_back(i);
  for (auto _ : state) {
    state.PauseTiming();
    auto allocator = StatusIndexAllocator::create(status_list_min_entries, used, random);
    state.ResumeTiming();
    auto index = allocator->allocate();
    benchmark::DoNotOptimize(index);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AllocateNearlyFull);

void BM_AllocateEmpty(benchmark::State& state) {
  crypto::DeterministicRandom random({8});
  auto allocator = StatusIndexAllocator::create(1 << 24, {}, random);
  for (auto _ : state) {
    auto index = allocator->allocate();
    benchmark::DoNotOptimize(index);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AllocateEmpty);

}  // namespace
}  // namespace microcred::vc

BENCHMARK_MAIN();
