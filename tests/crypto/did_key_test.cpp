#include "crypto/did_key.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <boost/json.hpp>

#include "core/multibase.h"
#include "crypto/multikey.h"
#include "json/parse.h"
#include "support/testsuites.h"

namespace microcred::crypto {
namespace {

// The did:key spec's vector for the Ed25519 seed of 32 zero bytes.
constexpr std::string_view zero_seed_did =
    "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";

TEST(DidKey, MakesTheDidOfAKey) {
  auto pair = KeyPair::from_secret(KeyType::ed25519, Bytes(32, 0));
  ASSERT_TRUE(pair);
  EXPECT_EQ(make_did_key(pair->public_key()), zero_seed_did);
  EXPECT_EQ(did_key_verification_method_id(pair->public_key()),
            std::string(zero_seed_did) + "#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
  EXPECT_EQ(parse_did_key(zero_seed_did).value(), pair->public_key());
}

TEST(DidKey, ResolvesToAMultikeyDocument) {
  const std::string did(zero_seed_did);
  const std::string method = did + "#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
  auto document = resolve_did_key(did);
  ASSERT_TRUE(document) << document.error().message;
  const boost::json::value expected = boost::json::parse(R"({
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    "id": ")" + did + R"(",
    "verificationMethod": [{
      "id": ")" + method + R"(",
      "type": "Multikey",
      "controller": ")" + did + R"(",
      "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
    }],
    "authentication": [")" + method + R"("],
    "assertionMethod": [")" + method + R"("],
    "capabilityDelegation": [")" + method + R"("],
    "capabilityInvocation": [")" + method + R"("]
  })");
  EXPECT_EQ(*document, expected) << boost::json::serialize(*document);
}

TEST(DidKey, ResolvesVerificationMethodUrls) {
  const std::string did(zero_seed_did);
  auto key = resolve_did_key_verification_method(did + "#" + did.substr(8));
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(make_did_key(*key), did);
  auto other = resolve_did_key_verification_method(did + "#key-1");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
  auto bare = resolve_did_key_verification_method(did);
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().code, ErrorCode::invalid_argument);
}

TEST(DidKey, RejectsMalformedDids) {
  const std::string did(zero_seed_did);
  struct Row {
    std::string did;
    ErrorCode code;
  };
  const Row rows[] = {
      {"did:web:example.com", ErrorCode::invalid_argument},
      {"did:key:", ErrorCode::invalid_encoding},
      {did + "/path", ErrorCode::invalid_argument},
      {did + "#frag", ErrorCode::invalid_argument},
      {"did:key:1:" + did.substr(8), ErrorCode::invalid_argument},
      {did.substr(0, did.size() - 1) + "0", ErrorCode::invalid_encoding},  // bad base58
      {"did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F", ErrorCode::unsupported},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.did);
    auto document = resolve_did_key(row.did);
    ASSERT_FALSE(document);
    EXPECT_EQ(document.error().code, row.code) << document.error().message;
  }
}

// --- did-key-spec conformance data (../shared/testsuites/did-key) ---

boost::json::value load_json(const std::filesystem::path& path) {
  auto parsed = json::parse(support::read_file(path), {.max_bytes = 1 << 20, .max_depth = 64});
  EXPECT_TRUE(parsed) << path << ": " << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : boost::json::value();
}

std::string text(const boost::json::value& value) {
  return std::string(value.as_string().data(), value.as_string().size());
}

// Raw key bytes in a 2022 vector's verification method: base58, or JWK x (and y, compressed).
Bytes vector_key_bytes(const boost::json::object& method) {
  if (auto* base58 = method.if_contains("publicKeyBase58")) {
    return base58btc_decode(text(*base58)).value();
  }
  const auto& jwk = method.at("publicKeyJwk").as_object();
  Bytes x = base64url_decode(text(jwk.at("x"))).value();
  if (!jwk.contains("y")) return x;
  Bytes y = base64url_decode(text(jwk.at("y"))).value();
  Bytes compressed{static_cast<std::uint8_t>((y.back() & 1) ? 0x03 : 0x02)};
  compressed.insert(compressed.end(), x.begin(), x.end());
  return compressed;
}

struct Tally {
  int passed = 0;
  int failed = 0;
  void count(bool ok) { ok ? ++passed : ++failed; }
};

