#include "json/parse.h"

#include <charconv>
#include <string>
#include <unordered_set>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/value_stack.hpp>

namespace microcred::json {

namespace {

namespace bj = boost::json;

// Builds a value like boost::json::parser does, but refuses duplicate object keys:
// Boost.JSON keeps the last of two duplicates, and RFC 8785 and the VC specs forbid them.
class Handler {
 public:
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  bj::value_stack stack;
  std::string duplicate;  // the key found twice, once on_key fails

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_array_begin(bj::error_code&) { return true; }
  bool on_array_end(std::size_t n, bj::error_code&) { return stack.push_array(n), true; }
  bool on_object_begin(bj::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, bj::error_code&) {
    keys_.pop_back();
    stack.push_object(n);
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) {
    return stack.push_chars(s), true;
  }
  bool on_string(bj::string_view s, std::size_t, bj::error_code&) {
    return stack.push_string(s), true;
  }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
    key_.append(s.data(), s.size());
    return stack.push_chars(s), true;
  }
  bool on_key(bj::string_view s, std::size_t, bj::error_code& ec) {
    key_.append(s.data(), s.size());
    if (!keys_.back().insert(key_).second) {
      duplicate = std::move(key_);
      key_.clear();
      ec = bj::error::test_failure;  // our marker for a duplicate key
      return false;
    }
    key_.clear();
    return stack.push_key(s), true;
  }
  bool on_number_part(bj::string_view s, bj::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, bj::string_view, bj::error_code&) {
    number_.clear();
    return stack.push_int64(i), true;
  }
  bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code&) {
    number_.clear();
    return stack.push_uint64(u), true;
  }
  // Boost.JSON 1.81 converts decimals with up to 1 ulp of error (precise parsing came in
  // 1.83); JCS and JSON-LD need the correctly rounded double, so convert the text again.
  bool on_double(double d, bj::string_view s, bj::error_code&) {
    number_.append(s.data(), s.size());
    double exact = d;
    auto [end, ec] = std::from_chars(number_.data(), number_.data() + number_.size(), exact);
    if (ec != std::errc() || end != number_.data() + number_.size()) exact = d;
    number_.clear();
    return stack.push_double(exact), true;
  }
  bool on_bool(bool b, bj::error_code&) { return stack.push_bool(b), true; }
  bool on_null(bj::error_code&) { return stack.push_null(), true; }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }

 private:
  std::vector<std::unordered_set<std::string>> keys_;
  std::string key_;
  std::string number_;
};

bj::parse_options options_for(const ParseLimits& limits) {
  bj::parse_options options;
  options.max_depth = limits.max_depth;
  return options;
}

// Feeds the first `length` bytes of `text` to `parser`; `more` says input may continue.
// Data after a complete document is an error (Boost.JSON stops there and says nothing).
bj::error_code run(bj::basic_parser<Handler>& parser, std::string_view text, std::size_t length,
                   bool more, std::size_t* consumed = nullptr) {
  bj::error_code ec;
  std::size_t n = parser.write_some(more, text.data(), length, ec);
  if (consumed != nullptr) *consumed = n;
  if (!ec && n < length) ec = bj::error::extra_data;
  return ec;
}

// The offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and
// code points past U+10FFFF included), or npos.
std::size_t invalid_utf8_offset(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF)
      extra = 1, min = 0x80, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      extra = 2, min = 0x800, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      extra = 3, min = 0x10000, cp = c & 0x07;
    else
      return i;
    if (i + static_cast<std::size_t>(extra) >= text.size()) return i;
    for (int k = 1; k <= extra; ++k) {
      auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return std::string_view::npos;
}

int hex4(std::string_view text, std::size_t at) {
  if (at + 4 > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    char c = text[i];
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// The offset of the first \u escape that is an unpaired UTF-16 surrogate, or npos.
std::size_t unpaired_surrogate_offset(std::string_view text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!in_string) {
      in_string = c == '"';
      continue;
    }
    if (c == '"') {
      in_string = false;
    } else if (c == '\\' && i + 1 < text.size()) {
      if (text[i + 1] != 'u') {
        ++i;
        continue;
      }
      int unit = hex4(text, i + 2);
      if (unit >= 0xDC00 && unit <= 0xDFFF) return i;
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        int low = text.substr(i + 6, 2) == "\\u" ? hex4(text, i + 8) : -1;
        if (low < 0xDC00 || low > 0xDFFF) return i;
        i += 11;
        continue;
      }
      i += 5;
    }
  }
  return std::string_view::npos;
}

