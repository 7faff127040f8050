// `microcred sign` then `microcred verify`, as a user would run them (issue #5 acceptance).
#include <gtest/gtest.h>

#include <string>

#include "support/run.h"
#include "support/testsuites.h"

namespace microcred {
namespace {

using support::run;

class SignVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/microcred-vc-XXXXXX";
    dir_ = ::mkdtemp(dir_template);
    sample_ = (support::source_dir() / "bench" / "data" / "ob3-microcredential.json").string();
    auto key = run("microcred keygen --out " + dir_ + "/key.json");
    ASSERT_EQ(key.exit_code, 0) << key.err;
    did_ = key.out.substr(0, key.out.find_first_of("\n "));
    // The sample's credentialSchema type is not defined by the OB 3.0 context (a relative
    // @type, which safe mode refuses, as jsonld.js does); drop it. `issued.json` names the
    // key's DID as issuer, `foreign.json` keeps the sample's issuer.
    auto prepare = run(
        "node -e 'const fs=require(\"fs\");const c=JSON.parse(fs.readFileSync(process.argv[1]));"
        "delete c.credentialSchema;fs.writeFileSync(process.argv[3],JSON.stringify(c));"
        "if(typeof c.issuer===\"string\")c.issuer=process.argv[2];else c.issuer.id=process.argv[2];"
        "fs.writeFileSync(process.argv[4],JSON.stringify(c,null,2))' " +
        sample_ + " " + did_ + " " + dir_ + "/foreign.json " + dir_ + "/issued.json");
    if (prepare.exit_code != 0)
      GTEST_SKIP() << "node is needed to prepare the sample: " << prepare.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_, sample_, did_;
};

TEST_F(SignVerify, SignatureHoldsButAForeignIssuerIsNotBound) {
  // The sample names its own issuer, not the fresh key's DID: the signature is valid, the
  // binding of key to issuer is not.
  auto sign = run("microcred sign --key " + dir_ + "/key.json " + dir_ + "/foreign.json > " + dir_ +
                  "/signed.json");
  ASSERT_EQ(sign.exit_code, 0) << sign.err;
  auto verify = run("microcred verify --json " + dir_ + "/signed.json");
  EXPECT_EQ(verify.exit_code, 1) << verify.err;
  EXPECT_NE(verify.out.find("\"check\":\"proof\",\"ok\":true"), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("\"check\":\"issuer-binding\",\"ok\":false"), std::string::npos)
      << verify.out;
}

TEST_F(SignVerify, VerifiesACredentialIssuedByTheKeysDid) {
  std::string issued = dir_ + "/issued.json";
  auto sign =
      run("microcred sign --key " + dir_ + "/key.json " + issued + " > " + dir_ + "/ok.json");
  ASSERT_EQ(sign.exit_code, 0) << sign.err;
  auto verify = run("microcred verify --json " + dir_ + "/ok.json");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("\"verified\":true"), std::string::npos) << verify.out;

  // A one-character change to a signed value fails, naming the proof check.
  auto tamper = run("sed 's/\"name\": *\"/&X/' " + dir_ + "/ok.json > " + dir_ +
                    "/bad.json && "
                    "microcred verify " +
                    dir_ + "/bad.json");
  EXPECT_EQ(tamper.exit_code, 1) << tamper.out << tamper.err;
  EXPECT_NE(tamper.out.find("FAILED  proof"), std::string::npos) << tamper.out;
}

TEST_F(SignVerify, RoundTripsAVcJwt) {
  auto sign = run("microcred sign --format jwt --key " + dir_ + "/key.json " + dir_ +
                  "/issued.json > " + dir_ + "/vc.jwt");
  ASSERT_EQ(sign.exit_code, 0) << sign.err;
  auto verify = run("microcred verify --json " + dir_ + "/vc.jwt");
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("\"verified\":true"), std::string::npos) << verify.out;
  // Change one character in the middle of the signature (the last one holds padding bits).
  auto tamper =
      run("awk '{p=length($0)-10; c=substr($0,p,1); printf \"%s%s%s\\n\", "
          "substr($0,1,p-1), (c==\"A\" ? \"B\" : \"A\"), substr($0,p+1)}' " +
          dir_ + "/vc.jwt > " + dir_ + "/bad.jwt && microcred verify " + dir_ + "/bad.jwt");
  EXPECT_EQ(tamper.exit_code, 1) << tamper.out << tamper.err;
  EXPECT_NE(tamper.out.find("FAILED  proof"), std::string::npos) << tamper.out;
}

TEST_F(SignVerify, ChecksRevocationAgainstAGivenStatusList) {
  // The sample's credentialStatus points at a list that is not given: a warning, not a pass.
  auto sign = run("microcred sign --key " + dir_ + "/key.json " + dir_ + "/issued.json > " + dir_ +
                  "/ok.json");
  ASSERT_EQ(sign.exit_code, 0) << sign.err;
  auto verify = run("microcred verify --json " + dir_ + "/ok.json");
  EXPECT_NE(verify.out.find("\"outcome\":\"warning\",\"detail\":\"status list"), std::string::npos)
      << verify.out;
}

TEST(Verify, RefusesInputThatIsNotACredential) {
  EXPECT_EQ(run("microcred verify -", "[1,2,3]").exit_code, 2);
  EXPECT_EQ(run("microcred verify -", "{\"a\":1,\"a\":2}").exit_code, 2);
  EXPECT_EQ(run("microcred verify -", "not json").exit_code, 2);
}

TEST(Verify, ReportsAnUnsignedCredentialAsNotVerified) {
  auto r =
      run("microcred verify --json -",
          R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],)"
          R"("issuer":"did:example:1","credentialSubject":{"id":"did:example:2"}})");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\"verified\":false"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the credential has no proof"), std::string::npos) << r.out;
}

TEST(Verify, RefusesInlineContexts) {
  auto r = run(
      "microcred verify --json -",
      R"({"@context":["https://www.w3.org/ns/credentials/v2",{"@vocab":"https://evil.example/#"}],)"
      R"("type":["VerifiableCredential"],"issuer":"did:example:1","credentialSubject":{"id":"did:example:2"}})");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("inline @context"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace microcred
