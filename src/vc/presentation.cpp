#include "vc/presentation.h"

#include <cctype>
#include <set>

#include <boost/json.hpp>

#include "core/encoding.h"
#include "json/parse.h"
#include "vc/did_resolver.h"
#include "vc/jose.h"

namespace microcred::vc {

namespace {

namespace bj = boost::json;

constexpr std::string_view presentation_type = "VerifiablePresentation";
constexpr std::string_view enveloped_presentation_type = "EnvelopedVerifiablePresentation";
constexpr std::string_view enveloped_credential_type = "EnvelopedVerifiableCredential";
constexpr std::string_view vp_data_url_prefix = "data:application/vp+jwt,";
// A JWS header is a handful of short members; peeking at one needs no more.
constexpr json::ParseLimits header_limits{.max_bytes = 8 * 1024, .max_depth = 8};

class Checks {
 public:
  void add(std::string name, CheckOutcome outcome, std::string detail) {
    checks_.push_back({std::move(name), outcome, std::move(detail)});
  }
  void ok(std::string name, std::string detail) {
    add(std::move(name), CheckOutcome::ok, std::move(detail));
  }
  void failed(std::string name, std::string detail) {
    add(std::move(name), CheckOutcome::failed, std::move(detail));
  }
  void skipped(std::string name, std::string detail) {
    add(std::move(name), CheckOutcome::skipped, std::move(detail));
  }
  std::vector<Check> take() && { return std::move(checks_); }

