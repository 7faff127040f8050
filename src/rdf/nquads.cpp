#include "rdf/nquads.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rdf/detail/nquads_writer.h"
#include "rdf/detail/prepared_dataset.h"
#include "rdf/detail/utf8.h"

namespace microcred::rdf {

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// N-Quads PN_CHARS_BASE.
bool is_pn_chars_base(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
         (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
         (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
         (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
         (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
         (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}
bool is_pn_chars_u(char32_t c) {
  return is_pn_chars_base(c) || c == '_' || c == ':';
}
bool is_pn_chars(char32_t c) {
  return is_pn_chars_u(c) || c == '-' || (c >= '0' && c <= '9') || c == 0xB7 ||
         (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

// RFC 3987 scheme followed by ':': N-Quads allows absolute IRIs only.
bool has_scheme(std::string_view iri) {
  if (iri.empty() || !is_alpha(iri[0])) return false;
  for (std::size_t i = 1; i < iri.size(); ++i) {
    const char c = iri[i];
    if (c == ':') return true;
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

// Which bytes need an escape: bit 1 inside an IRI, bit 2 inside a string literal. A table
// keeps the scan of long IRIs and literals to a load and a test per byte.
constexpr unsigned char escape_in_iri = 1;
constexpr unsigned char escape_in_string = 2;
constexpr auto escape_table = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c <= 0x20; ++c)
    table[c] |= escape_in_iri;
  for (char c : std::string_view("<>\"{}|^`\\"))
    table[static_cast<unsigned char>(c)] |= escape_in_iri;
  for (int c = 0; c < 0x20; ++c)
    table[c] |= escape_in_string;
  for (int c : {0x22, 0x5C, 0x7F})
    table[c] |= escape_in_string;
  return table;
}();

// True for ASCII bytes that stand for themselves in an IRI (`kind` escape_in_iri) or a
// string literal (escape_in_string), so the parser can copy runs of them at once.
bool is_plain(unsigned char byte, unsigned char kind) {
  return byte < 0x80 && (escape_table[byte] & kind) == 0;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Dataset> parse() {
    Dataset dataset;
    dataset.quads.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) +
                          1);
    while (true) {
      if (!skip_blank_and_comments()) return std::move(*error_);
      if (at_end()) break;
      Quad quad;
      if (!statement(quad)) return std::move(*error_);
      dataset.quads.push_back(std::move(quad));
    }
    return dataset;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  bool fail(std::size_t at, std::string_view what) {
    std::size_t column = 1;
    for (std::size_t i = line_start_; i < at && i < text_.size(); ++i) {
      // Count code points: every byte that is not a UTF-8 continuation byte starts one.
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    }
    error_ =
        make_error(ErrorCode::parse_error, "line " + std::to_string(line_) + ", column " +
                                               std::to_string(column) + ": " + std::string(what));
    return false;
  }

  void new_line(std::size_t next_line_start) {
    ++line_;
    line_start_ = next_line_start;
  }

  // Skips spaces, tabs, line ends and comments.
  bool skip_blank_and_comments() {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t') {
        ++pos_;
      } else if (c == '\n') {
        new_line(++pos_);
      } else if (c == '\r') {
        ++pos_;
        if (peek() == '\n') ++pos_;
        new_line(pos_);
      } else if (c == '#') {
        if (!skip_comment()) return fail(comment_error_, "invalid UTF-8 in comment");
      } else {
        return true;
      }
    }
    return true;
  }

  void skip_spaces() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t'))
      ++pos_;
  }

  // Leaves `pos_` at the line end; comment text must be valid UTF-8 like the rest.
  bool skip_comment() {
    while (!at_end() && text_[pos_] != '\n' && text_[pos_] != '\r') {
      const std::size_t start = pos_;
      if (detail::decode_utf8(text_, pos_) == detail::invalid_code_point) {
        comment_error_ = start;
        return false;
      }
    }
    return true;
  }

  bool statement(Quad& quad) {
    if (!subject(quad.subject)) return false;
    skip_spaces();
    if (!predicate(quad.predicate)) return false;
    skip_spaces();
    if (!object(quad.object)) return false;
    skip_spaces();
    if (peek() == '<' || peek() == '_') {
      if (!graph_label(quad.graph)) return false;
      skip_spaces();
    }
    if (peek() != '.') {
      if (at_end()) return fail(pos_, "unexpected end of input; expected '.' to end the statement");
      return fail(pos_, "expected '.' to end the statement");
    }
    ++pos_;
    skip_spaces();
    if (peek() == '#') {
      if (!skip_comment()) return fail(comment_error_, "invalid UTF-8 in comment");
    }
    if (at_end()) return true;
    if (peek() != '\n' && peek() != '\r') {
      return fail(pos_, "expected end of line after '.'; put one statement on each line");
    }
    return true;
  }

  bool subject(Term& term) {
    if (peek() == '<') return iri_ref(term);
    if (peek() == '_') return blank_node(term);
    if (at_end()) return fail(pos_, "unexpected end of input; expected a subject");
    return fail(pos_, "expected a subject: an IRI in <...> or a blank node _:label");
  }

  bool predicate(Term& term) {
    if (peek() == '<') return iri_ref(term);
    if (at_end()) return fail(pos_, "unexpected end of input; expected a predicate");
    return fail(pos_, "expected a predicate: an IRI in <...>");
  }

  bool object(Term& term) {
    if (peek() == '<') return iri_ref(term);
    if (peek() == '_') return blank_node(term);
    if (peek() == '"') return literal(term);
    if (at_end()) return fail(pos_, "unexpected end of input; expected an object");
    return fail(pos_, "expected an object: an IRI, a blank node or a literal in \"...\"");
  }

  bool graph_label(Term& term) {
    if (peek() == '<') return iri_ref(term);
    return blank_node(term);
  }

  // UCHAR after the backslash: \uXXXX or \UXXXXXXXX.
  bool uchar(std::string& out, std::size_t escape_start) {
    const char kind = text_[pos_];
    const std::size_t digits = kind == 'u' ? 4 : 8;
    ++pos_;
    char32_t code = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      if (at_end() || !is_hex(text_[pos_])) {
        return fail(escape_start, std::string("bad escape: \\") + kind + " needs " +
                                      std::to_string(digits) + " hex digits");
      }
      code = (code << 4) | static_cast<char32_t>(hex_value(text_[pos_++]));
    }
    if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return fail(escape_start,
                  "bad escape: not a Unicode scalar value (surrogate or past U+10FFFF)");
    }
    detail::append_utf8(out, code);
    return true;
  }

  bool iri_ref(Term& term) {
    const std::size_t start = pos_;
    ++pos_;  // '<'
    std::string value;
    while (true) {
      if (at_end()) return fail(start, "unterminated IRI; expected '>'");
      const char c = text_[pos_];
      if (c == '>') {
        ++pos_;
        break;
      }
      if (is_plain(static_cast<unsigned char>(c), escape_in_iri)) {
        std::size_t end = pos_ + 1;
        while (end < text_.size() &&
               is_plain(static_cast<unsigned char>(text_[end]), escape_in_iri))
          ++end;
        value.append(text_.substr(pos_, end - pos_));
        pos_ = end;
        continue;
      }
      if (c == '\\') {
        const std::size_t escape_start = pos_++;
        if (peek() != 'u' && peek() != 'U') {
          return fail(escape_start, "bad escape in IRI: only \\u and \\U are allowed");
        }
        if (!uchar(value, escape_start)) return false;
        continue;
      }
      const auto byte = static_cast<unsigned char>(c);
      if (byte <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
          c == '`') {
        return fail(pos_, "character not allowed in IRI; escape it as \\uXXXX");
      }
      if (byte < 0x80) {
        value.push_back(c);
        ++pos_;
        continue;
      }
      const std::size_t char_start = pos_;
      if (detail::decode_utf8(text_, pos_) == detail::invalid_code_point) {
        return fail(char_start, "invalid UTF-8 in IRI");
      }
      value.append(text_.substr(char_start, pos_ - char_start));
    }
    if (!has_scheme(value))
      return fail(start, "relative IRI <" + value + ">; N-Quads needs absolute IRIs");
    term = iri(std::move(value));
    return true;
  }

  bool blank_node(Term& term) {
    const std::size_t start = pos_;
    if (text_.substr(pos_, 2) != "_:") return fail(start, "expected a blank node _:label");
    pos_ += 2;
    if (at_end()) return fail(pos_, "unexpected end of input; expected a blank node label");
    std::size_t cursor = pos_;
    const char32_t first = detail::decode_utf8(text_, cursor);
    if (first == detail::invalid_code_point) return fail(pos_, "invalid UTF-8 in blank node label");
    if (!is_pn_chars_u(first) && !(first >= '0' && first <= '9')) {
      return fail(pos_, "blank node label must start with a letter, digit, '_' or ':'");
    }
    pos_ = cursor;
    // ((PN_CHARS | '.')* PN_CHARS)?: take the longest run, then give back trailing dots.
    std::size_t end = pos_;
    while (!at_end()) {
      cursor = pos_;
      const char32_t c = detail::decode_utf8(text_, cursor);
      if (c == detail::invalid_code_point) return fail(pos_, "invalid UTF-8 in blank node label");
      if (c == '.') {
        pos_ = cursor;
        continue;
      }
      if (!is_pn_chars(c)) break;
      pos_ = cursor;
      end = pos_;
    }
    pos_ = end;
    term = blank(std::string(text_.substr(start + 2, end - start - 2)));
    return true;
  }

  bool literal(Term& term) {
    const std::size_t start = pos_;
    ++pos_;  // '"'
    std::string value;
    while (true) {
      if (at_end()) return fail(start, "unterminated string literal; expected '\"'");
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        break;
      }
      if (is_plain(static_cast<unsigned char>(c), escape_in_string)) {
        std::size_t end = pos_ + 1;
        while (end < text_.size() &&
               is_plain(static_cast<unsigned char>(text_[end]), escape_in_string))
          ++end;
        value.append(text_.substr(pos_, end - pos_));
        pos_ = end;
        continue;
      }
      if (c == '\n' || c == '\r') {
        return fail(pos_, "line break in string literal; escape it as \\n or \\r");
      }
      if (c == '\\') {
        const std::size_t escape_start = pos_++;
        if (at_end()) return fail(escape_start, "unterminated escape in string literal");
        const char e = text_[pos_];
        char decoded = 0;
        switch (e) {
          case 't':
            decoded = '\t';
            break;
          case 'b':
            decoded = '\b';
            break;
          case 'n':
            decoded = '\n';
            break;
          case 'r':
            decoded = '\r';
            break;
          case 'f':
            decoded = '\f';
            break;
          case '"':
            decoded = '"';
            break;
          case '\'':
            decoded = '\'';
            break;
          case '\\':
            decoded = '\\';
            break;
          case 'u':
          case 'U':
            if (!uchar(value, escape_start)) return false;
            continue;
          default:
            return fail(escape_start,
                        "bad escape in string literal; allowed: \\t \\b \\n \\r "
                        "\\f \\\" \\' \\\\ \\uXXXX \\UXXXXXXXX");
        }
        value.push_back(decoded);
        ++pos_;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x80) {
        value.push_back(c);
        ++pos_;
        continue;
      }
      const std::size_t char_start = pos_;
      if (detail::decode_utf8(text_, pos_) == detail::invalid_code_point) {
        return fail(char_start, "invalid UTF-8 in string literal");
      }
      value.append(text_.substr(char_start, pos_ - char_start));
    }
    if (peek() == '@') return language_tag(term, std::move(value));
    if (peek() == '^') {
      if (text_.substr(pos_, 2) != "^^") return fail(pos_, "expected '^^' before a datatype IRI");
      pos_ += 2;
      if (peek() != '<') return fail(pos_, "expected a datatype IRI in <...> after '^^'");
      Term datatype;
      if (!iri_ref(datatype)) return false;
      term = rdf::literal(std::move(value), std::move(datatype.value));
      return true;
    }
    term = rdf::literal(std::move(value));
    return true;
  }

  // LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*, plus RDF 1.2 '--' ("ltr" | "rtl").
  bool language_tag(Term& term, std::string value) {
    const std::size_t start = pos_;
    ++pos_;  // '@'
    const std::size_t tag_start = pos_;
    while (!at_end() && is_alpha(text_[pos_]))
      ++pos_;
    if (pos_ == tag_start) return fail(start, "empty language tag; expected letters after '@'");
    while (peek() == '-' && pos_ + 1 < text_.size() &&
           (is_alpha(text_[pos_ + 1]) || is_digit(text_[pos_ + 1]))) {
      ++pos_;
      while (!at_end() && (is_alpha(text_[pos_]) || is_digit(text_[pos_])))
        ++pos_;
    }
    std::string language(text_.substr(tag_start, pos_ - tag_start));
    std::string direction;
    if (text_.substr(pos_, 2) == "--") {
      const std::size_t direction_start = pos_ + 2;
      std::size_t end = direction_start;
      while (end < text_.size() && is_alpha(text_[end]))
        ++end;
      direction = std::string(text_.substr(direction_start, end - direction_start));
      if (direction != "ltr" && direction != "rtl") {
        return fail(pos_, "base direction must be --ltr or --rtl");
      }
      pos_ = end;
    } else if (peek() == '-') {
      return fail(pos_, "bad language tag: '-' must be followed by letters or digits");
    }
    term = rdf::literal(std::move(value), direction.empty() ? rdf_lang_string : rdf_dir_lang_string,
                        std::move(language));
    term.direction = std::move(direction);
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t comment_error_ = 0;
  std::optional<Error> error_;
};

constexpr char hex_upper[] = "0123456789ABCDEF";

void append_uchar4(std::string& out, unsigned char c) {
  out.append("\\u00");
  out.push_back(hex_upper[c >> 4]);
  out.push_back(hex_upper[c & 0xF]);
}

// End of the run from `from` of bytes that need no escape of `kind`. Credentials are long
// IRIs and literals with nothing to escape, so SSE2 checks 16 bytes a step.
std::size_t clean_run(std::string_view value, std::size_t from, unsigned char kind) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(kind == escape_in_iri ? 0x20 : 0x1F);
  while (i + 16 <= value.size()) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    // Bytes <= space (unsigned): min(chunk, space) == chunk.
    __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(chunk, space), chunk);
    const auto equals = [&](char c) { return _mm_cmpeq_epi8(chunk, _mm_set1_epi8(c)); };
    hit = _mm_or_si128(hit, _mm_or_si128(equals('"'), equals('\\')));
    if (kind == escape_in_iri) {
      hit = _mm_or_si128(hit, _mm_or_si128(equals('<'), equals('>')));
      hit = _mm_or_si128(hit, _mm_or_si128(equals('{'), equals('}')));
      hit = _mm_or_si128(hit, _mm_or_si128(equals('|'), equals('^')));
      hit = _mm_or_si128(hit, equals('`'));
    } else {
      hit = _mm_or_si128(hit, equals('\x7F'));
    }
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  while (i < value.size() && (escape_table[bytes[i]] & kind) == 0)
    ++i;
  return i;
}

