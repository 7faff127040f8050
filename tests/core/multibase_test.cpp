#include "core/multibase.h"

#include <gtest/gtest.h>

namespace microcred {
namespace {

TEST(Multibase, EncodesWithPrefix) {
  Bytes data = {'h', 'i'};
  EXPECT_EQ(multibase_encode(data), "z" + base58btc_encode(data));
  EXPECT_EQ(multibase_encode(data, Multibase::base64url), "uaGk");
  EXPECT_EQ(*multibase_decode("uaGk"), data);
  EXPECT_EQ(*multibase_decode(multibase_encode(data)), data);
}

TEST(Multibase, RejectsUnknownPrefixAndEmpty) {
  EXPECT_EQ(multibase_decode("f6869").error().code, ErrorCode::unsupported);
  EXPECT_EQ(multibase_decode("").error().code, ErrorCode::invalid_encoding);
  EXPECT_EQ(multibase_decode("z0OIl").error().code, ErrorCode::invalid_encoding);
}

TEST(Varint, EncodesMulticodecPrefixes) {
  EXPECT_EQ(varint_encode(multicodec::ed25519_pub), (Bytes{0xed, 0x01}));
  EXPECT_EQ(varint_encode(multicodec::p256_pub), (Bytes{0x80, 0x24}));
  EXPECT_EQ(varint_encode(multicodec::ed25519_priv), (Bytes{0x80, 0x26}));
  EXPECT_EQ(varint_encode(0), (Bytes{0x00}));
  EXPECT_EQ(varint_encode(127), (Bytes{0x7f}));
  EXPECT_EQ(varint_encode(128), (Bytes{0x80, 0x01}));
}

TEST(Varint, DecodesAndRejectsBadForms) {
  auto v = varint_decode(Bytes{0xed, 0x01, 0xff});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->value, 0xedu);
  EXPECT_EQ(v->length, 2u);
  EXPECT_FALSE(varint_decode(Bytes{}));
  EXPECT_FALSE(varint_decode(Bytes{0x80}));        // truncated
  EXPECT_FALSE(varint_decode(Bytes{0x80, 0x00}));  // not minimal
  EXPECT_FALSE(varint_decode(Bytes(10, 0xff)));    // too long
}

TEST(Multicodec, WrapsAndUnwraps) {
  Bytes key(32, 7);
  Bytes wrapped = multicodec_wrap(multicodec::ed25519_pub, key);
  ASSERT_EQ(wrapped.size(), 34u);
  auto unwrapped = multicodec_unwrap(wrapped);
  ASSERT_TRUE(unwrapped);
  EXPECT_EQ(unwrapped->codec, multicodec::ed25519_pub);
  EXPECT_EQ(unwrapped->payload, key);
}

}  // namespace
}  // namespace microcred
