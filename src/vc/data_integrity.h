#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "core/encoding.h"
#include "core/result.h"
#include "core/time.h"
#include "crypto/key.h"
#include "rdf/jsonld_processor.h"

namespace microcred::vc {

/// The Data Integrity cryptosuites microcred signs and verifies with.
enum class Cryptosuite {
  eddsa_rdfc_2022,  ///< Ed25519 over RDFC-1.0 (the default).
  eddsa_jcs_2022,   ///< Ed25519 over RFC 8785 JCS.
  ecdsa_rdfc_2019,  ///< ECDSA P-256 (SHA-256) or P-384 (SHA-384) over RDFC-1.0.
  ecdsa_jcs_2019,   ///< ECDSA P-256 or P-384 over RFC 8785 JCS.
};

/// The suite's name as `cryptosuite` holds it, e.g. "eddsa-rdfc-2022".
std::string_view to_string(Cryptosuite suite);
/// The suite named `name`; fails with `unsupported` naming it.
Result<Cryptosuite> parse_cryptosuite(std::string_view name);

/// Whether `suite` signs with keys of `type` (EdDSA: Ed25519; ECDSA: P-256 or P-384).
bool suite_accepts(Cryptosuite suite, crypto::KeyType type);

/// The options of one proof (VC Data Integrity 1.0 §4 "proof configuration").
struct ProofOptions {
  Cryptosuite cryptosuite = Cryptosuite::eddsa_rdfc_2022;
  /// The verification method URL, e.g. "did:key:z6Mk...#z6Mk...".
  std::string verification_method;
  std::string proof_purpose = "assertionMethod";
  /// When the proof was made; written as RFC 3339 in UTC, seconds precision.
  Timestamp created;
  /// Presentations: the verifier's challenge and domain, when set.
  std::optional<std::string> challenge;
  std::optional<std::string> domain;
  /// Several domains, written as an array when `domain` is unset and there are two or more
  /// (one is written as a string).
  std::vector<std::string> domains;
  /// When set, written as `expires`: the proof is not valid after this instant.
  std::optional<Timestamp> expires;
};

/// What a cryptosuite hashes and signs, kept for test vectors and diagnostics.
struct HashData {
  std::string canonical_document;      ///< RDFC-1.0 N-Quads or the JCS string.
  std::string canonical_proof_config;  ///< The same transformation of the proof configuration.
  Bytes hash;                          ///< hash(proof config) || hash(document).
};

/// The hash data of `document` (without `proof`) under `proof_config` (a proof without
/// `proofValue`), as the suite named in `proof_config` defines it. RDFC suites expand in
/// safe mode, so an undefined term fails with `unsafe_term` naming it.
Result<HashData> hash_data(const boost::json::object& document,
                           const boost::json::object& proof_config, Cryptosuite suite,
                           crypto::KeyType key_type, rdf::JsonLdProcessor& processor);

/// `document` with one more Data Integrity proof made with `key` (an existing `proof`
/// becomes a proof set). Fails when the key does not suit the cryptosuite
/// (`invalid_argument`), or as `hash_data` does.
Result<boost::json::value> add_proof(const boost::json::value& document, const crypto::KeyPair& key,
                                     const ProofOptions& options, rdf::JsonLdProcessor& processor);
/// The same, taking `document` over instead of copying it (an issuer that has just built or
/// parsed the credential); on failure the document is gone.
Result<boost::json::value> add_proof(boost::json::value&& document, const crypto::KeyPair& key,
                                     const ProofOptions& options, rdf::JsonLdProcessor& processor);

/// The outcome of checking one proof's signature.
struct ProofCheck {
  bool valid = false;
  std::string detail;  ///< Why, for people: "signature does not match", ...
};

/// Checks the signature of `proof` (one element of the document's `proof`) on `document`
/// with `key`. A proof that does not hold is a `ProofCheck` with `valid == false`; an
/// `Error` means it could not be checked (a suite microcred does not know, a document
/// that cannot be canonicalized).
Result<ProofCheck> verify_proof(const boost::json::object& document,
                                const boost::json::object& proof, const crypto::PublicKey& key,
                                rdf::JsonLdProcessor& processor);

}  // namespace microcred::vc
