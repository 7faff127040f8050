#include "json/jcs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include <boost/json/value.hpp>

namespace microcred::json {

namespace {

namespace bj = boost::json;

// RFC 8785 §3.2.3: object keys sort by their UTF-16 code units. UTF-8 byte order equals
// code point order, which differs from UTF-16 order only where a supplementary character
// (a surrogate pair, 0xD800-0xDBFF first) meets one of U+E000-U+FFFF; map code points to
// the first UTF-16 unit's order to compare.
std::uint32_t utf16_order_key(std::uint32_t code_point) {
  if (code_point >= 0x10000) return 0xD800 + ((code_point - 0x10000) >> 10);
  return code_point;
}

// Decodes the UTF-8 code point at `i`, advancing `i`; input is valid UTF-8 from the parser.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return ++i, c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  std::uint32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool utf16_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    // Equal bytes are equal code units (same code point prefix); decode only at a difference.
    if (a[i] == b[j]) {
      ++i, ++j;
      continue;
    }
    // Back up to the start of the code point in which the bytes differ.
    while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80)
      --i, --j;
    std::uint32_t ca = next_code_point(a, i);
    std::uint32_t cb = next_code_point(b, j);
    std::uint32_t ka = utf16_order_key(ca), kb = utf16_order_key(cb);
    if (ka != kb) return ka < kb;
    // Both are surrogate pairs with the same high surrogate: low surrogates keep code
    // point order.
    return ca < cb;
  }
  return a.size() - i < b.size() - j;
}

void append_string(std::string_view s, std::string& out) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

Result<void> append_value(const bj::value& value, std::string& out) {
  switch (value.kind()) {
    case bj::kind::null:
      out += "null";
      return {};
    case bj::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      return {};
    case bj::kind::int64:
      out += format_es_number(static_cast<double>(value.get_int64()));
      return {};
    case bj::kind::uint64:
      out += format_es_number(static_cast<double>(value.get_uint64()));
      return {};
    case bj::kind::double_: {
      double d = value.get_double();
      if (!std::isfinite(d)) {
        return make_error(ErrorCode::invalid_argument,
                          "JCS cannot represent NaN or Infinity (RFC 8785 §3.2.2.3)");
      }
      out += format_es_number(d);
      return {};
    }
    case bj::kind::string: {
      const auto& s = value.get_string();
      append_string({s.data(), s.size()}, out);
      return {};
    }
    case bj::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        if (auto r = append_value(element, out); !r) return r;
      }
      out += ']';
      return {};
    }
    case bj::kind::object: {
      const auto& object = value.get_object();
      std::vector<const bj::key_value_pair*> members;
      members.reserve(object.size());
      for (const auto& member : object)
        members.push_back(&member);
      std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
        return utf16_less({a->key().data(), a->key().size()}, {b->key().data(), b->key().size()});
      });
      out += '{';
      bool first = true;
      for (const auto* member : members) {
        if (!first) out += ',';
        first = false;
        append_string({member->key().data(), member->key().size()}, out);
        out += ':';
        if (auto r = append_value(member->value(), out); !r) return r;
      }
      out += '}';
      return {};
    }
  }
  return {};
}

}  // namespace

std::string format_es_number(double d) {
  // ECMAScript Number::toString(x) (ECMA-262 §6.1.6.1.20), with the shortest round-trip
  // digits from std::to_chars.
  if (d == 0) return "0";  // also -0
  std::string out;
  if (d < 0) {
    out += '-';
    d = -d;
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::scientific);
  std::string_view sci(buffer, static_cast<std::size_t>(end - buffer));
  // sci is "D[.DDD]e[+-]XX": collect the digits and the exponent.
  std::size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::from_chars(sci.data() + e + (sci[e + 1] == '+' ? 2 : 1), sci.data() + sci.size(), exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the decimal point sits after n digits
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

Result<void> canonicalize_to(const boost::json::value& value, std::string& out) {
  return append_value(value, out);
}

Result<std::string> canonicalize(const boost::json::value& value) {
  std::string out;
  if (auto r = append_value(value, out); !r) return r.error();
  return out;
}

}  // namespace microcred::json
