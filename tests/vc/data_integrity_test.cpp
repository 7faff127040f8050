// Data Integrity proofs against the W3C vc-di-eddsa and vc-di-ecdsa test vectors.
#include "vc/data_integrity.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/multibase.h"
#include "crypto/multikey.h"
#include "json/parse.h"
#include "rdf/context_store.h"
#include "support/testsuites.h"

namespace microcred::vc {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;

bj::value read_json(const fs::path& path) {
  auto value = json::parse(support::read_file(path));
  if (!value) throw std::runtime_error(path.string() + ": " + value.error().message);
  return *value;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

// The embedded contexts plus the W3C example contexts the vectors use.
rdf::ContextStore vector_contexts(const fs::path& suites) {
  rdf::ContextStore store = rdf::ContextStore::embedded();
  bj::value index = read_json(suites / "contexts" / "index.json");
  for (const auto& [url, file] : index.at("contexts").as_object()) {
    if (store.contains(url)) continue;
    auto added = store.add(std::string(url),
                           support::read_file(suites / "contexts" / std::string(file.as_string())));
    if (!added) throw std::runtime_error(added.error().message);
  }
  return store;
}

struct Vector {
  const char* folder;
  const char* suffix;
  const char* input;
  Cryptosuite suite;
};

class EddsaVectors : public ::testing::TestWithParam<Vector> {};

TEST_P(EddsaVectors, ReproducesEveryStepAndTheSignature) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  const Vector& v = GetParam();
  fs::path base = suites / "vc-di-eddsa" / "spec" / "TestVectors";
  fs::path dir = base / v.folder;
  auto store = vector_contexts(suites);
  rdf::JsonLdProcessor processor(store);

  auto key = crypto::decode_secret_key_multibase(
      read_json(base / "keyPair.json").at("privateKeyMultibase").as_string());
  ASSERT_TRUE(key) << key.error().message;

  bj::value unsigned_doc = read_json(base / v.input);
  bj::value config = read_json(dir / (std::string("proofConfig") + v.suffix + ".json"));
  auto data =
      hash_data(unsigned_doc.as_object(), config.as_object(), v.suite, key->type(), processor);
  ASSERT_TRUE(data) << data.error().message;
  EXPECT_EQ(data->canonical_document,
            support::read_file(dir / (std::string("canonDoc") + v.suffix + ".txt")));
  EXPECT_EQ(data->canonical_proof_config,
            support::read_file(dir / (std::string("proofCanon") + v.suffix + ".txt")));
  EXPECT_EQ(hex_encode(data->hash),
            trimmed(support::read_file(dir / (std::string("combinedHash") + v.suffix + ".txt"))));

  ProofOptions options;
  options.cryptosuite = v.suite;
  options.verification_method = std::string(config.at("verificationMethod").as_string());
  options.created = *parse_rfc3339(config.at("created").as_string());
  auto signed_doc = add_proof(unsigned_doc, *key, options, processor);
  ASSERT_TRUE(signed_doc) << signed_doc.error().message;
  EXPECT_EQ(*signed_doc, read_json(dir / (std::string("signed") + v.suffix + ".json")));

  const auto& secured = signed_doc->as_object();
  auto check = verify_proof(secured, secured.at("proof").as_object(), key->public_key(), processor);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->valid) << check->detail;
}

