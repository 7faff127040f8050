// Ed25519 and ECDSA P-256 sign/verify, and SHA-256, on a 2 KB message: the size of a
// canonicalized micro-credential. Items per second are signatures made or checked.
#include <benchmark/benchmark.h>

#include <string>

#include "crypto/key.h"
#include "crypto/random.h"
#include "crypto/sha2.h"

namespace {

using microcred::as_bytes;
using microcred::crypto::DeterministicRandom;
using microcred::crypto::KeyPair;
using microcred::crypto::KeyType;

constexpr std::size_t message_size = 2048;
const std::string message(message_size, 'c');

KeyPair bench_key(KeyType type) {
  DeterministicRandom random({1});
  return KeyPair::generate(type, random).value();
}

void sign(benchmark::State& state, KeyType type) {
  const KeyPair key = bench_key(type);
  for (auto _ : state) {
    auto signature = key.sign(as_bytes(message));
    benchmark::DoNotOptimize(signature);
  }
  state.SetItemsProcessed(state.iterations());
}

void verify(benchmark::State& state, KeyType type) {
  const KeyPair key = bench_key(type);
  const auto signature = key.sign(as_bytes(message)).value();
  for (auto _ : state) {
    auto verified = microcred::crypto::verify(key.public_key(), as_bytes(message), signature);
    if (!verified || !*verified) state.SkipWithError("signature did not verify");
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}

void Sha256(benchmark::State& state) {
  for (auto _ : state) {
    auto digest = microcred::crypto::sha256(as_bytes(message));
    benchmark::DoNotOptimize(digest);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message_size));
}

BENCHMARK_CAPTURE(sign, Ed25519, KeyType::ed25519);
BENCHMARK_CAPTURE(verify, Ed25519, KeyType::ed25519);
BENCHMARK_CAPTURE(sign, P256, KeyType::p256);
BENCHMARK_CAPTURE(verify, P256, KeyType::p256);
BENCHMARK(Sha256);

}  // namespace

BENCHMARK_MAIN();
