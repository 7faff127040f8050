#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/result.h"
#include "crypto/key.h"

namespace microcred::crypto {

/// Options for `resolve_did_key`. The defaults follow the did:key spec's defaults.
struct DidKeyOptions {
  /// Add a `keyAgreement` X25519 Multikey derived from an Ed25519 key (the spec's
  /// `enableEncryptionKeyDerivation`); off by default.
  bool enable_encryption_key_derivation = false;
};

/// "did:key:" followed by the key's `publicKeyMultibase`.
std::string make_did_key(const PublicKey& key);

/// The id of the did:key's one verification method: "<did>#<publicKeyMultibase>".
std::string did_key_verification_method_id(const PublicKey& key);

/// The public key a did:key encodes. Fails with `invalid_argument` when `did` is not
/// "did:key:z..." (no path, query or fragment), and as `decode_public_key_multibase` does
/// for the key (`unsupported` for X25519, secp256k1, P-521, BLS12-381 keys).
Result<PublicKey> parse_did_key(std::string_view did);

/// The DID document of `did` (did:key spec, "Document Creation Algorithm"): contexts DID v1
/// and Multikey v1, one `Multikey` verification method "<did>#<multibase>" referenced from
/// authentication, assertionMethod, capabilityDelegation and capabilityInvocation.
/// Fails as `parse_did_key` does.
Result<boost::json::value> resolve_did_key(std::string_view did, const DidKeyOptions& options = {});

/// The public key behind a did:key verification method URL "did:key:z...#z...". The
/// fragment must be the key's own multibase; anything else fails with `not_found`.
Result<PublicKey> resolve_did_key_verification_method(std::string_view url);

}  // namespace microcred::crypto
