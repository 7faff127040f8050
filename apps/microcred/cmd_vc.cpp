// `microcred sign` and `microcred verify`: Data Integrity proofs and the verifier pipeline.
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

int run_sign(const SignArguments& arguments) {
  std::optional<std::string> passphrase;
  if (!arguments.passphrase_env.empty()) {
    const char* value = std::getenv(arguments.passphrase_env.c_str());
    if (value == nullptr) {
      return report(make_error(ErrorCode::invalid_argument,
                               "environment variable " + arguments.passphrase_env + " is not set",
                               "--passphrase-env"));
    }
    passphrase = value;
  }
  auto key = crypto::read_key_file(arguments.key, passphrase);
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

struct VerifyArguments {
  std::string file;
  std::vector<std::string> status_lists;
  std::vector<std::string> did_documents;
  std::string registry;
  std::string at;
  bool json = false;
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
      "verify", "Verify a credential: proofs, issuer, validity, status, registry (exit 1 if not)");
  verify->add_option("FILE", verify_arguments->file, "Credential JSON, or - for standard input")
      ->required();
  verify->add_option("--status-list", verify_arguments->status_lists,
                     "A status list credential the credential may refer to (repeatable)");
  verify->add_option("--did-doc", verify_arguments->did_documents,
                     "A DID document, e.g. the issuer's did:web document (repeatable)");
  verify->add_option("--registry", verify_arguments->registry,
                     "Accredited issuers: JSON list of ids or one id per line");
  verify->add_option("--at", verify_arguments->at, "Verify as of this RFC 3339 time; default now");
  verify->add_flag("--json", verify_arguments->json,
                   "Print {\"verified\",\"checks\",\"errors\",\"warnings\"} as JSON");
  verify->callback([verify_arguments, &exit_code] { exit_code = run_verify(*verify_arguments); });
}

}  // namespace microcred::cli
