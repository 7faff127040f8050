#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "core/result.h"
#include "core/time.h"
#include "crypto/key.h"
#include "rdf/jsonld_processor.h"
#include "vc/credential.h"
#include "vc/data_integrity.h"
#include "vc/verify.h"

namespace microcred::vc {

/// The proof purpose of a presentation's proof: the holder authenticates (VC Data Integrity
/// 1.0 §2.2). A proof made for `assertionMethod` does not authenticate anyone.
inline constexpr std::string_view authentication_purpose = "authentication";

/// The W3C VC Data Model 2.0 §4.13 rules `presentation` breaks (empty: none): the first
/// @context is the VC 2.0 context, `type` includes VerifiablePresentation, `id` is a URL,
/// `holder` is a URL or an object with one, and `verifiableCredential` is one object or a
/// list of objects, each a credential with its own @context or an
/// EnvelopedVerifiableCredential.
std::vector<Problem> check_presentation_shape(const boost::json::object& presentation);

/// The holder's id (`holder` as a string or `holder.id`), or empty.
std::string holder_id(const boost::json::object& presentation);

/// Whether `text` holds a presentation rather than a credential: JSON whose `type` includes
/// VerifiablePresentation or EnvelopedVerifiablePresentation, or a compact JWS whose header
/// `typ` is vp+jwt. Text that cannot be read is not one (the credential verifier says why).
bool looks_like_presentation(std::string_view text);

/// What `make_presentation` writes besides the credentials.
struct PresentationContent {
  /// The presentation's `id` (a URL); empty writes none.
  std::string id;
  /// The `holder` (a URL, usually the holder's DID); empty writes none.
  std::string holder;
};

/// An unsigned `VerifiablePresentation` (VC 2.0 context) of `credentials`, each a secured
/// credential object or an EnvelopedVerifiableCredential (`make_enveloped_credential`).
/// Fails with `invalid_argument` for an entry that is not an object, or an id or holder
/// that is not a URL.
Result<boost::json::value> make_presentation(std::span<const boost::json::value> credentials,
                                             const PresentationContent& content = {});

/// How a holder signs a presentation.
struct PresentationProofOptions {
  Cryptosuite cryptosuite = Cryptosuite::eddsa_rdfc_2022;
  /// The holder's verification method URL, listed under `authentication` in its DID
  /// document, e.g. "did:key:z6Mk...#z6Mk...".
  std::string verification_method;
  /// When the proof was made (vp+jwt: `iat`).
  Timestamp created;
  /// The verifier's challenge (vp+jwt: `nonce`); required, so the proof cannot be replayed.
  std::string challenge;
  /// The verifier's domain(s) (vp+jwt: `aud`): one is written as a string, more as an array.
  std::vector<std::string> domains;
  /// When set, the proof is not valid after this instant (vp+jwt: `exp`).
  std::optional<Timestamp> expires;
};

/// `presentation` with a Data Integrity proof for `authentication` carrying `challenge`
/// and `domain`. Fails with `invalid_argument` when the presentation breaks a
/// `check_presentation_shape` rule, the challenge is empty, or the verification method is
/// not a key of the `holder`; otherwise as `add_proof` does.
Result<boost::json::value> sign_presentation(const boost::json::value& presentation,
                                             const crypto::KeyPair& key,
                                             const PresentationProofOptions& options,
                                             rdf::JsonLdProcessor& processor);

/// `presentation` as a `vp+jwt` compact JWS (VC-JOSE-COSE §3.1.2, header {alg, kid, typ:
/// "vp+jwt", cty: "vp"}): the payload is the presentation with the registered JWT claims
/// `nonce` (the challenge), `aud` (the domain(s)), `iat` (created) and `exp` (expires, when
/// set). `alg` follows the key; `cryptosuite` is not used. Fails as `sign_presentation`.
Result<std::string> sign_presentation_jwt(const boost::json::value& presentation,
                                          const crypto::KeyPair& key,
                                          const PresentationProofOptions& options);

/// `{"@context": "https://www.w3.org/ns/credentials/v2", "id":
/// "data:application/vp+jwt,<jwt>", "type": "EnvelopedVerifiablePresentation"}`.
boost::json::value make_enveloped_presentation(std::string_view jwt);

/// The vp+jwt inside an `EnvelopedVerifiablePresentation` whose id is a
/// `data:application/vp+jwt,` URL. Fails with `invalid_argument` on another shape and with
/// `unsupported` on another media type.
Result<std::string> parse_enveloped_presentation(const boost::json::value& envelope);

/// What the verifier of a presentation expects and may use. The defaults are strict.
struct PresentationVerifyOptions {
  /// Clock, skew, limits, DID documents, status lists and registry: for the presentation
  /// and for each credential in it.
  VerifyOptions verify;
  /// The challenge this verifier issued. The proof's `challenge` (vp+jwt: `nonce`) must
  /// equal it; without one the `challenge` check fails, as a replay cannot be ruled out.
  std::optional<std::string> challenge;
  /// This verifier's domain(s). When given, the proof's `domain` (vp+jwt: `aud`) must name
  /// exactly these, a single string being a set of one (VC Data Integrity 1.0 §4.3,
  /// verify proof step 6); when empty the domain is reported, not checked.
  std::vector<std::string> domains;
  /// Accept a presentation without a proof; the report says so (proof skipped). Off.
  bool allow_unsigned = false;
  /// Most credentials one presentation may carry; more fail the `credentials` check
  /// without verifying any (each costs a canonicalization).
  std::size_t max_credentials = 64;
};

/// The verifier's report on one credential of a presentation.
struct CredentialReport {
  std::size_t index = 0;  ///< Its position in `verifiableCredential`.
  std::string id;         ///< The credential's `id`, when it has one.
  std::string format;     ///< "data-integrity" or "vc+jwt".
  VerificationReport report;
};

/// What the presentation verifier found: `verified` when no presentation check failed and
/// every credential verified.
struct PresentationReport {
  bool verified = false;
  /// parse, contexts, vp-shape, proof, holder-binding, challenge, domain, credentials.
  std::vector<Check> checks;
  std::vector<CredentialReport> credentials;
  /// The holder the presentation names (empty: none).
  std::string holder;

  /// The first presentation check named `name`, or nullptr.
  const Check* find(std::string_view name) const;
  /// {"verified","checks","errors","warnings","holder","credentials":[{"index","id",
  /// "format","verified","checks","errors","warnings"}]}.
  boost::json::value to_json() const;
  /// A human-readable report: the presentation's checks, then each credential's.
  std::string to_text() const;
};

/// Verifies the presentation in `text` (JSON, an EnvelopedVerifiablePresentation, or a
/// bare vp+jwt): parse and limits, contexts allowed, VC 2.0 presentation shape, the proof
/// (purpose authentication, created/expires, signature), holder binding (the verification
/// method's DID and controller are the `holder`, listed under `authentication` in its DID
/// document), challenge, domain, then every credential through `verify_credential`. An
/// `Error` means the input is not a presentation at all: exit 2 / HTTP 400. Thread-safe:
/// the inputs are only read, and one processor may serve many threads.
Result<PresentationReport> verify_presentation(std::string_view text,
                                               const PresentationVerifyOptions& options,
                                               rdf::JsonLdProcessor& processor);

/// The same checks on an already parsed presentation with a Data Integrity proof.
PresentationReport verify_presentation(const boost::json::object& presentation,
                                       const PresentationVerifyOptions& options,
                                       rdf::JsonLdProcessor& processor);

}  // namespace microcred::vc
