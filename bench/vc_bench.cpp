// Issuing and verifying an eddsa-rdfc-2022 credential, stage by stage and whole, on the EU
// micro-credential in bench/data/ob3-microcredential-eu.json (single thread, warm context
// cache as in a long-running issuer or verifier). Each iteration of the whole-pipeline
// benchmarks works on a different credential (its id, validFrom and subject differ), as a
// real issuer's would.
//   build/bench/vc_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "crypto/did_key.h"
#include "crypto/key.h"
#include "crypto/sha2.h"
#include "json/parse.h"
#include "rdf/jsonld.h"
#include "vc/data_integrity.h"

namespace microcred {
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

template <class T>
T must(Result<T> r) {
  if (!r) {
    std::fprintf(stderr, "bench input: %s\n", describe(r.error()).c_str());
    std::exit(2);
  }
  return std::move(*r);
}

// The RFC 8032 test 1 seed: a fixed key, so runs compare.
constexpr std::array<std::uint8_t, 32> seed = {
    0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
    0x44, 0x49, 0xc5, 0x69, 0x7b, 0x69, 0x19, 0x70, 0x03, 0x1c, 0xae, 0x7f, 0x60, 0x84, 0x14, 0x1a};

constexpr std::size_t variants = 64;

struct Fixture {
  rdf::ContextStore store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor{store};
  crypto::KeyPair key = must(crypto::KeyPair::from_secret(crypto::KeyType::ed25519, seed));
  std::string did = crypto::make_did_key(key.public_key());
  vc::ProofOptions options;
  // `variants` credentials that differ in id, validFrom and subject id, as text.
  std::vector<std::string> texts;
  std::vector<std::string> signed_texts;
  boost::json::value document;
  boost::json::object unsecured;
  boost::json::object proof_config;
  boost::json::value expanded;
  rdf::Dataset dataset;
  std::string canonical;

