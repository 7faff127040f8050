#include "vc/did_resolver.h"

#include <boost/json.hpp>

#include "crypto/did_key.h"
#include "crypto/multikey.h"

namespace microcred::vc {

namespace {

namespace bj = boost::json;

const bj::string* string_at(const bj::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? &value->get_string() : nullptr;
}

// A method id as written in a document may be relative ("#key-1") to the DID.
std::string absolute_id(std::string_view id, std::string_view did) {
  if (!id.empty() && id.front() == '#') return std::string(did) + std::string(id);
  return std::string(id);
}

Result<crypto::PublicKey> key_of(const bj::object& method) {
  if (const auto* multibase = string_at(method, "publicKeyMultibase")) {
    return crypto::decode_public_key_multibase(*multibase);
  }
  if (const auto* jwk_value = method.if_contains("publicKeyJwk");
      jwk_value != nullptr && jwk_value->is_object()) {
    const auto& jwk = jwk_value->get_object();
    const auto* kty = string_at(jwk, "kty");
    const auto* crv = string_at(jwk, "crv");
    const auto* x = string_at(jwk, "x");
    if (kty == nullptr || crv == nullptr || x == nullptr) {
      return make_error(ErrorCode::invalid_key, "publicKeyJwk needs kty, crv and x");
    }
    auto x_bytes = base64url_decode(*x);
    if (!x_bytes) return x_bytes.error();
    if (*kty == "OKP" && *crv == "Ed25519") {
      return crypto::make_public_key(crypto::KeyType::ed25519, *x_bytes);
    }
    if (*kty == "EC" && (*crv == "P-256" || *crv == "P-384")) {
      const auto* y = string_at(jwk, "y");
      if (y == nullptr) return make_error(ErrorCode::invalid_key, "EC publicKeyJwk needs y");
      auto y_bytes = base64url_decode(*y);
      if (!y_bytes) return y_bytes.error();
      if (y_bytes->empty()) return make_error(ErrorCode::invalid_key, "EC publicKeyJwk y is empty");
      // Compress the point: 0x02 or 0x03 by the parity of y, then x.
      Bytes compressed;
      compressed.push_back(static_cast<std::uint8_t>(0x02 | (y_bytes->back() & 1)));
      compressed.insert(compressed.end(), x_bytes->begin(), x_bytes->end());
      return crypto::make_public_key(
          *crv == "P-256" ? crypto::KeyType::p256 : crypto::KeyType::p384, compressed);
    }
    return make_error(ErrorCode::unsupported, "publicKeyJwk " + std::string(*kty) + "/" +
                                                  std::string(*crv) +
                                                  " is not supported (Ed25519, P-256, P-384)");
  }
  return make_error(ErrorCode::unsupported,
                    "verification method has neither publicKeyMultibase nor publicKeyJwk");
}

}  // namespace

std::string_view did_of(std::string_view url) {
  auto end = url.find_first_of("#?/");
  // A did:web path uses ':' not '/', so '/' starts a DID URL path.
  return url.substr(0, end);
}

Result<void> DidResolver::add(bj::value document) {
  if (!document.is_object()) {
    return make_error(ErrorCode::invalid_argument, "a DID document must be a JSON object");
  }
  const auto* id = string_at(document.get_object(), "id");
  if (id == nullptr || !id->starts_with("did:")) {
    return make_error(ErrorCode::invalid_argument, "a DID document needs an \"id\" that is a DID",
                      "/id");
  }
  std::string key(*id);
  documents_[key] = std::move(document);
  return {};
}

Result<bj::value> DidResolver::resolve(std::string_view did) const {
  if (auto it = documents_.find(did); it != documents_.end()) return it->second;
  if (did.starts_with("did:key:")) return crypto::resolve_did_key(did);
  return make_error(
      ErrorCode::not_found,
      "DID " + std::string(did) + " cannot be resolved: give its DID document (--did-doc FILE)");
}

Result<VerificationMethod> DidResolver::resolve_method(std::string_view url) const {
  std::string_view did = did_of(url);
  // did:key: the key is in the DID itself; no document needs building.
  if (did.starts_with("did:key:") && documents_.find(did) == documents_.end()) {
    auto key = crypto::resolve_did_key_verification_method(url);
    if (!key) return key.error();
    return VerificationMethod{std::string(url), "Multikey", std::string(did), std::move(*key)};
  }
  auto document = resolve(did);
  if (!document) return document.error();
  const auto& object = document->get_object();
  auto find_in = [&](const bj::value* list) -> const bj::object* {
    if (list == nullptr || !list->is_array()) return nullptr;
    for (const auto& entry : list->get_array()) {
      if (!entry.is_object()) continue;
      const auto* id = string_at(entry.get_object(), "id");
      if (id != nullptr && absolute_id(*id, did) == url) return &entry.get_object();
    }
    return nullptr;
  };
  const bj::object* method = find_in(object.if_contains("verificationMethod"));
  for (const char* relationship :
       {"assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation"}) {
    if (method == nullptr) method = find_in(object.if_contains(relationship));
  }
  if (method == nullptr) {
    return make_error(ErrorCode::not_found, "verification method " + std::string(url) +
                                                " is not in the DID document of " +
                                                std::string(did));
  }
  auto key = key_of(*method);
  if (!key) return key.error();
  VerificationMethod result;
  result.id = std::string(url);
  if (const auto* type = string_at(*method, "type")) result.type = std::string(*type);
  if (const auto* controller = string_at(*method, "controller")) {
    result.controller = std::string(*controller);
  }
  result.key = std::move(*key);
  return result;
}

Result<bool> DidResolver::is_authorized(std::string_view did, std::string_view method_id,
                                        std::string_view relationship) const {
  // A did:key document lists its one key under every verification relationship.
  if (did.starts_with("did:key:") && documents_.find(did) == documents_.end()) {
    auto key = crypto::resolve_did_key_verification_method(method_id);
    return key.has_value() && did_of(method_id) == did;
  }
  auto document = resolve(did);
  if (!document) return document.error();
  const auto* list = document->get_object().if_contains(relationship);
  if (list == nullptr || !list->is_array()) return false;
  for (const auto& entry : list->get_array()) {
    if (entry.is_string() && absolute_id(entry.get_string(), did) == method_id) return true;
    if (entry.is_object()) {
      const auto* id = string_at(entry.get_object(), "id");
      if (id != nullptr && absolute_id(*id, did) == method_id) return true;
    }
  }
  return false;
}

std::string make_did_web(std::string_view host, std::string_view path) {
  std::string did = "did:web:";
  for (char c : host) {
    if (c == ':') {
      did += "%3A";
    } else {
      did += c;
    }
  }
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) {
      did += ':';
      did += path.substr(start, end - start);
    }
    start = end + 1;
  }
  return did;
}

Result<std::string> did_web_document_url(std::string_view did) {
  constexpr std::string_view prefix = "did:web:";
  if (!did.starts_with(prefix) || did.size() == prefix.size()) {
    return make_error(ErrorCode::invalid_argument, std::string(did) + " is not a did:web DID");
  }
  std::string_view rest = did.substr(prefix.size());
  std::string url = "https://";
  std::size_t colon = rest.find(':');
  std::string_view host = rest.substr(0, colon);
  // The host may carry a port as "%3A".
  for (std::size_t i = 0; i < host.size(); ++i) {
    if (host.substr(i, 3) == "%3A" || host.substr(i, 3) == "%3a") {
      url += ':';
      i += 2;
    } else {
      url += host[i];
    }
  }
  if (colon == std::string_view::npos) return url + "/.well-known/did.json";
  url += '/';
  for (char c : rest.substr(colon + 1))
    url += c == ':' ? '/' : c;
  return url + "/did.json";
}

}  // namespace microcred::vc
