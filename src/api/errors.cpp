#include "api/errors.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace microcred::api {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::parse_error:
    case ErrorCode::duplicate_key:
    case ErrorCode::invalid_encoding:
      return 400;
    case ErrorCode::unauthorized:
    case ErrorCode::wrong_passphrase:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::limit_exceeded:
      return 413;
    case ErrorCode::invalid_argument:
    case ErrorCode::work_limit_exceeded:
    case ErrorCode::invalid_jsonld:
    case ErrorCode::unknown_context:
    case ErrorCode::unsafe_term:
    case ErrorCode::invalid_key:
    case ErrorCode::unsupported:
      return 422;
    case ErrorCode::storage_error:
      return 503;
    case ErrorCode::crypto_error:
    case ErrorCode::io_error:
      return 500;
  }
  return 500;
}

Response error_response(int status, std::string_view code, std::string_view message,
                        std::string_view field) {
  boost::json::object error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  Response response;
  response.status = status;
  response.body = boost::json::serialize(boost::json::object{{"error", std::move(error)}});
  return response;
}

Response error_response(const Error& error) {
  return error_response(http_status(error.code), to_string(error.code), error.message, error.field);
}

}  // namespace microcred::api