// RDFC-1.0 canonical N-Quads: IRIs escape the characters IRIREF cannot hold as \uXXXX,
// as rdf-canonize does.
void append_iri(std::string& out, std::string_view value) {
  out.push_back('<');
  std::size_t clean = 0;
  while (true) {
    const std::size_t i = clean_run(value, clean, escape_in_iri);
    out.append(value.substr(clean, i - clean));
    if (i == value.size()) break;
    append_uchar4(out, static_cast<unsigned char>(value[i]));
    clean = i + 1;
  }
  out.push_back('>');
}

// RDFC-1.0 canonical N-Quads string: ECHAR for \b \t \n \f \r \" \\, \uXXXX (upper case)
// for the other characters below U+0020 and for U+007F, everything else as is. This is what
// the rdf-canon suite (test060) and rdf-canonize write.
void append_string(std::string& out, std::string_view value) {
  out.push_back('"');
  std::size_t clean = 0;
  while (true) {
    const std::size_t i = clean_run(value, clean, escape_in_string);
    out.append(value.substr(clean, i - clean));
    if (i == value.size()) break;
    const auto c = static_cast<unsigned char>(value[i]);
    switch (c) {
      case '\b':
        out.append("\\b");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      default:
        append_uchar4(out, c);
    }
    clean = i + 1;
  }
  out.push_back('"');
}

}  // namespace

