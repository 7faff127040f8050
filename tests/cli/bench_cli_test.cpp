// `microcred bench issue` and `microcred bench verify` (#5): each iteration works on another
// variant of the input, and a credential that does not verify is refused.
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

using support::run;

class BenchVc : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/microcred-bench-XXXXXX";
    dir_ = ::mkdtemp(dir_template);
    auto key = run("microcred keygen --out " + dir_ + "/key.json");
    ASSERT_EQ(key.exit_code, 0) << key.err;
    const std::string did = key.out.substr(0, key.out.find_first_of("\n "));
    // The EU sample with the key's did:key as issuer, so that verification binds.
    auto sample = json::parse(support::read_file(support::source_dir() / "bench" / "data" /
                                                 "ob3-microcredential-eu.json"));
    ASSERT_TRUE(sample);
    sample->as_object()["issuer"].as_object()["id"] = did;
    std::ofstream(dir_ + "/credential.json") << boost::json::serialize(*sample);
    auto sign = run("microcred sign --key " + dir_ + "/key.json " + dir_ + "/credential.json > " +
                    dir_ + "/signed.json");
    ASSERT_EQ(sign.exit_code, 0) << sign.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
};

TEST_F(BenchVc, IssuesVariantsOfTheCredential) {
  auto r = run("microcred bench issue " + dir_ + "/credential.json --key " + dir_ +
               "/key.json --seconds 0.05 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"op\":\"issue\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"variants\":64"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"ed25519_sign_per_s\":"), std::string::npos) << r.out;
}

TEST_F(BenchVc, VerifiesVariantsSignedWithTheIssuersKey) {
  auto with_key = run("microcred bench verify " + dir_ + "/signed.json --key " + dir_ +
                      "/key.json --seconds 0.05 --json");
  ASSERT_EQ(with_key.exit_code, 0) << with_key.err;
  EXPECT_NE(with_key.out.find("\"variants\":64"), std::string::npos) << with_key.out;
  auto without_key = run("microcred bench verify " + dir_ + "/signed.json --seconds 0.05 --json");
  ASSERT_EQ(without_key.exit_code, 0) << without_key.err;
  EXPECT_NE(without_key.out.find("\"variants\":1"), std::string::npos) << without_key.out;
}

TEST_F(BenchVc, RefusesToTimeACredentialThatDoesNotVerify) {
  auto signed_doc = json::parse(support::read_file(dir_ + "/signed.json"));
  ASSERT_TRUE(signed_doc);
  signed_doc->as_object()["name"] = "Tampered";
  std::ofstream(dir_ + "/tampered.json") << boost::json::serialize(*signed_doc);
  auto r = run("microcred bench verify " + dir_ + "/tampered.json --seconds 0.05");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("does not verify"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace microcred
