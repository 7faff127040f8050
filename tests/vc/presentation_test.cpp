#include "vc/presentation.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "crypto/did_key.h"
#include "crypto/multikey.h"
#include "crypto/random.h"
#include "rdf/context_store.h"
#include "vc/jose.h"

namespace microcred::vc {
namespace {

namespace bj = boost::json;

constexpr const char* challenge = "c0ffee-8f1d-4a1b-a2b3-5d6e7f8091a2";
constexpr const char* domain = "https://verifier.example";

struct Party {
  std::unique_ptr<crypto::KeyPair> key;
  std::string did, method;
};

Party make_party(std::uint8_t seed, crypto::KeyType type = crypto::KeyType::ed25519) {
  crypto::DeterministicRandom random({seed});
  auto key = crypto::KeyPair::generate(type, random);
  EXPECT_TRUE(key);
  Party party;
  party.key = std::make_unique<crypto::KeyPair>(*key);
  party.did = crypto::make_did_key(party.key->public_key());
  party.method = crypto::did_key_verification_method_id(party.key->public_key());
  return party;
}

// An issuer signs credentials about a learner, who presents them to a verifier.
class Presentations : public ::testing::Test {
 protected:
  void SetUp() override {
    issuer_ = make_party(11);
    holder_ = make_party(12);
    other_ = make_party(13);
    options_.verify.now = *parse_rfc3339("2026-06-01T00:00:00Z");
    options_.challenge = challenge;
    options_.domains = {domain};
  }

  bj::value credential(std::string id = "urn:uuid:8d5e1f7a-2b3c-4d5e-8f90-a1b2c3d4e5f6",
                       bj::object extra = {}) {
    bj::object c{{"@context", bj::array{"https://www.w3.org/ns/credentials/v2"}},
                 {"id", id},
                 {"type", bj::array{"VerifiableCredential"}},
                 {"issuer", issuer_.did},
                 {"validFrom", "2026-01-01T00:00:00Z"},
                 {"credentialSubject", bj::object{{"id", holder_.did}}}};
    for (auto& [k, v] : extra)
      c[k] = v;
    ProofOptions options;
    options.verification_method = issuer_.method;
    options.created = *parse_rfc3339("2026-01-01T00:00:00Z");
    auto signed_credential = add_proof(c, *issuer_.key, options, processor_);
    EXPECT_TRUE(signed_credential) << signed_credential.error().message;
    return signed_credential ? *signed_credential : bj::value();
  }

  bj::value presentation(std::vector<bj::value> credentials, std::string holder = {}) {
    auto p = make_presentation(credentials, {.holder = holder.empty() ? holder_.did : holder});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : bj::value();
  }

  PresentationProofOptions proof_options(const Party& signer) {
    PresentationProofOptions options;
    options.verification_method = signer.method;
    options.created = *parse_rfc3339("2026-05-31T12:00:00Z");
    options.challenge = challenge;
    options.domains = {domain};
    return options;
  }

  bj::value sign(const bj::value& p, Cryptosuite suite = Cryptosuite::eddsa_rdfc_2022) {
    auto options = proof_options(holder_);
    options.cryptosuite = suite;
    auto signed_presentation = sign_presentation(p, *holder_.key, options, processor_);
    EXPECT_TRUE(signed_presentation) << signed_presentation.error().message;
    return signed_presentation ? *signed_presentation : bj::value();
  }

  PresentationReport verify(const bj::value& p) {
    return verify_presentation(p.as_object(), options_, processor_);
  }

  static CheckOutcome outcome(const PresentationReport& report, std::string_view name) {
    const Check* check = report.find(name);
    EXPECT_NE(check, nullptr) << name << "\n" << report.to_text();
    return check != nullptr ? check->outcome : CheckOutcome::skipped;
  }

