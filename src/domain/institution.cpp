#include "domain/institution.h"

#include <algorithm>
#include <string_view>

namespace microcred::domain {
namespace {

// ISO 3166-1 alpha-2, officially assigned codes (249), sorted, two letters each.
constexpr std::string_view iso3166_alpha2 =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZ"
    "BABBBDBEBFBGBHBIBJBLBMBNBOBQBRBS"
    "BTBVBWBYBZCACCCDCFCGCHCICKCLCMCN"
    "COCRCUCVCWCXCYCZDEDJDKDMDODZECEE"
    "EGEHERESETFIFJFKFMFOFRGAGBGDGEGF"
    "GGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM"
    "HNHRHTHUIDIEILIMINIOIQIRISITJEJM"
    "JOJPKEKGKHKIKMKNKPKRKWKYKZLALBLC"
    "LILKLRLSLTLULVLYMAMCMDMEMFMGMHMK"
    "MLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA"
    "NCNENFNGNINLNONPNRNUNZOMPAPEPFPG"
    "PHPKPLPMPNPRPSPTPWPYQARERORSRURW"
    "SASBSCSDSESGSHSISJSKSLSMSNSOSRSS"
    "STSVSXSYSZTCTDTFTGTHTJTKTLTMTNTO"
    "TRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI"
    "VNVUWFWSYEYTZAZMZW";

bool is_ascii_alpha_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

}  // namespace

std::string_view to_string(KeyStatus status) {
  return status == KeyStatus::active ? "active" : "retired";
}

std::optional<KeyStatus> parse_key_status(std::string_view name) {
  if (name == "active") return KeyStatus::active;
  if (name == "retired") return KeyStatus::retired;
  return std::nullopt;
}

bool is_iso3166_alpha2(std::string_view code) {
  if (code.size() != 2 || !is_ascii_alpha_upper(code[0]) || !is_ascii_alpha_upper(code[1])) {
    return false;
  }
  std::size_t low = 0;
  std::size_t high = iso3166_alpha2.size() / 2;
  while (low < high) {
    std::size_t mid = (low + high) / 2;
    auto candidate = iso3166_alpha2.substr(mid * 2, 2);
    if (candidate == code) return true;
    if (candidate < code) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return false;
}

Result<void> validate(const Institution& institution) {
  if (institution.id.empty()) {
    return make_error(ErrorCode::invalid_argument, "an institution needs an id", "id");
  }
  if (institution.name.empty()) {
    return make_error(ErrorCode::invalid_argument, "an institution needs a name", "name");
  }
  if (!is_iso3166_alpha2(institution.country)) {
    return make_error(ErrorCode::invalid_argument,
                      "country must be an ISO 3166-1 alpha-2 code such as \"ES\", got \"" +
                          institution.country + "\"",
                      "country");
  }
  if (!institution.website.empty() && !institution.website.starts_with("https://")) {
    return make_error(ErrorCode::invalid_argument,
                      "website must be an https URL, got \"" + institution.website + "\"",
                      "website");
  }
  const auto& email = institution.contact_email;
  if (!email.empty()) {
    auto at = email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == email.size() ||
        std::any_of(email.begin(), email.end(), [](char c) { return c == ' '; })) {
      return make_error(ErrorCode::invalid_argument,
                        "contact_email must look like name@domain, got \"" + email + "\"",
                        "contact_email");
    }
  }
  return {};
}

}  // namespace microcred::domain
