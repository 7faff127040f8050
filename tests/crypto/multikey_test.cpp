#include "crypto/multikey.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <string>

#include "core/multibase.h"

namespace microcred::crypto {
namespace {

Bytes unhex(std::string_view text) {
  return hex_decode(text).value();
}

struct KeyPairVector {
  const char* source;
  KeyType type;
  const char* public_key_multibase;
  const char* secret_key_multibase;
};

// Published key pairs: vc-di-eddsa TestVectors/keyPair.json, vc-di-ecdsa
// TestVectors/p256KeyPair.json and p384KeyPair.json.
const KeyPairVector published_pairs[] = {
    {"vc-di-eddsa", KeyType::ed25519, "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
     "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"},
    {"vc-di-ecdsa P-256", KeyType::p256, "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP",
     "z42twTcNeSYcnqg1FLuSFs2bsGH3ZqbRHFmvS9XMsYhjxvHN"},
    {"vc-di-ecdsa P-384", KeyType::p384,
     "z82LkuBieyGShVBhvtE2zoiD6Kma4tJGFtkAhxR5pfkp5QPw4LutoYWhvQCnGjdVn14kujQ",
     "z2fanyY7zgwNpZGxX5fXXibvScNaUWNprHU9dKx7qpVj7mws9J8LLt4mDB5TyH2GLHWkUc"},
};

TEST(Multikey, DecodesAndReencodesPublishedKeyPairs) {
  for (const auto& vector : published_pairs) {
    SCOPED_TRACE(vector.source);
    auto pair = decode_secret_key_multibase(vector.secret_key_multibase);
    ASSERT_TRUE(pair) << pair.error().message;
    EXPECT_EQ(pair->type(), vector.type);
    EXPECT_EQ(encode_public_key_multibase(pair->public_key()), vector.public_key_multibase);
    EXPECT_EQ(encode_secret_key_multibase(*pair), vector.secret_key_multibase);
    auto public_key = decode_public_key_multibase(vector.public_key_multibase);
    ASSERT_TRUE(public_key) << public_key.error().message;
    EXPECT_EQ(*public_key, pair->public_key());
  }
}

TEST(Multikey, UsesTheMulticodecPrefixes) {
  // Ed25519 seed of all zeros: did:key spec test vector z6MkiTBz...
  auto ed = KeyPair::from_secret(KeyType::ed25519, Bytes(32, 0));
  ASSERT_TRUE(ed);
  EXPECT_EQ(encode_public_key_multibase(ed->public_key()),
            "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
  auto bytes = multibase_decode(encode_secret_key_multibase(*ed)).value();
  EXPECT_EQ(hex_encode(ByteView(bytes).first(2)), "8026");
  auto p256 = KeyPair::from_secret(
      KeyType::p256, unhex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721"));
  ASSERT_TRUE(p256);
  auto p256_public = multibase_decode(encode_public_key_multibase(p256->public_key())).value();
  EXPECT_EQ(hex_encode(ByteView(p256_public).first(2)), "8024");
  EXPECT_EQ(p256_public.size(), 2u + 33u);
  auto p256_secret = multibase_decode(encode_secret_key_multibase(*p256)).value();
  EXPECT_EQ(hex_encode(ByteView(p256_secret).first(2)), "8626");
}

TEST(Multikey, AcceptsTheOlder64ByteEd25519SecretKey) {
  // Open Badges 3.0 test-vectors/obv3p0/keyPair.json.
  auto pair = decode_secret_key_multibase(
      "zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMc"
      "x");
  ASSERT_TRUE(pair) << pair.error().message;
  EXPECT_EQ(encode_public_key_multibase(pair->public_key()),
            "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");
  // The same bytes with another public key at the end are refused.
  Bytes bytes = multibase_decode(
                    "zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufx"
                    "SHWVZzsJiUsMHFMcx")
                    .value();
  bytes.back() ^= 1;
  auto mismatched = decode_secret_key(bytes);
  ASSERT_FALSE(mismatched);
  EXPECT_EQ(mismatched.error().code, ErrorCode::invalid_key);
}

struct BadInput {
  const char* name;
  std::string multibase;
  ErrorCode code;
};

std::string wrap(std::uint64_t codec, const Bytes& payload) {
  return multibase_encode(multicodec_wrap(codec, payload));
}

// `multibase` with its last byte dropped.
std::string truncated(std::string_view multibase) {
  Bytes bytes = multibase_decode(multibase).value();
  bytes.pop_back();
  return multibase_encode(bytes);
}

TEST(Multikey, RejectsBadPublicKeys) {
  const std::string good = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  const Bytes ed_key = multicodec_unwrap(multibase_decode(good).value()).value().payload;
  const BadInput rows[] = {
      {"empty", "", ErrorCode::invalid_encoding},
      {"only the prefix", "z", ErrorCode::invalid_encoding},
      {"base64url prefix", "u" + good.substr(1), ErrorCode::invalid_encoding},
      {"bad base58 (0 is not in the alphabet)", "z6Mk0JVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
       ErrorCode::invalid_encoding},
      {"bad base58 (l)", good.substr(0, 10) + "l" + good.substr(11), ErrorCode::invalid_encoding},
      {"truncated", truncated(good), ErrorCode::invalid_key},
      {"truncated varint", multibase_encode(Bytes{0x80}), ErrorCode::invalid_encoding},
      {"wrong length", wrap(0xed, Bytes(33, 1)), ErrorCode::invalid_key},
      {"x25519 multicodec", wrap(0xec, ed_key), ErrorCode::unsupported},
      {"secp256k1 multicodec", wrap(0xe7, Bytes(33, 2)), ErrorCode::unsupported},
      {"secret key multicodec", wrap(0x1300, ed_key), ErrorCode::invalid_key},
      {"P-256 point not compressed", wrap(0x1200, Bytes(33, 4)), ErrorCode::invalid_key},
      {"P-256 wrong length", wrap(0x1200, Bytes(65, 4)), ErrorCode::invalid_key},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto key = decode_public_key_multibase(row.multibase);
    ASSERT_FALSE(key);
    EXPECT_EQ(key.error().code, row.code) << key.error().message;
    EXPECT_FALSE(key.error().message.empty());
  }
}

TEST(Multikey, RejectsBadSecretKeys) {
  const BadInput rows[] = {
      {"not z", "u3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", ErrorCode::invalid_encoding},
      {"truncated", truncated("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"),
       ErrorCode::invalid_key},
      {"wrong length", wrap(0x1306, Bytes(31, 1)), ErrorCode::invalid_key},
      {"public key multicodec", wrap(0xed, Bytes(32, 1)), ErrorCode::invalid_key},
      {"unsupported secret", wrap(0x1301, Bytes(32, 1)), ErrorCode::unsupported},
      {"P-256 scalar zero", wrap(0x1306, Bytes(32, 0)), ErrorCode::invalid_key},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto pair = decode_secret_key_multibase(row.multibase);
    ASSERT_FALSE(pair);
    EXPECT_EQ(pair.error().code, row.code) << pair.error().message;
  }
}

}  // namespace
}  // namespace microcred::crypto
