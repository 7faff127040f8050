#include "domain/codes.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace microcred::domain {
namespace {

// ISO 3166-1 alpha-2, the 249 officially assigned codes (ISO 3166 Maintenance Agency), plus
// XK (Kosovo): user-assigned, but the EU uses it, and so does vc/microcredential.cpp.
constexpr std::string_view country_codes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS XK YE YT ZA ZM ZW";

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}
bool all_of(std::string_view s, bool (*pred)(char)) {
  return std::all_of(s.begin(), s.end(), pred);
}

}  // namespace

bool is_country_code(std::string_view code) {
  if (code.size() != 2 || !std::isupper(static_cast<unsigned char>(code[0])) ||
      !std::isupper(static_cast<unsigned char>(code[1])))
    return false;
  for (std::size_t i = 0; i + 2 <= country_codes.size(); i += 3)
    if (country_codes.substr(i, 2) == code) return true;
  return false;
}

bool is_language_tag(std::string_view tag) {
  // RFC 5646 section 2.1, langtag and privateuse; grandfathered tags are not accepted.
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    auto part = tag.substr(start, end - start);
    if (part.empty() || part.size() > 8 || !all_of(part, is_alnum)) return false;
    parts.push_back(part);
    if (end == tag.size()) break;
    start = end + 1;
  }
  std::size_t i = 0;
  auto is_x = [](std::string_view p) { return p == "x" || p == "X"; };
  auto private_use = [&] { return i < parts.size(); };  // "x" needs at least one subtag
  if (is_x(parts[0])) return (++i, private_use());
  // language: 2*3ALPHA ["-" extlang]. Note: RFC 5646 also allows 4ALPHA (reserved) and
  // 5*8ALPHA (registered) languages, but the registry holds none, and "english" is a typo.
  if (parts[0].size() < 2 || parts[0].size() > 3 || !all_of(parts[0], is_alpha)) return false;
  ++i;
  for (int extlang = 0;
       extlang < 3 && i < parts.size() && parts[i].size() == 3 && all_of(parts[i], is_alpha);
       ++extlang)
    ++i;
  if (i < parts.size() && parts[i].size() == 4 && all_of(parts[i], is_alpha)) ++i;  // script
  if (i < parts.size() && ((parts[i].size() == 2 && all_of(parts[i], is_alpha)) ||
                           (parts[i].size() == 3 && all_of(parts[i], is_digit))))
    ++i;  // region
  while (i < parts.size() &&
         (parts[i].size() >= 5 || (parts[i].size() == 4 && is_digit(parts[i][0]))))
    ++i;                                                                 // variants
  while (i < parts.size() && parts[i].size() == 1 && !is_x(parts[i])) {  // extensions
    ++i;
    std::size_t subtags = 0;
    while (i < parts.size() && parts[i].size() >= 2)
      ++i, ++subtags;
    if (subtags == 0) return false;
  }
  if (i < parts.size() && is_x(parts[i])) return (++i, private_use());
  return i == parts.size();
}

namespace {

// A concept of ESCO's skills hierarchy: S (skills), T (transversal) or L (language) and
// dotted numbers, e.g. "S5" (working with computers) or "S5.5.2".
bool is_skill_group_code(std::string_view code) {
  if (code.empty() || std::string_view("STL").find(code[0]) == std::string_view::npos) return false;
  code.remove_prefix(1);
  bool digit_needed = !code.empty();
  for (char c : code) {
    if (is_digit(c)) {
      digit_needed = false;
    } else if (c == '.' && !digit_needed) {
      digit_needed = true;
    } else {
      return false;
    }
  }
  return !digit_needed;
}

}  // namespace

bool is_esco_uri(std::string_view uri) {
  constexpr std::string_view base = "http://data.europa.eu/esco/";
  if (!uri.starts_with(base)) return false;
  uri.remove_prefix(base.size());
  if (uri.starts_with("skill/")) {
    uri.remove_prefix(6);
    if (is_skill_group_code(uri)) return true;
  } else if (uri.starts_with("occupation/")) {
    uri.remove_prefix(11);
  } else {
    return false;
  }
  // A UUID in its canonical lower-case form: 8-4-4-4-12 hex digits.
  if (uri.size() != 36) return false;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    char c = uri[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !(is_digit(c) || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace microcred::domain
