#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "core/result.h"
#include "core/time.h"
#include "rdf/jsonld_processor.h"
#include "vc/did_resolver.h"

namespace microcred::vc {

/// How one named check of the verifier ended.
enum class CheckOutcome {
  ok,       ///< Checked and holds.
  failed,   ///< Checked and does not hold: the credential is not verified.
  warning,  ///< Informs without deciding (issuer not in the registry, EU elements missing).
  skipped,  ///< Could not or need not run (no status list given, not an Open Badge).
};

/// The stable wire string of `outcome`.
std::string_view to_string(CheckOutcome outcome);

/// One named check, e.g. {"proof", ok, "signature valid (eddsa-rdfc-2022)"}.
struct Check {
  std::string name;
  CheckOutcome outcome = CheckOutcome::ok;
  std::string detail;

  bool operator==(const Check&) const = default;
};

/// What the verifier found: `verified` when no check failed.
struct VerificationReport {
  bool verified = false;
  std::vector<Check> checks;

  /// The first check named `name`, or nullptr.
  const Check* find(std::string_view name) const;
  /// {"verified":bool,"checks":[{"check","ok","outcome","detail"}],"errors":[...],"warnings":[...]}
  boost::json::value to_json() const;
  /// A human-readable report, one line per check.
  std::string to_text() const;
};

/// Accredited issuers by DID or URL (a file of them now; the signed register later).
class IssuerRegistry {
 public:
  /// Reads a registry: a JSON array of ids, or {"issuers":[{"id":..., "name":...}]}, or
  /// plain text with one id per line ('#' comments). Fails with `parse_error`.
  static Result<IssuerRegistry> parse(std::string_view text);
  /// Whether `issuer` is listed.
  bool contains(std::string_view issuer) const { return issuers_.count(std::string(issuer)) > 0; }
  /// How many issuers are listed.
  std::size_t size() const { return issuers_.size(); }

 private:
  std::set<std::string, std::less<>> issuers_;
};

/// What the verifier may use and how strict it is. The defaults are strict.
struct VerifyOptions {
  /// The instant to verify at.
  Timestamp now;
  /// Tolerance for clocks: validFrom/created may be this far in the future.
  std::int64_t clock_skew_seconds = 300;
  /// Largest credential accepted, in bytes, and deepest JSON nesting.
  std::size_t max_bytes = 1024 * 1024;
  std::size_t max_depth = 64;
  /// DID documents known to the verifier (did:key always resolves). Not owned; may be null.
  const DidResolver* dids = nullptr;
  /// Status list credentials the verifier was given, by their `id`.
  std::vector<boost::json::value> status_lists;
  /// The accredited-issuer registry; null skips that check.
  const IssuerRegistry* registry = nullptr;
};

/// Runs every check on the credential in `text`: parse and limits, contexts allowed, VC 2.0
/// shape, Open Badges 3.0 shape, proof(s), issuer/verification-method binding, validity
/// period, status, registry, EU micro-credential elements. An `Error` means the input
/// is not a credential at all (not JSON, over a limit, not an object): exit 2 / HTTP 400.
Result<VerificationReport> verify_credential(std::string_view text, const VerifyOptions& options,
                                             rdf::JsonLdProcessor& processor);

/// The same checks on an already parsed credential.
VerificationReport verify_credential(const boost::json::object& credential,
                                     const VerifyOptions& options, rdf::JsonLdProcessor& processor);

}  // namespace microcred::vc
