#pragma once

#include <string>
#include <string_view>

namespace microcred {

/// What went wrong, for programs. Each enumerator's name is its wire string
/// (`to_string(ErrorCode::duplicate_key) == "duplicate_key"`), so a rename is an API change.
enum class ErrorCode {
  invalid_argument,     ///< A caller passed a value outside the function's contract.
  parse_error,          ///< Text is not well-formed in its syntax (JSON, N-Quads, RFC 3339, ...).
  duplicate_key,        ///< A JSON object names the same key twice.
  invalid_encoding,     ///< Bytes are not valid in their encoding (UTF-8, base58, multibase, ...).
  limit_exceeded,       ///< Input is over a size or nesting limit the caller set.
  work_limit_exceeded,  ///< An algorithm needed more work than allowed (poison graphs).
  invalid_jsonld,       ///< JSON-LD processing failed; the message starts with the spec's code.
  unknown_context,      ///< A JSON-LD context URL is not in the embedded store.
  unsafe_term,          ///< Safe mode: a term or type would be dropped or left relative.
  invalid_key,          ///< Key material is malformed or of the wrong type or length.
  wrong_passphrase,     ///< A protected key file could not be opened with this passphrase.
  crypto_error,         ///< The crypto library failed (out of memory, internal error).
  unsupported,          ///< Well-formed but not supported (an unknown suite or multicodec).
  not_found,            ///< A named thing does not exist.
  io_error,             ///< Reading or writing a file failed.
  conflict,             ///< The write clashes with existing data (a unique name or id is taken).
  unauthorized,         ///< No valid credentials: unknown, expired or revoked token, wrong password.
  forbidden,            ///< The principal is known but may not do this action on this object.
  storage_error,        ///< The database failed or refused (connection lost, schema too new).
};

/// The stable wire string of `code`, e.g. "duplicate_key".
std::string_view to_string(ErrorCode code);

/// Why an operation could not be done: a code for programs, a message for people, and
/// optionally where (a JSON pointer, a file:line:col, a flag name).
struct Error {
  ErrorCode code = ErrorCode::invalid_argument;
  std::string message;
  std::string field;

  bool operator==(const Error&) const = default;
};

/// `message`, prefixed with `field` and ": " when `field` is set.
std::string describe(const Error& error);

}  // namespace microcred
