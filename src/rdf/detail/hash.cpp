#include "rdf/detail/hash.h"

#include <openssl/evp.h>

#include <new>

namespace microcred::rdf::detail {

struct Hasher::State {
  EVP_MD* md = nullptr;
  EVP_MD_CTX* context = nullptr;
};

Hasher::Hasher(HashAlgorithm algorithm) : state_(std::make_unique<State>()) {
  // An explicit fetch, once: EVP_sha256() would look the implementation up on every init.
  state_->md =
      EVP_MD_fetch(nullptr, algorithm == HashAlgorithm::sha384 ? "SHA384" : "SHA256", nullptr);
  state_->context = EVP_MD_CTX_new();
  if (state_->md == nullptr || state_->context == nullptr) {
    EVP_MD_free(state_->md);
    EVP_MD_CTX_free(state_->context);
    throw std::bad_alloc();
  }
}

Hasher::~Hasher() {
  EVP_MD_CTX_free(state_->context);
  EVP_MD_free(state_->md);
}

void Hasher::begin() {
  EVP_DigestInit_ex2(state_->context, state_->md, nullptr);
}

void Hasher::update(std::string_view bytes) {
  EVP_DigestUpdate(state_->context, bytes.data(), bytes.size());
}

HexDigest Hasher::finish() {
  static constexpr char hex[] = "0123456789abcdef";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(state_->context, digest, &length);
  HexDigest out;
  for (unsigned int i = 0; i < length; ++i) {
    out.chars[2 * i] = hex[digest[i] >> 4];
    out.chars[2 * i + 1] = hex[digest[i] & 0xF];
  }
  out.size = static_cast<std::uint8_t>(2 * length);
  for (unsigned int i = 0; i < 8 && i < length; ++i)
    out.head = (out.head << 8) | digest[i];
  return out;
}

}  // namespace microcred::rdf::detail
