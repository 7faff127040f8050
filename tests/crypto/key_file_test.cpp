#include "crypto/key_file.h"  // first: proves the header stands alone

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <string>

#include <boost/json.hpp>

#include "crypto/did_key.h"
#include "crypto/multikey.h"

namespace microcred::crypto {
namespace {

// Tests use the cheapest Argon2id cost so they stay fast.
KeyFileOptions protect(std::string_view passphrase) {
  return {.passphrase = passphrase, .cost = minimum_passphrase_cost};
}

KeyPair test_key(KeyType type = KeyType::ed25519) {
  DeterministicRandom random({42});
  return KeyPair::generate(type, random).value();
}

boost::json::object as_object(const std::string& text) {
  return boost::json::parse(text).as_object();
}

std::string edit(const std::string& text, const std::function<void(boost::json::object&)>& change) {
  auto object = as_object(text);
  change(object);
  return boost::json::serialize(object);
}

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/microcred-crypto-XXXXXX";
    path_ = ::mkdtemp(pattern);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(KeyFile, WritesAMultikeyDocument) {
  DeterministicRandom random({1});
  const KeyPair key = test_key();
  auto text = make_key_file(key, {}, random);
  ASSERT_TRUE(text) << text.error().message;
  auto file = as_object(*text);
  const std::string did = make_did_key(key.public_key());
  const std::string multibase = encode_public_key_multibase(key.public_key());
  EXPECT_EQ(file.at("type"), "Multikey");
  EXPECT_EQ(file.at("controller"), did.c_str());
  EXPECT_EQ(file.at("id"), (did + "#" + multibase).c_str());
  EXPECT_EQ(file.at("publicKeyMultibase"), multibase.c_str());
  EXPECT_EQ(file.at("secretKeyMultibase"), encode_secret_key_multibase(key).c_str());
  EXPECT_EQ(text->back(), '\n');
}

TEST(KeyFile, RoundTripsEveryKeyType) {
  DeterministicRandom random({2});
  for (KeyType type : {KeyType::ed25519, KeyType::p256, KeyType::p384}) {
    SCOPED_TRACE(to_string(type));
    const KeyPair key = test_key(type);
    for (bool protected_file : {false, true}) {
      SCOPED_TRACE(protected_file ? "protected" : "plain");
      auto text =
          make_key_file(key, protected_file ? protect("correct horse") : KeyFileOptions{}, random);
      ASSERT_TRUE(text) << text.error().message;
      auto stored = open_key_file(*text, "correct horse");
      ASSERT_TRUE(stored) << stored.error().message;
      EXPECT_EQ(stored->key.public_key(), key.public_key());
      EXPECT_TRUE(stored->key.secret() == key.secret());
      EXPECT_EQ(stored->controller, make_did_key(key.public_key()));
      EXPECT_EQ(stored->id, did_key_verification_method_id(key.public_key()));
    }
  }
}

TEST(KeyFile, ProtectedFileHoldsNoPlainSecret) {
  DeterministicRandom random({3});
  const KeyPair key = test_key();
  auto text = make_key_file(key, protect("pw"), random).value();
  auto file = as_object(text);
  EXPECT_FALSE(file.contains("secretKeyMultibase"));
  const auto& sealed = file.at("encryptedSecretKey").as_object();
  EXPECT_EQ(sealed.at("kdf"), "argon2id");
  EXPECT_EQ(sealed.at("cipher"), "xchacha20-poly1305");
  EXPECT_EQ(sealed.at("opsLimit").to_number<std::uint64_t>(), 1u);
  EXPECT_EQ(text.find(encode_secret_key_multibase(key).substr(1, 20)), std::string::npos);
}

TEST(KeyFile, RejectsAWrongOrMissingPassphrase) {
  DeterministicRandom random({4});
  auto text = make_key_file(test_key(), protect("right"), random).value();
  auto wrong = open_key_file(text, "wrong");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::wrong_passphrase);
  EXPECT_NE(wrong.error().message.find("wrong passphrase"), std::string::npos);
  auto missing = open_key_file(text);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::wrong_passphrase);
  EXPECT_NE(missing.error().message.find("protected by a passphrase"), std::string::npos);
}

TEST(KeyFile, RejectsAnEmptyPassphraseOrCostOutOfRange) {
  DeterministicRandom random({5});
  auto empty = make_key_file(test_key(), protect(""), random);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
  auto cheap = make_key_file(test_key(), {.passphrase = "x", .cost = {0, 8192}}, random);
  ASSERT_FALSE(cheap);
  EXPECT_EQ(cheap.error().code, ErrorCode::invalid_argument);
}

TEST(KeyFile, RejectsAHostileArgon2Cost) {
  DeterministicRandom random({6});
  auto text = make_key_file(test_key(), protect("pw"), random).value();
  auto hostile = edit(text, [](auto& file) {
    file["encryptedSecretKey"].as_object()["memLimit"] = std::uint64_t{1} << 40;
  });
  auto opened = open_key_file(hostile, "pw");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::limit_exceeded);
  EXPECT_EQ(opened.error().field, "/encryptedSecretKey");
}

