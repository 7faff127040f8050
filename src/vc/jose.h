#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.h"
#include "core/time.h"
#include "crypto/key.h"

namespace microcred::vc {

/// The media type of a credential secured with JOSE (W3C VC-JOSE-COSE §3.1.1).
inline constexpr std::string_view vc_jwt_media_type = "application/vc+jwt";
/// The media type of a presentation secured with JOSE (W3C VC-JOSE-COSE §3.1.2).
inline constexpr std::string_view vp_jwt_media_type = "application/vp+jwt";

/// What a JWS secures: a credential (typ "vc+jwt", cty "vc", signed by its `issuer`) or a
/// presentation (typ "vp+jwt", cty "vp", signed by its `holder`).
enum class JwtContent {
  credential,
  presentation,
};

/// The JWS algorithms microcred signs and verifies with; each takes one key type.
enum class JwsAlgorithm {
  eddsa,  ///< "EdDSA" (RFC 8037) with Ed25519; "Ed25519" (RFC 9864) is read as the same.
  es256,  ///< "ES256": ECDSA P-256 with SHA-256, raw r||s signature.
  es384,  ///< "ES384": ECDSA P-384 with SHA-384, raw r||s signature.
};

/// The algorithm's `alg` value, e.g. "EdDSA".
std::string_view to_string(JwsAlgorithm alg);
/// The algorithm that signs with keys of `type`.
JwsAlgorithm algorithm_for(crypto::KeyType type);

/// `credential` (a VC 2.0 JSON-LD object, unchanged) as a JWS compact serialization with
/// header {alg, kid, typ: "vc+jwt", cty: "vc"}; with `JwtContent::presentation`, a
/// presentation with {typ: "vp+jwt", cty: "vp"}. `kid` is the verification method URL.
/// Fails with `invalid_argument` when `credential` is not an object or `kid` is empty.
Result<std::string> sign_jwt(const boost::json::value& credential, const crypto::KeyPair& key,
                             std::string_view kid, JwtContent content = JwtContent::credential);

/// Finds the public key of a `kid` (a verification method URL). It should fail with
/// `not_found` for a kid it does not know, which makes the JWT invalid; other codes mean
/// the key could not be looked up, and `verify_jwt` passes them on.
using JwtKeyResolver = std::function<Result<crypto::PublicKey>(std::string_view kid)>;

/// Options for `verify_jwt`. Defaults are strict.
struct JwtOptions {
  /// Longest compact serialization accepted, in bytes.
  std::size_t max_bytes = 1024 * 1024;
  /// With a resolver: the `kid` must be a DID URL of the payload's `issuer` ("<issuer>#...";
  /// of a presentation, its `holder`). Turn off only when the resolver itself binds keys.
  bool require_kid_of_issuer = true;
  /// When set, `exp` and `nbf` claims, if present, must hold at this instant.
  std::optional<Timestamp> now;
  std::int64_t clock_skew_seconds = 300;
  /// What the JWT must secure: `typ`/`cty`, when present, must say so, and `iss` must not
  /// contradict the payload's issuer (credential) or holder (presentation).
  JwtContent content = JwtContent::credential;
};

/// The outcome of checking one JWT.
struct JwtVerification {
  bool valid = false;
  /// Why, for people: "signature matches", "alg \"none\" is refused", ...
  std::string detail;
  boost::json::object header;
  /// The payload: the credential itself.
  boost::json::value credential;
  /// The header's `kid` (empty when absent).
  std::string kid;
};

/// Checks a `vc+jwt` compact JWS with the key `resolver` returns for its `kid`. A JWT that
/// does not hold (bad signature, `alg: none`, an alg that does not fit the key, a kid that
/// does not resolve or is not the issuer's, `vc`/`vp` claims, exp/nbf outside `now`) is a
/// `JwtVerification` with `valid == false`. An `Error` means it could not be checked: over
/// `max_bytes` (`limit_exceeded`), not three base64url segments of JSON (`parse_error`,
/// `invalid_encoding`, `duplicate_key`), an unknown alg, `b64: false` or a `crit` parameter
/// microcred does not understand (`unsupported`). Thread-safe if `resolver` is.
Result<JwtVerification> verify_jwt(std::string_view compact, const JwtKeyResolver& resolver,
                                   const JwtOptions& options = {});

/// As above, with the issuer's key given directly (no kid lookup, no kid-issuer binding).
Result<JwtVerification> verify_jwt(std::string_view compact, const crypto::PublicKey& key,
                                   const JwtOptions& options = {});

/// `{"@context": "https://www.w3.org/ns/credentials/v2", "id":
/// "data:application/vc+jwt,<jwt>", "type": "EnvelopedVerifiableCredential"}`.
boost::json::value make_enveloped_credential(std::string_view jwt);

/// The JWT inside an `EnvelopedVerifiableCredential` whose id is a
/// `data:application/vc+jwt,` URL. Fails with `invalid_argument` on another shape and with
/// `unsupported` on another media type or a base64 data URL.
Result<std::string> parse_enveloped_credential(const boost::json::value& envelope);

}  // namespace microcred::vc
