#include "crypto/key_file.h"

#include "core/file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/multibase.h"
#include "crypto/detail/sodium.h"
#include "crypto/did_key.h"
#include "crypto/multikey.h"
#include "json/parse.h"

namespace microcred::crypto {

namespace {

constexpr std::string_view multikey_context = "https://w3id.org/security/multikey/v1";
constexpr std::string_view kdf_name = "argon2id";
constexpr std::string_view cipher_name = "xchacha20-poly1305";
constexpr std::size_t max_key_file_bytes = 64 * 1024;
constexpr json::ParseLimits key_file_limits{.max_bytes = max_key_file_bytes, .max_depth = 8};
constexpr std::size_t key_size = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t salt_size = crypto_pwhash_SALTBYTES;
constexpr std::size_t nonce_size = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t tag_size = crypto_aead_xchacha20poly1305_ietf_ABYTES;

Error field_error(ErrorCode code, std::string message, std::string pointer) {
  return make_error(code, std::move(message), std::move(pointer));
}

// Argon2id of `passphrase` under `salt`.
Result<SecretBytes> derive_key(std::string_view passphrase, ByteView salt,
                               const PassphraseCost& cost) {
  SecretBytes key(key_size);
  if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(),
                    cost.ops_limit, cost.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(
        ErrorCode::crypto_error,
        "Argon2id could not run (needs " + std::to_string(cost.mem_limit) + " bytes of memory)");
  }
  return key;
}

Result<void> check_cost(const PassphraseCost& cost) {
  if (cost.ops_limit < crypto_pwhash_OPSLIMIT_MIN || cost.mem_limit < crypto_pwhash_MEMLIMIT_MIN) {
    return make_error(ErrorCode::invalid_argument,
                      "the Argon2id cost is below libsodium's minimum (1 pass, 8192 bytes)");
  }
  if (cost.ops_limit > maximum_passphrase_cost.ops_limit ||
      cost.mem_limit > maximum_passphrase_cost.mem_limit) {
    return make_error(ErrorCode::limit_exceeded,
                      "the Argon2id cost is above the maximum (4 passes, 1 GiB)");
  }
  return {};
}

// One JSON member per line; the nested object stays on one line.
std::string pretty(const boost::json::object& object) {
  std::string out = "{\n";
  bool first = true;
  for (const auto& member : object) {
    if (!first) out += ",\n";
    first = false;
    out += "  ";
    out += boost::json::serialize(boost::json::value(member.key()));
    out += ": ";
    out += boost::json::serialize(member.value());
  }
  out += "\n}\n";
  return out;
}

Result<std::string_view> string_member(const boost::json::object& object, std::string_view name,
                                       const std::string& pointer) {
  const boost::json::value* value = object.if_contains(name);
  if (value == nullptr) {
    return field_error(ErrorCode::invalid_key, "missing \"" + std::string(name) + "\"", pointer);
  }
  if (!value->is_string()) {
    return field_error(ErrorCode::invalid_key, "\"" + std::string(name) + "\" must be a string",
                       pointer);
  }
  const auto& text = value->get_string();
  return std::string_view(text.data(), text.size());
}

Result<std::uint64_t> count_member(const boost::json::object& object, std::string_view name,
                                   const std::string& pointer) {
  const boost::json::value* value = object.if_contains(name);
  if (value != nullptr && value->is_uint64()) return value->get_uint64();
  if (value != nullptr && value->is_int64() && value->get_int64() >= 0) {
    return static_cast<std::uint64_t>(value->get_int64());
  }
  return field_error(ErrorCode::invalid_key,
                     "\"" + std::string(name) + "\" must be a non-negative integer", pointer);
}

Result<Bytes> bytes_member(const boost::json::object& object, std::string_view name,
                           const std::string& pointer) {
  auto text = string_member(object, name, pointer);
  if (!text) return text.error();
  auto bytes = multibase_decode(*text);
  if (!bytes) {
    return field_error(ErrorCode::invalid_key,
                       "\"" + std::string(name) + "\" is not multibase: " + bytes.error().message,
                       pointer);
  }
  return bytes;
}

// The multicodec secret key bytes inside "encryptedSecretKey".
Result<SecretBytes> decrypt_secret(const boost::json::value& sealed,
                                   std::optional<std::string_view> passphrase,
                                   std::string_view public_multibase) {
  const std::string base = "/encryptedSecretKey";
  if (!passphrase) {
    return field_error(ErrorCode::wrong_passphrase,
                       "the key file is protected by a passphrase, and none was given", base);
  }
  if (!sealed.is_object()) {
    return field_error(ErrorCode::invalid_key, "\"encryptedSecretKey\" must be an object", base);
  }
  const auto& object = sealed.get_object();
  auto kdf = string_member(object, "kdf", base + "/kdf");
  if (!kdf) return kdf.error();
  if (*kdf != kdf_name) {
    return field_error(ErrorCode::unsupported,
                       "unknown kdf \"" + std::string(*kdf) + "\"; only argon2id is supported",
                       base + "/kdf");
  }
  auto cipher = string_member(object, "cipher", base + "/cipher");
  if (!cipher) return cipher.error();
  if (*cipher != cipher_name) {
    return field_error(
        ErrorCode::unsupported,
        "unknown cipher \"" + std::string(*cipher) + "\"; only xchacha20-poly1305 is supported",
        base + "/cipher");
  }
  auto ops = count_member(object, "opsLimit", base + "/opsLimit");
  if (!ops) return ops.error();
  auto mem = count_member(object, "memLimit", base + "/memLimit");
  if (!mem) return mem.error();
  PassphraseCost cost{.ops_limit = *ops, .mem_limit = static_cast<std::size_t>(*mem)};
  if (auto checked = check_cost(cost); !checked) {
    return field_error(checked.error().code, checked.error().message, base);
  }
  auto salt = bytes_member(object, "salt", base + "/salt");
  if (!salt) return salt.error();
  if (salt->size() != salt_size) {
    return field_error(ErrorCode::invalid_key, "the salt must be 16 bytes", base + "/salt");
  }
  auto nonce = bytes_member(object, "nonce", base + "/nonce");
  if (!nonce) return nonce.error();
  if (nonce->size() != nonce_size) {
    return field_error(ErrorCode::invalid_key, "the nonce must be 24 bytes", base + "/nonce");
  }
  auto ciphertext = bytes_member(object, "ciphertext", base + "/ciphertext");
  if (!ciphertext) return ciphertext.error();
  if (ciphertext->size() <= tag_size) {
    return field_error(ErrorCode::invalid_key, "the ciphertext is too short", base + "/ciphertext");
  }
  auto key = derive_key(*passphrase, *salt, cost);
  if (!key) return key.error();
  SecretBytes plain(ciphertext->size() - tag_size);
  unsigned long long plain_size = 0;
  const ByteView aad = as_bytes(public_multibase);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &plain_size, nullptr,
                                                 ciphertext->data(), ciphertext->size(), aad.data(),
                                                 aad.size(), nonce->data(), key->data()) != 0) {
    return field_error(ErrorCode::wrong_passphrase,
                       "wrong passphrase (or the encrypted key or publicKeyMultibase was altered)",
                       base);
  }
  return plain;
}

}  // namespace