 private:
  std::vector<Check> checks_;
};

std::string string_or_empty(const bj::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  return std::string(text);
}

std::string join_problems(const std::vector<Problem>& problems) {
  std::string text;
  for (const auto& problem : problems) {
    if (!text.empty()) text += "; ";
    text += problem.pointer + ": " + problem.message;
  }
  return text;
}

std::string quoted_list(const std::set<std::string>& values) {
  std::string text = "[";
  for (const auto& value : values) {
    if (text.size() > 1) text += ", ";
    text += "\"" + value + "\"";
  }
  return text + "]";
}

// The entries of `verifiableCredential`: one object or each element of an array.
std::vector<const bj::value*> credential_entries(const bj::object& presentation) {
  std::vector<const bj::value*> entries;
  const auto* value = presentation.if_contains("verifiableCredential");
  if (value == nullptr) return entries;
  if (value->is_array()) {
    for (const auto& entry : value->get_array())
      entries.push_back(&entry);
  } else {
    entries.push_back(value);
  }
  return entries;
}

bool context_is_allowed(const bj::value& context, const rdf::ContextStore& store,
                        const std::string& pointer, std::string& problem) {
  std::vector<const bj::value*> entries;
  if (context.is_array()) {
    for (const auto& entry : context.get_array())
      entries.push_back(&entry);
  } else {
    entries.push_back(&context);
  }
  for (const auto* entry : entries) {
    if (!entry->is_string()) {
      problem =
          "an inline @context object at " + pointer + " is not allowed; use published contexts";
      return false;
    }
    if (!store.contains(entry->get_string())) {
      problem = "context " + std::string(entry->get_string()) + " at " + pointer +
                " is not on the allow-list";
      return false;
    }
  }
  return true;
}

// Contexts allowed, as for credentials (vc/verify.h): only URLs of the embedded store, and
// no inline or scoped contexts. Each credential in the presentation starts with its own
// @context, which must be allowed too; the proof may repeat the document's (jcs suites).
std::string context_problem(const bj::object& presentation, const rdf::ContextStore& store) {
  const auto* context = presentation.if_contains("@context");
  if (context == nullptr) return "the presentation has no @context";
  std::string problem;
  if (!context_is_allowed(*context, store, "/@context", problem)) return problem;
  std::vector<std::pair<const bj::value*, std::string>> stack;
  for (const auto& [key, value] : presentation) {
    if (key != "@context") stack.emplace_back(&value, "/" + std::string(key));
  }
  auto is_credential_root = [](const std::string& pointer) {
    constexpr std::string_view root = "/verifiableCredential";
    if (pointer == root) return true;
    return pointer.starts_with(std::string(root) + "/") &&
           pointer.find('/', root.size() + 1) == std::string::npos;
  };
  auto is_proof_root = [](const std::string& pointer) {
    return pointer == "/proof" ||
           (pointer.starts_with("/proof/") && pointer.find('/', 7) == std::string::npos);
  };
  while (!stack.empty()) {
    auto [value, pointer] = stack.back();
    stack.pop_back();
    if (value->is_object()) {
      for (const auto& [key, member] : value->get_object()) {
        std::string member_pointer = pointer + "/" + std::string(key);
        if (key == "@context") {
          if (is_proof_root(pointer)) continue;  // verify_proof matches it to the document's
          if (!is_credential_root(pointer)) {
            return "an embedded @context at " + pointer + " is not allowed";
          }
          if (!context_is_allowed(member, store, member_pointer, problem)) return problem;
          continue;
        }
        stack.emplace_back(&member, std::move(member_pointer));
      }
    } else if (value->is_array()) {
      std::size_t i = 0;
      for (const auto& member : value->get_array()) {
        stack.emplace_back(&member, pointer + "/" + std::to_string(i++));
      }
    }
  }
  return {};
}

std::optional<Timestamp> timestamp_of(const bj::value* value) {
  if (value == nullptr || !value->is_string()) return std::nullopt;
  auto when = parse_rfc3339(value->get_string());
  if (!when) return std::nullopt;
  return *when;
}

// The strings of a `domain` (or `aud`) value as a set; nullopt when it is neither a string
// nor a list of strings.
std::optional<std::set<std::string>> string_set(const bj::value& value) {
  std::set<std::string> set;
  if (value.is_string()) {
    set.insert(std::string(value.get_string()));
    return set;
  }
  if (!value.is_array()) return std::nullopt;
  for (const auto& entry : value.get_array()) {
    if (!entry.is_string()) return std::nullopt;
    set.insert(std::string(entry.get_string()));
  }
  return set;
}

// VC Data Integrity 1.0 §4.3 (verify proof) steps 6 and 7: the challenge must match, and
// when the verifier has a domain, proof.domain must name the same set of strings. For a
// vp+jwt the same rules apply to the `nonce` and `aud` claims.
void check_challenge_and_domain(const bj::value* challenge, const bj::value* domain,
                                std::string_view challenge_name, std::string_view domain_name,
                                const std::string& suffix, const PresentationVerifyOptions& options,
                                Checks& checks) {
  const std::string challenge_check = "challenge" + suffix;
  const std::string domain_check = "domain" + suffix;
  if (!options.challenge) {
    checks.failed(challenge_check,
                  "the verifier gave no challenge to compare (--challenge); a presentation "
                  "without a fresh challenge may be a replay");
  } else if (challenge == nullptr) {
    checks.failed(challenge_check, "the proof has no " + std::string(challenge_name) +
                                       "; expected \"" + *options.challenge + "\"");
  } else if (!challenge->is_string() || challenge->get_string() != *options.challenge) {
    checks.failed(challenge_check, std::string(challenge_name) + " " + bj::serialize(*challenge) +
                                       " is not the challenge this verifier issued (\"" +
                                       *options.challenge +
                                       "\"): a replayed or misdirected presentation");
  } else {
    checks.ok(challenge_check,
              std::string(challenge_name) + " is the expected \"" + *options.challenge + "\"");
  }

  if (options.domains.empty()) {
    checks.skipped(domain_check, domain == nullptr
                                     ? "no domain expected and none in the proof"
                                     : "no domain expected (--domain); the proof names " +
                                           bj::serialize(*domain) + ", not checked");
    return;
  }
  std::set<std::string> expected(options.domains.begin(), options.domains.end());
  if (domain == nullptr) {
    checks.failed(domain_check, "the proof has no " + std::string(domain_name) + "; expected " +
                                    quoted_list(expected));
    return;
  }
  auto actual = string_set(*domain);
  if (!actual) {
    checks.failed(domain_check, std::string(domain_name) + " " + bj::serialize(*domain) +
                                    " is neither a string nor a list of strings");
  } else if (*actual != expected) {
    checks.failed(domain_check, std::string(domain_name) + " " + quoted_list(*actual) +
                                    " is not this verifier's domain " + quoted_list(expected));
  } else {
    checks.ok(domain_check, std::string(domain_name) + " is " + quoted_list(expected));
  }
}

// The holder must control the verification method and list it for authentication.
void check_holder_binding(const std::string& holder, const std::string& method_url,
                          const std::string& controller, const DidResolver& dids,
                          const std::string& name, Checks& checks) {
  std::string_view did = did_of(method_url);
  const std::string owner = controller.empty() ? std::string(did) : controller;
  if (holder.empty()) {
    checks.failed(name, "the presentation names no holder, so its proof by " + method_url +
                            " proves nobody in particular");
  } else if (did != holder || owner != holder) {
    checks.failed(name, "verification method " + method_url + " is controlled by " + owner +
                            ", not by the holder " + holder);
  } else {
    auto listed = dids.is_authorized(did, method_url, authentication_purpose);
    if (!listed || !*listed) {
      checks.failed(name, "verification method " + method_url +
                              " is not listed under authentication in the holder's DID document");
    } else {
      checks.ok(name, "authenticated by the holder " + holder + " with " + method_url);
    }
  }
}

std::vector<const bj::object*> proofs_of(const bj::object& presentation, std::string& problem) {
  std::vector<const bj::object*> proofs;
  const auto* proof = presentation.if_contains("proof");
  if (proof == nullptr) return proofs;
  if (proof->is_object()) {
    proofs.push_back(&proof->get_object());
  } else if (proof->is_array()) {
    for (const auto& entry : proof->get_array()) {
      if (!entry.is_object()) {
        problem = "every proof must be an object";
        return {};
      }
      proofs.push_back(&entry.get_object());
    }
  }
  if (proofs.empty()) problem = "proof must be an object or a non-empty list";
  return proofs;
}

void check_proofs(const bj::object& presentation, const PresentationVerifyOptions& options,
                  const DidResolver& dids, rdf::JsonLdProcessor& processor, Checks& checks) {
  if (!presentation.contains("proof")) {
    if (options.allow_unsigned) {
      checks.skipped("proof",
                     "unsigned presentation, accepted because the caller allowed it; nothing "
                     "binds it to a holder, a challenge or a domain");
      checks.skipped("holder-binding", "unsigned presentation");
      checks.skipped("challenge", "unsigned presentation");
      checks.skipped("domain", "unsigned presentation");
    } else {
      checks.failed("proof",
                    "the presentation has no proof; a holder signs a presentation for "
                    "authentication with the verifier's challenge (--allow-unsigned accepts "
                    "unsigned ones)");
      checks.skipped("holder-binding", "no proof to bind");
      checks.skipped("challenge", "no proof");
      checks.skipped("domain", "no proof");
    }
    return;
  }
  std::string problem;
  auto proofs = proofs_of(presentation, problem);
  if (proofs.empty()) {
    checks.failed("proof", problem);
    checks.skipped("holder-binding", "no proof to bind");
    return;
  }
  const std::string holder = holder_id(presentation);
  const VerifyOptions& clock = options.verify;
  for (std::size_t i = 0; i < proofs.size(); ++i) {
    const bj::object& proof = *proofs[i];
    const std::string suffix = proofs.size() == 1 ? "" : "[" + std::to_string(i) + "]";
    const std::string name = "proof" + suffix;
    const std::string binding = "holder-binding" + suffix;
    const std::string method_url = string_or_empty(proof, "verificationMethod");
    const std::string purpose = string_or_empty(proof, "proofPurpose");
    check_challenge_and_domain(proof.if_contains("challenge"), proof.if_contains("domain"),
                               "proof.challenge", "proof.domain", suffix, options, checks);
    // VC Data Integrity 1.0 §4.3 step 5: the expected purpose.
    if (purpose != authentication_purpose) {
      checks.failed(name, "proofPurpose is \"" + purpose +
                              "\", not authentication: the proof does not authenticate a holder");
      checks.skipped(binding, "the proof does not hold");
      continue;
    }
    if (const auto* created = proof.if_contains("created")) {
      auto when = timestamp_of(created);
      if (!when) {
        checks.failed(name, "created is not an RFC 3339 date-time");
        checks.skipped(binding, "the proof does not hold");
        continue;
      }
      if (when->seconds > clock.now.seconds + clock.clock_skew_seconds) {
        checks.failed(name, "created " + std::string(created->get_string()) + " is in the future");
        checks.skipped(binding, "the proof does not hold");
        continue;
      }
    }
    if (const auto* expires = proof.if_contains("expires")) {
      auto when = timestamp_of(expires);
      if (!when || *when < clock.now) {
        checks.failed(name, "the proof expired (expires " +
                                (expires->is_string() ? std::string(expires->get_string()) : "?") +
                                ")");
        checks.skipped(binding, "the proof does not hold");
        continue;
      }
    }
    auto method = dids.resolve_method(method_url);
    if (!method) {
      checks.failed(name, "verification method " + method_url + ": " + method.error().message);
      checks.skipped(binding, "the verification method does not resolve");
      continue;
    }
    auto result = verify_proof(presentation, proof, method->key, processor);
    if (!result) {
      checks.failed(name, "could not check: " + result.error().message);
      checks.skipped(binding, "the proof could not be checked");
      continue;
    }
    // verify_proof speaks of credentials; here the document is the presentation.
    std::string detail = result->detail;
    if (auto at = detail.find("the credential"); at != std::string::npos) {
      detail.replace(at, 14, "the presentation");
    }
    checks.add(name, result->valid ? CheckOutcome::ok : CheckOutcome::failed,
               "authentication: " + detail);
    check_holder_binding(holder, method_url, method->controller, dids, binding, checks);
  }
}

// The `id` of the credential in a vc+jwt, when the payload can be read; for reports only.
std::string jwt_payload_id(std::string_view jwt) {
  auto first = jwt.find('.');
  if (first == std::string_view::npos) return {};
  auto second = jwt.find('.', first + 1);
  if (second == std::string_view::npos) return {};
  auto bytes = base64url_decode(jwt.substr(first + 1, second - first - 1));
  if (!bytes) return {};
  auto payload =
      json::parse(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()),
                  json::credential_limits);
  if (!payload || !payload->is_object()) return {};
  return string_or_empty(payload->get_object(), "id");
}

VerificationReport unreadable(std::string detail) {
  VerificationReport report;
  report.verified = false;
  report.checks.push_back({"parse", CheckOutcome::failed, std::move(detail)});
  return report;
}

// Each credential through the credential verifier (vc/verify.h), as a report of its own.
std::vector<CredentialReport> verify_credentials(const bj::object& presentation,
                                                 const PresentationVerifyOptions& options,
                                                 rdf::JsonLdProcessor& processor, Checks& checks) {
  std::vector<CredentialReport> reports;
  auto entries = credential_entries(presentation);
  if (entries.empty()) {
    checks.skipped("credentials", "the presentation carries no credentials");
    return reports;
  }
  if (entries.size() > options.max_credentials) {
    checks.failed("credentials", "the presentation carries " + std::to_string(entries.size()) +
                                     " credentials, over the limit of " +
                                     std::to_string(options.max_credentials) +
                                     "; none was verified");
    return reports;
  }
  std::string failures;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CredentialReport report;
    report.index = i;
    const bj::value& entry = *entries[i];
    if (!entry.is_object()) {
      report.format = "unknown";
      report.report = unreadable("not a credential object");
    } else if (has_type(entry.get_object().if_contains("type"), enveloped_credential_type)) {
      report.format = "vc+jwt";
      auto jwt = parse_enveloped_credential(entry);
      if (!jwt) {
        report.report = unreadable(describe(jwt.error()));
      } else {
        report.id = jwt_payload_id(*jwt);
        auto verified = verify_credential(*jwt, options.verify, processor);
        report.report = verified ? std::move(*verified) : unreadable(describe(verified.error()));
      }
    } else {
      report.format = "data-integrity";
      report.id = string_or_empty(entry.get_object(), "id");
      report.report = verify_credential(entry.get_object(), options.verify, processor);
    }
    if (!report.report.verified) {
      std::string failed;
      for (const auto& check : report.report.checks) {
        if (check.outcome != CheckOutcome::failed) continue;
        if (!failed.empty()) failed += ", ";
        failed += check.name;
      }
      if (!failures.empty()) failures += "; ";
      failures += "credential " + std::to_string(i + 1) +
                  (report.id.empty() ? std::string() : " (" + report.id + ")") + " failed " +
                  failed;
    }
    reports.push_back(std::move(report));
  }
  if (failures.empty()) {
    checks.ok("credentials", entries.size() == 1 ? "the credential verified"
                                                 : "all " + std::to_string(entries.size()) +
                                                       " credentials verified");
  } else {
    checks.failed("credentials", failures);
  }
  return reports;
}

