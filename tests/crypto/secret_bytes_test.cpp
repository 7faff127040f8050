#include "crypto/secret_bytes.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <utility>

namespace microcred::crypto {
namespace {

const Bytes sample{1, 2, 3, 4};

TEST(SecretBytes, KeepsItsBytes) {
  SecretBytes secret(sample);
  ASSERT_EQ(secret.size(), 4u);
  EXPECT_EQ(Bytes(secret.view().begin(), secret.view().end()), sample);
  EXPECT_TRUE(SecretBytes(3) == SecretBytes(Bytes{0, 0, 0}));
}

TEST(SecretBytes, CopiesAndMoves) {
  SecretBytes secret(sample);
  SecretBytes copy = secret;
  EXPECT_TRUE(copy == secret);
  SecretBytes moved = std::move(copy);
  EXPECT_TRUE(moved == secret);
  EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
  SecretBytes assigned(2);
  assigned = secret;
  EXPECT_TRUE(assigned == secret);
  assigned = SecretBytes(Bytes{9});
  EXPECT_EQ(assigned.size(), 1u);
  EXPECT_FALSE(assigned == secret);
}

}  // namespace
}  // namespace microcred::crypto
