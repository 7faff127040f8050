// `microcred bench issue` and `microcred bench verify`: credentials per second on one thread,
// in-process, beside libsodium's bare Ed25519 sign/verify rate measured in the same process.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <sodium.h>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "commands.h"
#include "core/time.h"
#include "crypto/key_file.h"
#include "io.h"
#include "json/parse.h"
#include "rdf/context_store.h"
#include "vc/data_integrity.h"
#include "vc/verify.h"

namespace microcred::cli {

namespace {

struct Rate {
  std::uint64_t ops = 0;
  double seconds = 0;
  double per_second() const { return static_cast<double>(ops) / seconds; }
  double us_per_op() const { return 1e6 * seconds / static_cast<double>(ops); }
};

// Runs `op` for `seconds` of wall time (at least once); stops early on an error.
Result<Rate> measure(double seconds, const std::function<Result<void>()>& op) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const auto budget = std::chrono::duration<double>(seconds);
  Rate rate;
  std::chrono::duration<double> elapsed{};
  do {
    if (auto r = op(); !r) return r.error();
    ++rate.ops;
    elapsed = clock::now() - start;
  } while (elapsed < budget);
  rate.seconds = elapsed.count();
  return rate;
}

// What eddsa-rdfc-2022 signs: two SHA-256 hashes, 64 bytes.
constexpr std::size_t signed_bytes = 64;

// libsodium's crypto_sign_detached rate on a 64-byte message, for `seconds`.
Result<Rate> ed25519_sign_rate(double seconds) {
  if (sodium_init() < 0) return make_error(ErrorCode::crypto_error, "libsodium failed to start");
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  unsigned char message[signed_bytes] = {};
  unsigned char signature[crypto_sign_BYTES];
  return measure(seconds, [&]() -> Result<void> {
    crypto_sign_detached(signature, nullptr, message, sizeof message, sk);
    message[0] ^= signature[0];  // each message differs, as real hashes do
    return {};
  });
}

// libsodium's crypto_sign_verify_detached rate on a valid 64-byte message, for `seconds`.
Result<Rate> ed25519_verify_rate(double seconds) {
  if (sodium_init() < 0) return make_error(ErrorCode::crypto_error, "libsodium failed to start");
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  unsigned char message[signed_bytes] = {};
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, message, sizeof message, sk);
  return measure(seconds, [&]() -> Result<void> {
    if (crypto_sign_verify_detached(signature, message, sizeof message, pk) != 0) {
      return make_error(ErrorCode::crypto_error, "libsodium rejected its own signature");
    }
    return {};
  });
}

// The baseline runs a third as long as the operation, at least half a second.
double baseline_seconds(double seconds) {
  return seconds / 3 < 0.5 ? 0.5 : seconds / 3;
}

// Each timed iteration takes the next of this many variants of the input, so that no
// iteration repeats the one before it (nothing may be served from a cache of earlier results).
constexpr std::size_t variant_count = 64;

// A deterministic urn:uuid (version 4 form) for variant `n` of field `field`.
std::string variant_uuid(std::size_t field, std::size_t n) {
  char text[64];
  std::snprintf(text, sizeof text, "urn:uuid:%08zx-6d1f-4b2a-8c3e-%012zx", 0x5eed0000u + field, n);
  return text;
}

// `variant_count` copies of `document` that differ in `id` (added when the document has
// none), `validFrom` (n seconds later) and `credentialSubject.id`, as issuers' credentials
// differ from one another. Without `proof`: the caller signs them.
std::vector<boost::json::value> variants_of(const boost::json::value& document) {
  std::vector<boost::json::value> out;
  out.reserve(variant_count);
  for (std::size_t n = 0; n < variant_count; ++n) {
    boost::json::value copy = document;
    if (auto* object = copy.if_object()) {
      object->erase("proof");
      (*object)["id"] = variant_uuid(0, n);
      if (auto* from = object->if_contains("validFrom"); from && from->is_string()) {
        if (auto when = parse_rfc3339(from->get_string())) {
          when->seconds += static_cast<std::int64_t>(n);
          *from = format_rfc3339(*when);
        }
      }
      if (auto* subject = object->if_contains("credentialSubject");
          subject && subject->is_object()) {
        if (auto* id = subject->get_object().if_contains("id"); id && id->is_string())
          *id = variant_uuid(1, n);
      }
    }
    out.push_back(std::move(copy));
  }
  return out;
}