  rdf::ContextStore store_ = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor_{store_};
  Party issuer_, holder_, other_;
  PresentationVerifyOptions options_;
};

TEST_F(Presentations, VerifiesASignedPresentationAndEachCredential) {
  auto signed_presentation = sign(
      presentation({credential(), credential("urn:uuid:2f3a4b5c-6d7e-4f80-9a1b-2c3d4e5f6a7b")}));
  const auto& proof = signed_presentation.at("proof").as_object();
  EXPECT_EQ(proof.at("proofPurpose"), "authentication");
  EXPECT_EQ(proof.at("challenge"), challenge);
  EXPECT_EQ(proof.at("domain"), domain);

  auto report = verify(signed_presentation);
  EXPECT_TRUE(report.verified) << report.to_text();
  for (const char* name : {"parse", "contexts", "vp-shape", "proof", "holder-binding", "challenge",
                           "domain", "credentials"}) {
    EXPECT_EQ(outcome(report, name), CheckOutcome::ok) << name << "\n" << report.to_text();
  }
  ASSERT_EQ(report.credentials.size(), 2u);
  EXPECT_EQ(report.credentials[1].id, "urn:uuid:2f3a4b5c-6d7e-4f80-9a1b-2c3d4e5f6a7b");
  EXPECT_EQ(report.credentials[0].format, "data-integrity");
  EXPECT_TRUE(report.credentials[0].report.verified) << report.to_text();
  EXPECT_EQ(report.holder, holder_.did);
}

class PresentationSuites : public Presentations,
                           public ::testing::WithParamInterface<Cryptosuite> {};

TEST_P(PresentationSuites, SignsAndVerifiesWithEachCryptosuite) {
  Party p256 = make_party(14, crypto::KeyType::p256);
  bool ecdsa =
      GetParam() == Cryptosuite::ecdsa_rdfc_2019 || GetParam() == Cryptosuite::ecdsa_jcs_2019;
  const Party& signer = ecdsa ? p256 : holder_;
  auto options = proof_options(signer);
  options.cryptosuite = GetParam();
  auto signed_presentation =
      sign_presentation(presentation({credential()}, signer.did), *signer.key, options, processor_);
  ASSERT_TRUE(signed_presentation) << signed_presentation.error().message;
  auto report = verify(*signed_presentation);
  EXPECT_TRUE(report.verified) << report.to_text();
  // A changed challenge breaks the signature too: it is signed in the proof configuration.
  signed_presentation->at("proof").as_object()["challenge"] = "other";
  options_.challenge = "other";
  report = verify(*signed_presentation);
  EXPECT_EQ(outcome(report, "challenge"), CheckOutcome::ok);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::failed) << report.to_text();
}

INSTANTIATE_TEST_SUITE_P(Suites, PresentationSuites,
                         ::testing::Values(Cryptosuite::eddsa_rdfc_2022,
                                           Cryptosuite::eddsa_jcs_2022,
                                           Cryptosuite::ecdsa_rdfc_2019,
                                           Cryptosuite::ecdsa_jcs_2019),
                         [](const auto& info) {
                           std::string name(to_string(info.param));
                           std::erase(name, '-');
                           return name;
                         });

TEST_F(Presentations, FailsAReplayedChallenge) {
  auto signed_presentation = sign(presentation({credential()}));
  options_.challenge = "a-fresh-challenge-the-holder-never-saw";
  auto report = verify(signed_presentation);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "challenge"), CheckOutcome::failed);
  EXPECT_NE(report.find("challenge")->detail.find("replayed"), std::string::npos);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::ok) << "the signature itself holds";
}

TEST_F(Presentations, FailsWhenTheVerifierGaveNoChallenge) {
  options_.challenge.reset();
  auto report = verify(sign(presentation({credential()})));
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "challenge"), CheckOutcome::failed);
}

TEST_F(Presentations, FailsAProofWithoutTheExpectedChallengeOrDomain) {
  ProofOptions options;
  options.verification_method = holder_.method;
  options.proof_purpose = "authentication";
  options.created = *parse_rfc3339("2026-05-31T12:00:00Z");
  auto bare = add_proof(presentation({credential()}), *holder_.key, options, processor_);
  ASSERT_TRUE(bare);
  auto report = verify(*bare);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "challenge"), CheckOutcome::failed);
  EXPECT_EQ(outcome(report, "domain"), CheckOutcome::failed);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::ok);
}

TEST_F(Presentations, FailsAnotherDomain) {
  auto signed_presentation = sign(presentation({credential()}));
  options_.domains = {"https://other-verifier.example"};
  auto report = verify(signed_presentation);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "domain"), CheckOutcome::failed);
}

