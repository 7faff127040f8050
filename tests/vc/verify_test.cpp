#include "vc/verify.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "crypto/did_key.h"
#include "crypto/random.h"
#include "rdf/context_store.h"
#include "vc/data_integrity.h"
#include "vc/status_list.h"

namespace microcred::vc {
namespace {

namespace bj = boost::json;

constexpr const char* list_url = "https://uni.example/status/1";

// A did:key issuer, a credential with a revocation entry at index 42, and its list.
class Verifier : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::DeterministicRandom random({7});
    auto key = crypto::KeyPair::generate(crypto::KeyType::ed25519, random);
    ASSERT_TRUE(key);
    key_ = std::make_unique<crypto::KeyPair>(*key);
    did_ = crypto::make_did_key(key_->public_key());
    method_ = crypto::did_key_verification_method_id(key_->public_key());
    options_.now = *parse_rfc3339("2026-06-01T00:00:00Z");
  }

  bj::value credential(bj::object extra = {}) {
    bj::object c{{"@context", bj::array{"https://www.w3.org/ns/credentials/v2"}},
                 {"id", "urn:uuid:3c2b7d4e-1111-4a6b-9c1d-2e3f4a5b6c7d"},
                 {"type", bj::array{"VerifiableCredential"}},
                 {"issuer", did_},
                 {"validFrom", "2026-01-01T00:00:00Z"},
                 {"credentialSubject", bj::object{{"id", "did:example:learner"}}},
                 {"credentialStatus", make_status_entry(list_url, StatusPurpose::revocation, 42)}};
    for (auto& [k, v] : extra)
      c[k] = v;
    return c;
  }

  bj::value sign(const bj::value& document) {
    ProofOptions options;
    options.verification_method = method_;
    options.created = *parse_rfc3339("2026-01-01T00:00:00Z");
    auto signed_document = add_proof(document, *key_, options, processor_);
    EXPECT_TRUE(signed_document) << signed_document.error().message;
    return signed_document ? *signed_document : bj::value();
  }

  bj::value status_list(bool revoked) {
    auto list = StatusList::create();
    EXPECT_TRUE(list);
    if (revoked) list->set(42);
    return sign(make_status_list_credential(list_url, did_, StatusPurpose::revocation, *list));
  }

  VerificationReport verify(const bj::value& document) {
    return verify_credential(document.as_object(), options_, processor_);
  }

  rdf::ContextStore store_ = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor_{store_};
  std::unique_ptr<crypto::KeyPair> key_;
  std::string did_, method_;
  VerifyOptions options_;
};

TEST_F(Verifier, VerifiesAGoodCredentialWithItsStatusList) {
  options_.status_lists.push_back(status_list(false));
  auto report = verify(sign(credential()));
  EXPECT_TRUE(report.verified) << report.to_text();
  ASSERT_NE(report.find("status"), nullptr);
  EXPECT_EQ(report.find("status")->outcome, CheckOutcome::ok) << report.to_text();
}

TEST_F(Verifier, FailsARevokedCredential) {
  options_.status_lists.push_back(status_list(true));
  auto report = verify(sign(credential()));
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.find("status")->outcome, CheckOutcome::failed) << report.to_text();
  EXPECT_NE(report.find("status")->detail.find("revoked"), std::string::npos) << report.to_text();
}

TEST_F(Verifier, DistrustsAStatusListWithABadProof) {
  bj::value list = status_list(false);
  // A list changed after signing: its proof no longer holds.
  list.as_object()["validFrom"] = "2026-01-02T00:00:00Z";
  options_.status_lists.push_back(list);
  auto report = verify(sign(credential()));
  EXPECT_FALSE(report.verified);
  EXPECT_NE(report.find("status")->detail.find("cannot be trusted"), std::string::npos)
      << report.to_text();
}

TEST_F(Verifier, WarnsWhenTheStatusListIsMissing) {
  auto report = verify(sign(credential()));
  EXPECT_TRUE(report.verified) << report.to_text();
  EXPECT_EQ(report.find("status")->outcome, CheckOutcome::warning);
}

TEST_F(Verifier, FailsAnExpiredCredential) {
  auto report = verify(sign(credential({{"validUntil", "2026-03-01T00:00:00Z"}})));
  EXPECT_FALSE(report.verified);
  EXPECT_NE(report.find("validity")->detail.find("expired"), std::string::npos);
}

TEST_F(Verifier, FailsACredentialNotYetValid) {
  auto report = verify(sign(credential({{"validFrom", "2027-01-01T00:00:00Z"}})));
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.find("validity")->outcome, CheckOutcome::failed);
}

TEST_F(Verifier, FailsAProofCreatedInTheFuture) {
  ProofOptions options;
  options.verification_method = method_;
  options.created = *parse_rfc3339("2026-07-01T00:00:00Z");
  auto future = add_proof(credential(), *key_, options, processor_);
  ASSERT_TRUE(future);
  auto report = verify(*future);
  EXPECT_FALSE(report.verified);
  EXPECT_NE(report.find("proof")->detail.find("future"), std::string::npos);
}

TEST_F(Verifier, FailsAKeyNotControlledByTheIssuer) {
  auto report = verify(sign(credential({{"issuer", "did:example:someone-else"}})));
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.find("issuer-binding")->outcome, CheckOutcome::failed) << report.to_text();
}

TEST_F(Verifier, FailsContextsInjectedAfterSigning) {
  bj::value signed_document = sign(credential());
  signed_document.at("@context")
      .as_array()
      .push_back(bj::object{{"@vocab", "https://evil.example/#"}});
  auto report = verify(signed_document);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.find("contexts")->outcome, CheckOutcome::failed);
}

TEST_F(Verifier, WarnsForAnIssuerOutsideTheRegistry) {
  auto registry = IssuerRegistry::parse("# accredited\ndid:web:other.example\n");
  ASSERT_TRUE(registry);
  options_.registry = &*registry;
  auto report = verify(sign(credential()));
  EXPECT_TRUE(report.verified) << report.to_text();
  EXPECT_EQ(report.find("registry")->outcome, CheckOutcome::warning);
  auto listed = IssuerRegistry::parse("[\"" + did_ + "\"]");
  ASSERT_TRUE(listed);
  options_.registry = &*listed;
  EXPECT_EQ(verify(sign(credential())).find("registry")->outcome, CheckOutcome::ok);
}

TEST_F(Verifier, ReportsMissingEuElementsAsAWarning) {
  auto report = verify(sign(credential()));
  ASSERT_NE(report.find("eu-elements"), nullptr);
  EXPECT_EQ(report.find("eu-elements")->outcome, CheckOutcome::warning);
  EXPECT_NE(report.find("eu-elements")->detail.find("missing"), std::string::npos);
}

TEST_F(Verifier, RefusesTextThatIsNotACredential) {
  for (const char* bad : {"[1]", "{\"a\":1,\"a\":2}", "nope", "\"str\""}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(verify_credential(bad, options_, processor_));
  }
  std::string deep(5000, '[');
  EXPECT_FALSE(verify_credential(deep, options_, processor_));
}

TEST_F(Verifier, ReportsAsJsonAsDesignMdDefines) {
  auto json = verify(sign(credential())).to_json();
  EXPECT_TRUE(json.at("verified").as_bool());
  EXPECT_TRUE(json.at("checks").as_array()[0].as_object().contains("check"));
  EXPECT_TRUE(json.at("checks").as_array()[0].as_object().contains("ok"));
  EXPECT_TRUE(json.as_object().contains("errors"));
}

}  // namespace
}  // namespace microcred::vc
