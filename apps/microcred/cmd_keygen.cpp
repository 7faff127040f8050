#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "commands.h"
#include "crypto/did_key.h"
#include "crypto/key.h"
#include "crypto/key_file.h"
#include "crypto/random.h"
#include "io.h"

namespace microcred::cli {

namespace {

struct KeygenArguments {
  std::string type = "ed25519";
  std::string out;
  std::string passphrase_env;
};

Result<crypto::KeyType> cli_key_type(const std::string& name) {
  if (name == "ed25519") return crypto::KeyType::ed25519;
  if (name == "p256") return crypto::KeyType::p256;
  return make_error(ErrorCode::invalid_argument,
                    "unknown key type \"" + name + "\"; use ed25519 or p256", "--type");
}

Result<std::optional<std::string>> passphrase_from_env(const std::string& variable) {
  if (variable.empty()) return std::optional<std::string>();
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) {
    return make_error(ErrorCode::invalid_argument,
                      "environment variable " + variable + " is not set", "--passphrase-env");
  }
  if (*value == '\0') {
    return make_error(ErrorCode::invalid_argument, "environment variable " + variable + " is empty",
                      "--passphrase-env");
  }
  return std::optional<std::string>(value);
}

int run_keygen(const KeygenArguments& arguments) {
  auto type = cli_key_type(arguments.type);
  if (!type) return report(type.error());
  auto passphrase = passphrase_from_env(arguments.passphrase_env);
  if (!passphrase) return report(passphrase.error());
  crypto::SystemRandom random;
  auto key = crypto::KeyPair::generate(*type, random);
  if (!key) return report(key.error());
  crypto::KeyFileOptions options;
  if (*passphrase) options.passphrase = **passphrase;
  auto text = crypto::make_key_file(*key, options, random);
  if (!text) return report(text.error());
  if (arguments.out.empty() || arguments.out == "-") {
    auto written = write_output("-", *text);
    return written ? exit_ok : report(written.error());
  }
  auto written = crypto::write_key_file(arguments.out, *text);
  if (!written) return report(written.error());
  auto did = write_output("-", crypto::make_did_key(key->public_key()) + "\n");
  return did ? exit_ok : report(did.error());
}

}  // namespace

void add_keygen_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "keygen", "Generate a signing key as a Multikey key file whose controller is its did:key");
  auto arguments = std::make_shared<KeygenArguments>();
  cmd->add_option("--type", arguments->type, "Key type: ed25519 (default) or p256");
  cmd->add_option("--out", arguments->out,
                  "Write the key file here (mode 0600) and print its did:key; without it the "
                  "key file, secret included, goes to standard output");
  cmd->add_option("--passphrase-env", arguments->passphrase_env,
                  "Encrypt the secret key with the passphrase in this environment variable "
                  "(Argon2id + XChaCha20-Poly1305)");
  cmd->callback([arguments, &exit_code] { exit_code = run_keygen(*arguments); });
}

}  // namespace microcred::cli