// Shape and contexts, common to both proof formats.
void check_document(const bj::object& presentation, rdf::JsonLdProcessor& processor,
                    Checks& checks) {
  if (auto problem = context_problem(presentation, processor.store()); !problem.empty()) {
    checks.failed("contexts", problem);
  } else {
    checks.ok("contexts", "every context is a published, embedded context");
  }
  auto problems = check_presentation_shape(presentation);
  if (problems.empty()) {
    checks.ok("vp-shape", "a W3C VC 2.0 presentation");
  } else {
    checks.failed("vp-shape", join_problems(problems));
  }
}

PresentationReport finish(Checks checks, std::vector<CredentialReport> credentials,
                          std::string holder) {
  PresentationReport report;
  report.checks = std::move(checks).take();
  report.credentials = std::move(credentials);
  report.holder = std::move(holder);
  report.verified = !report.checks.empty();
  for (const auto& check : report.checks) {
    if (check.outcome == CheckOutcome::failed) report.verified = false;
  }
  for (const auto& credential : report.credentials) {
    if (!credential.report.verified) report.verified = false;
  }
  return report;
}

// VC-JOSE-COSE §3.1.2: the signature is the JWS; its kid must be the holder's and listed
// for authentication; `nonce` and `aud` carry the challenge and domain.
Result<PresentationReport> verify_presentation_jwt(std::string_view jwt,
                                                   const PresentationVerifyOptions& options,
                                                   rdf::JsonLdProcessor& processor) {
  DidResolver none;
  const DidResolver& dids = options.verify.dids != nullptr ? *options.verify.dids : none;
  JwtKeyResolver resolver = [&dids](std::string_view kid) -> Result<crypto::PublicKey> {
    auto method = dids.resolve_method(kid);
    if (!method) return method.error();
    return method->key;
  };
  auto checked = verify_jwt(jwt, resolver,
                            {.max_bytes = options.verify.max_bytes,
                             .now = options.verify.now,
                             .clock_skew_seconds = options.verify.clock_skew_seconds,
                             .content = JwtContent::presentation});
  if (!checked) return checked.error();
  if (!checked->credential.is_object()) {
    return make_error(ErrorCode::invalid_argument, "the JWT payload is not a presentation object");
  }
  const bj::object& presentation = checked->credential.get_object();
  Checks checks;
  checks.ok("parse", "a vp+jwt enveloped presentation within the limits");
  check_document(presentation, processor, checks);
  const std::string holder = holder_id(presentation);
  check_challenge_and_domain(presentation.if_contains("nonce"), presentation.if_contains("aud"),
                             "nonce", "aud", "", options, checks);
  // As for a Data Integrity proof's `created`: `iat` may not be in the future beyond the skew.
  if (const auto* iat = presentation.if_contains("iat"); checked->valid && iat != nullptr) {
    const std::int64_t latest = options.verify.now.seconds + options.verify.clock_skew_seconds;
    if (!iat->is_number() || iat->to_number<double>() > static_cast<double>(latest)) {
      checked->valid = false;
      checked->detail = "iat " + bj::serialize(*iat) + " is not a time at or before now";
    }
  }
  checks.add("proof", checked->valid ? CheckOutcome::ok : CheckOutcome::failed,
             "vp+jwt: " + checked->detail);
  if (!checked->valid) {
    checks.skipped("holder-binding", "the JWS does not hold");
  } else {
    auto method = dids.resolve_method(checked->kid);
    check_holder_binding(holder, checked->kid, method ? method->controller : std::string(), dids,
                         "holder-binding", checks);
  }
  auto credentials = verify_credentials(presentation, options, processor, checks);
  return finish(std::move(checks), std::move(credentials), holder);
}

