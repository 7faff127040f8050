// `microcred sign`, `microcred present` and `microcred verify`: Data Integrity proofs,
// presentations and the verifier pipeline.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>

#include "commands.h"
#include "crypto/key_file.h"
#include "io.h"
#include "json/parse.h"
#include "rdf/context_store.h"
#include "vc/data_integrity.h"
#include "vc/jose.h"
#include "vc/presentation.h"
#include "vc/verify.h"

namespace microcred::cli {

namespace {

struct SignArguments {
  std::string file;
  std::string key;
  std::string suite = "eddsa-rdfc-2022";
  std::string passphrase_env;
  std::string created;
  std::string format = "di";
};

// The key file at `path`, opened with the passphrase in environment variable `passphrase_env`
// when that is set.
Result<crypto::StoredKey> load_key(const std::string& path, const std::string& passphrase_env) {
  std::optional<std::string> passphrase;
  if (!passphrase_env.empty()) {
    const char* value = std::getenv(passphrase_env.c_str());
    if (value == nullptr) {
      return make_error(ErrorCode::invalid_argument,
                        "environment variable " + passphrase_env + " is not set",
                        "--passphrase-env");
    }
    passphrase = value;
  }
  return crypto::read_key_file(path, passphrase);
}

int run_sign(const SignArguments& arguments) {
  auto key = load_key(arguments.key, arguments.passphrase_env);
  if (!key) return report(key.error(), arguments.key);
  auto suite = vc::parse_cryptosuite(arguments.suite);
  if (!suite) return report(suite.error(), "--suite");

  const std::string name = input_name(arguments.file);
  auto text = read_input(arguments.file);
  if (!text) return report(text.error());
  auto document = json::parse(*text, json::credential_limits);
  if (!document) return report(document.error(), name);

  if (arguments.format == "jwt") {
    auto jwt = vc::sign_jwt(*document, key->key, key->id);
    if (!jwt) return report(jwt.error(), name);
    auto written = write_output("-", *jwt + "\n");
    return written ? exit_ok : report(written.error());
  }
  if (arguments.format != "di") {
    return report(make_error(ErrorCode::invalid_argument,
                             "--format must be di (Data Integrity) or jwt (vc+jwt)", "--format"));
  }
  vc::ProofOptions options;
  options.cryptosuite = *suite;
  options.verification_method = key->id;
  options.created = SystemClock().now();
  if (!arguments.created.empty()) {
    auto created = parse_rfc3339(arguments.created);
    if (!created) return report(created.error(), "--created");
    options.created = *created;
  }
  rdf::ContextStore store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(store);
  auto signed_document = vc::add_proof(*document, key->key, options, processor);
  if (!signed_document) return report(signed_document.error(), name);
  auto written = write_output("-", boost::json::serialize(*signed_document) + "\n");
  return written ? exit_ok : report(written.error());
}

struct PresentArguments {
  std::vector<std::string> files;
  std::string key;
  std::string passphrase_env;
  std::string suite = "eddsa-rdfc-2022";
  std::string format = "di";
  std::string challenge;
  std::vector<std::string> domains;
  std::string holder;
  std::string id;
  std::string created;
  std::string expires;
  bool unsigned_presentation = false;
};

// A credential file for a presentation: a secured credential object, or a compact vc+jwt,
// which goes in as an EnvelopedVerifiableCredential.
Result<boost::json::value> read_credential(const std::string& path) {
  auto text = read_input(path, json::credential_limits.max_bytes);
  if (!text) return text.error();
  std::string_view trimmed = *text;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
    trimmed.remove_suffix(1);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front())))
    trimmed.remove_prefix(1);
  if (trimmed.starts_with("ey")) return vc::make_enveloped_credential(trimmed);
  auto document = json::parse(*text, json::credential_limits);
  if (!document) {
    Error error = std::move(document).error();
    error.field = input_name(path) + (error.field.empty() ? "" : ":" + error.field);
    return error;
  }
  if (!document->is_object()) {
    return make_error(ErrorCode::invalid_argument, "a credential must be a JSON object",
                      input_name(path));
  }
  return document;
}

