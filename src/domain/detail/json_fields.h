#pragma once

// Readers and writers for the JSON forms of the learner-path types (offering, admission,
// grading). Internal to domain/: a bad value throws `JsonFailure`, which every public
// `*_from_json` catches with `read_json`, so that field readers stay one line each.
// No exception leaves the module.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/result.h"
#include "core/time.h"
#include "domain/calendar.h"

namespace microcred::domain::detail {

struct JsonFailure {
  Error error;
};

[[noreturn]] void fail(const std::string& at, std::string message);

/// `at` + "/" + the RFC 6901 token of `key`.
std::string child(const std::string& at, std::string_view key);
std::string child(const std::string& at, std::size_t index);

std::string_view kind_name(const boost::json::value& v);

std::string as_string(const boost::json::value& v, const std::string& at);
std::int64_t as_integer(const boost::json::value& v, const std::string& at, std::int64_t min,
                        std::int64_t max);
double as_number(const boost::json::value& v, const std::string& at);
bool as_bool(const boost::json::value& v, const std::string& at);
Date as_date(const boost::json::value& v, const std::string& at);
Timestamp as_timestamp(const boost::json::value& v, const std::string& at);
/// A decimal string ("450.50") or a whole JSON number (450), in minor units of `currency`.
std::int64_t as_amount(const boost::json::value& v, const std::string& at,
                       std::string_view currency);
/// A percentage as a decimal string ("12.5") or a whole JSON number, in basis points.
std::int32_t as_percent(const boost::json::value& v, const std::string& at);

std::string joined(const std::string_view* names, std::size_t count);

template <class Enum, std::size_t N>
Enum as_enum(const boost::json::value& v, const std::string& at,
             const std::array<std::string_view, N>& names) {
  auto s = as_string(v, at);
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<Enum>(i);
  fail(at, "\"" + s + "\" is not one of: " + joined(names.data(), N));
}

/// Reads one JSON object: each getter names a key it knows; `done` refuses any other key.
class ObjectReader {
 public:
  ObjectReader(const boost::json::value& v, std::string at);

  /// The member `key`, or null when absent; a JSON null is refused.
  const boost::json::value* get(std::string_view key);
  /// The member `key`; fails with "required: <what>" when absent.
  const boost::json::value& require(std::string_view key, std::string_view what);
  std::string at(std::string_view key) const { return child(at_, key); }

  void string(std::string_view key, std::string& out) {
    if (auto* v = get(key)) out = as_string(*v, at(key));
  }
  void strings(std::string_view key, std::vector<std::string>& out) { list(key, out, as_string); }
  void boolean(std::string_view key, bool& out) {
    if (auto* v = get(key)) out = as_bool(*v, at(key));
  }
  void date(std::string_view key, std::optional<Date>& out) {
    if (auto* v = get(key)) out = as_date(*v, at(key));
  }
  void timestamp(std::string_view key, std::optional<Timestamp>& out) {
    if (auto* v = get(key)) out = as_timestamp(*v, at(key));
  }
  template <class Int>
  void integer(std::string_view key, std::optional<Int>& out, std::int64_t min, std::int64_t max) {
    if (auto* v = get(key)) out = static_cast<Int>(as_integer(*v, at(key), min, max));
  }
  template <class Enum, std::size_t N>
  void enumeration(std::string_view key, Enum& out, const std::array<std::string_view, N>& names) {
    if (auto* v = get(key)) out = as_enum<Enum>(*v, at(key), names);
  }
  template <class Enum, std::size_t N>
  void enumeration(std::string_view key, std::optional<Enum>& out,
                   const std::array<std::string_view, N>& names) {
    if (auto* v = get(key)) out = as_enum<Enum>(*v, at(key), names);
  }
  template <class Enum, std::size_t N>
  void enumerations(std::string_view key, std::vector<Enum>& out,
                    const std::array<std::string_view, N>& names) {
    list(key, out, [&](const boost::json::value& item, const std::string& where) {
      return as_enum<Enum>(item, where, names);
    });
  }
  template <class T, class Parse>
  void list(std::string_view key, std::vector<T>& out, Parse parse) {
    auto* v = get(key);
    if (!v) return;
    if (!v->is_array()) fail(at(key), "expected an array, got " + std::string(kind_name(*v)));
    const auto& items = v->get_array();
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(parse(items[i], child(at(key), i)));
  }
  template <class T, class Parse>
  void object(std::string_view key, T& out, Parse parse) {
    if (auto* v = get(key)) out = parse(*v, at(key));
  }

  /// Fails on the first key no getter asked for, naming the nearest known key.
  void done() const;

 private:
  const boost::json::object& object_;
  std::string at_;
  std::vector<std::string_view> known_;
};

/// Writes one JSON object, leaving out empty strings, empty lists and absent optionals.
class ObjectWriter {
 public:
  void string(std::string_view key, const std::string& value) {
    if (!value.empty()) object_[key] = value;
  }
  void strings(std::string_view key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    boost::json::array out;
    for (const auto& v : values)
      out.emplace_back(v);
    object_[key] = std::move(out);
  }
  void date(std::string_view key, const std::optional<Date>& value) {
    if (value) object_[key] = format_date(*value);
  }
  void timestamp(std::string_view key, const std::optional<Timestamp>& value) {
    if (value) object_[key] = format_rfc3339(*value);
  }
  template <class Int>
  void integer(std::string_view key, const std::optional<Int>& value) {
    if (value) object_[key] = static_cast<std::int64_t>(*value);
  }
  template <class T, class Write>
  void list(std::string_view key, const std::vector<T>& values, Write write) {
    if (values.empty()) return;
    boost::json::array out;
    for (const auto& v : values)
      out.push_back(write(v));
    object_[key] = std::move(out);
  }
  boost::json::object& raw() { return object_; }
  boost::json::value take() { return boost::json::value(std::move(object_)); }

 private:
  boost::json::object object_;
};

/// Runs `read`, turning a `JsonFailure` into the `Error` it carries.
template <class T, class Read>
Result<T> read_json(Read read) {
  try {
    return read();
  } catch (JsonFailure& failure) {
    return std::move(failure.error);
  }
}

}  // namespace microcred::domain::detail
