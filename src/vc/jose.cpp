#include "vc/jose.h"

#include <array>
#include <cctype>

#include <boost/json.hpp>

#include "core/encoding.h"
#include "json/parse.h"

namespace microcred::vc {

namespace {

namespace bj = boost::json;

constexpr std::string_view vc_v2_context = "https://www.w3.org/ns/credentials/v2";
constexpr std::string_view enveloped_type = "EnvelopedVerifiableCredential";
constexpr std::string_view data_url_prefix = "data:application/vc+jwt,";
// A protected header is a handful of short members; anything larger is not ours.
constexpr json::ParseLimits header_limits{.max_bytes = 8 * 1024, .max_depth = 8};

struct Segments {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
};

Result<Segments> split(std::string_view compact) {
  auto first = compact.find('.');
  if (first == std::string_view::npos) {
    return make_error(ErrorCode::parse_error,
                      "not a JWS compact serialization: expected header.payload.signature");
  }
  auto second = compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos) {
    return make_error(ErrorCode::parse_error,
                      "not a JWS compact serialization: expected exactly three segments "
                      "(a JWE or a JSON serialization is not accepted)");
  }
  Segments s{compact.substr(0, first), compact.substr(first + 1, second - first - 1),
             compact.substr(second + 1)};
  if (s.header.empty()) return make_error(ErrorCode::parse_error, "JWS header segment is empty");
  if (s.payload.empty()) {
    return make_error(ErrorCode::unsupported, "JWS with a detached payload is not supported");
  }
  return s;
}

Result<bj::value> decode_json(std::string_view segment, std::string_view what,
                              const json::ParseLimits& limits) {
  auto bytes = base64url_decode(segment);
  if (!bytes) {
    return make_error(ErrorCode::invalid_encoding,
                      "JWS " + std::string(what) + " is not base64url: " + bytes.error().message,
                      std::string(what));
  }
  std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  auto value = json::parse(text, limits);
  if (!value) {
    Error error = std::move(value).error();
    error.message = "JWS " + std::string(what) + ": " + error.message;
    error.field = std::string(what);
    return error;
  }
  if (!value->is_object()) {
    return make_error(ErrorCode::parse_error, "JWS " + std::string(what) + " is not a JSON object",
                      std::string(what));
  }
  return value;
}

std::optional<crypto::KeyType> key_type_of(std::string_view alg) {
  if (alg == "EdDSA" || alg == "Ed25519") return crypto::KeyType::ed25519;
  if (alg == "ES256") return crypto::KeyType::p256;
  if (alg == "ES384") return crypto::KeyType::p384;
  return std::nullopt;
}

std::string issuer_id(const bj::object& payload) {
  const bj::value* issuer = payload.if_contains("issuer");
  if (issuer == nullptr) return {};
  if (issuer->is_string()) return std::string(issuer->get_string());
  if (issuer->is_object()) {
    const bj::value* id = issuer->get_object().if_contains("id");
    if (id != nullptr && id->is_string()) return std::string(id->get_string());
  }
  return {};
}

// The signer a JWT payload names: a credential's issuer, a presentation's holder.
std::string signer_id(const bj::object& payload, JwtContent content) {
  if (content == JwtContent::credential) return issuer_id(payload);
  const bj::value* holder = payload.if_contains("holder");
  if (holder == nullptr) return {};
  if (holder->is_string()) return std::string(holder->get_string());
  if (holder->is_object()) {
    const bj::value* id = holder->get_object().if_contains("id");
    if (id != nullptr && id->is_string()) return std::string(id->get_string());
  }
  return {};
}

// RFC 7515 §4.1.9/§4.1.10: typ and cty may omit the "application/" prefix; compare media
// types case-insensitively.
bool media_type_is(std::string_view value, std::string_view short_name) {
  constexpr std::string_view prefix = "application/";
  auto lower = [](std::string_view text) {
    std::string out(text);
    for (auto& c : out)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  std::string v = lower(value);
  if (v.starts_with(prefix)) v = v.substr(prefix.size());
  return v == short_name;
}

JwtVerification invalid(JwtVerification report, std::string detail) {
  report.valid = false;
  report.detail = std::move(detail);
  return report;
}

// A key source: either the resolver or a key given by the caller.
struct KeySource {
  const JwtKeyResolver* resolver = nullptr;
  const crypto::PublicKey* key = nullptr;
};

Result<JwtVerification> verify(std::string_view compact, KeySource source,
                               const JwtOptions& options) {
  if (compact.size() > options.max_bytes) {
    return make_error(ErrorCode::limit_exceeded, "JWT has " + std::to_string(compact.size()) +
                                                     " bytes, over the limit of " +
                                                     std::to_string(options.max_bytes));
  }
  auto segments = split(compact);
  if (!segments) return segments.error();
  auto header = decode_json(segments->header, "header", header_limits);
  if (!header) return header.error();
  json::ParseLimits payload_limits = json::credential_limits;
  payload_limits.max_bytes = options.max_bytes;
  auto payload = decode_json(segments->payload, "payload", payload_limits);
  if (!payload) return payload.error();
  auto signature = base64url_decode(segments->signature);
  if (!signature) {
    return make_error(ErrorCode::invalid_encoding,
                      "JWS signature is not base64url: " + signature.error().message, "signature");
  }

  JwtVerification report;
  report.header = header->get_object();
  report.credential = *payload;
  const bj::object& h = report.header;
  const bj::object& claims = report.credential.get_object();

  // RFC 7515 §4.1.1: alg is required. RFC 8725 §3.1: never let the token pick "none".
  const bj::value* alg_value = h.if_contains("alg");
  if (alg_value == nullptr || !alg_value->is_string()) {
    return make_error(ErrorCode::parse_error, "JWS header has no alg string", "alg");
  }
  std::string_view alg = alg_value->get_string();
  if (alg == "none") {
    return invalid(std::move(report), "alg \"none\" (an unsecured JWT) is refused");
  }
  auto alg_key_type = key_type_of(alg);
  if (!alg_key_type) {
    return make_error(ErrorCode::unsupported,
                      "JWS alg \"" + std::string(alg) +
                          "\" is not supported; microcred verifies EdDSA, ES256 and ES384",
                      "alg");
  }
  // RFC 7797: an unencoded payload changes what is signed; not for vc+jwt.
  if (const bj::value* b64 = h.if_contains("b64"); b64 != nullptr && *b64 != bj::value(true)) {
    return make_error(ErrorCode::unsupported,
                      "JWS header b64 other than true (RFC 7797 unencoded payload) is not "
                      "supported for vc+jwt",
                      "b64");
  }
  // RFC 7515 §4.1.11: reject any critical extension not understood. microcred understands
  // only "b64" (and only as true, checked above).
  if (const bj::value* crit = h.if_contains("crit")) {
    if (!crit->is_array() || crit->get_array().empty()) {
      return make_error(ErrorCode::parse_error, "JWS header crit must be a non-empty array",
                        "crit");
    }
    for (const auto& name : crit->get_array()) {
      if (!name.is_string()) {
        return make_error(ErrorCode::parse_error, "JWS header crit must list strings", "crit");
      }
      if (name.get_string() != "b64" || !h.contains("b64")) {
        return make_error(ErrorCode::unsupported,
                          "JWS header marks \"" + std::string(name.get_string()) +
                              "\" critical, which microcred does not understand",
                          "crit");
      }
    }
  }
  const bool presentation = options.content == JwtContent::presentation;
  const std::string expected_typ = presentation ? "vp+jwt" : "vc+jwt";
  const std::string expected_cty = presentation ? "vp" : "vc";
  const std::string signer_role = presentation ? "holder" : "issuer";
  if (const bj::value* typ = h.if_contains("typ")) {
    if (!typ->is_string() || !media_type_is(typ->get_string(), expected_typ)) {
      return invalid(std::move(report), "JWS typ " + bj::serialize(*typ) + " is not \"" +
                                            expected_typ + "\"; not a secured " +
                                            (presentation ? "presentation" : "credential"));
    }
  }
  if (const bj::value* cty = h.if_contains("cty")) {
    if (!cty->is_string() || !media_type_is(cty->get_string(), expected_cty)) {
      return invalid(std::move(report),
                     "JWS cty " + bj::serialize(*cty) + " is not \"" + expected_cty + "\"");
    }
  }
  if (const bj::value* kid = h.if_contains("kid")) {
    if (!kid->is_string())
      return make_error(ErrorCode::parse_error, "JWS kid must be a string", "kid");
    report.kid = kid->get_string();
  }
  // VC-JOSE-COSE §3.1.1: the payload is the credential itself, never a "vc" or "vp" claim.
  if (claims.contains("vc") || claims.contains("vp")) {
    return invalid(std::move(report),
                   "payload has a \"vc\" or \"vp\" claim (VC 1.1 JWT style); application/vc+jwt "
                   "carries the credential itself");
  }

  // VC-JOSE-COSE §3.1.1 asks issuers not to let JWT claims contradict the credential; a
  // verifier that saw both would not know which issuer signed.
  if (const bj::value* iss = claims.if_contains("iss")) {
    std::string issuer = signer_id(claims, options.content);
    if (!iss->is_string() || (!issuer.empty() && iss->get_string() != issuer)) {
      return invalid(std::move(report), "JWT claim iss " + bj::serialize(*iss) +
                                            " contradicts the " +
                                            (presentation ? "presentation" : "credential") + "'s " +
                                            signer_role + " \"" + issuer + "\"");
    }
  }

  crypto::PublicKey key;
  if (source.key != nullptr) {
    key = *source.key;
  } else {
    if (report.kid.empty()) {
      return invalid(std::move(report), "JWS header has no kid; cannot find the issuer's key");
    }
    if (options.require_kid_of_issuer) {
      std::string issuer = signer_id(claims, options.content);
      if (issuer.empty() || !report.kid.starts_with(issuer + "#")) {
        std::string kid = report.kid;
        return invalid(std::move(report), "kid \"" + kid + "\" is not a key of the " + signer_role +
                                              " \"" + issuer + "\"");
      }
    }
    auto resolved = (*source.resolver)(report.kid);
    if (!resolved) {
      const Error& error = resolved.error();
      if (error.code != ErrorCode::not_found && error.code != ErrorCode::invalid_key &&
          error.code != ErrorCode::unsupported) {
        return error;
      }
      std::string kid = report.kid;
      return invalid(std::move(report),
                     "kid \"" + kid + "\" does not resolve to a key: " + describe(error));
    }
    key = std::move(*resolved);
  }
  // RFC 8725 §3.1: the key decides the algorithm; an alg that does not fit it is an attack.
  if (key.type != *alg_key_type) {
    return invalid(std::move(report), "alg \"" + std::string(alg) + "\" does not fit the " +
                                          std::string(crypto::to_string(key.type)) +
                                          " key (algorithm confusion)");
  }

  std::string signing_input;
  signing_input.reserve(segments->header.size() + 1 + segments->payload.size());
  signing_input.append(segments->header).append(".").append(segments->payload);
  auto ok = crypto::verify(key, as_bytes(signing_input), *signature);
  if (!ok) {
    if (ok.error().code == ErrorCode::invalid_argument) {
      return invalid(std::move(report), "signature has the wrong length for " + std::string(alg) +
                                            ": " + ok.error().message);
    }
    return ok.error();
  }
  if (!*ok) return invalid(std::move(report), "signature does not match");

  if (options.now) {
    const std::int64_t now = options.now->seconds;
    auto seconds = [&](std::string_view claim) -> std::optional<double> {
      const bj::value* v = claims.if_contains(claim);
      if (v == nullptr || !v->is_number()) return std::nullopt;
      return v->to_number<double>();
    };
    if (auto exp = seconds("exp");
        exp && *exp + static_cast<double>(options.clock_skew_seconds) < static_cast<double>(now)) {
      return invalid(std::move(report), "JWT has expired (exp is before now)");
    }
    if (auto nbf = seconds("nbf");
        nbf && *nbf - static_cast<double>(options.clock_skew_seconds) > static_cast<double>(now)) {
      return invalid(std::move(report), "JWT is not valid yet (nbf is after now)");
    }
  }
  report.valid = true;
  report.detail = "signature matches (" + std::string(alg) + ")";
  return report;
}

}  // namespace

std::string_view to_string(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::eddsa:
      return "EdDSA";
    case JwsAlgorithm::es256:
      return "ES256";
    case JwsAlgorithm::es384:
      return "ES384";
  }
  return "EdDSA";
}

