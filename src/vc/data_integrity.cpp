#include "vc/data_integrity.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <boost/json.hpp>

#include "core/multibase.h"
#include "crypto/sha2.h"
#include "json/jcs.h"
#include "rdf/jsonld.h"

namespace microcred::vc {

namespace {

namespace bj = boost::json;

constexpr std::string_view proof_type = "DataIntegrityProof";

bool is_rdfc(Cryptosuite suite) {
  return suite == Cryptosuite::eddsa_rdfc_2022 || suite == Cryptosuite::ecdsa_rdfc_2019;
}

std::size_t signature_length(crypto::KeyType type) {
  return type == crypto::KeyType::p384 ? 96 : 64;
}

// The suite's transformation of `document` without its member `without` (none when empty).
Result<std::string> transform(const bj::object& document, std::string_view without,
                              Cryptosuite suite, rdf::JsonLdProcessor& processor) {
  if (is_rdfc(suite)) {
    // Safe mode (the default); the document is read in place, not copied.
    rdf::JsonLdCanonicalizeOptions options;
    options.expand.without_member = without;
    options.canonicalize.issued_map = false;
    auto canonical = rdf::canonicalize_jsonld(document, processor, options);
    if (!canonical) return canonical.error();
    return std::move(canonical->nquads);
  }
  bj::value value(document);
  if (!without.empty()) value.get_object().erase(without);
  return json::canonicalize(value);
}

Bytes digest(std::string_view text, crypto::KeyType type) {
  if (type == crypto::KeyType::p384) {
    auto d = crypto::sha384(as_bytes(text));
    return Bytes(d.begin(), d.end());
  }
  auto d = crypto::sha256(as_bytes(text));
  return Bytes(d.begin(), d.end());
}

// VC Data Integrity 1.0, verify proof: when the proof names its own @context, the
// document's @context must start with the same values in the same order.
bool contexts_match(const bj::value* document_context, const bj::value& proof_context) {
  if (document_context == nullptr) return false;
  if (!proof_context.is_array()) return *document_context == proof_context;
  const auto& expected = proof_context.get_array();
  if (!document_context->is_array()) {
    return expected.size() == 1 && expected[0] == *document_context;
  }
  const auto& actual = document_context->get_array();
  if (actual.size() < expected.size()) return false;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (actual[i] != expected[i]) return false;
  }
  return true;
}

// VC 2.0's context ends in "@vocab": ".../issuer-dependent#", so safe mode lets undefined
// terms through under that namespace; an issuer must not sign them (VC DM 2.0 §5.2).
std::string issuer_dependent_term(std::string_view nquads) {
  constexpr std::string_view prefix = "<https://www.w3.org/ns/credentials/issuer-dependent#";
  // The 20-odd KB of a credential's N-Quads, 16 positions at a time: a candidate has the
  // prefix's first and last bytes the right distance apart, which almost no position has
  // (find() would stop at every '<', Horspool's skips are short in IRIs).
  std::size_t at = std::string_view::npos;
  std::size_t i = 0;
#if defined(__SSE2__)
  const auto* bytes = reinterpret_cast<const unsigned char*>(nquads.data());
  const __m128i first = _mm_set1_epi8(prefix.front());
  const __m128i last = _mm_set1_epi8(prefix.back());
  for (; at == std::string_view::npos && i + prefix.size() + 15 <= nquads.size(); i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    const __m128i b =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i + prefix.size() - 1));
    auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
    while (mask != 0) {
      const std::size_t candidate = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (nquads.substr(candidate, prefix.size()) == prefix) {
        at = candidate;
        break;
      }
      mask &= mask - 1;
    }
  }
#endif
  if (at == std::string_view::npos) at = nquads.find(prefix, i);
  if (at == std::string_view::npos) return {};
  auto start = at + prefix.size();
  auto end = nquads.find('>', start);
  return std::string(nquads.substr(start, end - start));
}

