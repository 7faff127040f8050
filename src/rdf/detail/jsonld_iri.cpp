#include "rdf/detail/jsonld_iri.h"

#include <cctype>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace microcred::rdf::detail {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// RFC 3986 Appendix B: the five components of a reference.
struct Parts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

Parts split(std::string_view s) {
  Parts p;
  if (has_scheme(s)) {
    auto colon = s.find(':');
    p.scheme = s.substr(0, colon);
    p.has_scheme = true;
    s.remove_prefix(colon + 1);
  }
  if (s.starts_with("//")) {
    s.remove_prefix(2);
    auto end = s.find_first_of("/?#");
    p.authority = s.substr(0, end);
    p.has_authority = true;
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
  }
  auto hash = s.find('#');
  if (hash != std::string_view::npos) {
    p.fragment = s.substr(hash + 1);
    p.has_fragment = true;
    s = s.substr(0, hash);
  }
  auto question = s.find('?');
  if (question != std::string_view::npos) {
    p.query = s.substr(question + 1);
    p.has_query = true;
    s = s.substr(0, question);
  }
  p.path = s;
  return p;
}

// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string_view input) {
  std::string output;
  output.reserve(input.size());
  while (!input.empty()) {
    if (input.starts_with("../")) {
      input.remove_prefix(3);
    } else if (input.starts_with("./")) {
      input.remove_prefix(2);
    } else if (input.starts_with("/./")) {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.starts_with("/../") || input == "/..") {
      if (input == "/..") {
        input = "/";
      } else {
        input.remove_prefix(3);
      }
      auto slash = output.rfind('/');
      output.resize(slash == std::string::npos ? 0 : slash);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      std::size_t start = input[0] == '/' ? 1 : 0;
      auto next = input.find('/', start);
      if (next == std::string_view::npos) next = input.size();
      output.append(input.substr(0, next));
      input.remove_prefix(next);
    }
  }
  return output;
}

}  // namespace

bool has_scheme(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return true;
    // [+-.] in jsonld.js's regular expression is a range: + , - .
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != ',' && c != '-' && c != '.') return false;
  }
  return false;
}

bool is_well_formed_iri(std::string_view s) {
  // Note: jsonld.js's test, /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/, rather than RFC 3987:
  // a verifier must drop exactly the triples the (usually JavaScript) signer dropped.
  if (!has_scheme(s) && !s.starts_with("_:")) return false;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Every IRI of a credential is printable ASCII: skip 16 bytes at a time to the first byte
  // that is below '!' or a UTF-8 lead byte of JavaScript white space (0xC2 and up).
  {
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    // Unsigned comparisons as signed ones on bytes with the top bit flipped.
    const __m128i bias = _mm_set1_epi8(static_cast<char>(0x80));
    const __m128i below = _mm_set1_epi8(static_cast<char>(0x21 ^ 0x80));  // c < 0x21
    const __m128i above = _mm_set1_epi8(static_cast<char>(0xC1 ^ 0x80));  // c > 0xC1
    for (; i + 16 <= s.size(); i += 16) {
      const __m128i chunk =
          _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i)), bias);
      const __m128i hit = _mm_or_si128(_mm_cmplt_epi8(chunk, below), _mm_cmpgt_epi8(chunk, above));
      if (_mm_movemask_epi8(hit) != 0) break;
    }
  }
#endif
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || (c >= 0x09 && c <= 0x0d)) return false;
    if (c < 0xc2) continue;
    // JavaScript's other white space, in UTF-8: U+00A0, U+1680, U+2000-U+200A, U+2028,
    // U+2029, U+202F, U+205F, U+3000, U+FEFF.
    std::string_view rest = s.substr(i);
    auto byte = [&](std::size_t k) {
      return k < rest.size() ? static_cast<unsigned char>(rest[k]) : 0;
    };
    if (c == 0xc2 && byte(1) == 0xa0) return false;
    if (c == 0xe1 && byte(1) == 0x9a && byte(2) == 0x80) return false;
    if (c == 0xe2 && byte(1) == 0x80 &&
        (byte(2) <= 0x8a || byte(2) == 0xa8 || byte(2) == 0xa9 || byte(2) == 0xaf))
      return false;
    if (c == 0xe2 && byte(1) == 0x81 && byte(2) == 0x9f) return false;
    if (c == 0xe3 && byte(1) == 0x80 && byte(2) == 0x80) return false;
    if (c == 0xef && byte(1) == 0xbb && byte(2) == 0xbf) return false;
  }
  return true;
}

std::string resolve_iri(std::string_view base, std::string_view reference) {
  Parts r = split(reference);
  if (r.has_scheme) {
    std::string out;
    out.append(r.scheme).append(":");
    if (r.has_authority) out.append("//").append(r.authority);
    out.append(remove_dot_segments(r.path));
    if (r.has_query) out.append("?").append(r.query);
    if (r.has_fragment) out.append("#").append(r.fragment);
    return out;
  }
  Parts b = split(base);
  std::string out;
  out.append(b.scheme).append(b.has_scheme ? ":" : "");
  if (r.has_authority) {
    out.append("//").append(r.authority).append(remove_dot_segments(r.path));
    if (r.has_query) out.append("?").append(r.query);
  } else {
    if (b.has_authority) out.append("//").append(b.authority);
    if (r.path.empty()) {
      out.append(b.path);
      if (r.has_query) {
        out.append("?").append(r.query);
      } else if (b.has_query) {
        out.append("?").append(b.query);
      }
    } else {
      if (r.path[0] == '/') {
        out.append(remove_dot_segments(r.path));
      } else {
        // RFC 3986 §5.2.3 merge.
        std::string merged;
        if (b.has_authority && b.path.empty()) {
          merged = "/";
          merged.append(r.path);
        } else {
          auto slash = b.path.rfind('/');
          if (slash != std::string_view::npos) merged.append(b.path.substr(0, slash + 1));
          merged.append(r.path);
        }
        out.append(remove_dot_segments(merged));
      }
      if (r.has_query) out.append("?").append(r.query);
    }
  }
  if (r.has_fragment) out.append("#").append(r.fragment);
  return out;
}

bool is_well_formed_language(std::string_view s) {
  // [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*
  std::size_t i = 0, run = 0;
  bool first = true;
  for (; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '-') {
      if (run == 0 || run > 8) return false;
      run = 0;
      first = false;
      continue;
    }
    char c = s[i];
    if (!(is_alpha(c) || (!first && is_digit(c)))) return false;
    ++run;
  }
  return !s.empty();
}

}  // namespace microcred::rdf::detail