Result<std::string> make_key_file(const KeyPair& key, const KeyFileOptions& options,
                                  RandomSource& random) {
  if (!detail::sodium_ready()) {
    return make_error(ErrorCode::crypto_error, "libsodium could not be initialised");
  }
  const std::string multibase = encode_public_key_multibase(key.public_key());
  const std::string controller =
      options.controller.empty() ? make_did_key(key.public_key()) : options.controller;
  boost::json::object file{
      {"@context", multikey_context}, {"id", controller + "#" + multibase}, {"type", "Multikey"},
      {"controller", controller},     {"publicKeyMultibase", multibase},
  };
  if (!options.passphrase) {
    file["secretKeyMultibase"] = encode_secret_key_multibase(key);
    std::string text = pretty(file);
    sodium_memzero(file["secretKeyMultibase"].get_string().data(),
                   file["secretKeyMultibase"].get_string().size());
    return text;
  }
  if (options.passphrase->empty()) {
    return make_error(ErrorCode::invalid_argument, "the passphrase is empty");
  }
  if (auto checked = check_cost(options.cost); !checked) {
    return make_error(ErrorCode::invalid_argument, checked.error().message);
  }
  Bytes salt(salt_size);
  Bytes nonce(nonce_size);
  random.fill(salt);
  random.fill(nonce);
  auto derived = derive_key(*options.passphrase, salt, options.cost);
  if (!derived) return derived.error();
  SecretBytes secret = key.secret();
  SecretBytes plain(multicodec_wrap(secret_key_codec(key.type()), secret.view()));
  Bytes ciphertext(plain.size() + tag_size);
  unsigned long long ciphertext_size = 0;
  const ByteView aad = as_bytes(multibase);
  crypto_aead_xchacha20poly1305_ietf_encrypt(ciphertext.data(), &ciphertext_size, plain.data(),
                                             plain.size(), aad.data(), aad.size(), nullptr,
                                             nonce.data(), derived->data());
  file["encryptedSecretKey"] = boost::json::object{
      {"kdf", kdf_name},
      {"opsLimit", options.cost.ops_limit},
      {"memLimit", static_cast<std::uint64_t>(options.cost.mem_limit)},
      {"salt", multibase_encode(salt, Multibase::base64url)},
      {"cipher", cipher_name},
      {"nonce", multibase_encode(nonce, Multibase::base64url)},
      {"ciphertext", multibase_encode(ciphertext, Multibase::base64url)},
  };
  return pretty(file);
}