// hash_data for `document` without its member `without` (none when empty).
Result<HashData> hash_data_without(const bj::object& document, std::string_view without,
                                   const bj::object& proof_config, Cryptosuite suite,
                                   crypto::KeyType key_type, rdf::JsonLdProcessor& processor) {
  HashData data;
  auto canonical_config = transform(proof_config, {}, suite, processor);
  if (!canonical_config) return canonical_config.error();
  auto canonical_document = transform(document, without, suite, processor);
  if (!canonical_document) return canonical_document.error();
  data.canonical_proof_config = std::move(*canonical_config);
  data.canonical_document = std::move(*canonical_document);
  data.hash = digest(data.canonical_proof_config, key_type);
  Bytes document_hash = digest(data.canonical_document, key_type);
  data.hash.insert(data.hash.end(), document_hash.begin(), document_hash.end());
  return data;
}

}  // namespace

std::string_view to_string(Cryptosuite suite) {
  switch (suite) {
    case Cryptosuite::eddsa_rdfc_2022:
      return "eddsa-rdfc-2022";
    case Cryptosuite::eddsa_jcs_2022:
      return "eddsa-jcs-2022";
    case Cryptosuite::ecdsa_rdfc_2019:
      return "ecdsa-rdfc-2019";
    case Cryptosuite::ecdsa_jcs_2019:
      return "ecdsa-jcs-2019";
  }
  return "eddsa-rdfc-2022";
}

Result<Cryptosuite> parse_cryptosuite(std::string_view name) {
  for (auto suite : {Cryptosuite::eddsa_rdfc_2022, Cryptosuite::eddsa_jcs_2022,
                     Cryptosuite::ecdsa_rdfc_2019, Cryptosuite::ecdsa_jcs_2019}) {
    if (to_string(suite) == name) return suite;
  }
  return make_error(ErrorCode::unsupported,
                    "cryptosuite \"" + std::string(name) +
                        "\" is not supported (eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, "
                        "ecdsa-jcs-2019)");
}

bool suite_accepts(Cryptosuite suite, crypto::KeyType type) {
  bool eddsa = suite == Cryptosuite::eddsa_rdfc_2022 || suite == Cryptosuite::eddsa_jcs_2022;
  return eddsa == (type == crypto::KeyType::ed25519);
}

Result<HashData> hash_data(const bj::object& document, const bj::object& proof_config,
                           Cryptosuite suite, crypto::KeyType key_type,
                           rdf::JsonLdProcessor& processor) {
  return hash_data_without(document, {}, proof_config, suite, key_type, processor);
}

Result<bj::value> add_proof(const bj::value& document, const crypto::KeyPair& key,
                            const ProofOptions& options, rdf::JsonLdProcessor& processor) {
  if (!document.is_object()) {
    return make_error(ErrorCode::invalid_argument, "a credential must be a JSON object");
  }
  return add_proof(bj::value(document), key, options, processor);
}

Result<bj::value> add_proof(bj::value&& document, const crypto::KeyPair& key,
                            const ProofOptions& options, rdf::JsonLdProcessor& processor) {
  if (!document.is_object()) {
    return make_error(ErrorCode::invalid_argument, "a credential must be a JSON object");
  }
  if (!suite_accepts(options.cryptosuite, key.type())) {
    return make_error(ErrorCode::invalid_argument,
                      std::string(to_string(options.cryptosuite)) + " cannot sign with a " +
                          std::string(crypto::to_string(key.type())) + " key");
  }
  if (options.verification_method.empty()) {
    return make_error(ErrorCode::invalid_argument, "a proof needs a verificationMethod");
  }
  // The document becomes the secured document; it is hashed in place, without the proofs
  // it may already have (a proof set), and never copied.
  bj::object& secured = document.get_object();
  const bool has_proof = secured.contains("proof");

  bj::object config;
  config["type"] = proof_type;
  config["cryptosuite"] = to_string(options.cryptosuite);
  config["created"] = format_rfc3339({options.created.seconds, 0});
  config["verificationMethod"] = options.verification_method;
  config["proofPurpose"] = options.proof_purpose;
  if (options.challenge) config["challenge"] = *options.challenge;
  if (options.domain) {
    config["domain"] = *options.domain;
  } else if (options.domains.size() == 1) {
    config["domain"] = options.domains.front();
  } else if (!options.domains.empty()) {
    bj::array domains;
    for (const auto& domain : options.domains)
      domains.emplace_back(domain);
    config["domain"] = std::move(domains);
  }
  if (options.expires) config["expires"] = format_rfc3339({options.expires->seconds, 0});
  if (auto* context = secured.if_contains("@context")) config["@context"] = *context;

  auto data = hash_data_without(secured, has_proof ? "proof" : "", config, options.cryptosuite,
                                key.type(), processor);
  if (!data) return data.error();
  if (auto undefined = issuer_dependent_term(data->canonical_document); !undefined.empty()) {
    return make_error(ErrorCode::unsafe_term,
                      "term \"" + undefined +
                          "\" is not defined by the credential's contexts (VC 2.0 maps it to "
                          "the issuer-dependent vocabulary); define it in a context before "
                          "signing");
  }
  auto signature = key.sign(data->hash);
  if (!signature) return signature.error();

  // The rdfc suites' proofs carry no @context of their own; the jcs suites keep it, as the
  // W3C test vectors show.
  if (is_rdfc(options.cryptosuite)) config.erase("@context");
  config["proofValue"] = multibase_encode(*signature);

  if (!has_proof) {
    secured["proof"] = std::move(config);
  } else {
    bj::value& existing = secured["proof"];
    if (!existing.is_array()) existing = bj::array{std::move(existing)};
    existing.get_array().emplace_back(std::move(config));
  }
  return std::move(document);
}

