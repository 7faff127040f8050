#include "crypto/detail/sodium.h"

#include <sodium.h>

namespace microcred::crypto::detail {

bool sodium_ready() {
  // sodium_init() is itself thread-safe and idempotent; the static only saves the call.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace microcred::crypto::detail
