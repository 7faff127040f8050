#pragma once

namespace microcred::crypto::detail {

/// Initialises libsodium once (thread-safe, idempotent); true when it is usable.
bool sodium_ready();

}  // namespace microcred::crypto::detail
