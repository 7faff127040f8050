#include "crypto/ecdsa.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <string>

namespace microcred::crypto {
namespace {

Bytes unhex(std::string_view text) {
  return hex_decode(text).value();
}

// RFC 6979 §A.2.5 (P-256, SHA-256) and §A.2.6 (P-384, SHA-384), message "sample".
struct Rfc6979Vector {
  EcdsaCurve curve;
  const char* private_key;
  const char* compressed_public_key;  // 0x02/0x03 by the parity of Uy, then Ux
  const char* signature;              // r || s
  const char* order;                  // n, for the high-S test
};

const Rfc6979Vector rfc6979_vectors[] = {
    {EcdsaCurve::p256, "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
     "0360fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
     "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
     "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
     "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"},
    {EcdsaCurve::p384,
     "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
     "96d5724e4c70a825f872c9ea60d2edf5",
     "02ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64"
     "def8f0ea9055866064a254515480bc13",
     "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c"
     "81a648152e44acf96e36dd1e80fabe46"
     "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94f"
     "a329c145786e679e7b82c71a38628ac8",
     "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
     "581a0db248b0a77aecec196accc52973"},
};

// a - b for big-endian numbers of one width, a >= b.
Bytes subtract(const Bytes& a, ByteView b) {
  Bytes out(a.size());
  int borrow = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    int digit = a[i] - b[i] - borrow;
    borrow = digit < 0;
    out[i] = static_cast<std::uint8_t>(digit + (borrow ? 256 : 0));
  }
  return out;
}

TEST(Ecdsa, DerivesRfc6979PublicKeys) {
  for (const auto& vector : rfc6979_vectors) {
    SCOPED_TRACE(curve_name(vector.curve));
    auto pair = EcdsaKeyPair::from_private_key(vector.curve, unhex(vector.private_key));
    ASSERT_TRUE(pair) << pair.error().message;
    EXPECT_EQ(hex_encode(pair->public_key().bytes()), vector.compressed_public_key);
    EXPECT_EQ(hex_encode(pair->private_key().view()), vector.private_key);
  }
}

TEST(Ecdsa, VerifiesRfc6979Signatures) {
  for (const auto& vector : rfc6979_vectors) {
    SCOPED_TRACE(curve_name(vector.curve));
    auto verified = ecdsa_verify(vector.curve, unhex(vector.compressed_public_key),
                                 as_bytes("sample"), unhex(vector.signature));
    ASSERT_TRUE(verified) << verified.error().message;
    EXPECT_TRUE(*verified);
    EXPECT_FALSE(ecdsa_verify(vector.curve, unhex(vector.compressed_public_key), as_bytes("Sample"),
                              unhex(vector.signature))
                     .value());
  }
}

TEST(Ecdsa, AcceptsHighS) {
  for (const auto& vector : rfc6979_vectors) {
    SCOPED_TRACE(curve_name(vector.curve));
    Bytes signature = unhex(vector.signature);
    const std::size_t half = ecdsa_scalar_size(vector.curve);
    Bytes high_s = subtract(unhex(vector.order), ByteView(signature).subspan(half));
    std::copy(high_s.begin(), high_s.end(), signature.begin() + static_cast<long>(half));
    EXPECT_TRUE(ecdsa_verify(vector.curve, unhex(vector.compressed_public_key), as_bytes("sample"),
                             signature)
                    .value());
  }
}

TEST(Ecdsa, SignsAndVerifiesRoundTrip) {
  DeterministicRandom random({3});
  for (EcdsaCurve curve : {EcdsaCurve::p256, EcdsaCurve::p384}) {
    SCOPED_TRACE(curve_name(curve));
    auto pair = EcdsaKeyPair::generate(curve, random);
    ASSERT_TRUE(pair) << pair.error().message;
    EXPECT_EQ(pair->public_key().bytes().size(), ecdsa_public_key_size(curve));
    auto signature = pair->sign(as_bytes("a credential"));
    ASSERT_TRUE(signature) << signature.error().message;
    EXPECT_EQ(signature->size(), ecdsa_signature_size(curve));
    EXPECT_TRUE(pair->public_key().verify(as_bytes("a credential"), *signature).value());
    (*signature)[5] ^= 0x10;
    EXPECT_FALSE(pair->public_key().verify(as_bytes("a credential"), *signature).value());
  }
}

TEST(Ecdsa, RejectsSignaturesOfWrongLength) {
  const auto& vector = rfc6979_vectors[0];
  Bytes signature = unhex(vector.signature);
  for (std::size_t size : {0, 63, 65, 70}) {
    SCOPED_TRACE(size);
    Bytes resized = signature;
    resized.resize(size);
    auto verified = ecdsa_verify(vector.curve, unhex(vector.compressed_public_key),
                                 as_bytes("sample"), resized);
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.error().code, ErrorCode::invalid_argument);
  }
}

TEST(Ecdsa, RejectsZeroSignature) {
  const auto& vector = rfc6979_vectors[0];
  EXPECT_FALSE(ecdsa_verify(vector.curve, unhex(vector.compressed_public_key), as_bytes("sample"),
                            Bytes(64, 0))
                   .value());
}

TEST(Ecdsa, RejectsBadPublicKeys) {
  Bytes good = unhex(rfc6979_vectors[0].compressed_public_key);
  Bytes uncompressed_prefix = good;
  uncompressed_prefix[0] = 0x04;
  Bytes truncated(good.begin(), good.end() - 1);
  for (const Bytes& key : {uncompressed_prefix, truncated, Bytes{}}) {
    auto parsed = EcdsaPublicKey::parse(EcdsaCurve::p256, key);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_key) << parsed.error().message;
  }
  // About half of all x are on the curve, so try flips until one is not.
  int rejected = 0;
  for (int bit = 0; bit < 8; ++bit) {
    Bytes flipped = good;
    flipped[32] ^= static_cast<std::uint8_t>(1 << bit);
    auto parsed = EcdsaPublicKey::parse(EcdsaCurve::p256, flipped);
    if (!parsed) {
      EXPECT_EQ(parsed.error().code, ErrorCode::invalid_key);
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 0);
}

TEST(Ecdsa, RejectsPrivateKeysOutOfRange) {
  for (const Bytes& scalar :
       {Bytes(32, 0), unhex(rfc6979_vectors[0].order), Bytes(32, 0xff), Bytes(31, 1)}) {
    auto pair = EcdsaKeyPair::from_private_key(EcdsaCurve::p256, scalar);
    ASSERT_FALSE(pair);
    EXPECT_EQ(pair.error().code, ErrorCode::invalid_key);
  }
}

TEST(Ecdsa, SharesKeysAcrossCopies) {
  auto pair =
      EcdsaKeyPair::from_private_key(EcdsaCurve::p256, unhex(rfc6979_vectors[0].private_key));
  ASSERT_TRUE(pair);
  EcdsaKeyPair copy = *pair;
  auto signature = copy.sign(as_bytes("x"));
  ASSERT_TRUE(signature);
  EXPECT_TRUE(pair->public_key().verify(as_bytes("x"), *signature).value());
}

}  // namespace
}  // namespace microcred::crypto
