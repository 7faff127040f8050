#include "vc/verify.h"

#include <boost/json.hpp>

#include "json/parse.h"
#include "vc/credential.h"
#include "vc/data_integrity.h"
#include "vc/jose.h"
#include "vc/profile_check.h"
#include "vc/status_list.h"

namespace microcred::vc {

namespace {

namespace bj = boost::json;

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
  VerificationReport report() && {
    VerificationReport report;
    report.verified = !checks_.empty();
    for (const auto& check : checks_) {
      if (check.outcome == CheckOutcome::failed) report.verified = false;
    }
    report.checks = std::move(checks_);
    return report;
  }

 private:
  std::vector<Check> checks_;
};

std::string join_problems(const std::vector<Problem>& problems) {
  std::string text;
  for (const auto& problem : problems) {
    if (!text.empty()) text += "; ";
    text += problem.pointer + ": " + problem.message;
  }
  return text;
}

// Contexts allowed: only URLs in the embedded store, and no inline contexts anywhere. An
// inline context can redefine terms (@vocab, @base, aliases) after signing without
// changing the RDF, which the reference stack accepts and we do not.
std::string context_problem(const bj::object& credential, const rdf::ContextStore& store) {
  const auto* context = credential.if_contains("@context");
  if (context == nullptr) return "the credential has no @context";
  std::vector<const bj::value*> entries;
  if (context->is_array()) {
    for (const auto& entry : context->get_array())
      entries.push_back(&entry);
  } else {
    entries.push_back(context);
  }
  for (const auto* entry : entries) {
    if (!entry->is_string())
      return "an inline @context object is not allowed; use published contexts";
    if (!store.contains(entry->get_string())) {
      return "context " + std::string(entry->get_string()) + " is not on the allow-list";
    }
  }
  // Scoped contexts inside the body.
  std::vector<std::pair<const bj::value*, std::string>> stack;
  for (const auto& [key, value] : credential) {
    if (key != "@context") stack.emplace_back(&value, "/" + std::string(key));
  }
  while (!stack.empty()) {
    auto [value, pointer] = stack.back();
    stack.pop_back();
    if (value->is_object()) {
      // A proof may carry the document's @context (the jcs suites do); verify_proof checks
      // that it begins the document's own.
      const bool proof_object = pointer == "/proof" || (pointer.starts_with("/proof/") &&
                                                        pointer.find('/', 7) == std::string::npos);
      for (const auto& [key, member] : value->get_object()) {
        if (key == "@context" && proof_object) continue;
        if (key == "@context") return "an embedded @context at " + pointer + " is not allowed";
        stack.emplace_back(&member, pointer + "/" + std::string(key));
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

std::vector<const bj::object*> proofs_of(const bj::object& credential, std::string& problem) {
  std::vector<const bj::object*> proofs;
  const auto* proof = credential.if_contains("proof");
  if (proof == nullptr) {
    problem = "the credential has no proof";
    return proofs;
  }
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

std::string string_or_empty(const bj::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

void check_proofs(const bj::object& credential, const VerifyOptions& options,
                  rdf::JsonLdProcessor& processor, Checks& checks) {
  std::string problem;
  auto proofs = proofs_of(credential, problem);
  if (proofs.empty()) {
    checks.failed("proof", problem);
    checks.add("issuer-binding", CheckOutcome::skipped, "no proof to bind");
    return;
  }
  DidResolver none;
  const DidResolver& dids = options.dids != nullptr ? *options.dids : none;
  const std::string issuer = issuer_id(credential);
  for (std::size_t i = 0; i < proofs.size(); ++i) {
    const bj::object& proof = *proofs[i];
    const std::string name = proofs.size() == 1 ? "proof" : "proof[" + std::to_string(i) + "]";
    const std::string binding =
        proofs.size() == 1 ? "issuer-binding" : "issuer-binding[" + std::to_string(i) + "]";
    const std::string method_url = string_or_empty(proof, "verificationMethod");
    const std::string purpose = string_or_empty(proof, "proofPurpose");
    if (purpose != "assertionMethod") {
      checks.failed(name, "proofPurpose is \"" + purpose + "\", not assertionMethod");
      continue;
    }
    if (const auto* created = proof.if_contains("created")) {
      auto when = created->is_string() ? parse_rfc3339(created->get_string())
                                       : Result<Timestamp>(make_error(ErrorCode::parse_error, ""));
      if (!when) {
        checks.failed(name, "created is not an RFC 3339 date-time");
        continue;
      }
      if (when->seconds > options.now.seconds + options.clock_skew_seconds) {
        checks.failed(name, "created " + std::string(created->get_string()) + " is in the future");
        continue;
      }
    }
    if (const auto* expires = proof.if_contains("expires")) {
      auto when = expires->is_string() ? parse_rfc3339(expires->get_string())
                                       : Result<Timestamp>(make_error(ErrorCode::parse_error, ""));
      if (!when || *when < options.now) {
        checks.failed(name, "the proof expired (expires " +
                                (expires->is_string() ? std::string(expires->get_string()) : "?") +
                                ")");
        continue;
      }
    }
    auto method = dids.resolve_method(method_url);
    if (!method) {
      checks.failed(name, "verification method " + method_url + ": " + method.error().message);
      continue;
    }
    auto result = verify_proof(credential, proof, method->key, processor);
    if (!result) {
      checks.failed(name, "could not check: " + result.error().message);
      continue;
    }
    checks.add(name, result->valid ? CheckOutcome::ok : CheckOutcome::failed, result->detail);
    // The key must belong to the issuer and be listed for assertions in its DID document.
    std::string_view did = did_of(method_url);
    std::string controller = method->controller.empty() ? std::string(did) : method->controller;
    if (issuer.empty()) {
      checks.failed(binding, "the credential names no issuer");
    } else if (did != issuer || controller != issuer) {
      checks.failed(binding, "verification method " + method_url + " is controlled by " +
                                 controller + ", not by the issuer " + issuer);
    } else {
      auto listed = dids.is_authorized(did, method_url, "assertionMethod");
      if (!listed || !*listed) {
        checks.failed(binding,
                      "verification method " + method_url +
                          " is not listed under assertionMethod in the issuer's DID document");
      } else {
        checks.ok(binding, "signed by the issuer " + issuer + " with " + method_url);
      }
    }
  }
}

void check_validity(const bj::object& credential, const VerifyOptions& options, Checks& checks) {
  const auto* from = credential.if_contains("validFrom");
  const auto* until = credential.if_contains("validUntil");
  std::string detail;
  if (from != nullptr && from->is_string()) {
    auto when = parse_rfc3339(from->get_string());
    if (when && when->seconds > options.now.seconds + options.clock_skew_seconds) {
      checks.failed("validity", "not yet valid: validFrom " + std::string(from->get_string()) +
                                    " is after " + format_rfc3339(options.now));
      return;
    }
    detail = "valid from " + std::string(from->get_string());
  }
  if (until != nullptr && until->is_string()) {
    auto when = parse_rfc3339(until->get_string());
    if (when && when->seconds < options.now.seconds - options.clock_skew_seconds) {
      checks.failed("validity", "expired: validUntil " + std::string(until->get_string()) +
                                    " is before " + format_rfc3339(options.now));
      return;
    }
    detail += (detail.empty() ? "valid until " : ", until ") + std::string(until->get_string());
  }
  checks.ok("validity", detail.empty() ? "no validity period limits" : detail);
}

// Every proof of a status list credential must hold and be bound to `issuer`.
std::string list_proof_problem(const bj::object& list, const std::string& issuer,
                               const VerifyOptions& options, rdf::JsonLdProcessor& processor) {
  Checks checks;
  check_proofs(list, options, processor, checks);
  for (const auto& check : std::move(checks).report().checks) {
    if (check.outcome == CheckOutcome::failed) return check.name + ": " + check.detail;
  }
  if (issuer_id(list) != issuer) {
    return "the list is issued by " + issuer_id(list) + ", not by the credential's issuer " +
           issuer;
  }
  return {};
}

// Bitstring Status List v1.0: each BitstringStatusListEntry against the list credential the
// verifier was given. Without the list, revocation cannot be known: a warning says so.
void check_credential_status(const bj::object& credential, const VerifyOptions& options,
                             rdf::JsonLdProcessor& processor, Checks& checks) {
  const auto* status = credential.if_contains("credentialStatus");
  if (status == nullptr) {
    checks.add("status", CheckOutcome::skipped, "the credential has no credentialStatus");
    return;
  }
  std::vector<const bj::value*> entries;
  if (status->is_array()) {
    for (const auto& entry : status->get_array())
      entries.push_back(&entry);
  } else {
    entries.push_back(status);
  }
  const std::string issuer = issuer_id(credential);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string name = entries.size() == 1 ? "status" : "status[" + std::to_string(i) + "]";
    if (!entries[i]->is_object()) {
      checks.failed(name, "a credentialStatus entry must be an object");
      continue;
    }
    const auto& entry = entries[i]->get_object();
    if (!has_type(entry.if_contains("type"), "BitstringStatusListEntry")) {
      checks.add(name, CheckOutcome::warning,
                 "status type " + string_or_empty(entry, "type") +
                     " is not supported; status not checked");
      continue;
    }
    const std::string url = string_or_empty(entry, "statusListCredential");
    const bj::object* list = nullptr;
    for (const auto& candidate : options.status_lists) {
      if (candidate.is_object() && string_or_empty(candidate.get_object(), "id") == url) {
        list = &candidate.get_object();
      }
    }
    if (list == nullptr) {
      checks.add(name, CheckOutcome::warning,
                 "status list " + url + " was not given (--status-list FILE); " +
                     string_or_empty(entry, "statusPurpose") + " status not checked");
      continue;
    }
    if (auto problem = list_proof_problem(*list, issuer, options, processor); !problem.empty()) {
      checks.failed(name, "status list " + url + " cannot be trusted: " + problem);
      continue;
    }
    auto result =
        check_status(entry, bj::value(*list),
                     {.now = options.now, .clock_skew_seconds = options.clock_skew_seconds});
    if (!result) {
      checks.failed(name, "status unknown: " + describe(result.error()));
    } else if (result->set) {
      checks.failed(name, result->detail);
    } else {
      checks.ok(name, result->detail);
    }
  }
}

}  // namespace

std::string_view to_string(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::ok:
      return "ok";
    case CheckOutcome::failed:
      return "failed";
    case CheckOutcome::warning:
      return "warning";
    case CheckOutcome::skipped:
      return "skipped";
  }
  return "failed";
}

const Check* VerificationReport::find(std::string_view name) const {
  for (const auto& check : checks) {
    if (check.name == name) return &check;
  }
  return nullptr;
}

bj::value VerificationReport::to_json() const {
  bj::array list, errors, warnings;
  for (const auto& check : checks) {
    list.push_back(bj::object{{"check", check.name},
                              {"ok", check.outcome != CheckOutcome::failed},
                              {"outcome", to_string(check.outcome)},
                              {"detail", check.detail}});
    if (check.outcome == CheckOutcome::failed)
      errors.push_back(bj::string(check.name + ": " + check.detail));
    if (check.outcome == CheckOutcome::warning) {
      warnings.push_back(bj::string(check.name + ": " + check.detail));
    }
  }
  return bj::object{{"verified", verified},
                    {"checks", std::move(list)},
                    {"errors", std::move(errors)},
                    {"warnings", std::move(warnings)}};
}

std::string VerificationReport::to_text() const {
  std::string text = verified ? "VERIFIED\n" : "NOT VERIFIED\n";
  for (const auto& check : checks) {
    const char* mark = check.outcome == CheckOutcome::ok        ? "  ok      "
                       : check.outcome == CheckOutcome::failed  ? "  FAILED  "
                       : check.outcome == CheckOutcome::warning ? "  warning "
                                                                : "  skipped ";
    text += mark + check.name + ": " + check.detail + "\n";
  }
  return text;
}

Result<IssuerRegistry> IssuerRegistry::parse(std::string_view text) {
  IssuerRegistry registry;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '[' || text[first] == '{')) {
    auto value = json::parse(text);
    if (!value) return value.error();
    const bj::value* list = &*value;
    if (value->is_object()) list = value->get_object().if_contains("issuers");
    if (list == nullptr || !list->is_array()) {
      return make_error(ErrorCode::parse_error,
                        "a registry is a JSON array of issuer ids or {\"issuers\": [...]}");
    }
    for (const auto& entry : list->get_array()) {
      if (entry.is_string()) {
        registry.issuers_.insert(std::string(entry.get_string()));
      } else if (entry.is_object() && entry.get_object().contains("id") &&
                 entry.get_object().at("id").is_string()) {
        registry.issuers_.insert(std::string(entry.get_object().at("id").get_string()));
      } else {
        return make_error(ErrorCode::parse_error,
                          "a registry entry must be an id or {\"id\": ...}");
      }
    }
    return registry;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (auto hash = line.find('#');
        hash != std::string_view::npos && (hash == 0 || line[hash - 1] == ' ')) {
      line = line.substr(0, hash);
    }
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
      line.remove_suffix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
      line.remove_prefix(1);
    if (!line.empty()) registry.issuers_.insert(std::string(line));
    start = end + 1;
  }
  return registry;
}

namespace {

VerificationReport run_pipeline(const bj::object& credential, const VerifyOptions& options,
                                rdf::JsonLdProcessor& processor, const JwtVerification* envelope);

// VC-JOSE: the signature is the JWS; the key must be the issuer's, listed for assertions.
Result<VerificationReport> verify_enveloped(std::string_view jwt, const VerifyOptions& options,
                                            rdf::JsonLdProcessor& processor) {
  DidResolver none;
  const DidResolver& dids = options.dids != nullptr ? *options.dids : none;
  JwtKeyResolver resolver = [&dids](std::string_view kid) -> Result<crypto::PublicKey> {
    auto method = dids.resolve_method(kid);
    if (!method) return method.error();
    return method->key;
  };
  auto checked = verify_jwt(jwt, resolver,
                            {.max_bytes = options.max_bytes,
                             .now = options.now,
                             .clock_skew_seconds = options.clock_skew_seconds});
  if (!checked) return checked.error();
  if (!checked->credential.is_object()) {
    return make_error(ErrorCode::invalid_argument, "the JWT payload is not a credential object");
  }
  return run_pipeline(checked->credential.get_object(), options, processor, &*checked);
}

}  // namespace

VerificationReport verify_credential(const bj::object& credential, const VerifyOptions& options,
                                     rdf::JsonLdProcessor& processor) {
  return run_pipeline(credential, options, processor, nullptr);
}

namespace {

VerificationReport run_pipeline(const bj::object& credential, const VerifyOptions& options,
                                rdf::JsonLdProcessor& processor, const JwtVerification* envelope) {
  Checks checks;
  checks.ok("parse", envelope != nullptr ? "a vc+jwt enveloped credential within the limits"
                                         : "well-formed JSON within the limits");

  if (auto problem = context_problem(credential, processor.store()); !problem.empty()) {
    checks.failed("contexts", problem);
  } else {
    checks.ok("contexts", "every context is a published, embedded context");
  }

  auto problems = check_credential_shape(credential);
  if (problems.empty()) {
    checks.ok("vc-shape", "a W3C VC 2.0 credential");
  } else {
    checks.failed("vc-shape", join_problems(problems));
  }

  if (has_type(credential.if_contains("type"), "OpenBadgeCredential") ||
      has_type(credential.if_contains("type"), "AchievementCredential")) {
    auto badge = check_open_badge_shape(credential);
    if (badge.empty()) {
      checks.ok("openbadge-shape", "an Open Badges 3.0 credential");
    } else {
      checks.failed("openbadge-shape", join_problems(badge));
    }
  } else {
    checks.add("openbadge-shape", CheckOutcome::skipped, "not an OpenBadgeCredential");
  }

  if (envelope == nullptr) {
    check_proofs(credential, options, processor, checks);
  } else {
    checks.add("proof", envelope->valid ? CheckOutcome::ok : CheckOutcome::failed,
               "vc+jwt: " + envelope->detail);
    DidResolver none;
    const DidResolver& dids = options.dids != nullptr ? *options.dids : none;
    auto listed = dids.is_authorized(did_of(envelope->kid), envelope->kid, "assertionMethod");
    if (!envelope->valid) {
      checks.add("issuer-binding", CheckOutcome::skipped, "the JWS does not hold");
    } else if (did_of(envelope->kid) != issuer_id(credential) || !listed || !*listed) {
      checks.failed("issuer-binding", "kid " + envelope->kid +
                                          " is not an assertionMethod of the issuer " +
                                          issuer_id(credential));
    } else {
      checks.ok("issuer-binding", "signed by the issuer with " + envelope->kid);
    }
  }
  check_validity(credential, options, checks);

  check_credential_status(credential, options, processor, checks);
  const std::string issuer = issuer_id(credential);
  if (options.registry == nullptr) {
    checks.add("registry", CheckOutcome::skipped, "no registry of accredited issuers given");
  } else if (options.registry->contains(issuer)) {
    checks.ok("registry", issuer + " is an accredited provider");
  } else {
    checks.add("registry", CheckOutcome::warning, "issuer " + issuer + " is not in the registry");
  }

  auto profile = check_profile(bj::value(credential));
  if (!profile) {
    checks.add("eu-elements", CheckOutcome::skipped, describe(profile.error()));
  } else {
    checks.add("eu-elements", profile->complete() ? CheckOutcome::ok : CheckOutcome::warning,
               verdict(*profile));
  }
  return std::move(checks).report();
}

}  // namespace

Result<VerificationReport> verify_credential(std::string_view text, const VerifyOptions& options,
                                             rdf::JsonLdProcessor& processor) {
  std::string_view trimmed = text;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) {
    trimmed.remove_suffix(1);
  }
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) {
    trimmed.remove_prefix(1);
  }
  // A bare compact JWS (vc+jwt) rather than JSON.
  if (trimmed.starts_with("ey")) return verify_enveloped(trimmed, options, processor);
  auto value = json::parse(text, {.max_bytes = options.max_bytes, .max_depth = options.max_depth});
  if (!value) return value.error();
  if (!value->is_object()) {
    return make_error(ErrorCode::invalid_argument, "a credential must be a JSON object");
  }
  if (has_type(value->get_object().if_contains("type"), "EnvelopedVerifiableCredential")) {
    auto jwt = parse_enveloped_credential(*value);
    if (!jwt) return jwt.error();
    return verify_enveloped(*jwt, options, processor);
  }
  return verify_credential(value->get_object(), options, processor);
}

}  // namespace microcred::vc
