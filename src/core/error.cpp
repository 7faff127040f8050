#include "core/error.h"

namespace microcred {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::parse_error:
      return "parse_error";
    case ErrorCode::duplicate_key:
      return "duplicate_key";
    case ErrorCode::invalid_encoding:
      return "invalid_encoding";
    case ErrorCode::limit_exceeded:
      return "limit_exceeded";
    case ErrorCode::work_limit_exceeded:
      return "work_limit_exceeded";
    case ErrorCode::invalid_jsonld:
      return "invalid_jsonld";
    case ErrorCode::unknown_context:
      return "unknown_context";
    case ErrorCode::unsafe_term:
      return "unsafe_term";
    case ErrorCode::invalid_key:
      return "invalid_key";
    case ErrorCode::wrong_passphrase:
      return "wrong_passphrase";
    case ErrorCode::crypto_error:
      return "crypto_error";
    case ErrorCode::unsupported:
      return "unsupported";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::io_error:
      return "io_error";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::unauthorized:
      return "unauthorized";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::storage_error:
      return "storage_error";
  }
  return "invalid_argument";
}

std::string describe(const Error& error) {
  if (error.field.empty()) return error.message;
  return error.field + ": " + error.message;
}

}  // namespace microcred
