#include "crypto/random.h"

#include <sodium.h>

#include "crypto/detail/sodium.h"

namespace microcred::crypto {

SystemRandom::SystemRandom() {
  detail::sodium_ready();
}

void SystemRandom::fill(std::span<std::uint8_t> out) {
  if (!out.empty()) randombytes_buf(out.data(), out.size());
}

void DeterministicRandom::fill(std::span<std::uint8_t> out) {
  if (out.empty()) return;
  std::array<std::uint8_t, crypto_stream_chacha20_ietf_NONCEBYTES> nonce{};
  std::uint64_t call = calls_++;
  for (std::size_t i = 0; i < 8; ++i)
    nonce[i] = static_cast<std::uint8_t>(call >> (8 * i));
  crypto_stream_chacha20_ietf(out.data(), out.size(), nonce.data(), seed_.data());
}

}  // namespace microcred::crypto
