#include "crypto/key.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

namespace microcred::crypto {
namespace {

const KeyType all_types[] = {KeyType::ed25519, KeyType::p256, KeyType::p384};

TEST(KeyType, RoundTripsItsName) {
  for (KeyType type : all_types) {
    EXPECT_EQ(parse_key_type(to_string(type)).value(), type);
  }
  auto unknown = parse_key_type("rsa");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_argument);
}

TEST(KeyPair, SignsAndVerifiesForEveryType) {
  DeterministicRandom random({9});
  for (KeyType type : all_types) {
    SCOPED_TRACE(to_string(type));
    auto pair = KeyPair::generate(type, random);
    ASSERT_TRUE(pair) << pair.error().message;
    auto signature = pair->sign(as_bytes("message"));
    ASSERT_TRUE(signature);
    EXPECT_TRUE(verify(pair->public_key(), as_bytes("message"), *signature).value());
    EXPECT_FALSE(verify(pair->public_key(), as_bytes("massage"), *signature).value());
    Bytes tampered = *signature;
    tampered.back() ^= 0x40;
    EXPECT_FALSE(verify(pair->public_key(), as_bytes("message"), tampered).value());
    tampered.pop_back();
    auto short_signature = verify(pair->public_key(), as_bytes("message"), tampered);
    ASSERT_FALSE(short_signature);
    EXPECT_EQ(short_signature.error().code, ErrorCode::invalid_argument);
  }
}

TEST(KeyPair, RebuildsFromItsSecret) {
  SystemRandom random;
  for (KeyType type : all_types) {
    SCOPED_TRACE(to_string(type));
    auto pair = KeyPair::generate(type, random);
    ASSERT_TRUE(pair);
    auto again = KeyPair::from_secret(type, pair->secret().view());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->public_key(), pair->public_key());
    EXPECT_EQ(make_public_key(type, pair->public_key().bytes).value(), pair->public_key());
  }
}

TEST(PublicKey, RejectsWrongLengths) {
  for (KeyType type : all_types) {
    SCOPED_TRACE(to_string(type));
    auto key = make_public_key(type, Bytes(20, 2));
    ASSERT_FALSE(key);
    EXPECT_EQ(key.error().code, ErrorCode::invalid_key);
  }
}

}  // namespace
}  // namespace microcred::crypto