INSTANTIATE_TEST_SUITE_P(W3C, EddsaVectors,
                         ::testing::Values(Vector{"eddsa-rdfc-2022", "DataInt", "unsigned.json",
                                                  Cryptosuite::eddsa_rdfc_2022},
                                           Vector{"eddsa-rdfc-2022/employ", "DataInt",
                                                  "employmentAuth.json",
                                                  Cryptosuite::eddsa_rdfc_2022},
                                           Vector{"eddsa-jcs-2022", "JCS", "unsigned.json",
                                                  Cryptosuite::eddsa_jcs_2022}),
                         [](const auto& info) {
                           std::string name = info.param.folder;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

struct EcdsaVector {
  const char* folder;
  const char* suffix;
  const char* input;
  const char* key_file;
  Cryptosuite suite;
};

class EcdsaVectors : public ::testing::TestWithParam<EcdsaVector> {};

TEST_P(EcdsaVectors, ReproducesHashesAndVerifiesTheSignature) {
  MICROCRED_REQUIRE_TESTSUITES(suites);
  const EcdsaVector& v = GetParam();
  fs::path base = suites / "vc-di-ecdsa" / "spec" / "TestVectors";
  fs::path dir = base / v.folder;
  auto store = vector_contexts(suites);
  rdf::JsonLdProcessor processor(store);
  auto key = crypto::decode_secret_key_multibase(
      read_json(base / v.key_file).at("secretKeyMultibase").as_string());
  ASSERT_TRUE(key) << key.error().message;

  bj::value config = read_json(dir / (std::string("proofConfig") + v.suffix + ".json"));
  auto data = hash_data(read_json(base / v.input).as_object(), config.as_object(), v.suite,
                        key->type(), processor);
  ASSERT_TRUE(data) << data.error().message;
  EXPECT_EQ(data->canonical_proof_config,
            support::read_file(dir / (std::string("proofCanon") + v.suffix + ".txt")));
  EXPECT_EQ(hex_encode(data->hash),
            trimmed(support::read_file(dir / (std::string("combinedHash") + v.suffix + ".txt"))));

  bj::value signed_doc = read_json(dir / (std::string("signed") + v.suffix + ".json"));
  const auto& secured = signed_doc.as_object();
  auto check = verify_proof(secured, secured.at("proof").as_object(), key->public_key(), processor);
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_TRUE(check->valid) << check->detail;

  // ECDSA is randomized: a fresh signature differs but must verify too.
  ProofOptions options;
  options.cryptosuite = v.suite;
  options.verification_method = std::string(config.at("verificationMethod").as_string());
  options.created = *parse_rfc3339(config.at("created").as_string());
  auto resigned = add_proof(read_json(base / v.input), *key, options, processor);
  ASSERT_TRUE(resigned) << resigned.error().message;
  const auto& ours = resigned->as_object();
  auto again = verify_proof(ours, ours.at("proof").as_object(), key->public_key(), processor);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->valid) << again->detail;
}

INSTANTIATE_TEST_SUITE_P(
    W3C, EcdsaVectors,
    ::testing::Values(EcdsaVector{"ecdsa-rdfc-2019-p256", "ECDSAP256", "unsigned.json",
                                  "p256KeyPair.json", Cryptosuite::ecdsa_rdfc_2019},
                      EcdsaVector{"ecdsa-rdfc-2019-p384", "ECDSAP384", "unsigned.json",
                                  "p384KeyPair.json", Cryptosuite::ecdsa_rdfc_2019},
                      EcdsaVector{"ecdsa-jcs-2019-p256", "JCSECDSAP256", "unsigned.json",
                                  "p256KeyPair.json", Cryptosuite::ecdsa_jcs_2019},
                      EcdsaVector{"ecdsa-jcs-2019-p384", "JCSECDSAP384", "unsigned.json",
                                  "p384KeyPair.json", Cryptosuite::ecdsa_jcs_2019}),
    [](const auto& info) {
      std::string name = info.param.folder;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

class DataIntegrity : public ::testing::Test {
 protected:
  void SetUp() override {
    auto found = support::testsuites_dir();
    if (!found) GTEST_SKIP() << "conformance data not found: set MICROCRED_TESTSUITES";
    suites_ = *found;
    store_ = vector_contexts(suites_);
    processor_ = std::make_unique<rdf::JsonLdProcessor>(store_);
    base_ = suites_ / "vc-di-eddsa" / "spec" / "TestVectors";
    signed_ = read_json(base_ / "eddsa-rdfc-2022" / "signedDataInt.json");
    auto key = crypto::decode_public_key_multibase(
        read_json(base_ / "keyPair.json").at("publicKeyMultibase").as_string());
    ASSERT_TRUE(key);
    key_ = *key;
  }

  ProofCheck check(const bj::value& doc) {
    auto result = verify_proof(doc.as_object(), doc.at("proof").as_object(), key_, *processor_);
    if (!result) return {false, "error: " + result.error().message};
    return *result;
  }

  fs::path suites_, base_;
  rdf::ContextStore store_;
  std::unique_ptr<rdf::JsonLdProcessor> processor_;
  bj::value signed_;
  crypto::PublicKey key_;
};

TEST_F(DataIntegrity, FailsOnAChangedValue) {
  bj::value tampered = signed_;
  tampered.at("credentialSubject").as_object()["alumniOf"] = "The School of Example";
  EXPECT_FALSE(check(tampered).valid);
}

TEST_F(DataIntegrity, FailsOnARemovedProperty) {
  bj::value tampered = signed_;
  tampered.as_object().erase("description");
  EXPECT_FALSE(check(tampered).valid);
}

TEST_F(DataIntegrity, FailsOnAChangedCreated) {
  bj::value tampered = signed_;
  tampered.at("proof").as_object()["created"] = "2023-02-24T23:36:39Z";
  EXPECT_FALSE(check(tampered).valid);
}

TEST_F(DataIntegrity, FailsWithAnotherKey) {
  auto other =
      crypto::decode_public_key_multibase("z6MktgKTsu1QhX6QPbyqG6geXdw6FQCZBPq7uQpieWbiQiG7");
  ASSERT_TRUE(other);
  auto result =
      verify_proof(signed_.as_object(), signed_.at("proof").as_object(), *other, *processor_);
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->valid);
}

TEST_F(DataIntegrity, RefusesAProofValueOfTheWrongLength) {
  bj::value tampered = signed_;
  Bytes short_signature(63, 1);
  tampered.at("proof").as_object()["proofValue"] = multibase_encode(short_signature);
  auto result = check(tampered);
  EXPECT_FALSE(result.valid);
  EXPECT_NE(result.detail.find("63 bytes"), std::string::npos) << result.detail;
  tampered.at("proof").as_object()["proofValue"] = "uAAAA";
  EXPECT_FALSE(check(tampered).valid);
}

TEST_F(DataIntegrity, RefusesToSignUndefinedTerms) {
  // Only the VC 2.0 context: its @vocab maps undefined terms to the issuer-dependent
  // namespace, which an issuer must not sign.
  bj::value doc = bj::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:example:issuer",
    "credentialSubject": {"id": "did:example:subject", "undefinedTerm": "not in any context"}
  })");
  auto key = crypto::decode_secret_key_multibase(
      read_json(base_ / "keyPair.json").at("privateKeyMultibase").as_string());
  ASSERT_TRUE(key);
  ProofOptions options;
  options.verification_method =
      "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#"
      "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  options.created = *parse_rfc3339("2024-01-01T00:00:00Z");
  auto result = add_proof(doc, *key, options, *processor_);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unsafe_term);
  EXPECT_NE(result.error().message.find("undefinedTerm"), std::string::npos)
      << result.error().message;
}

