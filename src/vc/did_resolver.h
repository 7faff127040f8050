#pragma once

#include <map>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/result.h"
#include "crypto/key.h"

namespace microcred::vc {

/// A verification method found in a DID document.
struct VerificationMethod {
  std::string id;          ///< Absolute URL, "did:...#fragment".
  std::string type;        ///< "Multikey", "JsonWebKey", ...
  std::string controller;  ///< The DID that controls it.
  crypto::PublicKey key;
};

/// Resolves DIDs without a network: did:key is computed, did:web comes only from DID
/// documents given to `add` (files on the CLI, the store in the server). Not thread-safe
/// for `add`; `resolve*` may run concurrently.
class DidResolver {
 public:
  /// Adds a DID document (its `id` names the DID). Fails with `invalid_argument` when the
  /// document has no string `id` starting "did:".
  Result<void> add(boost::json::value document);

  /// The DID document of `did`: did:key is generated; others must have been added.
  /// Fails with `not_found` naming the DID.
  Result<boost::json::value> resolve(std::string_view did) const;

  /// The verification method at `url` ("did:...#frag") in its DID's document. Fails with
  /// `not_found` (no such DID or method), `invalid_key` or `unsupported` (a key type or
  /// format microcred cannot use).
  Result<VerificationMethod> resolve_method(std::string_view url) const;

  /// Whether the DID document of `did` lists `method_id` under `relationship`
  /// (e.g. "assertionMethod"), by reference or embedded.
  Result<bool> is_authorized(std::string_view did, std::string_view method_id,
                             std::string_view relationship) const;

 private:
  std::map<std::string, boost::json::value, std::less<>> documents_;
};

/// The DID part of a DID URL ("did:web:x.example#key-1" -> "did:web:x.example").
std::string_view did_of(std::string_view url);

/// The did:web DID for `host` and optional `path` segments ("did:web:uni.example:issuers:1"),
/// with the port's ':' percent-encoded as the did:web spec requires.
std::string make_did_web(std::string_view host, std::string_view path = {});

/// The HTTPS URL where the DID document of a did:web lives ("https://host/.well-known/did.json"
/// or "https://host/a/b/did.json"). Fails with `invalid_argument` for other DIDs.
Result<std::string> did_web_document_url(std::string_view did);

}  // namespace microcred::vc
