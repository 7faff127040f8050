#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "rdf/canonicalize.h"

namespace microcred::rdf::detail {

/// A digest as lower-case hex, the form RDFC-1.0 compares, sorts and hashes again. Fixed
/// storage, so hashes cost no allocation.
struct HexDigest {
  std::array<char, 96> chars{};
  std::uint8_t size = 0;
  /// The digest's first 8 bytes, big-endian: orders digests as their hex does, so that most
  /// comparisons (RDFC-1.0 sorts by hash) need no string comparison.
  std::uint64_t head = 0;

  std::string_view view() const { return {chars.data(), size}; }
  friend bool operator<(const HexDigest& a, const HexDigest& b) {
    if (a.head != b.head) return a.head < b.head;
    return a.view() < b.view();
  }
  friend bool operator==(const HexDigest& a, const HexDigest& b) {
    return a.head == b.head && a.view() == b.view();
  }
};

/// An incremental SHA-256 or SHA-384 (OpenSSL); one object is reused for many digests.
/// Not thread-safe; each canonicalization owns its own.
class Hasher {
 public:
  explicit Hasher(HashAlgorithm algorithm);
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  /// Starts a new digest.
  void begin();
  /// Feeds `bytes` to the digest begun last.
  void update(std::string_view bytes);
  /// Ends the digest and returns its hex.
  HexDigest finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace microcred::rdf::detail