struct Position {
  std::size_t line = 1;
  std::size_t column = 1;  // in Unicode code points
};

Position position_of(std::string_view text, std::size_t offset) {
  Position p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xc0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

// The offset of the byte at which parsing first fails: the shortest prefix that fails
// when more input could follow. Runs only on the error path, in O(n log n).
std::size_t error_offset(std::string_view text, const ParseLimits& limits) {
  std::size_t lo = 1;
  std::size_t hi = text.size();
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    bj::basic_parser<Handler> parser(options_for(limits));
    parser.handler().stack.reset();
    if (run(parser, text, mid, true)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return hi - 1;
}

// The opening quote of the string whose closing quote is at `close`.
std::size_t string_start(std::string_view text, std::size_t close) {
  for (std::size_t i = close; i-- > 0;) {
    if (text[i] != '"') continue;
    std::size_t backslashes = 0;
    for (std::size_t j = i; j-- > 0 && text[j] == '\\';)
      ++backslashes;
    if (backslashes % 2 == 0) return i;
  }
  return close;
}

std::string describe_code(const bj::error_code& ec) {
  if (ec == bj::error::too_deep) return "nesting is too deep";
  if (ec == bj::error::illegal_leading_surrogate || ec == bj::error::illegal_trailing_surrogate ||
      ec == bj::error::expected_utf16_escape) {
    return "unpaired UTF-16 surrogate in a \\u escape";
  }
  if (ec == bj::error::extra_data) return "unexpected data after the JSON value";
  if (ec == bj::error::exponent_overflow) return "number out of range";
  return ec.message();
}

ErrorCode classify(const bj::error_code& ec) {
  if (ec == bj::error::too_deep) return ErrorCode::limit_exceeded;
  if (ec == bj::error::illegal_leading_surrogate || ec == bj::error::illegal_trailing_surrogate ||
      ec == bj::error::expected_utf16_escape) {
    return ErrorCode::invalid_encoding;
  }
  return ErrorCode::parse_error;
}

std::string quoted(std::string_view key) {
  std::string out = "\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += '?';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<boost::json::value> parse(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return make_error(ErrorCode::limit_exceeded, "JSON input is " + std::to_string(text.size()) +
                                                     " bytes, over the limit of " +
                                                     std::to_string(limits.max_bytes));
  }
  bj::basic_parser<Handler> parser(options_for(limits));
  parser.handler().stack.reset();
  std::size_t consumed = 0;
  bj::error_code ec = run(parser, text, text.size(), false, &consumed);
  if (!ec) return parser.handler().stack.release();
  if (ec == bj::error::incomplete) {
    Position p = position_of(text, text.size());
    return make_error(ErrorCode::parse_error, "unexpected end of JSON input",
                      std::to_string(p.line) + ":" + std::to_string(p.column));
  }
  if (std::size_t bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
    Position p = position_of(text, bad);
    return make_error(ErrorCode::invalid_encoding, "invalid UTF-8",
                      std::to_string(p.line) + ":" + std::to_string(p.column));
  }
  if (std::size_t bad = unpaired_surrogate_offset(text); bad != std::string_view::npos) {
    Position p = position_of(text, bad);
    return make_error(ErrorCode::invalid_encoding, "unpaired UTF-16 surrogate in a \\u escape",
                      std::to_string(p.line) + ":" + std::to_string(p.column));
  }
  std::size_t offset = ec == bj::error::extra_data ? consumed : error_offset(text, limits);
  if (ec == bj::error::test_failure) {
    std::string key = parser.handler().duplicate;
    Position p = position_of(text, string_start(text, offset));
    return make_error(ErrorCode::duplicate_key, "duplicate key " + quoted(key),
                      std::to_string(p.line) + ":" + std::to_string(p.column));
  }
  Position p = position_of(text, offset);
  return make_error(classify(ec), describe_code(ec),
                    std::to_string(p.line) + ":" + std::to_string(p.column));
}

}  // namespace microcred::json
