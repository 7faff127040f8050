// `microcred keygen`, run as a program (issue #3 acceptance: the key written with --out
// resolves back, through its did:key, to the same public key).
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "crypto/did_key.h"
#include "crypto/key_file.h"
#include "support/run.h"

namespace microcred::crypto {
namespace {

class KeygenCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(support::microcred_binary())) {
      GTEST_SKIP() << "no microcred binary at " << support::microcred_binary();
    }
    char pattern[] = "/tmp/microcred-keygen-XXXXXX";
    dir_ = ::mkdtemp(pattern);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  support::RunResult keygen(const std::string& arguments) {
    return support::run("'" + support::microcred_binary() + "' keygen " + arguments);
  }
  static void expect_one_line_error(const support::RunResult& result, std::string_view needle) {
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_NE(result.err.find(needle), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
  }
  std::filesystem::path dir_;
};

TEST_F(KeygenCli, WritesAKeyWhoseDidKeyResolvesBack) {
  const auto path = dir_ / "k.json";
  auto result = keygen("--out '" + path.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto stored = read_key_file(path);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(result.out, stored->controller + "\n");
  auto document = resolve_did_key(stored->controller);
  ASSERT_TRUE(document) << document.error().message;
  auto method_id = document->at("assertionMethod").as_array()[0].as_string();
  EXPECT_EQ(method_id, stored->id.c_str());
  auto resolved = resolve_did_key_verification_method(stored->id);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(*resolved, stored->key.public_key());
  EXPECT_EQ(stored->key.type(), KeyType::ed25519);
}

TEST_F(KeygenCli, PrintsTheKeyFileWithoutOut) {
  auto result = keygen("--type p256");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto stored = open_key_file(result.out);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->key.type(), KeyType::p256);
  EXPECT_TRUE(stored->controller.starts_with("did:key:zDn")) << stored->controller;
}

TEST_F(KeygenCli, ProtectsTheKeyWithAPassphraseFromTheEnvironment) {
  const auto path = dir_ / "protected.json";
  auto result = support::run("MICROCRED_TEST_PASSPHRASE='open sesame' '" +
                             support::microcred_binary() + "' keygen --passphrase-env " +
                             "MICROCRED_TEST_PASSPHRASE --out '" + path.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto locked = read_key_file(path);
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::wrong_passphrase);
  auto opened = read_key_file(path, "open sesame");
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(result.out, opened->controller + "\n");
}

TEST_F(KeygenCli, RejectsAnUnknownType) {
  expect_one_line_error(keygen("--type rsa"), "rsa");
}

TEST_F(KeygenCli, RejectsAnUnsetPassphraseVariable) {
  expect_one_line_error(keygen("--passphrase-env MICROCRED_TEST_NOT_SET_ANYWHERE"),
                        "MICROCRED_TEST_NOT_SET_ANYWHERE");
}

TEST_F(KeygenCli, RejectsAnUnwritablePath) {
  const auto path = dir_ / "missing" / "k.json";
  expect_one_line_error(keygen("--out '" + path.string() + "'"), path.string());
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace microcred::crypto