// Checks one supported DID against its 2022 vector entry; true when everything matched.
bool check_supported(const std::string& did, const boost::json::object& entry) {
  const bool before = ::testing::Test::HasFailure();
  auto key = parse_did_key(did);
  EXPECT_TRUE(key) << key.error().message;
  if (!key) return false;
  const auto& vector_document = entry.at("didDocument").as_object();
  const auto& vector_method = vector_document.at("verificationMethod").as_array()[0].as_object();
  EXPECT_EQ(key->bytes, vector_key_bytes(vector_method));
  EXPECT_EQ(make_did_key(*key), did);  // re-encodes to the same DID
  auto document = resolve_did_key(did, {.enable_encryption_key_derivation = true});
  EXPECT_TRUE(document) << document.error().message;
  if (!document) return false;
  const auto& ours = document->as_object();
  EXPECT_EQ(text(ours.at("id")), text(vector_document.at("id")));
  const auto& method = ours.at("verificationMethod").as_array()[0].as_object();
  EXPECT_EQ(text(method.at("id")), text(vector_method.at("id")));
  EXPECT_EQ(text(method.at("controller")), did);
  for (const char* relation :
       {"authentication", "assertionMethod", "capabilityDelegation", "capabilityInvocation"}) {
    EXPECT_EQ(ours.at(relation), vector_document.at(relation)) << relation;
  }
  // Ed25519 only: the 2022 P-256/P-384 vectors point keyAgreement at the signing key, which
  // the current spec no longer does.
  auto* agreement = vector_document.if_contains("keyAgreement");
  if (agreement != nullptr && key->type == KeyType::ed25519) {
    EXPECT_EQ(text(ours.at("keyAgreement").as_array()[0].at("id")), text(agreement->as_array()[0]));
  }
  // The private key in the vector gives back the same public key.
  Bytes secret;
  if (auto* seed = entry.if_contains("seed")) secret = hex_decode(text(*seed)).value();
  if (auto* pair_entry = entry.if_contains("verificationMethod")) {
    const auto& private_method = pair_entry->as_object();
    if (auto* base58 = private_method.if_contains("privateKeyBase58")) {
      secret = base58btc_decode(text(*base58)).value();
    }
    if (auto* jwk = private_method.if_contains("privateKeyJwk")) {
      secret = base64url_decode(text(jwk->at("d"))).value();
    }
  }
  if (!secret.empty()) {
    auto pair = KeyPair::from_secret(key->type, secret);
    EXPECT_TRUE(pair) << pair.error().message;
    if (pair) {
      EXPECT_EQ(pair->public_key(), *key);
    }
  }
  return !::testing::Test::HasFailure() || before;
}

void check_unsupported(const std::string& did, Tally& tally) {
  SCOPED_TRACE(did);
  auto document = resolve_did_key(did);
  const bool ok = !document && document.error().code == ErrorCode::unsupported;
  EXPECT_TRUE(ok) << (document ? "resolved" : document.error().message);
  tally.count(ok);
}

TEST(DidKeyConformance, MatchesTheSpecVectors) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  const auto root = suites / "did-key" / "spec";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no did-key folder in " << suites;
  Tally tally;
  for (const char* file : {"ed25519-x25519.json", "nist-curves.json"}) {
    const auto vectors = load_json(root / "test-vectors" / file);
    for (const auto& [did_key_name, entry] : vectors.as_object()) {
      const std::string did(did_key_name);
      SCOPED_TRACE(did);
      if (did.starts_with("did:key:z2J9")) {  // P-521: not supported
        check_unsupported(did, tally);
        continue;
      }
      tally.count(check_supported(did, entry.as_object()));
    }
  }
  const auto x25519 = load_json(root / "test-vectors" / "x25519.json");
  for (const auto& [did, entry] : x25519.at("didDocument").as_object()) {
    check_unsupported(std::string(did), tally);
  }
  const auto secp256k1 = load_json(root / "test-vectors" / "secp256k1.json");
  for (const auto& [did, entry] : secp256k1.as_object()) {
    check_unsupported(std::string(did), tally);
  }
  std::ifstream listed(root / "index-html" / "test-vector-dids.txt");
  for (std::string did; std::getline(listed, did);) {
    if (did.empty()) continue;
    SCOPED_TRACE(did);
    const std::string id = did.substr(8);
    if (id.starts_with("z6Mk") || id.starts_with("zDn") || id.starts_with("z82")) {
      auto key = parse_did_key(did);
      const bool ok = key && make_did_key(*key) == did;
      EXPECT_TRUE(ok) << (key ? "re-encodes differently" : key.error().message);
      tally.count(ok);
    } else {
      check_unsupported(did, tally);
    }
  }
  // The spec's current example document (DID v1.1 context; the rest must match).
  auto example = load_json(root / "index-html" / "ed25519-x25519-multikey.json").as_object();
  auto ours = resolve_did_key(text(example.at("id")), {.enable_encryption_key_derivation = true});
  ASSERT_TRUE(ours) << ours.error().message;
  example.erase("@context");
  ours->as_object().erase("@context");
  const bool same = *ours == boost::json::value(example);
  EXPECT_TRUE(same) << boost::json::serialize(*ours);
  tally.count(same);
  std::printf("did-key: %d passed, %d failed\n", tally.passed, tally.failed);
  // 22 DIDs in test-vectors/ (5 Ed25519, 7 NIST, 4 X25519, 6 secp256k1), 8 listed, 1 example.
  EXPECT_EQ(tally.passed, 22 + 8 + 1);
}

}  // namespace
}  // namespace microcred::crypto