TEST(KeyFile, RejectsTamperedFiles) {
  DeterministicRandom random({7});
  const KeyPair key = test_key();
  const KeyPair other = test_key(KeyType::p256);
  const std::string plain = make_key_file(key, {}, random).value();
  const std::string sealed = make_key_file(key, protect("pw"), random).value();
  const std::string other_multibase = encode_public_key_multibase(
      KeyPair::from_secret(KeyType::ed25519, Bytes(32, 9))->public_key());
  struct Row {
    const char* name;
    std::string text;
    ErrorCode code;
    const char* field;
  };
  const Row rows[] = {
      {"not JSON", "{", ErrorCode::parse_error, nullptr},
      {"not an object", "[]", ErrorCode::invalid_key, ""},
      {"no type", edit(plain, [](auto& f) { f.erase("type"); }), ErrorCode::invalid_key, "/type"},
      {"another type", edit(plain, [](auto& f) { f["type"] = "JsonWebKey2020"; }),
       ErrorCode::unsupported, "/type"},
      {"no secret", edit(plain, [](auto& f) { f.erase("secretKeyMultibase"); }),
       ErrorCode::invalid_key, ""},
      {"secret of another key",
       edit(plain, [&](auto& f) { f["secretKeyMultibase"] = encode_secret_key_multibase(other); }),
       ErrorCode::invalid_key, "/secretKeyMultibase"},
      {"public key swapped",
       edit(plain,
            [&](auto& f) {
              f["publicKeyMultibase"] = other_multibase;
              f.erase("controller");
              f.erase("id");
            }),
       ErrorCode::invalid_key, "/secretKeyMultibase"},
      {"controller of another key",
       edit(plain, [&](auto& f) { f["controller"] = "did:key:" + other_multibase; }),
       ErrorCode::invalid_key, "/controller"},
      {"id outside the controller", edit(plain, [](auto& f) { f["id"] = "did:web:x#k"; }),
       ErrorCode::invalid_key, "/id"},
      {"bad base58 secret", edit(plain, [](auto& f) { f["secretKeyMultibase"] = "z0OIl"; }),
       ErrorCode::invalid_encoding, "/secretKeyMultibase"},
      // The public key is the ciphertext's associated data, so swapping it fails decryption.
      {"sealed public key swapped",
       edit(sealed,
            [&](auto& f) {
              f["publicKeyMultibase"] = other_multibase;
              f.erase("controller");
              f.erase("id");
            }),
       ErrorCode::wrong_passphrase, "/encryptedSecretKey"},
      {"sealed nonce short",
       edit(sealed, [](auto& f) { f["encryptedSecretKey"].as_object()["nonce"] = "uAAAA"; }),
       ErrorCode::invalid_key, "/encryptedSecretKey/nonce"},
      {"sealed unknown kdf",
       edit(sealed, [](auto& f) { f["encryptedSecretKey"].as_object()["kdf"] = "scrypt"; }),
       ErrorCode::unsupported, "/encryptedSecretKey/kdf"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto opened = open_key_file(row.text, "pw");
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, row.code) << opened.error().message;
    if (row.field != nullptr) {
      EXPECT_EQ(opened.error().field, row.field);
    }
  }
}

TEST(KeyFile, WritesMode0600Atomically) {
  TempDir dir;
  DeterministicRandom random({8});
  const KeyPair key = test_key();
  const auto path = dir.path() / "key.json";
  ASSERT_TRUE(write_key_file(path, "old"));
  const std::string text = make_key_file(key, {}, random).value();
  ASSERT_TRUE(write_key_file(path, text));
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  // Only the key file is left: no temporary beside it.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
  auto stored = read_key_file(path);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->key.public_key(), key.public_key());
}

TEST(KeyFile, ReportsUnreadableAndUnwritablePaths) {
  TempDir dir;
  auto missing = read_key_file(dir.path() / "absent.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::io_error);
  EXPECT_NE(missing.error().message.find("absent.json"), std::string::npos);
  auto unwritable = write_key_file(dir.path() / "no" / "such" / "dir.json", "{}");
  ASSERT_FALSE(unwritable);
  EXPECT_EQ(unwritable.error().code, ErrorCode::io_error);
  EXPECT_NE(unwritable.error().message.find("dir.json"), std::string::npos);
}

TEST(KeyFile, NamesTheFileInErrors) {
  TempDir dir;
  DeterministicRandom random({10});
  const auto path = dir.path() / "locked.json";
  ASSERT_TRUE(write_key_file(path, make_key_file(test_key(), protect("a"), random).value()));
  auto opened = read_key_file(path, "b");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::wrong_passphrase);
  EXPECT_EQ(opened.error().field, path.string() + ":/encryptedSecretKey");
}

TEST(KeyFile, AcceptsAnotherController) {
  DeterministicRandom random({11});
  const KeyPair key = test_key();
  auto text = make_key_file(key, {.controller = "did:web:example.edu"}, random).value();
  auto stored = open_key_file(text);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->controller, "did:web:example.edu");
  EXPECT_EQ(stored->id, "did:web:example.edu#" + encode_public_key_multibase(key.public_key()));
}

}  // namespace
}  // namespace microcred::crypto