Result<StoredKey> open_key_file(std::string_view text, std::optional<std::string_view> passphrase) {
  auto parsed = json::parse(text, key_file_limits);
  if (!parsed) return parsed.error();
  if (!parsed->is_object()) {
    return field_error(ErrorCode::invalid_key, "a key file must be a JSON object", "");
  }
  auto& file = parsed->get_object();
  auto type = string_member(file, "type", "/type");
  if (!type) return type.error();
  if (*type != "Multikey") {
    return field_error(ErrorCode::unsupported,
                       "key type \"" + std::string(*type) + "\" is not supported; use Multikey",
                       "/type");
  }
  auto public_multibase = string_member(file, "publicKeyMultibase", "/publicKeyMultibase");
  if (!public_multibase) return public_multibase.error();
  auto public_key = decode_public_key_multibase(*public_multibase);
  if (!public_key) {
    return field_error(public_key.error().code, public_key.error().message, "/publicKeyMultibase");
  }
  const std::string multibase(*public_multibase);

  std::string controller = make_did_key(*public_key);
  if (file.contains("controller")) {
    auto given = string_member(file, "controller", "/controller");
    if (!given) return given.error();
    controller = std::string(*given);
    if (controller.starts_with("did:key:") && controller != make_did_key(*public_key)) {
      return field_error(ErrorCode::invalid_key,
                         "the controller is a did:key of another key than publicKeyMultibase",
                         "/controller");
    }
  }
  std::string id = controller + "#" + multibase;
  if (file.contains("id")) {
    auto given = string_member(file, "id", "/id");
    if (!given) return given.error();
    if (!given->starts_with(controller + "#")) {
      return field_error(ErrorCode::invalid_key,
                         "the id must be \"<controller>#...\", with controller " + controller,
                         "/id");
    }
    id = std::string(*given);
  }

  const bool has_plain = file.contains("secretKeyMultibase");
  const bool has_sealed = file.contains("encryptedSecretKey");
  if (has_plain == has_sealed) {
    return field_error(ErrorCode::invalid_key,
                       has_plain ? "a key file holds secretKeyMultibase or encryptedSecretKey, "
                                   "not both"
                                 : "the key file holds no secret key (secretKeyMultibase or "
                                   "encryptedSecretKey)",
                       "");
  }
  Result<KeyPair> pair = make_error(ErrorCode::invalid_key, "no secret key");
  std::string secret_pointer = "/secretKeyMultibase";
  if (has_plain) {
    auto secret = string_member(file, "secretKeyMultibase", secret_pointer);
    if (!secret) return secret.error();
    pair = decode_secret_key_multibase(*secret);
    auto& stored = file["secretKeyMultibase"].get_string();
    sodium_memzero(stored.data(), stored.size());
  } else {
    secret_pointer = "/encryptedSecretKey";
    auto plain = decrypt_secret(file.at("encryptedSecretKey"), passphrase, multibase);
    if (!plain) return plain.error();
    pair = decode_secret_key(plain->view());
  }
  if (!pair) return field_error(pair.error().code, pair.error().message, secret_pointer);
  if (pair->public_key() != *public_key) {
    return field_error(ErrorCode::invalid_key,
                       "the secret key does not belong to publicKeyMultibase " + multibase,
                       secret_pointer);
  }
  return StoredKey{std::move(id), std::move(controller), std::move(*pair)};
}

Result<void> write_key_file(const std::filesystem::path& path, std::string_view text) {
  return write_file_atomic(path, text, S_IRUSR | S_IWUSR);
}

Result<StoredKey> read_key_file(const std::filesystem::path& path,
                                std::optional<std::string_view> passphrase) {
  const std::string name = path.string();
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return make_error(ErrorCode::io_error, "cannot open " + name + ": " + std::strerror(errno));
  }
  SecretBytes buffer(max_key_file_bytes + 1);
  std::size_t size = 0;
  while (size < buffer.size()) {
    ssize_t n = ::read(fd, buffer.data() + size, buffer.size() - size);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      Error error =
          make_error(ErrorCode::io_error, "cannot read " + name + ": " + std::strerror(errno));
      ::close(fd);
      return error;
    }
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (size > max_key_file_bytes) {
    return make_error(ErrorCode::limit_exceeded, name + " is larger than " +
                                                     std::to_string(max_key_file_bytes) +
                                                     " bytes; it is not a key file");
  }
  auto key = open_key_file(std::string_view(reinterpret_cast<const char*>(buffer.data()), size),
                           passphrase);
  if (!key) {
    Error error = std::move(key).error();
    error.field = error.field.empty() ? name : name + ":" + error.field;
    return error;
  }
  return key;
}

}  // namespace microcred::crypto
