#include "crypto/did_key.h"

#include <sodium.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/multibase.h"
#include "crypto/multikey.h"

namespace microcred::crypto {

namespace {

constexpr std::string_view did_key_prefix = "did:key:";
constexpr std::string_view did_context = "https://www.w3.org/ns/did/v1";
constexpr std::string_view multikey_context = "https://w3id.org/security/multikey/v1";

boost::json::object multikey_method(const std::string& id, const std::string& controller,
                                    const std::string& multibase) {
  return {{"id", id},
          {"type", "Multikey"},
          {"controller", controller},
          {"publicKeyMultibase", multibase}};
}

}  // namespace

std::string make_did_key(const PublicKey& key) {
  return std::string(did_key_prefix) + encode_public_key_multibase(key);
}

std::string did_key_verification_method_id(const PublicKey& key) {
  std::string multibase = encode_public_key_multibase(key);
  return std::string(did_key_prefix) + multibase + "#" + multibase;
}

Result<PublicKey> parse_did_key(std::string_view did) {
  if (!did.starts_with(did_key_prefix)) {
    return make_error(
        ErrorCode::invalid_argument,
        "\"" + std::string(did) + "\" is not a did:key (it must start with did:key:)");
  }
  std::string_view id = did.substr(did_key_prefix.size());
  if (id.find_first_of("/?#:") != std::string_view::npos) {
    return make_error(ErrorCode::invalid_argument,
                      "\"" + std::string(did) +
                          "\" is not a plain did:key (no version, path, query or fragment)");
  }
  auto key = decode_public_key_multibase(id);
  if (!key) return make_error(key.error().code, std::string(did) + ": " + key.error().message);
  if (encode_public_key_multibase(*key) != id) {
    return make_error(ErrorCode::invalid_argument,
                      "\"" + std::string(did) + "\" is not in canonical form");
  }
  return key;
}

Result<boost::json::value> resolve_did_key(std::string_view did, const DidKeyOptions& options) {
  auto key = parse_did_key(did);
  if (!key) return key.error();
  const std::string controller(did);
  const std::string multibase(did.substr(did_key_prefix.size()));
  const std::string method_id = controller + "#" + multibase;
  boost::json::array reference{boost::json::value(method_id)};
  boost::json::object document{
      {"@context", boost::json::array{did_context, multikey_context}},
      {"id", controller},
      {"verificationMethod", boost::json::array{multikey_method(method_id, controller, multibase)}},
      {"authentication", reference},
      {"assertionMethod", reference},
      {"capabilityDelegation", reference},
      {"capabilityInvocation", reference},
  };
  if (options.enable_encryption_key_derivation && key->type == KeyType::ed25519) {
    // did:key spec, Encryption Method Creation: the Ed25519 key in Montgomery form.
    Bytes x25519(crypto_scalarmult_curve25519_BYTES);
    if (crypto_sign_ed25519_pk_to_curve25519(x25519.data(), key->bytes.data()) != 0) {
      return make_error(ErrorCode::invalid_key,
                        controller + ": the Ed25519 key has no X25519 form");
    }
    std::string agreement = multibase_encode(multicodec_wrap(multicodec::x25519_pub, x25519));
    document["keyAgreement"] =
        boost::json::array{multikey_method(controller + "#" + agreement, controller, agreement)};
  }
  return boost::json::value(std::move(document));
}

Result<PublicKey> resolve_did_key_verification_method(std::string_view url) {
  std::size_t hash = url.find('#');
  if (hash == std::string_view::npos) {
    return make_error(
        ErrorCode::invalid_argument,
        "\"" + std::string(url) + "\" is not a verification method URL (no #fragment)");
  }
  std::string_view did = url.substr(0, hash);
  std::string_view fragment = url.substr(hash + 1);
  auto key = parse_did_key(did);
  if (!key) return key.error();
  if (fragment != did.substr(did_key_prefix.size())) {
    return make_error(ErrorCode::not_found, "\"" + std::string(url) +
                                                "\": a did:key has one verification method, #" +
                                                std::string(did.substr(did_key_prefix.size())));
  }
  return key;
}

}  // namespace microcred::crypto
