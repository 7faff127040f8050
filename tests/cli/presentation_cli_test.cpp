// `microcred present` and `microcred verify` on presentations, and did:web issuers and
// holders resolved from `--did-doc` files, as a holder's wallet and a verifier would run
// them (#5).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <boost/json.hpp>

#include "json/parse.h"
#include "support/run.h"
#include "support/testsuites.h"

namespace microcred {
namespace {

namespace bj = boost::json;
using support::run;

constexpr const char* challenge = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
constexpr const char* domain = "https://employer.example";

bj::value read_json(const std::string& path) {
  auto value = json::parse(support::read_file(path));
  EXPECT_TRUE(value) << path << ": " << value.error().message;
  return value ? *value : bj::value();
}

void write_json(const std::string& path, const bj::value& value) {
  std::ofstream(path) << bj::serialize(value);
}

class CliPresentations : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/microcred-vp-cli-XXXXXX";
    dir_ = ::mkdtemp(dir_template);
    ASSERT_EQ(run("microcred keygen --out " + path("issuer.json")).exit_code, 0);
    ASSERT_EQ(run("microcred keygen --out " + path("holder.json")).exit_code, 0);
    issuer_ = std::string(read_json(path("issuer.json")).at("controller").as_string());
    holder_ = std::string(read_json(path("holder.json")).at("controller").as_string());
    write_json(path("credential.json"), credential(issuer_));
    auto sign = run("microcred sign --key " + path("issuer.json") + " " + path("credential.json") +
                    " > " + path("signed.json"));
    ASSERT_EQ(sign.exit_code, 0) << sign.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  bj::value credential(const std::string& issuer) const {
    return bj::object{{"@context", bj::array{"https://www.w3.org/ns/credentials/v2"}},
                      {"id", "urn:uuid:5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c"},
                      {"type", bj::array{"VerifiableCredential"}},
                      {"issuer", issuer},
                      {"validFrom", "2026-01-01T00:00:00Z"},
                      {"credentialSubject", bj::object{{"id", holder_}}}};
  }

  // Runs `microcred verify --json ARGS`, expecting `exit_code`; returns the report.
  bj::value verify(const std::string& args, int exit_code) {
    auto r = run("microcred verify --json " + args);
    EXPECT_EQ(r.exit_code, exit_code) << r.out << r.err;
    auto report = json::parse(r.out);
    EXPECT_TRUE(report) << r.out << r.err;
    return report ? *report : bj::value();
  }

  static std::string outcome(const bj::value& report, std::string_view check) {
    for (const auto& entry : report.at("checks").as_array()) {
      if (entry.at("check").as_string() == check) {
        return std::string(entry.at("outcome").as_string());
      }
    }
    return "absent";
  }

  std::string present_args() const {
    return std::string("--challenge ") + challenge + " --domain " + domain;
  }