JwsAlgorithm algorithm_for(crypto::KeyType type) {
  switch (type) {
    case crypto::KeyType::ed25519:
      return JwsAlgorithm::eddsa;
    case crypto::KeyType::p256:
      return JwsAlgorithm::es256;
    case crypto::KeyType::p384:
      return JwsAlgorithm::es384;
  }
  return JwsAlgorithm::eddsa;
}

Result<std::string> sign_jwt(const bj::value& credential, const crypto::KeyPair& key,
                             std::string_view kid, JwtContent content) {
  if (!credential.is_object()) {
    return make_error(ErrorCode::invalid_argument, "only a credential object can be signed");
  }
  if (kid.empty()) {
    return make_error(ErrorCode::invalid_argument,
                      "a vc+jwt needs a kid (the verification method URL)", "kid");
  }
  bj::object header;
  header["alg"] = to_string(algorithm_for(key.type()));
  header["kid"] = kid;
  header["typ"] = content == JwtContent::presentation ? "vp+jwt" : "vc+jwt";
  header["cty"] = content == JwtContent::presentation ? "vp" : "vc";
  std::string header_json = bj::serialize(header);
  std::string payload_json = bj::serialize(credential);
  std::string jwt = base64url_encode(as_bytes(header_json));
  jwt += '.';
  jwt += base64url_encode(as_bytes(payload_json));
  auto signature = key.sign(as_bytes(jwt));
  if (!signature) return signature.error();
  jwt += '.';
  jwt += base64url_encode(*signature);
  return jwt;
}