struct BenchFlags {
  std::string file;
  std::string key;
  std::string suite = "eddsa-rdfc-2022";
  double seconds = 3;
  bool json = false;
};

void print_result(const char* op, const std::string& name, const std::string& suite,
                  std::size_t variants, const Rate& rate, const char* baseline_name,
                  const Rate& baseline, bool json) {
  const double fraction = rate.per_second() / baseline.per_second();
  if (json) {
    std::printf(
        "{\"op\":\"%s\",\"suite\":\"%s\",\"variants\":%zu,\"ops\":%llu,\"seconds\":%.3f,"
        "\"ops_per_s\":%.1f,\"us_per_op\":%.2f,\"%s_per_s\":%.1f,\"fraction_of_ed25519\":%.4f}\n",
        op, suite.c_str(), variants, static_cast<unsigned long long>(rate.ops), rate.seconds,
        rate.per_second(), rate.us_per_op(), baseline_name, baseline.per_second(), fraction);
  } else {
    std::printf("%s %s (%s, %zu variants): %llu ops in %.2f s: %.1f ops/s, %.2f us/op\n", op,
                name.c_str(), suite.c_str(), variants, static_cast<unsigned long long>(rate.ops),
                rate.seconds, rate.per_second(), rate.us_per_op());
    std::printf("libsodium %s: %.1f ops/s; %s runs at %.1f%% of it\n", baseline_name,
                baseline.per_second(), op, 100 * fraction);
  }
}

int run_bench_issue(const BenchFlags& flags) {
  auto key = crypto::read_key_file(flags.key);
  if (!key) return report(key.error(), flags.key);
  auto suite = vc::parse_cryptosuite(flags.suite);
  if (!suite) return report(suite.error(), "--suite");
  const std::string name = input_name(flags.file);
  auto text = read_input(flags.file);
  if (!text) return report(text.error());
  auto document = json::parse(*text, json::credential_limits);
  if (!document) return report(document.error(), name);

  vc::ProofOptions options;
  options.cryptosuite = *suite;
  options.verification_method = key->id;
  options.created = SystemClock().now();
  auto store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(store);
  // The variants as text: each iteration parses its own.
  std::vector<std::string> texts;
  for (const auto& variant : variants_of(*document))
    texts.push_back(boost::json::serialize(variant));
  std::size_t next = 0;
  std::size_t sink = 0;
  // Parse, add a proof, serialize: what `microcred sign` does between reading and writing.
  auto once = [&]() -> Result<void> {
    auto parsed = json::parse(texts[next++ % texts.size()], json::credential_limits);
    if (!parsed) return parsed.error();
    auto signed_document = vc::add_proof(std::move(*parsed), key->key, options, processor);
    if (!signed_document) return signed_document.error();
    sink += boost::json::serialize(*signed_document).size();
    return {};
  };
  // One run of each variant outside the clock checks them and warms the context cache.
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (auto first = once(); !first) return report(first.error(), name);
  }
  auto rate = measure(flags.seconds, once);
  if (!rate) return report(rate.error(), name);
  auto baseline = ed25519_sign_rate(baseline_seconds(flags.seconds));
  if (!baseline) return report(baseline.error());
  print_result("issue", name, flags.suite, texts.size(), *rate, "ed25519_sign", *baseline,
               flags.json);
  (void)sink;
  return exit_ok;
}