// The `typ` of a compact JWS header, or empty.
std::string jws_typ(std::string_view compact) {
  auto dot = compact.find('.');
  if (dot == std::string_view::npos) return {};
  auto bytes = base64url_decode(compact.substr(0, dot));
  if (!bytes) return {};
  auto header = json::parse(
      std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()), header_limits);
  if (!header || !header->is_object()) return {};
  std::string typ = string_or_empty(header->get_object(), "typ");
  for (auto& c : typ)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (typ.starts_with("application/")) typ = typ.substr(12);
  return typ;
}

}  // namespace

std::vector<Problem> check_presentation_shape(const bj::object& presentation) {
  std::vector<Problem> problems;
  const auto* context = presentation.if_contains("@context");
  const bj::value* first = nullptr;
  if (context != nullptr && context->is_array() && !context->get_array().empty()) {
    first = &context->get_array()[0];
  } else if (context != nullptr && context->is_string()) {
    first = context;
  }
  if (first == nullptr || !first->is_string() || first->get_string() != vc_v2_context) {
    problems.push_back({"/@context", "the first @context must be " + std::string(vc_v2_context)});
  }
  if (!has_type(presentation.if_contains("type"), presentation_type)) {
    problems.push_back({"/type", "type must include VerifiablePresentation"});
  }
  if (const auto* id = presentation.if_contains("id")) {
    if (!id->is_string() || !is_absolute_url(id->get_string())) {
      problems.push_back({"/id", "id must be a URL"});
    }
  }
  if (const auto* holder = presentation.if_contains("holder")) {
    if (holder->is_string()) {
      if (!is_absolute_url(holder->get_string())) {
        problems.push_back({"/holder", "holder must be a URL"});
      }
    } else if (holder->is_object()) {
      const auto* id = holder->get_object().if_contains("id");
      if (id == nullptr || !id->is_string() || !is_absolute_url(id->get_string())) {
        problems.push_back({"/holder/id", "holder.id must be a URL"});
      }
    } else {
      problems.push_back({"/holder", "holder must be a URL or an object with an id"});
    }
  }
  if (const auto* credentials = presentation.if_contains("verifiableCredential")) {
    if (credentials->is_array()) {
      if (credentials->get_array().empty()) {
        problems.push_back({"/verifiableCredential",
                            "verifiableCredential, when present, lists one or more credentials"});
      }
      std::size_t i = 0;
      for (const auto& entry : credentials->get_array()) {
        if (!entry.is_object()) {
          problems.push_back({"/verifiableCredential/" + std::to_string(i),
                              "must be a verifiable credential object (an embedded proof, or "
                              "an EnvelopedVerifiableCredential)"});
        }
        ++i;
      }
    } else if (!credentials->is_object()) {
      problems.push_back(
          {"/verifiableCredential", "must be a verifiable credential object or a list of them"});
    }
  }
  return problems;
}

