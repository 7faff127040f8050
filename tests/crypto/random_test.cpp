#include "crypto/random.h"  // first: proves the header stands alone

#include <gtest/gtest.h>

#include <vector>

namespace microcred::crypto {
namespace {

constexpr std::array<std::uint8_t, 32> seed_a{1};
constexpr std::array<std::uint8_t, 32> seed_b{2};

std::vector<std::uint8_t> draw(RandomSource& random, std::size_t size) {
  std::vector<std::uint8_t> out(size);
  random.fill(out);
  return out;
}

TEST(DeterministicRandom, RepeatsForTheSameSeed) {
  DeterministicRandom first(seed_a);
  DeterministicRandom second(seed_a);
  EXPECT_EQ(draw(first, 40), draw(second, 40));
  EXPECT_EQ(draw(first, 3), draw(second, 3));
}

TEST(DeterministicRandom, DiffersBetweenCallsAndSeeds) {
  DeterministicRandom first(seed_a);
  DeterministicRandom other(seed_b);
  auto one = draw(first, 32);
  EXPECT_NE(one, draw(first, 32));
  EXPECT_NE(one, draw(other, 32));
}

TEST(SystemRandom, FillsWithDifferentBytesEachTime) {
  SystemRandom random;
  auto one = draw(random, 32);
  EXPECT_NE(one, draw(random, 32));
  EXPECT_NE(one, std::vector<std::uint8_t>(32, 0));
  draw(random, 0);  // an empty fill is fine
}

}  // namespace
}  // namespace microcred::crypto