TEST_F(Presentations, ComparesDomainsAsSets) {
  auto options = proof_options(holder_);
  options.domains = {"https://a.example", "https://b.example"};
  auto signed_presentation =
      sign_presentation(presentation({credential()}), *holder_.key, options, processor_);
  ASSERT_TRUE(signed_presentation);
  EXPECT_TRUE(signed_presentation->at("proof").at("domain").is_array());
  options_.domains = {"https://b.example", "https://a.example"};
  EXPECT_TRUE(verify(*signed_presentation).verified);
  // VC Data Integrity 1.0 §4.3 step 6: the same strings, not merely one of them.
  options_.domains = {"https://a.example"};
  EXPECT_EQ(outcome(verify(*signed_presentation), "domain"), CheckOutcome::failed);
  // No expected domain: reported, not checked.
  options_.domains.clear();
  auto report = verify(*signed_presentation);
  EXPECT_TRUE(report.verified) << report.to_text();
  EXPECT_EQ(outcome(report, "domain"), CheckOutcome::skipped);
}

TEST_F(Presentations, FailsAProofMadeForAssertionMethod) {
  ProofOptions options;
  options.verification_method = holder_.method;
  options.proof_purpose = "assertionMethod";
  options.created = *parse_rfc3339("2026-05-31T12:00:00Z");
  options.challenge = challenge;
  options.domain = domain;
  auto asserted = add_proof(presentation({credential()}), *holder_.key, options, processor_);
  ASSERT_TRUE(asserted);
  auto report = verify(*asserted);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::failed);
  EXPECT_NE(report.find("proof")->detail.find("not authentication"), std::string::npos);
}

TEST_F(Presentations, FailsAHolderWhoDidNotSign) {
  // Signed by `other_` while naming `holder_` as holder: sign_presentation refuses, so build
  // the proof by hand, as an attacker would.
  EXPECT_FALSE(sign_presentation(presentation({credential()}), *other_.key, proof_options(other_),
                                 processor_));
  ProofOptions options;
  options.verification_method = other_.method;
  options.proof_purpose = "authentication";
  options.created = *parse_rfc3339("2026-05-31T12:00:00Z");
  options.challenge = challenge;
  options.domain = domain;
  auto forged = add_proof(presentation({credential()}), *other_.key, options, processor_);
  ASSERT_TRUE(forged);
  auto report = verify(*forged);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::ok);
  EXPECT_EQ(outcome(report, "holder-binding"), CheckOutcome::failed);
}

TEST_F(Presentations, FailsAPresentationWithoutAHolder) {
  auto p = make_presentation(std::vector<bj::value>{credential()});
  ASSERT_TRUE(p);
  auto signed_presentation =
      sign_presentation(*p, *holder_.key, proof_options(holder_), processor_);
  ASSERT_TRUE(signed_presentation);
  auto report = verify(*signed_presentation);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "holder-binding"), CheckOutcome::failed);
}

TEST_F(Presentations, FailsAKeyNotListedForAuthentication) {
  // did:web holder whose document lists the key for assertions only.
  const std::string did = "did:web:learner.example";
  const std::string method = did + "#key-1";
  bj::object document{
      {"@context",
       bj::array{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"}},
      {"id", did},
      {"verificationMethod",
       bj::array{bj::object{{"id", method},
                            {"type", "Multikey"},
                            {"controller", did},
                            {"publicKeyMultibase",
                             crypto::encode_public_key_multibase(holder_.key->public_key())}}}},
      {"assertionMethod", bj::array{method}}};
  DidResolver dids;
  ASSERT_TRUE(dids.add(document));
  options_.verify.dids = &dids;
  auto options = proof_options(holder_);
  options.verification_method = method;
  auto signed_presentation =
      sign_presentation(presentation({credential()}, did), *holder_.key, options, processor_);
  ASSERT_TRUE(signed_presentation);
  auto report = verify(*signed_presentation);
  EXPECT_EQ(outcome(report, "holder-binding"), CheckOutcome::failed) << report.to_text();
  EXPECT_NE(report.find("holder-binding")->detail.find("authentication"), std::string::npos);
  // Listed for authentication: it holds.
  document["authentication"] = bj::array{"#key-1"};
  ASSERT_TRUE(dids.add(document));
  report = verify(*signed_presentation);
  EXPECT_TRUE(report.verified) << report.to_text();
}

TEST_F(Presentations, HonoursProofExpires) {
  auto options = proof_options(holder_);
  options.expires = *parse_rfc3339("2026-05-31T13:00:00Z");
  auto signed_presentation =
      sign_presentation(presentation({credential()}), *holder_.key, options, processor_);
  ASSERT_TRUE(signed_presentation);
  auto report = verify(*signed_presentation);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::failed);
  EXPECT_NE(report.find("proof")->detail.find("expired"), std::string::npos);
  options_.verify.now = *parse_rfc3339("2026-05-31T12:30:00Z");
  EXPECT_TRUE(verify(*signed_presentation).verified);
}

TEST_F(Presentations, FailsATamperedEmbeddedCredentialTwice) {
  auto signed_presentation = sign(presentation({credential()}));
  signed_presentation.at("verifiableCredential").as_array()[0].as_object()["validFrom"] =
      "2025-01-01T00:00:00Z";
  auto report = verify(signed_presentation);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::failed) << "the holder signed the credential";
  EXPECT_EQ(outcome(report, "credentials"), CheckOutcome::failed);
  ASSERT_EQ(report.credentials.size(), 1u);
  EXPECT_EQ(report.credentials[0].report.find("proof")->outcome, CheckOutcome::failed);
}

