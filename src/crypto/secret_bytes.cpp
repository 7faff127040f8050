#include "crypto/secret_bytes.h"

#include <sodium.h>

#include <utility>

namespace microcred::crypto {

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
  if (this != &other) {
    // Copy and swap: the old buffer is wiped by `copy`'s destructor.
    SecretBytes copy(other);
    std::swap(bytes_, copy.bytes_);
  }
  return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

bool SecretBytes::operator==(const SecretBytes& other) const {
  if (size() != other.size()) return false;
  if (empty()) return true;
  return sodium_memcmp(data(), other.data(), size()) == 0;
}

void SecretBytes::wipe() {
  if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
}

}  // namespace microcred::crypto