  std::string dir_, issuer_, holder_;
};

TEST_F(CliPresentations, PresentsAndVerifiesWithChallengeAndDomain) {
  auto present = run("microcred present --key " + path("holder.json") + " " + present_args() + " " +
                     path("signed.json") + " > " + path("vp.json"));
  ASSERT_EQ(present.exit_code, 0) << present.err;
  auto vp = read_json(path("vp.json"));
  EXPECT_EQ(vp.at("holder").as_string(), holder_);
  EXPECT_EQ(vp.at("proof").at("proofPurpose").as_string(), "authentication");

  auto report = verify(present_args() + " " + path("vp.json"), 0);
  EXPECT_TRUE(report.at("verified").as_bool());
  for (const char* check : {"proof", "holder-binding", "challenge", "domain", "credentials"}) {
    EXPECT_EQ(outcome(report, check), "ok") << check << ": " << report;
  }
  ASSERT_EQ(report.at("credentials").as_array().size(), 1u);
  const auto& first = report.at("credentials").as_array()[0];
  EXPECT_TRUE(first.at("verified").as_bool());
  EXPECT_EQ(first.at("id").as_string(), "urn:uuid:5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c");

  auto text = run("microcred verify " + present_args() + " " + path("vp.json"));
  EXPECT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_NE(text.out.find("VERIFIED presentation by " + holder_), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("credential 1 of 1"), std::string::npos) << text.out;
}

TEST_F(CliPresentations, FailsAnotherChallengeOrDomainOrNone) {
  ASSERT_EQ(run("microcred present --key " + path("holder.json") + " " + present_args() + " " +
                path("signed.json") + " > " + path("vp.json"))
                .exit_code,
            0);
  auto replay =
      verify("--challenge other --domain " + std::string(domain) + " " + path("vp.json"), 1);
  EXPECT_EQ(outcome(replay, "challenge"), "failed") << replay;
  auto elsewhere = verify("--challenge " + std::string(challenge) +
                              " --domain https://elsewhere.example " + path("vp.json"),
                          1);
  EXPECT_EQ(outcome(elsewhere, "domain"), "failed") << elsewhere;
  auto none = verify(path("vp.json"), 1);
  EXPECT_EQ(outcome(none, "challenge"), "failed") << none;
  EXPECT_EQ(outcome(none, "domain"), "skipped") << none;
}

TEST_F(CliPresentations, FailsATamperedCredentialInside) {
  ASSERT_EQ(run("microcred present --key " + path("holder.json") + " " + present_args() + " " +
                path("signed.json") + " > " + path("vp.json"))
                .exit_code,
            0);
  auto vp = read_json(path("vp.json"));
  vp.at("verifiableCredential").as_array()[0].as_object()["validFrom"] = "2025-06-01T00:00:00Z";
  write_json(path("tampered.json"), vp);
  auto report = verify(present_args() + " " + path("tampered.json"), 1);
  EXPECT_EQ(outcome(report, "proof"), "failed") << report;
  EXPECT_EQ(outcome(report, "credentials"), "failed") << report;
  EXPECT_FALSE(report.at("credentials").as_array()[0].at("verified").as_bool());
}

TEST_F(CliPresentations, RoundTripsAVpJwtCarryingAVcJwt) {
  ASSERT_EQ(run("microcred sign --format jwt --key " + path("issuer.json") + " " +
                path("credential.json") + " > " + path("vc.jwt"))
                .exit_code,
            0);
  auto present =
      run("microcred present --format jwt --key " + path("holder.json") + " " + present_args() +
          " " + path("vc.jwt") + " " + path("signed.json") + " > " + path("vp.jwt"));
  ASSERT_EQ(present.exit_code, 0) << present.err;
  auto report = verify(present_args() + " " + path("vp.jwt"), 0);
  EXPECT_EQ(report.at("credentials").as_array()[0].at("format").as_string(), "vc+jwt");
  EXPECT_EQ(report.at("credentials").as_array()[1].at("format").as_string(), "data-integrity");
  auto replay = verify("--challenge other " + path("vp.jwt"), 1);
  EXPECT_EQ(outcome(replay, "challenge"), "failed") << replay;
}

TEST_F(CliPresentations, AcceptsUnsignedOnlyWhenAllowed) {
  ASSERT_EQ(
      run("microcred present --unsigned " + path("signed.json") + " > " + path("u.json")).exit_code,
      0);
  auto refused = verify(path("u.json"), 1);
  EXPECT_EQ(outcome(refused, "proof"), "failed") << refused;
  auto allowed = verify("--allow-unsigned " + path("u.json"), 0);
  EXPECT_EQ(outcome(allowed, "proof"), "skipped") << allowed;
}

TEST_F(CliPresentations, RefusesBadUsageWithExit2) {
  const std::string signed_file = path("signed.json");
  struct Row {
    std::string command;
    const char* says;
  };
  const Row rows[] = {
      {"microcred present " + signed_file, "--key"},
      {"microcred present --key " + path("holder.json") + " " + signed_file, "--challenge"},
      {"microcred present --unsigned --key " + path("holder.json") + " " + signed_file,
       "--unsigned"},
      {"microcred present --key " + path("holder.json") + " --challenge x --holder " + issuer_ +
           " " + signed_file,
       "holder"},
      {"microcred present --key " + path("holder.json") + " --challenge x --format xml " +
           signed_file,
       "--format"},
      {"microcred present --key " + path("holder.json") + " --challenge x " + path("missing.json"),
       "missing.json"},
      {"microcred verify --challenge x " + signed_file, "apply to presentations"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.command);
    auto r = run(row.command);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(row.says), std::string::npos) << r.err;
  }
  auto duplicate = run(
      "microcred verify -",
      R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":"VerifiablePresentation","holder":"did:example:1","holder":"did:example:2"})");
  EXPECT_EQ(duplicate.exit_code, 2) << duplicate.out;
  EXPECT_NE(duplicate.err.find("duplicate key"), std::string::npos) << duplicate.err;
}

// did:web: the verifier resolves the issuer (and holder) only from the documents it is given.
class CliDidWeb : public CliPresentations {
 protected:
  static constexpr const char* did = "did:web:uni.example";
  static constexpr const char* key_id = "did:web:uni.example#key-1";

  void SetUp() override {
    CliPresentations::SetUp();
    // The key as uni.example's key-1: the same key file, named under the did:web.
    auto key = read_json(path("issuer.json"));
    multibase_ = std::string(key.at("publicKeyMultibase").as_string());
    key.as_object()["controller"] = did;
    key.as_object()["id"] = key_id;
    write_json(path("web-key.json"), key);
    write_json(path("web-credential.json"), credential(did));
    auto sign = run("microcred sign --key " + path("web-key.json") + " " +
                    path("web-credential.json") + " > " + path("web-signed.json"));
    ASSERT_EQ(sign.exit_code, 0) << sign.err;
    ASSERT_NE(support::read_file(path("web-signed.json")).find(key_id), std::string::npos);
  }