TEST_F(Presentations, ReportsEachCredentialOnItsOwn) {
  auto good = credential();
  auto expired = credential("urn:uuid:7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                            {{"validUntil", "2026-03-01T00:00:00Z"}});
  auto report = verify(sign(presentation({good, expired})));
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::ok);
  EXPECT_EQ(outcome(report, "credentials"), CheckOutcome::failed);
  EXPECT_NE(report.find("credentials")->detail.find("credential 2"), std::string::npos);
  EXPECT_NE(report.find("credentials")->detail.find("validity"), std::string::npos);
  ASSERT_EQ(report.credentials.size(), 2u);
  EXPECT_TRUE(report.credentials[0].report.verified);
  EXPECT_FALSE(report.credentials[1].report.verified);

  auto json = report.to_json();
  EXPECT_FALSE(json.at("verified").as_bool());
  ASSERT_EQ(json.at("credentials").as_array().size(), 2u);
  const auto& second = json.at("credentials").as_array()[1].as_object();
  EXPECT_EQ(second.at("index"), 1);
  EXPECT_FALSE(second.at("verified").as_bool());
  EXPECT_TRUE(second.contains("checks"));
  EXPECT_EQ(json.at("holder").as_string(), holder_.did);
  EXPECT_NE(report.to_text().find("credential 2 of 2"), std::string::npos) << report.to_text();
}

TEST_F(Presentations, RefusesUnsignedPresentationsUnlessAllowed) {
  auto unsigned_presentation = presentation({credential()});
  auto report = verify(unsigned_presentation);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::failed);
  options_.allow_unsigned = true;
  report = verify(unsigned_presentation);
  EXPECT_TRUE(report.verified) << report.to_text();
  EXPECT_EQ(outcome(report, "proof"), CheckOutcome::skipped);
  EXPECT_NE(report.find("proof")->detail.find("unsigned"), std::string::npos);
  EXPECT_EQ(outcome(report, "credentials"), CheckOutcome::ok);
}

TEST_F(Presentations, CarriesEnvelopedCredentials) {
  bj::object plain = credential().as_object();
  plain.erase("proof");
  auto jwt = sign_jwt(plain, *issuer_.key, issuer_.method);
  ASSERT_TRUE(jwt);
  auto report = verify(sign(presentation({make_enveloped_credential(*jwt), credential()})));
  EXPECT_TRUE(report.verified) << report.to_text();
  ASSERT_EQ(report.credentials.size(), 2u);
  EXPECT_EQ(report.credentials[0].format, "vc+jwt");
  EXPECT_EQ(report.credentials[0].id, "urn:uuid:8d5e1f7a-2b3c-4d5e-8f90-a1b2c3d4e5f6");
}

TEST_F(Presentations, RefusesContextsInjectedAnywhere) {
  auto signed_presentation = sign(presentation({credential()}));
  auto injected = signed_presentation;
  injected.at("@context").as_array().push_back(bj::object{{"@vocab", "https://evil.example/#"}});
  EXPECT_EQ(outcome(verify(injected), "contexts"), CheckOutcome::failed);
  injected = signed_presentation;
  injected.at("verifiableCredential")
      .as_array()[0]
      .at("@context")
      .as_array()
      .push_back("https://evil.example/context");
  EXPECT_EQ(outcome(verify(injected), "contexts"), CheckOutcome::failed);
  injected = signed_presentation;
  injected.at("verifiableCredential")
      .as_array()[0]
      .at("credentialSubject")
      .as_object()["@context"] = bj::object{{"name", "https://evil.example/name"}};
  EXPECT_EQ(outcome(verify(injected), "contexts"), CheckOutcome::failed);
}

