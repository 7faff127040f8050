// The catalogue's search terms (store/catalogue.h, docs/catalogue.md). Both backends index
// and query the terms this file makes, so FTS5 and tsvector see exactly the same words.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "store/catalogue.h"

namespace microcred::store {
namespace {

// Longest term kept, in bytes (cut at a character boundary); longer words are rare and
// PostgreSQL refuses lexemes over 2 KiB.
constexpr std::size_t max_term_bytes = 64;

// The ASCII letters of U+00C0-U+00FF, accents removed; "" marks × and ÷ (separators).
constexpr std::string_view latin1_folds[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// The ASCII letters of U+0100-U+017F (Latin Extended-A), accents removed.
constexpr std::string_view latin_extended_a_folds[128] = {
    "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};

// What one code point contributes to a word.
enum class Kind { separator, skip, word };

// Decodes the UTF-8 sequence at `text[i]`, advancing `i`; malformed bytes give U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr char32_t smallest[5] = {0, 0, 0x80, 0x800, 0x10000};
  i += length;
  if (cp < smallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool in(char32_t cp, char32_t first, char32_t last) {
  return cp >= first && cp <= last;
}

// Greek and Cyrillic in lower case without tonos or diaeresis, so that capitals and accents
// do not change a word; other scripts are kept as they are.
char32_t fold_greek_cyrillic(char32_t cp) {
  if (in(cp, 0x0391, 0x03A9)) cp += 0x20;
  if (cp == 0x0386) cp = 0x03B1;
  if (in(cp, 0x0388, 0x038A)) cp += 0x25;
  if (cp == 0x038C) cp = 0x03BF;
  if (in(cp, 0x038E, 0x038F)) cp += 0x3F;
  switch (cp) {
    case 0x03AC:
      return 0x03B1;
    case 0x03AD:
      return 0x03B5;
    case 0x03AE:
      return 0x03B7;
    case 0x03AF:
    case 0x0390:
    case 0x03CA:
      return 0x03B9;
    case 0x03CC:
      return 0x03BF;
    case 0x03CD:
    case 0x03B0:
    case 0x03CB:
      return 0x03C5;
    case 0x03CE:
      return 0x03C9;
    case 0x03C2:
      return 0x03C3;
    default:
      break;
  }
  if (in(cp, 0x0410, 0x042F)) return cp + 0x20;
  if (in(cp, 0x0400, 0x040F)) cp += 0x50;
  if (cp == 0x0451) return 0x0435;  // ё -> е
  return cp;
}

// Punctuation, symbols, spaces and controls outside ASCII: they end a word like ASCII
// punctuation does. Everything else outside ASCII is a letter of some script.
bool is_separator(char32_t cp) {
  return cp < 0x20 || in(cp, 0x7F, 0xBF) || cp == 0xD7 || cp == 0xF7 || in(cp, 0x02B0, 0x02FF) ||
         cp == 0x037E || cp == 0x0387 || in(cp, 0x055A, 0x055F) || cp == 0x0589 || cp == 0x05BE ||
         cp == 0x05C0 || cp == 0x05C3 || in(cp, 0x05F3, 0x05F4) || cp == 0x060C || cp == 0x061B ||
         cp == 0x061F || in(cp, 0x066A, 0x066D) || cp == 0x06D4 || in(cp, 0x2000, 0x2BFF) ||
         in(cp, 0x2E00, 0x2E7F) || in(cp, 0x3000, 0x303F) || in(cp, 0xE000, 0xF8FF) ||
         in(cp, 0xFE10, 0xFE1F) || in(cp, 0xFE30, 0xFE6F) || cp == 0xFEFF ||
         in(cp, 0xFF00, 0xFF0F) || in(cp, 0xFF1A, 0xFF20) || in(cp, 0xFF3B, 0xFF40) ||
         in(cp, 0xFF5B, 0xFF65) || in(cp, 0xFFF0, 0xFFFF) || in(cp, 0x1F000, 0x1FAFF) ||
         cp == 0xFFFD;
}

// Appends the folded form of `cp` to `word`; tells whether it was part of a word.
Kind fold(char32_t cp, std::string& word) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
      return Kind::word;
    }
    return Kind::separator;
  }
  // Combining marks (a decomposed "é") and variation selectors change no word.
  if (in(cp, 0x0300, 0x036F) || in(cp, 0xFE00, 0xFE0F)) return Kind::skip;
  if (in(cp, 0xC0, 0xFF)) {
    auto folded = latin1_folds[cp - 0xC0];
    if (folded.empty()) return Kind::separator;
    word += folded;
    return Kind::word;
  }
  if (in(cp, 0x0100, 0x017F)) {
    word += latin_extended_a_folds[cp - 0x0100];
    return Kind::word;
  }
  // Full-width ASCII letters and digits.
  if (in(cp, 0xFF10, 0xFF19)) return fold(cp - 0xFF10 + '0', word);
  if (in(cp, 0xFF21, 0xFF3A)) return fold(cp - 0xFF21 + 'a', word);
  if (in(cp, 0xFF41, 0xFF5A)) return fold(cp - 0xFF41 + 'a', word);
  if (is_separator(cp)) return Kind::separator;
  append_utf8(word, fold_greek_cyrillic(cp));
  return Kind::word;
}

bool is_ascii_letters(std::string_view word) {
  for (char c : word)
    if (c < 'a' || c > 'z') return false;
  return true;
}

bool ends_with(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

// Harman's "S" stemmer (1991) on words of ASCII letters longer than three: plurals lose
// their ending ("studies" -> "study", "courses" -> "course", "skills" -> "skill").
void stem(std::string& word) {
  if (word.size() <= 3 || !is_ascii_letters(word)) return;
  if (ends_with(word, "ies") && !ends_with(word, "eies") && !ends_with(word, "aies")) {
    word.replace(word.size() - 3, 3, "y");
  } else if (ends_with(word, "es") && !ends_with(word, "aes") && !ends_with(word, "ees") &&
             !ends_with(word, "oes")) {
    word.pop_back();
  } else if (ends_with(word, "s") && !ends_with(word, "us") && !ends_with(word, "ss")) {
    word.pop_back();
  }
}

// Cuts `word` to `max_term_bytes` without splitting a UTF-8 sequence.
void truncate(std::string& word) {
  if (word.size() <= max_term_bytes) return;
  std::size_t end = max_term_bytes;
  while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80)
    --end;
  word.resize(end);
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// 8-4-4-4-12 hex digits.
bool is_uuid(std::string_view word) {
  if (word.size() != 36) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? word[i] != '-' : !is_hex(word[i])) return false;
  }
  return true;
}

// ASCII letters and digits of `text` in lower case; everything else dropped.
std::string alphanumerics(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

// A URL stands for its last path segment (an ESCO skill's UUID or group code), a UUID for
// its hex digits: both become one term, so that pasting either finds the skill.
std::optional<std::string> identifier_term(std::string_view word) {
  while (!word.empty() && (word.back() == '/' || word.back() == '.' || word.back() == ',' ||
                           word.back() == ';' || word.back() == ')'))
    word.remove_suffix(1);
  if (is_uuid(word)) return alphanumerics(word);
  if (word.find("://") == std::string_view::npos) return std::nullopt;
  auto slash = word.rfind('/');
  auto segment = word.substr(slash + 1);
  if (auto hash = segment.find_first_of("?#"); hash != std::string_view::npos) {
    segment = segment.substr(0, hash);
  }
  auto term = alphanumerics(segment);
  if (term.empty()) return std::nullopt;
  return term;
}

// Words too common to search for: in nearly every entry, they would make a query read the
// whole index and change no ranking. Neither indexed nor searched (both backends alike).
bool is_stop_word(std::string_view word) {
  static constexpr std::string_view stop_words[] = {
      "a",    "an",   "and",  "are",  "as",   "at",    "be",   "but",   "by",
      "for",  "from", "if",   "in",   "into", "is",    "it",   "its",   "of",
      "on",   "or",   "such", "that", "the",  "their", "then", "there", "these",
      "they", "this", "to",   "was",  "were", "will",  "with"};
  for (auto stop : stop_words)
    if (word == stop) return true;
  return false;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::vector<std::string> catalogue_terms(std::string_view text) {
  std::vector<std::string> terms;
  std::unordered_set<std::string> seen;
  auto emit = [&](std::string term) {
    if (is_stop_word(term)) return;
    stem(term);
    truncate(term);
    if (!term.empty() && seen.insert(term).second) terms.push_back(std::move(term));
  };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i]))
      ++i;
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end]))
      ++end;
    auto chunk = text.substr(i, end - i);
    if (auto identifier = identifier_term(chunk)) {
      auto term = std::move(*identifier);
      truncate(term);
      if (seen.insert(term).second) terms.push_back(std::move(term));
    } else {
      std::string word;
      std::size_t k = 0;
      while (k < chunk.size()) {
        if (fold(next_code_point(chunk, k), word) == Kind::separator && !word.empty()) {
          emit(std::move(word));
          word.clear();
        }
      }
      if (!word.empty()) emit(std::move(word));
    }
    i = end;
  }
  return terms;
}

}  // namespace microcred::store