namespace detail {

void append_term(std::string& out, const TermView& term) {
  switch (term.kind) {
    case TermKind::iri:
      append_iri(out, term.value);
      return;
    case TermKind::blank_node:
      // Blank nodes are numbers here; RDFC-1.0 labels them itself.
      out.append("_:b");
      out.append(std::to_string(term.blank));
      return;
    case TermKind::literal:
      append_string(out, term.value);
      if (!term.language.empty()) {
        out.push_back('@');
        out.append(term.language);
        if (!term.direction.empty()) {
          out.append("--");
          out.append(term.direction);
        }
      } else if (term.datatype != xsd_string && !term.datatype.empty()) {
        out.append("^^");
        append_iri(out, term.datatype);
      }
      return;
    case TermKind::default_graph:
      return;
  }
}

void append_term(std::string& out, const Term& term) {
  if (term.kind == TermKind::blank_node) {
    out.append("_:");
    out.append(term.value);
    return;
  }
  append_term(out, TermView{term.kind, term.value, term.datatype, term.language, term.direction});
}

}  // namespace detail

Result<Dataset> parse_nquads(std::string_view text) {
  return Parser(text).parse();
}

std::string to_nquads(const Term& term) {
  std::string out;
  detail::append_term(out, term);
  return out;
}

std::string to_nquads(const Quad& quad) {
  std::string out;
  detail::append_term(out, quad.subject);
  out.push_back(' ');
  detail::append_term(out, quad.predicate);
  out.push_back(' ');
  detail::append_term(out, quad.object);
  if (quad.graph.kind != TermKind::default_graph) {
    out.push_back(' ');
    detail::append_term(out, quad.graph);
  }
  out.append(" .\n");
  return out;
}

std::string to_nquads(const Dataset& dataset) {
  std::string out;
  for (const Quad& quad : dataset.quads)
    out.append(to_nquads(quad));
  return out;
}

}  // namespace microcred::rdf