// The undefined term is found wherever its line falls in the N-Quads: the search checks 16
// positions at a time and the last few bytes one by one (#5).
TEST_F(DataIntegrity, FindsAnUndefinedTermAtAnyOffset) {
  auto key = crypto::decode_secret_key_multibase(
      read_json(base_ / "keyPair.json").at("privateKeyMultibase").as_string());
  ASSERT_TRUE(key);
  ProofOptions options;
  options.verification_method = "did:example:issuer#key-1";
  options.created = *parse_rfc3339("2024-01-01T00:00:00Z");
  for (std::size_t padding = 0; padding < 40; ++padding) {
    // A blank-node subject: its lines sort last, so the term is near the end of the text.
    bj::value doc = bj::parse(R"({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      "type": ["VerifiableCredential"],
      "issuer": "did:example:issuer",
      "credentialSubject": {"undefinedTerm": "x"}
    })");
    doc.as_object()["name"] = std::string(padding, 'p');
    doc.as_object()["credentialSubject"].as_object()["undefinedTerm"] = std::string(padding, 'q');
    SCOPED_TRACE(padding);
    auto result = add_proof(doc, *key, options, *processor_);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::unsafe_term);
    EXPECT_NE(result.error().message.find("\"undefinedTerm\""), std::string::npos)
        << result.error().message;
  }
}

