#include "domain/detail/json_fields.h"

#include <algorithm>
#include <cmath>

#include "domain/money.h"

namespace microcred::domain::detail {
namespace {

namespace bj = boost::json;

// A misspelt key is at most this many edits from the key meant ("capacty" -> "capacity").
constexpr std::size_t max_typo_distance = 2;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const bj::object& as_object(const bj::value& v, const std::string& at) {
  if (!v.is_object()) fail(at, "expected an object, got " + std::string(kind_name(v)));
  return v.get_object();
}

}  // namespace

void fail(const std::string& at, std::string message) {
  throw JsonFailure{make_error(ErrorCode::invalid_argument, std::move(message), at)};
}

std::string child(const std::string& at, std::string_view key) {
  std::string out = at + "/";
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string child(const std::string& at, std::size_t index) {
  return at + "/" + std::to_string(index);
}

std::string_view kind_name(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      return "null";
    case bj::kind::bool_:
      return "a boolean";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_:
      return "a number";
    case bj::kind::string:
      return "a string";
    case bj::kind::array:
      return "an array";
    case bj::kind::object:
      return "an object";
  }
  return "a value";
}

std::string joined(const std::string_view* names, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i)
    out += (i ? ", " : "") + std::string(names[i]);
  return out;
}

std::string as_string(const bj::value& v, const std::string& at) {
  if (!v.is_string()) fail(at, "expected a string, got " + std::string(kind_name(v)));
  return std::string(v.get_string());
}

std::int64_t as_integer(const bj::value& v, const std::string& at, std::int64_t min,
                        std::int64_t max) {
  std::int64_t n = 0;
  auto range = [&] {
    fail(at, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  };
  if (v.is_int64()) {
    n = v.get_int64();
  } else if (v.is_uint64()) {
    range();
  } else if (v.is_double() && std::trunc(v.get_double()) == v.get_double() &&
             std::abs(v.get_double()) < 1e15) {
    n = static_cast<std::int64_t>(v.get_double());
  } else {
    fail(at, "expected a whole number, got " + std::string(kind_name(v)));
  }
  if (n < min || n > max) range();
  return n;
}

double as_number(const bj::value& v, const std::string& at) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  fail(at, "expected a number, got " + std::string(kind_name(v)));
}

bool as_bool(const bj::value& v, const std::string& at) {
  if (!v.is_bool()) fail(at, "expected true or false, got " + std::string(kind_name(v)));
  return v.get_bool();
}

Date as_date(const bj::value& v, const std::string& at) {
  auto date = parse_date(as_string(v, at));
  if (!date) fail(at, date.error().message);
  return *date;
}

Timestamp as_timestamp(const bj::value& v, const std::string& at) {
  auto text = as_string(v, at);
  auto t = parse_rfc3339(text);
  if (!t)
    fail(at, "\"" + text + "\" is not an RFC 3339 date-time (\"2025-09-01T00:00:00Z\"): " +
                 t.error().message);
  return *t;
}

// Whole JSON numbers are exact; anything with decimals must come as a string, or 0.1 would
// be read through a binary double.
std::string decimal_text(const bj::value& v, const std::string& at, std::string_view what) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64() && v.get_int64() >= 0) return std::to_string(v.get_int64());
  if (v.is_int64()) fail(at, std::string(what) + " cannot be negative");
  if (v.is_double() || v.is_uint64())
    fail(at, "write " + std::string(what) +
                 " with decimals as a string (\"450.50\") so it stays exact");
  fail(at, "expected " + std::string(what) + " as a string (\"450.50\"), got " +
               std::string(kind_name(v)));
}

std::int64_t as_amount(const bj::value& v, const std::string& at, std::string_view currency) {
  auto amount = parse_amount(decimal_text(v, at, "an amount"), currency);
  if (!amount) fail(at, amount.error().message);
  return *amount;
}

std::int32_t as_percent(const bj::value& v, const std::string& at) {
  auto percent = parse_percent(decimal_text(v, at, "a percentage"));
  if (!percent) fail(at, percent.error().message);
  return *percent;
}

ObjectReader::ObjectReader(const bj::value& v, std::string at)
    : object_(as_object(v, at)), at_(std::move(at)) {}

const bj::value* ObjectReader::get(std::string_view key) {
  known_.push_back(key);
  auto* v = object_.if_contains(key);
  if (v && v->is_null()) fail(child(at_, key), "null is not allowed; leave the key out instead");
  return v;
}

const bj::value& ObjectReader::require(std::string_view key, std::string_view what) {
  auto* v = get(key);
  if (!v) fail(child(at_, key), "required: " + std::string(what));
  return *v;
}

void ObjectReader::done() const {
  for (const auto& member : object_) {
    if (std::find(known_.begin(), known_.end(), member.key()) != known_.end()) continue;
    const std::string key(member.key());
    std::string_view nearest;
    std::size_t best = (key.size() <= 4 ? 1 : max_typo_distance) + 1;
    for (auto k : known_)
      if (auto d = edit_distance(key, k); d < best) best = d, nearest = k;
    if (!nearest.empty())
      fail(child(at_, key),
           "unknown key \"" + key + "\"; did you mean \"" + std::string(nearest) + "\"?");
    fail(child(at_, key),
         "unknown key \"" + key + "\"; expected one of: " + joined(known_.data(), known_.size()));
  }
}

}  // namespace microcred::domain::detail