std::string holder_id(const bj::object& presentation) {
  const auto* holder = presentation.if_contains("holder");
  if (holder == nullptr) return {};
  if (holder->is_string()) return std::string(holder->get_string());
  if (holder->is_object()) return string_or_empty(holder->get_object(), "id");
  return {};
}

bool looks_like_presentation(std::string_view text) {
  std::string trimmed = trim(text);
  if (trimmed.starts_with("ey")) return jws_typ(trimmed) == "vp+jwt";
  auto value = json::parse(trimmed, {.max_bytes = 16 * 1024 * 1024, .max_depth = 256});
  if (!value || !value->is_object()) return false;
  const auto* type = value->get_object().if_contains("type");
  return has_type(type, presentation_type) || has_type(type, enveloped_presentation_type);
}

Result<bj::value> make_presentation(std::span<const bj::value> credentials,
                                    const PresentationContent& content) {
  bj::object presentation;
  presentation["@context"] = bj::array{vc_v2_context};
  if (!content.id.empty()) {
    if (!is_absolute_url(content.id)) {
      return make_error(ErrorCode::invalid_argument,
                        "a presentation id must be a URL, not \"" + content.id + "\"", "id");
    }
    presentation["id"] = content.id;
  }
  presentation["type"] = bj::array{presentation_type};
  if (!content.holder.empty()) {
    if (!is_absolute_url(content.holder)) {
      return make_error(ErrorCode::invalid_argument,
                        "a holder must be a URL (a DID), not \"" + content.holder + "\"", "holder");
    }
    presentation["holder"] = content.holder;
  }
  if (!credentials.empty()) {
    bj::array list;
    for (std::size_t i = 0; i < credentials.size(); ++i) {
      if (!credentials[i].is_object()) {
        return make_error(ErrorCode::invalid_argument,
                          "credential " + std::to_string(i + 1) + " is not a JSON object",
                          "/verifiableCredential/" + std::to_string(i));
      }
      list.push_back(credentials[i]);
    }
    presentation["verifiableCredential"] = std::move(list);
  }
  return bj::value(std::move(presentation));
}