Result<JwtVerification> verify_jwt(std::string_view compact, const JwtKeyResolver& resolver,
                                   const JwtOptions& options) {
  return verify(compact, KeySource{.resolver = &resolver}, options);
}

Result<JwtVerification> verify_jwt(std::string_view compact, const crypto::PublicKey& key,
                                   const JwtOptions& options) {
  return verify(compact, KeySource{.key = &key}, options);
}

bj::value make_enveloped_credential(std::string_view jwt) {
  bj::object envelope;
  envelope["@context"] = vc_v2_context;
  envelope["id"] = std::string(data_url_prefix) + std::string(jwt);
  envelope["type"] = enveloped_type;
  return envelope;
}

Result<std::string> parse_enveloped_credential(const bj::value& envelope) {
  if (!envelope.is_object()) {
    return make_error(ErrorCode::invalid_argument, "an enveloped credential is a JSON object");
  }
  const bj::object& object = envelope.get_object();
  const bj::value* context = object.if_contains("@context");
  bool context_ok =
      context != nullptr && ((context->is_string() && context->get_string() == vc_v2_context) ||
                             (context->is_array() && !context->get_array().empty() &&
                              context->get_array()[0] == bj::value(vc_v2_context)));
  if (!context_ok) {
    return make_error(
        ErrorCode::invalid_argument,
        "enveloped credential: @context must start with " + std::string(vc_v2_context), "@context");
  }
  const bj::value* type = object.if_contains("type");
  bool type_ok = type != nullptr && ((type->is_string() && type->get_string() == enveloped_type) ||
                                     (type->is_array() && type->get_array().size() == 1 &&
                                      type->get_array()[0] == bj::value(enveloped_type)));
  if (!type_ok) {
    return make_error(ErrorCode::invalid_argument,
                      "enveloped credential: type must be EnvelopedVerifiableCredential", "type");
  }
  const bj::value* id = object.if_contains("id");
  if (id == nullptr || !id->is_string() || !id->get_string().starts_with("data:")) {
    return make_error(ErrorCode::invalid_argument,
                      "enveloped credential: id must be a data: URL holding the credential", "id");
  }
  std::string_view url = id->get_string();
  if (!url.starts_with(data_url_prefix)) {
    auto comma = url.find(',');
    return make_error(
        ErrorCode::unsupported,
        "enveloped credential: media type \"" +
            std::string(url.substr(
                5, comma == std::string_view::npos ? std::string_view::npos : comma - 5)) +
            "\" is not supported; microcred reads data:application/vc+jwt,<jwt>",
        "id");
  }
  return std::string(url.substr(data_url_prefix.size()));
}

}  // namespace microcred::vc