int run_present(const PresentArguments& arguments) {
  std::vector<boost::json::value> credentials;
  for (const auto& path : arguments.files) {
    auto credential = read_credential(path);
    if (!credential) return report(credential.error());
    credentials.push_back(std::move(*credential));
  }
  if (arguments.unsigned_presentation) {
    if (!arguments.key.empty() || !arguments.challenge.empty() || !arguments.domains.empty()) {
      return report(make_error(ErrorCode::invalid_argument,
                               "--unsigned makes a presentation without a proof; it takes no "
                               "--key, --challenge or --domain",
                               "--unsigned"));
    }
    auto presentation =
        vc::make_presentation(credentials, {.id = arguments.id, .holder = arguments.holder});
    if (!presentation) return report(presentation.error());
    auto written = write_output("-", boost::json::serialize(*presentation) + "\n");
    return written ? exit_ok : report(written.error());
  }
  if (arguments.key.empty()) {
    return report(make_error(ErrorCode::invalid_argument,
                             "a signed presentation needs --key (or --unsigned)", "--key"));
  }
  if (arguments.challenge.empty()) {
    return report(make_error(ErrorCode::invalid_argument,
                             "a signed presentation needs the verifier's --challenge",
                             "--challenge"));
  }
  auto key = load_key(arguments.key, arguments.passphrase_env);
  if (!key) return report(key.error(), arguments.key);
  auto suite = vc::parse_cryptosuite(arguments.suite);
  if (!suite) return report(suite.error(), "--suite");
  // The holder is the key's controller unless named.
  const std::string holder = arguments.holder.empty() ? key->controller : arguments.holder;
  auto presentation = vc::make_presentation(credentials, {.id = arguments.id, .holder = holder});
  if (!presentation) return report(presentation.error());

  vc::PresentationProofOptions options;
  options.cryptosuite = *suite;
  options.verification_method = key->id;
  options.created = SystemClock().now();
  options.challenge = arguments.challenge;
  options.domains = arguments.domains;
  if (!arguments.created.empty()) {
    auto created = parse_rfc3339(arguments.created);
    if (!created) return report(created.error(), "--created");
    options.created = *created;
  }
  if (!arguments.expires.empty()) {
    auto expires = parse_rfc3339(arguments.expires);
    if (!expires) return report(expires.error(), "--expires");
    options.expires = *expires;
  }
  if (arguments.format == "jwt") {
    auto jwt = vc::sign_presentation_jwt(*presentation, key->key, options);
    if (!jwt) return report(jwt.error());
    auto written = write_output("-", *jwt + "\n");
    return written ? exit_ok : report(written.error());
  }
  if (arguments.format != "di") {
    return report(make_error(ErrorCode::invalid_argument,
                             "--format must be di (Data Integrity) or jwt (vp+jwt)", "--format"));
  }
  rdf::ContextStore store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(store);
  auto signed_presentation = vc::sign_presentation(*presentation, key->key, options, processor);
  if (!signed_presentation) return report(signed_presentation.error());
  auto written = write_output("-", boost::json::serialize(*signed_presentation) + "\n");
  return written ? exit_ok : report(written.error());
}

struct VerifyArguments {
  std::string file;
  std::vector<std::string> status_lists;
  std::vector<std::string> did_documents;
  std::string registry;
  std::string at;
  bool json = false;
  std::string challenge;
  std::vector<std::string> domains;
  bool allow_unsigned = false;
};