namespace {

Result<void> check_signable(const bj::value& presentation,
                            const PresentationProofOptions& options) {
  if (!presentation.is_object()) {
    return make_error(ErrorCode::invalid_argument, "a presentation must be a JSON object");
  }
  if (auto problems = check_presentation_shape(presentation.get_object()); !problems.empty()) {
    return make_error(ErrorCode::invalid_argument, "not a presentation: " + join_problems(problems),
                      problems.front().pointer);
  }
  if (options.challenge.empty()) {
    return make_error(ErrorCode::invalid_argument,
                      "a presentation proof needs the verifier's challenge, so that it cannot "
                      "be replayed",
                      "challenge");
  }
  if (options.verification_method.empty()) {
    return make_error(ErrorCode::invalid_argument, "a proof needs a verificationMethod");
  }
  const std::string holder = holder_id(presentation.get_object());
  if (!holder.empty() && did_of(options.verification_method) != holder) {
    return make_error(ErrorCode::invalid_argument,
                      "the key " + options.verification_method +
                          " is not a key of the presentation's holder " + holder,
                      "holder");
  }
  return {};
}

}  // namespace

Result<bj::value> sign_presentation(const bj::value& presentation, const crypto::KeyPair& key,
                                    const PresentationProofOptions& options,
                                    rdf::JsonLdProcessor& processor) {
  if (auto ok = check_signable(presentation, options); !ok) return ok.error();
  ProofOptions proof;
  proof.cryptosuite = options.cryptosuite;
  proof.verification_method = options.verification_method;
  proof.proof_purpose = std::string(authentication_purpose);
  proof.created = options.created;
  proof.challenge = options.challenge;
  proof.domains = options.domains;
  proof.expires = options.expires;
  return add_proof(presentation, key, proof, processor);
}

