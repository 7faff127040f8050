#include "crypto/sha2.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace microcred::crypto {

// One-shot SHA-256 through OpenSSL, which uses the CPU's SHA extensions where present
// (several times libsodium's portable code on the credential pipeline's short inputs).
Sha256Digest sha256(ByteView data) {
  Sha256Digest digest;
  SHA256(data.data(), data.size(), digest.data());
  return digest;
}

Sha384Digest sha384(ByteView data) {
  Sha384Digest digest;
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha384(), nullptr) != 1 ||
      size != digest.size()) {
    // Note: only an allocation failure inside OpenSSL gets here; no input can.
    std::fputs("microcred: OpenSSL could not compute SHA-384\n", stderr);
    std::abort();
  }
  return digest;
}

Sha256::Sha256() {
  crypto_hash_sha256_init(&state_);
}

Sha256& Sha256::update(ByteView data) {
  crypto_hash_sha256_update(&state_, data.data(), data.size());
  return *this;
}

Sha256Digest Sha256::finish() {
  Sha256Digest digest;
  crypto_hash_sha256_final(&state_, digest.data());
  crypto_hash_sha256_init(&state_);
  return digest;
}

}  // namespace microcred::crypto