int run_bench_verify(const BenchFlags& flags) {
  const std::string name = input_name(flags.file);
  auto text = read_input(flags.file);
  if (!text) return report(text.error());
  auto document = json::parse(*text, json::credential_limits);
  if (!document) return report(document.error(), name);
  vc::VerifyOptions options;
  options.now = SystemClock().now();
  vc::DidResolver dids;  // did:key resolves without documents
  options.dids = &dids;
  auto store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(store);
  std::string suite = "?";
  const boost::json::object* proof = nullptr;
  if (const auto* object = document->if_object()) {
    if (const auto* p = object->if_contains("proof"); p && p->is_object()) proof = &p->get_object();
  }
  if (proof != nullptr) {
    if (const auto* cs = proof->if_contains("cryptosuite"); cs && cs->is_string())
      suite = std::string(cs->get_string());
  }
  // With the issuer's key, each iteration verifies another variant, signed here with the
  // proof options of the file; without it, the file itself every time.
  std::vector<std::string> texts;
  if (!flags.key.empty()) {
    auto key = crypto::read_key_file(flags.key);
    if (!key) return report(key.error(), flags.key);
    if (proof == nullptr) {
      return report(make_error(ErrorCode::invalid_argument,
                               "--key needs a credential with one proof to copy its options"),
                    name);
    }
    auto proof_suite = vc::parse_cryptosuite(suite);
    if (!proof_suite) return report(proof_suite.error(), name);
    vc::ProofOptions proof_options;
    proof_options.cryptosuite = *proof_suite;
    proof_options.verification_method = key->id;
    proof_options.created = options.now;
    if (const auto* created = proof->if_contains("created"); created && created->is_string()) {
      if (auto when = parse_rfc3339(created->get_string())) proof_options.created = *when;
    }
    for (const auto& variant : variants_of(*document)) {
      auto signed_variant = vc::add_proof(variant, key->key, proof_options, processor);
      if (!signed_variant) return report(signed_variant.error(), name);
      texts.push_back(boost::json::serialize(*signed_variant));
    }
  } else {
    texts.push_back(*text);
  }
  std::size_t next = 0;
  // The whole pipeline from the text, as `microcred verify` runs it.
  auto once = [&]() -> Result<void> {
    auto report = vc::verify_credential(texts[next++ % texts.size()], options, processor);
    if (!report) return report.error();
    if (!report->verified) {
      std::string failed;
      for (const auto& check : report->checks) {
        if (check.outcome == vc::CheckOutcome::failed)
          failed += (failed.empty() ? "" : "; ") + check.name + ": " + check.detail;
      }
      return make_error(
          ErrorCode::invalid_argument,
          "the credential does not verify, so there is nothing to time (" + failed + ")");
    }
    return {};
  };
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (auto first = once(); !first) {
      report(first.error(), name);
      return exit_check_failed;
    }
  }
  auto rate = measure(flags.seconds, once);
  if (!rate) return report(rate.error(), name);
  auto baseline = ed25519_verify_rate(baseline_seconds(flags.seconds));
  if (!baseline) return report(baseline.error());
  print_result("verify", name, suite, texts.size(), *rate, "ed25519_verify", *baseline, flags.json);
  return exit_ok;
}

void add_common_flags(CLI::App* cmd, BenchFlags& flags) {
  cmd->add_option("--seconds", flags.seconds, "How long to run (default 3)")
      ->check(CLI::Range(0.01, 3600.0));
  cmd->add_flag("--json", flags.json, "Print one JSON object");
}

}  // namespace

void add_bench_vc_commands(CLI::App& app, int& exit_code) {
  {
    auto flags = std::make_shared<BenchFlags>();
    auto* cmd = bench_group(app)->add_subcommand(
        "issue",
        "Parse a credential, add a Data Integrity proof and serialize it repeatedly (64 "
        "variants of FILE in turn); print ops/s beside libsodium's Ed25519 sign rate");
    cmd->add_option("FILE", flags->file, "Credential JSON, or - for standard input")->required();
    cmd->add_option("--key", flags->key, "Key file from `microcred keygen`")->required();
    cmd->add_option("--suite", flags->suite,
                    "eddsa-rdfc-2022 (default), eddsa-jcs-2022, ecdsa-rdfc-2019, ecdsa-jcs-2019");
    add_common_flags(cmd, *flags);
    cmd->callback([flags, &exit_code] { exit_code = run_bench_issue(*flags); });
  }
  {
    auto flags = std::make_shared<BenchFlags>();
    auto* cmd = bench_group(app)->add_subcommand(
        "verify",
        "Verify a signed credential repeatedly (the whole verifier pipeline, did:key "
        "resolution included); print ops/s beside libsodium's Ed25519 verify rate");
    cmd->add_option("FILE", flags->file, "Signed credential JSON, or - for standard input")
        ->required();
    cmd->add_option("--key", flags->key,
                    "The issuer's key file: verify 64 variants of FILE signed with it, not FILE "
                    "itself every time");
    add_common_flags(cmd, *flags);
    cmd->callback([flags, &exit_code] { exit_code = run_bench_verify(*flags); });
  }
}

}  // namespace microcred::cli