Result<std::string> sign_presentation_jwt(const bj::value& presentation, const crypto::KeyPair& key,
                                          const PresentationProofOptions& options) {
  if (auto ok = check_signable(presentation, options); !ok) return ok.error();
  bj::object payload = presentation.get_object();
  if (payload.contains("proof")) {
    return make_error(ErrorCode::invalid_argument,
                      "a vp+jwt secures the presentation itself; remove its embedded proof",
                      "proof");
  }
  payload["nonce"] = options.challenge;
  if (options.domains.size() == 1) {
    payload["aud"] = options.domains.front();
  } else if (!options.domains.empty()) {
    bj::array audience;
    for (const auto& domain : options.domains)
      audience.emplace_back(domain);
    payload["aud"] = std::move(audience);
  }
  payload["iat"] = options.created.seconds;
  if (options.expires) payload["exp"] = options.expires->seconds;
  return sign_jwt(payload, key, options.verification_method, JwtContent::presentation);
}

bj::value make_enveloped_presentation(std::string_view jwt) {
  bj::object envelope;
  envelope["@context"] = vc_v2_context;
  envelope["id"] = std::string(vp_data_url_prefix) + std::string(jwt);
  envelope["type"] = enveloped_presentation_type;
  return envelope;
}

Result<std::string> parse_enveloped_presentation(const bj::value& envelope) {
  if (!envelope.is_object()) {
    return make_error(ErrorCode::invalid_argument, "an enveloped presentation is a JSON object");
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
        "enveloped presentation: @context must start with " + std::string(vc_v2_context),
        "@context");
  }
  if (!has_type(object.if_contains("type"), enveloped_presentation_type)) {
    return make_error(ErrorCode::invalid_argument,
                      "enveloped presentation: type must be EnvelopedVerifiablePresentation",
                      "type");
  }
  const bj::value* id = object.if_contains("id");
  if (id == nullptr || !id->is_string() || !id->get_string().starts_with("data:")) {
    return make_error(ErrorCode::invalid_argument,
                      "enveloped presentation: id must be a data: URL holding the presentation",
                      "id");
  }
  std::string_view url = id->get_string();
  if (!url.starts_with(vp_data_url_prefix)) {
    auto comma = url.find(',');
    return make_error(
        ErrorCode::unsupported,
        "enveloped presentation: media type \"" +
            std::string(url.substr(
                5, comma == std::string_view::npos ? std::string_view::npos : comma - 5)) +
            "\" is not supported; microcred reads data:application/vp+jwt,<jwt>",
        "id");
  }
  return std::string(url.substr(vp_data_url_prefix.size()));
}