Result<ProofCheck> verify_proof(const bj::object& document, const bj::object& proof,
                                const crypto::PublicKey& key, rdf::JsonLdProcessor& processor) {
  auto string_member = [&](std::string_view name) -> const bj::string* {
    const auto* member = proof.if_contains(name);
    return member != nullptr && member->is_string() ? &member->get_string() : nullptr;
  };
  const bj::string* type = string_member("type");
  if (type == nullptr || *type != proof_type) {
    return ProofCheck{false, "proof type is not DataIntegrityProof"};
  }
  const bj::string* suite_name = string_member("cryptosuite");
  if (suite_name == nullptr) return ProofCheck{false, "proof has no cryptosuite"};
  auto suite = parse_cryptosuite(*suite_name);
  if (!suite) return suite.error();
  if (!suite_accepts(*suite, key.type)) {
    return ProofCheck{false, "the key is " + std::string(crypto::to_string(key.type)) + ", which " +
                                 std::string(to_string(*suite)) + " does not use"};
  }
  const bj::string* proof_value = string_member("proofValue");
  if (proof_value == nullptr) return ProofCheck{false, "proof has no proofValue"};
  if (proof_value->empty() || proof_value->front() != 'z') {
    return ProofCheck{false, "proofValue is not multibase base58btc ('z')"};
  }
  auto signature = multibase_decode(*proof_value);
  if (!signature) return ProofCheck{false, "proofValue: " + signature.error().message};
  if (signature->size() != signature_length(key.type)) {
    return ProofCheck{false, "proofValue holds " + std::to_string(signature->size()) +
                                 " bytes, not the " + std::to_string(signature_length(key.type)) +
                                 " of a signature"};
  }
  const bj::string* created = string_member("created");
  if (proof.contains("created") && (created == nullptr || !parse_rfc3339(*created))) {
    return ProofCheck{false, "proof created is not an RFC 3339 date-time"};
  }

  bj::object config = proof;
  config.erase("proofValue");
  Result<HashData> data = HashData{};
  if (const auto* proof_context = proof.if_contains("@context")) {
    if (!contexts_match(document.if_contains("@context"), *proof_context)) {
      return ProofCheck{false, "the proof's @context does not begin the document's @context"};
    }
    // The proof's @context stands for the document's: a copy with it in place.
    bj::object unsecured = document;
    unsecured.erase("proof");
    unsecured["@context"] = *proof_context;
    config["@context"] = *proof_context;
    data = hash_data(unsecured, config, *suite, key.type, processor);
  } else {
    // The document is hashed in place, without its proof: no copy.
    if (const auto* context = document.if_contains("@context")) config["@context"] = *context;
    data = hash_data_without(document, "proof", config, *suite, key.type, processor);
  }
  if (!data) return data.error();
  auto ok = crypto::verify(key, data->hash, *signature);
  if (!ok) return ok.error();
  if (!*ok) return ProofCheck{false, "signature does not match the credential"};
  return ProofCheck{true, "signature valid (" + std::string(to_string(*suite)) + ")"};
}

}  // namespace microcred::vc
