#include "core/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace microcred {
namespace {

Bytes bytes_of(std::string_view s) {
  return Bytes(s.begin(), s.end());
}

struct Vector {
  std::string plain;
  std::string encoded;
};

TEST(Hex, RoundTrips) {
  Bytes data = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(hex_encode(data), "0001abff");
  EXPECT_EQ(*hex_decode("0001ABff"), data);
}

TEST(Hex, RejectsOddLengthAndBadDigits) {
  EXPECT_EQ(hex_decode("abc").error().code, ErrorCode::invalid_encoding);
  EXPECT_EQ(hex_decode("zz").error().code, ErrorCode::invalid_encoding);
}

// RFC 4648 §10.
TEST(Base64, MatchesRfc4648Vectors) {
  const Vector vectors[] = {{"", ""},
                            {"f", "Zg=="},
                            {"fo", "Zm8="},
                            {"foo", "Zm9v"},
                            {"foob", "Zm9vYg=="},
                            {"fooba", "Zm9vYmE="},
                            {"foobar", "Zm9vYmFy"}};
  for (const auto& v : vectors) {
    SCOPED_TRACE(v.plain);
    EXPECT_EQ(base64_encode(bytes_of(v.plain)), v.encoded);
    auto decoded = base64_decode(v.encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, bytes_of(v.plain));
  }
}

TEST(Base64, RejectsMissingPaddingAndBadCharacters) {
  EXPECT_FALSE(base64_decode("Zg"));
  EXPECT_FALSE(base64_decode("Zm9v!A=="));
}

TEST(Base64Url, HasNoPaddingAndUrlAlphabet) {
  Bytes data = {0xfb, 0xff, 0xbf};
  EXPECT_EQ(base64url_encode(data), "-_-_");
  EXPECT_EQ(base64url_encode(bytes_of("f")), "Zg");
  EXPECT_EQ(*base64url_decode("Zm8"), bytes_of("fo"));
}

TEST(Base64Url, RejectsPaddingTrailingBitsAndImpossibleLength) {
  EXPECT_FALSE(base64url_decode("Zg=="));
  EXPECT_FALSE(base64url_decode("Zh"));  // non-zero trailing bits
  EXPECT_FALSE(base64url_decode("Zm9vY"));
}

// draft-msporny-base58-03 §5.
TEST(Base58Btc, MatchesDraftVectors) {
  const Vector vectors[] = {
      {"Hello World!", "2NEpo7TZRRrLZSi2U"},
      {"The quick brown fox jumps over the lazy dog.",
       "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"},
      {std::string("\x00\x00\x28\x7f\xb4\xcd", 6), "11233QC4"},
      {"", ""},
      {std::string("\x00", 1), "1"},
  };
  for (const auto& v : vectors) {
    SCOPED_TRACE(v.encoded);
    EXPECT_EQ(base58btc_encode(bytes_of(v.plain)), v.encoded);
    auto decoded = base58btc_decode(v.encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, bytes_of(v.plain));
  }
}

TEST(Base58Btc, RejectsCharactersOutsideTheAlphabet) {
  for (std::string bad : {"0abc", "Oops", "Il1", "abc def"}) {
    SCOPED_TRACE(bad);
    auto r = base58btc_decode(bad);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid_encoding);
  }
}

TEST(Base58Btc, RoundTripsRandomishBytes) {
  Bytes data;
  for (int length = 0; length < 80; ++length) {
    SCOPED_TRACE(length);
    EXPECT_EQ(*base58btc_decode(base58btc_encode(data)), data);
    data.push_back(static_cast<std::uint8_t>((length * 97 + 13) % 256 * (length % 3 != 0)));
  }
}

}  // namespace
}  // namespace microcred