const Check* PresentationReport::find(std::string_view name) const {
  for (const auto& check : checks) {
    if (check.name == name) return &check;
  }
  return nullptr;
}

bj::value PresentationReport::to_json() const {
  bj::object out = VerificationReport{verified, checks}.to_json().as_object();
  out["holder"] = holder;
  bj::array list;
  for (const auto& credential : credentials) {
    bj::object entry;
    entry["index"] = credential.index;
    entry["id"] = credential.id;
    entry["format"] = credential.format;
    bj::value inner = credential.report.to_json();
    for (auto& [key, value] : inner.as_object())
      entry[key] = std::move(value);
    list.push_back(std::move(entry));
  }
  out["credentials"] = std::move(list);
  return out;
}

std::string PresentationReport::to_text() const {
  std::string text = verified ? "VERIFIED presentation" : "NOT VERIFIED presentation";
  if (!holder.empty()) text += " by " + holder;
  text += credentials.size() == 1
              ? " with 1 credential\n"
              : " with " + std::to_string(credentials.size()) + " credentials\n";
  // The checks as the credential report prints them, without its own verdict line.
  std::string body = VerificationReport{verified, checks}.to_text();
  text += body.substr(body.find('\n') + 1);
  for (const auto& credential : credentials) {
    std::string inner = credential.report.to_text();
    std::string verdict = inner.substr(0, inner.find('\n'));
    text += "credential " + std::to_string(credential.index + 1) + " of " +
            std::to_string(credentials.size()) +
            (credential.id.empty() ? std::string() : " " + credential.id) + " (" +
            credential.format + "): " + verdict + "\n";
    std::size_t start = inner.find('\n') + 1;
    while (start < inner.size()) {
      std::size_t end = inner.find('\n', start);
      if (end == std::string::npos) end = inner.size();
      text += "  " + inner.substr(start, end - start) + "\n";
      start = end + 1;
    }
  }
  return text;
}

PresentationReport verify_presentation(const bj::object& presentation,
                                       const PresentationVerifyOptions& options,
                                       rdf::JsonLdProcessor& processor) {
  DidResolver none;
  const DidResolver& dids = options.verify.dids != nullptr ? *options.verify.dids : none;
  Checks checks;
  checks.ok("parse", "well-formed JSON within the limits");
  check_document(presentation, processor, checks);
  check_proofs(presentation, options, dids, processor, checks);
  auto credentials = verify_credentials(presentation, options, processor, checks);
  return finish(std::move(checks), std::move(credentials), holder_id(presentation));
}

Result<PresentationReport> verify_presentation(std::string_view text,
                                               const PresentationVerifyOptions& options,
                                               rdf::JsonLdProcessor& processor) {
  std::string trimmed = trim(text);
  if (trimmed.starts_with("ey")) return verify_presentation_jwt(trimmed, options, processor);
  auto value = json::parse(
      text, {.max_bytes = options.verify.max_bytes, .max_depth = options.verify.max_depth});
  if (!value) return value.error();
  if (!value->is_object()) {
    return make_error(ErrorCode::invalid_argument, "a presentation must be a JSON object");
  }
  if (has_type(value->get_object().if_contains("type"), enveloped_presentation_type)) {
    auto jwt = parse_enveloped_presentation(*value);
    if (!jwt) return jwt.error();
    return verify_presentation_jwt(*jwt, options, processor);
  }
  return verify_presentation(value->get_object(), options, processor);
}

}  // namespace microcred::vc