TEST_F(Presentations, BoundsTheNumberOfCredentials) {
  options_.max_credentials = 2;
  auto c = credential();
  auto report = verify(sign(presentation({c, c, c})));
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(outcome(report, "credentials"), CheckOutcome::failed);
  EXPECT_TRUE(report.credentials.empty());
}

TEST_F(Presentations, ChecksTheShape) {
  struct Row {
    const char* json;
    const char* pointer;
  };
  const Row rows[] = {
      {R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation"})",
       nullptr},
      {R"({"@context":"https://www.w3.org/ns/credentials/v2","type":["VerifiablePresentation"]})",
       nullptr},
      {R"({"@context":["https://www.w3.org/2018/credentials/v1"],"type":"VerifiablePresentation"})",
       "/@context"},
      {R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiableCredential"})",
       "/type"},
      {R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation","id":"no url"})",
       "/id"},
      {R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation","holder":7})",
       "/holder"},
      {R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation","holder":{"name":"x"}})",
       "/holder/id"},
      {R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation","verifiableCredential":[]})",
       "/verifiableCredential"},
      {R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation","verifiableCredential":["eyJ..."]})",
       "/verifiableCredential/0"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.json);
    auto problems = check_presentation_shape(bj::parse(row.json).as_object());
    if (row.pointer == nullptr) {
      EXPECT_TRUE(problems.empty()) << problems.front().message;
    } else {
      ASSERT_FALSE(problems.empty());
      EXPECT_EQ(problems.front().pointer, row.pointer);
    }
  }
}

