#include <charconv>

#include "store/detail/connection.h"

namespace microcred::store::detail {

Result<Rows> run(Transaction& tx, std::string_view sql, const std::vector<Value>& params) {
  return tx.connection().execute(sql, params);
}

Result<std::int64_t> to_int(const std::optional<std::string>& text, std::string_view column) {
  if (!text) {
    return make_error(ErrorCode::storage_error, "column " + std::string(column) + " is NULL");
  }
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size()) {
    return make_error(ErrorCode::storage_error,
                      "column " + std::string(column) + " holds \"" + *text + "\", not an integer");
  }
  return value;
}

Result<Timestamp> timestamp_of(const std::optional<std::string>& text, std::string_view column) {
  auto seconds = to_int(text, column);
  if (!seconds) return seconds.error();
  return Timestamp{*seconds, 0};
}

Result<void> check_tenant(std::string_view tenant, std::string_view owner) {
  if (tenant.empty()) {
    return make_error(ErrorCode::invalid_argument, "no institution given", "institution_id");
  }
  if (owner != tenant) {
    return make_error(ErrorCode::forbidden,
                      "the record belongs to institution \"" + std::string(owner) +
                          "\", not to \"" + std::string(tenant) + "\"",
                      "institution_id");
  }
  return {};
}

Error not_found(std::string_view what, std::string_view id) {
  return make_error(ErrorCode::not_found,
                    "no " + std::string(what) + " \"" + std::string(id) + "\"");
}

}  // namespace microcred::store::detail
