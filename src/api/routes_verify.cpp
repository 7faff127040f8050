// POST /credentials/verify and POST /presentations/verify: the W3C CCG VC API verifier,
// on the same pipelines as `microcred verify` (vc/verify.h, vc/presentation.h).
#include <boost/json.hpp>

#include "api/detail/services.h"
#include "api/errors.h"
#include "vc/presentation.h"

namespace microcred::api::detail {

namespace bj = boost::json;

namespace {

constexpr std::string_view vc_dm_errors = "https://www.w3.org/TR/vc-data-model#";

// The VC Data Model 2.0 problem type (§7.1 "Problem Details") a failed check belongs to;
// checks the data model has no type for get microcred's own.
std::string problem_type(std::string_view check) {
  if (check == "parse") return std::string(vc_dm_errors) + "PARSING_ERROR";
  if (check == "proof" || check == "issuer-binding" || check == "holder-binding") {
    return std::string(vc_dm_errors) + "CRYPTOGRAPHIC_SECURITY_ERROR";
  }
  if (check == "contexts" || check == "vc-shape" || check == "openbadge-shape" ||
      check == "vp-shape") {
    return std::string(vc_dm_errors) + "MALFORMED_VALUE_ERROR";
  }
  if (check == "validity") return std::string(vc_dm_errors) + "RANGE_ERROR";
  return "https://microcred.eu/problems/" + std::string(check);
}

bool has_type(const bj::object& object, std::string_view type) {
  const bj::value* types = object.if_contains("type");
  if (types == nullptr) return false;
  if (const auto* one = types->if_string()) return *one == type;
  if (const auto* many = types->if_array()) {
    for (const auto& item : *many) {
      if (const auto* name = item.if_string(); name != nullptr && *name == type) return true;
    }
  }
  return false;
}

// The status list credentials `credential` refers to, from those the server holds. Only
// those are handed to the verifier, so a request costs the same however many lists exist.
void add_status_lists(const bj::object& credential, const Services& services,
                      vc::VerifyOptions& options) {
  const bj::value* status = credential.if_contains("credentialStatus");
  if (status == nullptr) return;
  auto add = [&](const bj::value& entry) {
    const auto* object = entry.if_object();
    if (object == nullptr) return;
    const bj::value* url = object->if_contains("statusListCredential");
    if (url == nullptr || !url->is_string()) return;
    auto found = services.status_lists.find(std::string_view(url->get_string()));
    if (found != services.status_lists.end()) options.status_lists.push_back(found->second);
  };
  if (const auto* many = status->if_array()) {
    for (const auto& entry : *many)
      add(entry);
  } else {
    add(*status);
  }
}

// What every verification may use: the clock, the limits, the DID documents and registry.
vc::VerifyOptions base_options(const Services& services) {
  vc::VerifyOptions options;
  options.now = services.clock.now();
  options.max_bytes = services.config.max_body_bytes;
  options.max_depth = services.config.max_json_depth;
  options.dids = &services.dids;
  options.registry = services.registry ? &*services.registry : nullptr;
  return options;
}

// The VC API answer: the checks that held by name, warnings, errors, problem details for
// the failed checks, and our report of every check.
bj::object vc_api_result(bool verified, const std::vector<vc::Check>& checks, bj::object full,
                         bj::array warnings) {
  bj::array held;
  bj::array problems;
  for (const auto& check : checks) {
    if (check.outcome == vc::CheckOutcome::ok) held.push_back(bj::string(check.name));
    if (check.outcome == vc::CheckOutcome::failed) {
      problems.push_back(bj::object{
          {"type", problem_type(check.name)}, {"title", check.name}, {"detail", check.detail}});
    }
  }
  for (auto& warning : full["warnings"].as_array())
    warnings.push_back(std::move(warning));
  return bj::object{{"verified", verified},
                    {"checks", std::move(held)},
                    {"warnings", std::move(warnings)},
                    {"errors", std::move(full["errors"])},
                    {"problemDetails", std::move(problems)},
                    {"report", std::move(full["checks"])}};
}

bj::value request_schema() {
  return bj::object{
      {"type", "object"},
      {"required", bj::array{"verifiableCredential"}},
      {"properties",
       bj::object{
           {"verifiableCredential",
            bj::object{{"description",
                        "The credential: a JSON-LD credential with Data Integrity proofs, an "
                        "EnvelopedVerifiableCredential, or a vc+jwt compact JWS string"},
                       {"oneOf", bj::array{bj::object{{"type", "object"}},
                                           bj::object{{"type", "string"}}}}}},
           {"options", bj::object{{"type", "object"},
                                  {"description",
                                   "VerifyCredentialOptions; none change the checks yet, "
                                   "unknown ones are reported under warnings"}}}}}};
}

bj::value response_schema() {
  bj::object string_array{{"type", "array"}, {"items", bj::object{{"type", "string"}}}};
  return bj::object{
      {"type", "object"},
      {"required", bj::array{"verified", "checks", "warnings", "errors"}},
      {"properties",
       bj::object{
           {"verified", bj::object{{"type", "boolean"}}},
           {"checks", bj::object{{"type", "array"},
                                 {"description", "The checks that ran and held"},
                                 {"items", bj::object{{"type", "string"}}}}},
           {"warnings", string_array},
           {"errors", string_array},
           {"problemDetails",
            bj::object{
                {"type", "array"},
                {"items", bj::object{{"type", "object"},
                                     {"properties",
                                      bj::object{{"type", bj::object{{"type", "string"}}},
                                                 {"title", bj::object{{"type", "string"}}},
                                                 {"detail", bj::object{{"type", "string"}}}}}}}}},
           {"report",
            bj::object{
                {"type", "array"},
                {"description",
                 "Every named check with its outcome (ok, failed, warning, skipped)"},
                {"items",
                 bj::object{
                     {"type", "object"},
                     {"properties",
                      bj::object{{"check", bj::object{{"type", "string"}}},
                                 {"ok", bj::object{{"type", "boolean"}}},
                                 {"outcome", bj::object{{"enum", bj::array{"ok", "failed",
                                                                           "warning", "skipped"}}}},
                                 {"detail", bj::object{{"type", "string"}}}}}}}}}}}};
}

bj::value presentation_request_schema() {
  bj::object string_or_strings{
      {"oneOf",
       bj::array{bj::object{{"type", "string"}},
                 bj::object{{"type", "array"}, {"items", bj::object{{"type", "string"}}}}}}};
  bj::object options{{"type", "object"},
                     {"properties", bj::object{{"challenge", bj::object{{"type", "string"}}},
                                               {"domain", std::move(string_or_strings)}}}};
  bj::object signed_presentation{
      {"description",
       "A presentation with a Data Integrity proof, an EnvelopedVerifiablePresentation, or a "
       "vp+jwt string"},
      {"oneOf", bj::array{bj::object{{"type", "object"}}, bj::object{{"type", "string"}}}}};
  return bj::object{
      {"type", "object"},
      {"description", "One of verifiablePresentation (with a proof) or presentation (without)"},
      {"properties",
       bj::object{{"verifiablePresentation", std::move(signed_presentation)},
                  {"presentation", bj::object{{"type", "object"},
                                              {"description", "A presentation without a proof"}}},
                  {"options", std::move(options)}}}};
}

bj::value presentation_response_schema() {
  bj::value schema = response_schema();
  auto& properties = schema.as_object()["properties"].as_object();
  properties["holder"] = bj::object{{"type", "string"}};
  properties["credentialResults"] = bj::object{
      {"type", "array"},
      {"description", "Per credential: index, id, format, verified, checks, errors, warnings"},
      {"items", bj::object{{"type", "object"}}}};
  return schema;
}

Response verify_credential(const Request& request, Services& services) {
  auto refuse = [&](Response response) {
    services.metrics->count_verification(VerificationKind::credential, VerificationOutcome::error);
    return response;
  };
  auto body = parse_json_body(request.body, services.config);
  if (!body) return refuse(error_response(body.error()));
  const auto* object = body->if_object();
  if (object == nullptr) {
    return refuse(error_response(400, to_string(ErrorCode::invalid_argument),
                                 "the body must be an object {\"verifiableCredential\": ...}"));
  }
  const bj::value* credential = object->if_contains("verifiableCredential");
  // Note: beyond the VC API, a bare credential (a body with an @context) is taken as the
  // credential itself, so `curl --data @signed.json` works as it does for `microcred verify`.
  if (credential == nullptr && object->contains("@context")) credential = &*body;
  if (credential == nullptr) {
    return refuse(error_response(400, to_string(ErrorCode::invalid_argument),
                                 "the body has no verifiableCredential", "/verifiableCredential"));
  }
  bj::array warnings;
  if (const bj::value* options = object->if_contains("options")) {
    if (!options->is_object()) {
      return refuse(error_response(400, to_string(ErrorCode::invalid_argument),
                                   "options must be an object", "/options"));
    }
    for (const auto& [name, value] : options->get_object()) {
      warnings.push_back(
          bj::string("options: \"" + std::string(name) + "\" is not supported and was ignored"));
    }
  }

  vc::VerifyOptions options = base_options(services);

  std::optional<vc::VerificationReport> report;
  const auto* credential_object = credential->if_object();
  if (credential_object != nullptr &&
      !has_type(*credential_object, "EnvelopedVerifiableCredential")) {
    add_status_lists(*credential_object, services, options);
    report = vc::verify_credential(*credential_object, options, services.processor);
  } else if (credential_object != nullptr || credential->is_string()) {
    // An enveloped credential: its claims are inside the JWS, so every status list the
    // server holds goes to the verifier. TODO(#8): pick them from the store instead.
    for (const auto& [id, list] : services.status_lists)
      options.status_lists.push_back(list);
    std::string text = credential->is_string() ? std::string(credential->get_string())
                                               : bj::serialize(*credential);
    auto verified = vc::verify_credential(text, options, services.processor);
    if (!verified) {
      Error error = std::move(verified).error();
      int status = error.code == ErrorCode::limit_exceeded ? 413 : 400;
      return refuse(error_response(status, to_string(error.code), error.message,
                                   error.field.empty() ? "/verifiableCredential" : error.field));
    }
    report = std::move(*verified);
  } else {
    return refuse(error_response(400, to_string(ErrorCode::invalid_argument),
                                 "verifiableCredential must be an object or a vc+jwt string",
                                 "/verifiableCredential"));
  }

  services.metrics->count_verification(
      VerificationKind::credential,
      report->verified ? VerificationOutcome::verified : VerificationOutcome::not_verified);
  bj::object result = vc_api_result(report->verified, report->checks, report->to_json().as_object(),
                                    std::move(warnings));
  return json_response(200, bj::serialize(result));
}

Response verify_presentation(const Request& request, Services& services) {
  auto refuse = [&](Response response) {
    services.metrics->count_verification(VerificationKind::presentation,
                                         VerificationOutcome::error);
    return response;
  };
  auto bad = [&](std::string message, std::string field = {}) {
    return refuse(error_response(400, to_string(ErrorCode::invalid_argument), message, field));
  };
  auto body = parse_json_body(request.body, services.config);
  if (!body) return refuse(error_response(body.error()));
  const auto* object = body->if_object();
  if (object == nullptr) return bad("the body must be an object {\"verifiablePresentation\": ...}");

  vc::PresentationVerifyOptions options;
  options.verify = base_options(services);
  // VC API: {"presentation": ...} asks for a presentation without a proof to be checked.
  const bj::value* presentation = object->if_contains("verifiablePresentation");
  if (presentation == nullptr) {
    presentation = object->if_contains("presentation");
    options.allow_unsigned = presentation != nullptr;
  }
  if (presentation == nullptr) {
    return bad("the body has no verifiablePresentation", "/verifiablePresentation");
  }
  bj::array warnings;
  if (const bj::value* given = object->if_contains("options")) {
    if (!given->is_object()) return bad("options must be an object", "/options");
    for (const auto& [name, value] : given->get_object()) {
      if (name == "challenge") {
        if (!value.is_string()) return bad("challenge must be a string", "/options/challenge");
        options.challenge = std::string(value.get_string());
      } else if (name == "domain") {
        if (value.is_string()) {
          options.domains.emplace_back(value.get_string());
        } else if (value.is_array()) {
          for (const auto& domain : value.get_array()) {
            if (!domain.is_string())
              return bad("domain must be a string or strings", "/options/domain");
            options.domains.emplace_back(domain.get_string());
          }
        } else {
          return bad("domain must be a string or strings", "/options/domain");
        }
      } else {
        warnings.push_back(
            bj::string("options: \"" + std::string(name) + "\" is not supported and was ignored"));
      }
    }
  }

  std::optional<vc::PresentationReport> report;
  const auto* presentation_object = presentation->if_object();
  if (presentation_object != nullptr &&
      !has_type(*presentation_object, "EnvelopedVerifiablePresentation")) {
    if (const bj::value* credentials = presentation_object->if_contains("verifiableCredential")) {
      auto add = [&](const bj::value& credential) {
        if (const auto* one = credential.if_object())
          add_status_lists(*one, services, options.verify);
      };
      if (const auto* many = credentials->if_array()) {
        for (const auto& credential : *many)
          add(credential);
      } else {
        add(*credentials);
      }
    }
    report = vc::verify_presentation(*presentation_object, options, services.processor);
  } else if (presentation_object != nullptr || presentation->is_string()) {
    // Enveloped (vp+jwt): the credentials are inside; every list the server holds is given.
    for (const auto& [id, list] : services.status_lists)
      options.verify.status_lists.push_back(list);
    std::string text = presentation->is_string() ? std::string(presentation->get_string())
                                                 : bj::serialize(*presentation);
    auto verified = vc::verify_presentation(text, options, services.processor);
    if (!verified) {
      Error error = std::move(verified).error();
      int status = error.code == ErrorCode::limit_exceeded ? 413 : 400;
      return refuse(error_response(status, to_string(error.code), error.message,
                                   error.field.empty() ? "/verifiablePresentation" : error.field));
    }
    report = std::move(*verified);
  } else {
    return bad("verifiablePresentation must be an object or a vp+jwt string",
               "/verifiablePresentation");
  }

  services.metrics->count_verification(
      VerificationKind::presentation,
      report->verified ? VerificationOutcome::verified : VerificationOutcome::not_verified);
  bj::object full = report->to_json().as_object();
  bj::value credentials = std::move(full["credentials"]);
  bj::object result =
      vc_api_result(report->verified, report->checks, std::move(full), std::move(warnings));
  result["holder"] = report->holder;
  result["credentialResults"] = std::move(credentials);
  return json_response(200, bj::serialize(result));
}

}  // namespace

void add_verify_routes(Router& router, Services& services) {
  add_route(
      router,
      {.method = "POST",
       .pattern = "/credentials/verify",
       .operation_id = "verifyCredential",
       .handler =
           [&services](const Request& request) { return verify_credential(request, services); },
       .doc = {.summary = "Verify a credential (W3C CCG VC API)",
               .description =
                   "Runs every check of `microcred verify`: parse and limits, contexts, VC "
                   "2.0 and Open Badges 3.0 shape, proofs, issuer binding, validity, status "
                   "(lists the server holds), registry, EU elements. 200 whether or not the "
                   "credential verified; 400 when it is not a credential at all.",
               .tag = "vc-api",
               .request_schema = request_schema(),
               .request_example =
                   bj::object{
                       {"verifiableCredential",
                        bj::object{{"@context", bj::array{"https://www.w3.org/ns/credentials/v2"}},
                                   {"type", bj::array{"VerifiableCredential"}},
                                   {"issuer", "did:example:issuer"},
                                   {"credentialSubject",
                                    bj::object{{"id", "did:example:learner"}}}}}},
               .responses = {{200, "The verification ran; `verified` says how it ended",
                              "application/json", response_schema()}}},
       .rate_limited = true,
       .json_body = true});

  add_route(
      router,
      {.method = "POST",
       .pattern = "/presentations/verify",
       .operation_id = "verifyPresentation",
       .handler =
           [&services](const Request& request) { return verify_presentation(request, services); },
       .doc = {.summary = "Verify a presentation and the credentials in it (W3C CCG VC API)",
               .description =
                   "The presentation's shape, proof (purpose authentication), holder binding, "
                   "challenge and domain (from options), then every credential as "
                   "/credentials/verify does. {\"presentation\": ...} checks one without a "
                   "proof. 200 whether or not it verified; 400 when it is not a presentation.",
               .tag = "vc-api",
               .request_schema = presentation_request_schema(),
               .request_example =
                   bj::object{
                       {"presentation",
                        bj::object{{"@context", bj::array{"https://www.w3.org/ns/credentials/v2"}},
                                   {"type", bj::array{"VerifiablePresentation"}}}}},
               .responses = {{200, "The verification ran; `verified` says how it ended",
                              "application/json", presentation_response_schema()}}},
       .rate_limited = true,
       .json_body = true});
}

}  // namespace microcred::api::detail