  Fixture() {
    options.verification_method = crypto::did_key_verification_method_id(key.public_key());
    options.created = Timestamp{1'780'000'000, 0};
    auto base = must(json::parse(read_data("ob3-microcredential-eu.json")));
    base.as_object()["issuer"].as_object()["id"] = did;
    for (std::size_t i = 0; i < variants; ++i) {
      auto copy = base;
      auto& object = copy.as_object();
      char id[64];
      std::snprintf(id, sizeof id, "urn:uuid:6f1c2a58-3c1e-4b6e-9a59-%012zx", i);
      object["id"] = id;
      char valid_from[32];
      std::snprintf(valid_from, sizeof valid_from, "2026-06-30T10:%02zu:%02zuZ", i / 60, i % 60);
      object["validFrom"] = valid_from;
      object["credentialSubject"].as_object()["id"] = "urn:example:learner:" + std::to_string(i);
      texts.push_back(boost::json::serialize(copy));
      auto signed_document = must(vc::add_proof(copy, key, options, processor));
      signed_texts.push_back(boost::json::serialize(signed_document));
    }
    document = must(json::parse(texts[0]));
    unsecured = document.as_object();
    auto signed_document = must(json::parse(signed_texts[0]));
    proof_config = signed_document.as_object()["proof"].as_object();
    proof_config.erase("proofValue");
    proof_config["@context"] = unsecured["@context"];
    expanded = must(rdf::expand(document, processor, {.safe_mode = true}));
    dataset = must(rdf::deserialize(expanded, {.safe_mode = true}));
    canonical = must(rdf::canonicalize(dataset)).nquads;
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Parse(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(json::parse(f.texts[0], json::credential_limits));
  state.SetItemsProcessed(state.iterations());
}

void BM_CopyDocument(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    boost::json::value copy(f.document);
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Expand(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(rdf::expand(f.document, f.processor, {.safe_mode = true}));
  state.SetItemsProcessed(state.iterations());
}

void BM_ToRdf(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(rdf::deserialize(f.expanded, {.safe_mode = true}));
  state.SetItemsProcessed(state.iterations());
}

void BM_Rdfc10(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(rdf::canonicalize(f.dataset));
  state.SetItemsProcessed(state.iterations());
}

void BM_CanonicalizeJsonLd(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(rdf::canonicalize_jsonld(f.document, f.processor));
  state.SetItemsProcessed(state.iterations());
}

void BM_CanonicalizeProofConfig(benchmark::State& state) {
  auto& f = fixture();
  boost::json::value config(f.proof_config);
  for (auto _ : state)
    benchmark::DoNotOptimize(rdf::canonicalize_jsonld(config, f.processor));
  state.SetItemsProcessed(state.iterations());
}

void BM_Sha256Canonical(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(crypto::sha256(as_bytes(f.canonical)));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(f.canonical.size()));
}

void BM_Ed25519Sign(benchmark::State& state) {
  auto& f = fixture();
  std::array<std::uint8_t, 64> message{};
  for (auto _ : state) {
    auto signature = f.key.sign(message);
    message[0] ^= (*signature)[0];
    benchmark::DoNotOptimize(signature);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_HashData(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(vc::hash_data(f.unsecured, f.proof_config,
                                           vc::Cryptosuite::eddsa_rdfc_2022,
                                           crypto::KeyType::ed25519, f.processor));
  state.SetItemsProcessed(state.iterations());
}

void BM_AddProof(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state)
    benchmark::DoNotOptimize(vc::add_proof(f.document, f.key, f.options, f.processor));
  state.SetItemsProcessed(state.iterations());
}

void BM_Serialize(benchmark::State& state) {
  auto& f = fixture();
  auto signed_document = must(vc::add_proof(f.document, f.key, f.options, f.processor));
  for (auto _ : state)
    benchmark::DoNotOptimize(boost::json::serialize(signed_document));
  state.SetItemsProcessed(state.iterations());
}

// What `microcred bench issue` times: parse, add a proof, serialize; a different credential
// each time.
void BM_Issue(benchmark::State& state) {
  auto& f = fixture();
  std::size_t i = 0;
  for (auto _ : state) {
    auto document = must(json::parse(f.texts[i++ % variants], json::credential_limits));
    auto signed_document = must(vc::add_proof(std::move(document), f.key, f.options, f.processor));
    benchmark::DoNotOptimize(boost::json::serialize(signed_document));
  }
  state.SetItemsProcessed(state.iterations());
}

// The proof check of verification: parse, then verify_proof with the key known.
void BM_VerifyProof(benchmark::State& state) {
  auto& f = fixture();
  std::size_t i = 0;
  for (auto _ : state) {
    auto document = must(json::parse(f.signed_texts[i++ % variants], json::credential_limits));
    const auto& proof = document.as_object()["proof"].as_object();
    auto check =
        must(vc::verify_proof(document.as_object(), proof, f.key.public_key(), f.processor));
    if (!check.valid) state.SkipWithError(check.detail.c_str());
    benchmark::DoNotOptimize(check);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace
}  // namespace microcred

// VC_BENCH_ITERATIONS=N runs each benchmark exactly N times (for instruction counts under
// valgrind --tool=callgrind, where timing means nothing). The fixture is built first, outside
// every benchmark.
int main(int argc, char** argv) {
  using namespace microcred;
  fixture();
  const char* fixed = std::getenv("VC_BENCH_ITERATIONS");
  for (auto [name, function] :
       {std::pair{"BM_Parse", &BM_Parse}, std::pair{"BM_CopyDocument", &BM_CopyDocument},
        std::pair{"BM_Expand", &BM_Expand}, std::pair{"BM_ToRdf", &BM_ToRdf},
        std::pair{"BM_Rdfc10", &BM_Rdfc10},
        std::pair{"BM_CanonicalizeJsonLd", &BM_CanonicalizeJsonLd},
        std::pair{"BM_CanonicalizeProofConfig", &BM_CanonicalizeProofConfig},
        std::pair{"BM_Sha256Canonical", &BM_Sha256Canonical},
        std::pair{"BM_Ed25519Sign", &BM_Ed25519Sign}, std::pair{"BM_HashData", &BM_HashData},
        std::pair{"BM_AddProof", &BM_AddProof}, std::pair{"BM_Serialize", &BM_Serialize},
        std::pair{"BM_Issue", &BM_Issue}, std::pair{"BM_VerifyProof", &BM_VerifyProof}}) {
    auto* registered = benchmark::RegisterBenchmark(name, function);
    if (fixed != nullptr) registered->Iterations(std::atoll(fixed));
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