TEST_F(DataIntegrity, RefusesAKeyOfTheWrongType) {
  bj::value doc = read_json(base_ / "unsigned.json");
  auto p256 = crypto::decode_secret_key_multibase(
      read_json(suites_ / "vc-di-ecdsa" / "spec" / "TestVectors" / "p256KeyPair.json")
          .at("secretKeyMultibase")
          .as_string());
  ASSERT_TRUE(p256);
  ProofOptions options;
  options.verification_method = "did:key:zDn#zDn";
  auto result = add_proof(doc, *p256, options, *processor_);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
}

TEST_F(DataIntegrity, VerifiesEachProofOfAProofSet) {
  bj::value doc = read_json(base_ / "proof-set-chain" / "signedProofSet2.json");
  bj::value keys = read_json(base_ / "proof-set-chain" / "multiKeyPairs.json");
  const auto& proofs = doc.at("proof").as_array();
  ASSERT_EQ(proofs.size(), 2u);
  const char* names[] = {"keyPair1", "keyPair2"};
  for (std::size_t i = 0; i < proofs.size(); ++i) {
    auto key =
        crypto::decode_public_key_multibase(keys.at(names[i]).at("publicKeyMultibase").as_string());
    ASSERT_TRUE(key);
    auto result = verify_proof(doc.as_object(), proofs[i].as_object(), *key, *processor_);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_TRUE(result->valid) << i << ": " << result->detail;
  }
}

// The second proof turns `proof` into a proof set; the document is hashed without the first
// proof, in place, and its other members keep their order (#5 signs without copying).
TEST_F(DataIntegrity, AddsASecondProofToMakeAProofSet) {
  const fs::path dir = base_ / "proof-set-chain";
  bj::value keys = read_json(dir / "multiKeyPairs.json");
  auto first_key = crypto::decode_secret_key_multibase(
      keys.at("keyPair1").at("privateKeyMultibase").as_string());
  auto second_key = crypto::decode_secret_key_multibase(
      keys.at("keyPair2").at("privateKeyMultibase").as_string());
  ASSERT_TRUE(first_key && second_key);
  const bj::value unsigned_doc = read_json(dir / "unsigned.json");
  ProofOptions options;
  options.created = *parse_rfc3339("2023-02-24T23:36:38Z");
  options.verification_method = "did:example:issuer#key-1";
  auto once = add_proof(unsigned_doc, *first_key, options, *processor_);
  ASSERT_TRUE(once) << once.error().message;
  options.verification_method = "did:example:issuer#key-2";
  auto twice = add_proof(std::move(*once), *second_key, options, *processor_);
  ASSERT_TRUE(twice) << twice.error().message;

  const auto& secured = twice->as_object();
  std::vector<std::string> keys_in_order;
  for (const auto& member : secured)
    if (member.key() != "proof") keys_in_order.emplace_back(member.key());
  std::vector<std::string> expected_keys;
  for (const auto& member : unsigned_doc.as_object())
    expected_keys.emplace_back(member.key());
  EXPECT_EQ(keys_in_order, expected_keys);
  const auto& proofs = secured.at("proof").as_array();
  ASSERT_EQ(proofs.size(), 2u);
  const crypto::KeyPair* signers[] = {&*first_key, &*second_key};
  for (std::size_t i = 0; i < proofs.size(); ++i) {
    auto result =
        verify_proof(secured, proofs[i].as_object(), signers[i]->public_key(), *processor_);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_TRUE(result->valid) << i << ": " << result->detail;
  }
}

}  // namespace
}  // namespace microcred::vc