int run_verify(const VerifyArguments& arguments) {
  vc::VerifyOptions options;
  options.now = SystemClock().now();
  if (!arguments.at.empty()) {
    auto at = parse_rfc3339(arguments.at);
    if (!at) return report(at.error(), "--at");
    options.now = *at;
  }
  vc::DidResolver dids;
  for (const auto& path : arguments.did_documents) {
    auto text = read_input(path, json::credential_limits.max_bytes);
    if (!text) return report(text.error());
    auto document = json::parse(*text, json::credential_limits);
    if (!document) return report(document.error(), path);
    if (auto added = dids.add(std::move(*document)); !added) return report(added.error(), path);
  }
  options.dids = &dids;
  for (const auto& path : arguments.status_lists) {
    auto text = read_input(path, 16 * 1024 * 1024);
    if (!text) return report(text.error());
    auto list = json::parse(*text, {.max_bytes = 16 * 1024 * 1024, .max_depth = 64});
    if (!list) return report(list.error(), path);
    options.status_lists.push_back(std::move(*list));
  }
  std::optional<vc::IssuerRegistry> registry;
  if (!arguments.registry.empty()) {
    auto text = read_input(arguments.registry);
    if (!text) return report(text.error());
    auto parsed = vc::IssuerRegistry::parse(*text);
    if (!parsed) return report(parsed.error(), arguments.registry);
    registry = std::move(*parsed);
    options.registry = &*registry;
  }

  const std::string name = input_name(arguments.file);
  auto text = read_input(arguments.file, options.max_bytes * 2);
  if (!text) return report(text.error());
  rdf::ContextStore store = rdf::ContextStore::embedded();
  rdf::JsonLdProcessor processor(store);
  if (vc::looks_like_presentation(*text)) {
    vc::PresentationVerifyOptions presentation_options;
    presentation_options.verify = std::move(options);
    if (!arguments.challenge.empty()) presentation_options.challenge = arguments.challenge;
    presentation_options.domains = arguments.domains;
    presentation_options.allow_unsigned = arguments.allow_unsigned;
    auto verification = vc::verify_presentation(*text, presentation_options, processor);
    if (!verification) return report(verification.error(), name);
    std::string out = arguments.json ? boost::json::serialize(verification->to_json()) + "\n"
                                     : verification->to_text();
    auto written = write_output("-", out);
    if (!written) return report(written.error());
    return verification->verified ? exit_ok : exit_check_failed;
  }
  if (!arguments.challenge.empty() || !arguments.domains.empty() || arguments.allow_unsigned) {
    return report(make_error(ErrorCode::invalid_argument,
                             "--challenge, --domain and --allow-unsigned apply to presentations; "
                             "this is a credential"),
                  name);
  }
  auto verification = vc::verify_credential(*text, options, processor);
  if (!verification) return report(verification.error(), name);
  std::string out = arguments.json ? boost::json::serialize(verification->to_json()) + "\n"
                                   : verification->to_text();
  auto written = write_output("-", out);
  if (!written) return report(written.error());
  return verification->verified ? exit_ok : exit_check_failed;
}

}  // namespace