TEST_F(Presentations, SigningRefusesWhatCannotBeAPresentationProof) {
  auto options = proof_options(holder_);
  options.challenge.clear();
  auto refused = sign_presentation(presentation({credential()}), *holder_.key, options, processor_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_FALSE(sign_presentation(credential(), *holder_.key, proof_options(holder_), processor_));
  EXPECT_FALSE(make_presentation(std::vector<bj::value>{bj::value("x")}));
  EXPECT_FALSE(make_presentation({}, {.holder = "not a url"}));
}

TEST_F(Presentations, RefusesTextThatIsNotAPresentation) {
  for (const char* bad : {"[1]", "{\"a\":1,\"a\":2}", "nope", "eyJhbGciOiJub25lIn0.e30"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(verify_presentation(std::string_view(bad), options_, processor_));
  }
}

TEST_F(Presentations, TellsPresentationsFromCredentials) {
  EXPECT_TRUE(looks_like_presentation(bj::serialize(presentation({credential()}))));
  EXPECT_FALSE(looks_like_presentation(bj::serialize(credential())));
  EXPECT_TRUE(looks_like_presentation(bj::serialize(make_enveloped_presentation("eyJ.e30.x"))));
  auto jwt =
      sign_presentation_jwt(presentation({credential()}), *holder_.key, proof_options(holder_));
  ASSERT_TRUE(jwt);
  EXPECT_TRUE(looks_like_presentation(*jwt));
  bj::object plain = credential().as_object();
  plain.erase("proof");
  auto vc_jwt = sign_jwt(plain, *issuer_.key, issuer_.method);
  ASSERT_TRUE(vc_jwt);
  EXPECT_FALSE(looks_like_presentation(*vc_jwt));
  EXPECT_FALSE(looks_like_presentation("not json"));
}

// vp+jwt (VC-JOSE-COSE §3.1.2): nonce and aud carry the challenge and domain.
TEST_F(Presentations, VerifiesAVpJwt) {
  auto jwt =
      sign_presentation_jwt(presentation({credential()}), *holder_.key, proof_options(holder_));
  ASSERT_TRUE(jwt) << jwt.error().message;
  auto report = verify_presentation(*jwt, options_, processor_);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->verified) << report->to_text();
  EXPECT_EQ(outcome(*report, "holder-binding"), CheckOutcome::ok);
  EXPECT_NE(report->find("challenge")->detail.find("nonce"), std::string::npos);

  // The enveloped form verifies the same way.
  auto enveloped =
      verify_presentation(bj::serialize(make_enveloped_presentation(*jwt)), options_, processor_);
  ASSERT_TRUE(enveloped);
  EXPECT_TRUE(enveloped->verified) << enveloped->to_text();

  options_.challenge = "replayed";
  report = verify_presentation(*jwt, options_, processor_);
  ASSERT_TRUE(report);
  EXPECT_EQ(outcome(*report, "challenge"), CheckOutcome::failed);
  options_.challenge = challenge;
  options_.domains = {"https://other.example"};
  report = verify_presentation(*jwt, options_, processor_);
  ASSERT_TRUE(report);
  EXPECT_EQ(outcome(*report, "domain"), CheckOutcome::failed);
}

TEST_F(Presentations, FailsAVpJwtSignedByAnotherKeyOrTampered) {
  auto options = proof_options(other_);
  // The kid is other's, the holder is holder_: refused when signing, and when verifying.
  EXPECT_FALSE(sign_presentation_jwt(presentation({credential()}), *other_.key, options));
  auto forged_payload = presentation({credential()}).as_object();
  forged_payload["nonce"] = challenge;
  forged_payload["aud"] = domain;
  auto forged = sign_jwt(forged_payload, *other_.key, other_.method, JwtContent::presentation);
  ASSERT_TRUE(forged);
  auto report = verify_presentation(*forged, options_, processor_);
  ASSERT_TRUE(report);
  EXPECT_EQ(outcome(*report, "proof"), CheckOutcome::failed);

  auto jwt =
      sign_presentation_jwt(presentation({credential()}), *holder_.key, proof_options(holder_));
  ASSERT_TRUE(jwt);
  std::string tampered = *jwt;
  tampered[tampered.size() - 10] = tampered[tampered.size() - 10] == 'A' ? 'B' : 'A';
  report = verify_presentation(tampered, options_, processor_);
  ASSERT_TRUE(report);
  EXPECT_EQ(outcome(*report, "proof"), CheckOutcome::failed);

  // A vc+jwt is not a presentation.
  auto as_credential = sign_jwt(forged_payload, *holder_.key, holder_.method);
  ASSERT_TRUE(as_credential);
  report = verify_presentation(*as_credential, options_, processor_);
  ASSERT_TRUE(report);
  EXPECT_EQ(outcome(*report, "proof"), CheckOutcome::failed);
  EXPECT_NE(report->find("proof")->detail.find("vp+jwt"), std::string::npos);
}

TEST_F(Presentations, FailsAVpJwtFromTheFutureOrExpired) {
  auto options = proof_options(holder_);
  options.created = *parse_rfc3339("2026-07-01T00:00:00Z");
  auto future = sign_presentation_jwt(presentation({credential()}), *holder_.key, options);
  ASSERT_TRUE(future);
  auto report = verify_presentation(*future, options_, processor_);
  ASSERT_TRUE(report);
  EXPECT_EQ(outcome(*report, "proof"), CheckOutcome::failed);
  EXPECT_NE(report->find("proof")->detail.find("iat"), std::string::npos);

  options = proof_options(holder_);
  options.expires = *parse_rfc3339("2026-05-31T13:00:00Z");
  auto expired = sign_presentation_jwt(presentation({credential()}), *holder_.key, options);
  ASSERT_TRUE(expired);
  report = verify_presentation(*expired, options_, processor_);
  ASSERT_TRUE(report);
  EXPECT_EQ(outcome(*report, "proof"), CheckOutcome::failed);
  EXPECT_NE(report->find("proof")->detail.find("expired"), std::string::npos);
}

TEST(EnvelopedPresentation, RoundTripsAndRefusesOtherShapes) {
  auto envelope = make_enveloped_presentation("eyJ.e30.sig");
  auto jwt = parse_enveloped_presentation(envelope);
  ASSERT_TRUE(jwt);
  EXPECT_EQ(*jwt, "eyJ.e30.sig");
  auto other = envelope;
  other.as_object()["id"] = "data:application/vc+jwt,eyJ.e30.sig";
  EXPECT_EQ(parse_enveloped_presentation(other).error().code, ErrorCode::unsupported);
  other = envelope;
  other.as_object()["type"] = "EnvelopedVerifiableCredential";
  EXPECT_EQ(parse_enveloped_presentation(other).error().code, ErrorCode::invalid_argument);
  EXPECT_FALSE(parse_enveloped_presentation(bj::value("x")));
}

}  // namespace
}  // namespace microcred::vc
