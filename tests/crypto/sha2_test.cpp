#include "crypto/sha2.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <string>

namespace microcred::crypto {
namespace {

template <std::size_t N>
std::string hex(const std::array<std::uint8_t, N>& digest) {
  return hex_encode(digest);
}

// FIPS 180-4 examples (NIST CSRC "Example Values").
TEST(Sha256, MatchesFipsExamples) {
  EXPECT_EQ(hex(sha256(as_bytes(""))),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(sha256(as_bytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256(as_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha384, MatchesFipsExamples) {
  EXPECT_EQ(hex(sha384(as_bytes(""))),
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
            "274edebfe76f65fbd51ad2f14898b95b");
  EXPECT_EQ(hex(sha384(as_bytes("abc"))),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  const std::string text(1000, 'x');
  Sha256 hasher;
  for (std::size_t i = 0; i < text.size(); i += 7) {
    hasher.update(as_bytes(std::string_view(text).substr(i, 7)));
  }
  EXPECT_EQ(hasher.finish(), sha256(as_bytes(text)));
}

TEST(Sha256, StartsOverAfterFinish) {
  Sha256 hasher;
  hasher.update(as_bytes("junk"));
  (void)hasher.finish();
  EXPECT_EQ(hasher.update(as_bytes("abc")).finish(), sha256(as_bytes("abc")));
}

}  // namespace
}  // namespace microcred::crypto