void add_vc_commands(CLI::App& app, int& exit_code) {
  auto sign_arguments = std::make_shared<SignArguments>();
  auto* sign = app.add_subcommand(
      "sign", "Add a Data Integrity proof to a credential and print the signed credential");
  sign->add_option("FILE", sign_arguments->file, "Credential JSON, or - for standard input")
      ->required();
  sign->add_option("--key", sign_arguments->key, "Key file from `microcred keygen`")->required();
  sign->add_option("--suite", sign_arguments->suite,
                   "eddsa-rdfc-2022 (default), eddsa-jcs-2022, ecdsa-rdfc-2019, ecdsa-jcs-2019");
  sign->add_option("--passphrase-env", sign_arguments->passphrase_env,
                   "Environment variable holding the key file's passphrase");
  sign->add_option("--format", sign_arguments->format,
                   "di: a Data Integrity proof (default); jwt: a vc+jwt compact JWS");
  sign->add_option("--created", sign_arguments->created,
                   "The proof's creation time (RFC 3339); default now");
  sign->callback([sign_arguments, &exit_code] { exit_code = run_sign(*sign_arguments); });

  auto verify_arguments = std::make_shared<VerifyArguments>();
  auto* verify = app.add_subcommand(
      "verify",
      "Verify a credential (proofs, issuer, validity, status, registry) or a presentation "
      "(holder's proof, challenge, domain, then each credential); exit 1 if not verified");
  verify
      ->add_option("FILE", verify_arguments->file,
                   "Credential or presentation (JSON, vc+jwt or vp+jwt), or - for standard input")
      ->required();
  verify->add_option("--status-list", verify_arguments->status_lists,
                     "A status list credential the credential may refer to (repeatable)");
  verify->add_option("--did-doc", verify_arguments->did_documents,
                     "A DID document, e.g. the issuer's did:web document (repeatable)");
  verify->add_option("--registry", verify_arguments->registry,
                     "Accredited issuers: JSON list of ids or one id per line");
  verify->add_option("--at", verify_arguments->at, "Verify as of this RFC 3339 time; default now");
  verify->add_flag("--json", verify_arguments->json,
                   "Print {\"verified\",\"checks\",\"errors\",\"warnings\"} as JSON (a "
                   "presentation adds \"holder\" and \"credentials\", one report each)");
  verify->add_option("--challenge", verify_arguments->challenge,
                     "Presentations: the challenge this verifier issued; the proof must carry it");
  verify
      ->add_option("--domain", verify_arguments->domains,
                   "Presentations: this verifier's domain; the proof must name exactly these "
                   "(repeatable)")
      ->allow_extra_args(false);
  verify->add_flag("--allow-unsigned", verify_arguments->allow_unsigned,
                   "Presentations: accept one without a proof (reported)");
  verify->callback([verify_arguments, &exit_code] { exit_code = run_verify(*verify_arguments); });

  auto present_arguments = std::make_shared<PresentArguments>();
  auto* present = app.add_subcommand(
      "present",
      "Wrap credentials in a verifiable presentation and sign it for authentication with the "
      "verifier's challenge and domain; prints the presentation (or a vp+jwt)");
  present
      ->add_option("CREDENTIAL", present_arguments->files,
                   "Secured credentials: JSON with a proof, or a vc+jwt (- for standard input)")
      ->required();
  present->add_option("--key", present_arguments->key,
                      "The holder's key file (`microcred keygen`); its DID is the holder");
  present->add_option("--challenge", present_arguments->challenge,
                      "The challenge the verifier issued (required to sign)");
  present
      ->add_option("--domain", present_arguments->domains,
                   "The verifier's domain, e.g. its origin (repeatable)")
      ->allow_extra_args(false);
  present->add_option("--holder", present_arguments->holder,
                      "The holder's DID; default the key's controller");
  present->add_option("--id", present_arguments->id, "The presentation's id (a URL)");
  present->add_option("--suite", present_arguments->suite,
                      "eddsa-rdfc-2022 (default), eddsa-jcs-2022, ecdsa-rdfc-2019, ecdsa-jcs-2019");
  present->add_option("--format", present_arguments->format,
                      "di: a Data Integrity proof (default); jwt: a vp+jwt (nonce, aud)");
  present->add_option("--created", present_arguments->created,
                      "The proof's creation time (RFC 3339); default now");
  present->add_option("--expires", present_arguments->expires,
                      "The proof expires at this RFC 3339 time");
  present->add_option("--passphrase-env", present_arguments->passphrase_env,
                      "Environment variable holding the key file's passphrase");
  present->add_flag("--unsigned", present_arguments->unsigned_presentation,
                    "Print the presentation without a proof (verifiers refuse it by default)");
  present->callback(
      [present_arguments, &exit_code] { exit_code = run_present(*present_arguments); });
}

}  // namespace microcred::cli
