#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/encoding.h"

namespace microcred::crypto {

/// Bytes of secret key material that are wiped (sodium_memzero) when destroyed or
/// overwritten. Copies are wiped too; a moved-from value is empty.
/// Thread safety: like std::vector.
class SecretBytes {
 public:
  SecretBytes() = default;
  /// `size` zero bytes, to be filled through `data()`.
  explicit SecretBytes(std::size_t size) : bytes_(size) {}
  /// A copy of `bytes`; the caller should wipe its own copy.
  explicit SecretBytes(ByteView bytes) : bytes_(bytes.begin(), bytes.end()) {}
  SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}
  SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {}
  SecretBytes& operator=(const SecretBytes& other);
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  ~SecretBytes() { wipe(); }

  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  /// A view of the bytes; valid while this object lives and is not assigned to.
  ByteView view() const { return {bytes_.data(), bytes_.size()}; }
  std::span<std::uint8_t> span() { return {bytes_.data(), bytes_.size()}; }

  /// Constant-time comparison (sodium_memcmp) when the sizes match.
  bool operator==(const SecretBytes& other) const;

 private:
  void wipe();
  std::vector<std::uint8_t> bytes_;
};

}  // namespace microcred::crypto
