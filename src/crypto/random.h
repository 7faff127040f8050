#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "core/encoding.h"

namespace microcred::crypto {

/// A source of random bytes. Pass one in wherever keys, salts or nonces are made, so tests
/// can use `DeterministicRandom`.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  /// Fills `out` with random bytes; never fails.
  virtual void fill(std::span<std::uint8_t> out) = 0;
};

/// The operating system's CSPRNG through libsodium (randombytes_buf). Stateless and
/// thread-safe; the one to use outside tests.
class SystemRandom final : public RandomSource {
 public:
  SystemRandom();
  void fill(std::span<std::uint8_t> out) override;
};

/// A reproducible stream (ChaCha20 keyed by `seed`, one nonce per call). Not secret to
/// anyone who knows the seed: for tests and benchmarks only. Not thread-safe.
class DeterministicRandom final : public RandomSource {
 public:
  explicit DeterministicRandom(const std::array<std::uint8_t, 32>& seed) : seed_(seed) {}
  void fill(std::span<std::uint8_t> out) override;

 private:
  std::array<std::uint8_t, 32> seed_;
  std::uint64_t calls_ = 0;
};

}  // namespace microcred::crypto