  // uni.example's DID document with key-1 under `relationships`, controlled by `controller`.
  std::string document(const std::string& name, std::initializer_list<const char*> relationships,
                       const std::string& controller = did) {
    bj::object doc{
        {"@context",
         bj::array{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"}},
        {"id", did},
        {"verificationMethod", bj::array{bj::object{{"id", key_id},
                                                    {"type", "Multikey"},
                                                    {"controller", controller},
                                                    {"publicKeyMultibase", multibase_}}}}};
    for (const char* relationship : relationships)
      doc[relationship] = bj::array{"#key-1"};
    write_json(path(name), doc);
    return path(name);
  }

  std::string multibase_;
};

TEST_F(CliDidWeb, VerifiesACredentialSignedUnderADidWebKey) {
  auto report = verify(
      "--did-doc " + document("did.json", {"assertionMethod"}) + " " + path("web-signed.json"), 0);
  EXPECT_EQ(outcome(report, "proof"), "ok") << report;
  EXPECT_EQ(outcome(report, "issuer-binding"), "ok") << report;
}

TEST_F(CliDidWeb, FailsWithoutTheDidDocument) {
  auto report = verify(path("web-signed.json"), 1);
  EXPECT_EQ(outcome(report, "proof"), "failed") << report;
  EXPECT_NE(bj::serialize(report).find("--did-doc"), std::string::npos) << report;
}

TEST_F(CliDidWeb, FailsAKeyNotListedUnderAssertionMethod) {
  auto report = verify(
      "--did-doc " + document("did.json", {"authentication"}) + " " + path("web-signed.json"), 1);
  EXPECT_EQ(outcome(report, "proof"), "ok") << report;
  EXPECT_EQ(outcome(report, "issuer-binding"), "failed") << report;
  EXPECT_NE(bj::serialize(report).find("not listed under assertionMethod"), std::string::npos)
      << report;
}

TEST_F(CliDidWeb, FailsAKeyControlledBySomeoneElse) {
  auto report =
      verify("--did-doc " + document("did.json", {"assertionMethod"}, "did:web:other.example") +
                 " " + path("web-signed.json"),
             1);
  EXPECT_EQ(outcome(report, "issuer-binding"), "failed") << report;
  EXPECT_NE(bj::serialize(report).find("controlled by did:web:other.example"), std::string::npos)
      << report;
}

TEST_F(CliDidWeb, BindsADidWebHolderThroughAuthentication) {
  auto present = run("microcred present --key " + path("web-key.json") + " " + present_args() +
                     " " + path("signed.json") + " > " + path("vp.json"));
  ASSERT_EQ(present.exit_code, 0) << present.err;
  auto report = verify("--did-doc " + document("auth.json", {"authentication"}) + " " +
                           present_args() + " " + path("vp.json"),
                       0);
  EXPECT_EQ(outcome(report, "holder-binding"), "ok") << report;
  // Listed for assertions only: it does not authenticate the holder.
  report = verify("--did-doc " + document("assert.json", {"assertionMethod"}) + " " +
                      present_args() + " " + path("vp.json"),
                  1);
  EXPECT_EQ(outcome(report, "holder-binding"), "failed") << report;
}

TEST(CliStatusList, MakesAndReadsAList) {
  char dir_template[] = "/tmp/microcred-status-cli-XXXXXX";
  const std::string dir = ::mkdtemp(dir_template);
  const std::string list = dir + "/list.json";
  auto make =
      run("microcred status-list make --id https://uni.example/status/1 --issuer did:example:1 "
          "--purpose suspension --set 3 --set 131071 > " +
          list + " && microcred status-list get --json " + list + " 2 3 131071");
  ASSERT_EQ(make.exit_code, 0) << make.err;
  auto read = json::parse(make.out);
  ASSERT_TRUE(read) << make.out;
  EXPECT_EQ(read->at("entries").as_int64(), 131072);
  EXPECT_EQ(read->at("set").as_int64(), 2);
  EXPECT_EQ(read->at("statusPurpose").as_string(), "suspension");
  EXPECT_FALSE(read->at("bits").at("2").as_bool());
  EXPECT_TRUE(read->at("bits").at("3").as_bool());
  EXPECT_TRUE(read->at("bits").at("131071").as_bool());
  for (const std::string& bad :
       {"microcred status-list get " + list + " 131072",
        "microcred status-list get " + list + " -1",
        std::string("microcred status-list make --id u:1 --issuer did:example:1 --set 131072"),
        std::string("microcred status-list make --id u:1 --issuer did:example:1 --entries 1000"),
        std::string("microcred status-list make --id u:1 --issuer did:example:1 --purpose nope"),
        std::string("microcred status-list get -")}) {
    SCOPED_TRACE(bad);
    auto r = run(bad, "{}");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_FALSE(r.err.empty());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace microcred
