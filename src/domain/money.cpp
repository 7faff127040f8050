#include "domain/money.h"

#include <algorithm>

namespace microcred::domain {
namespace {

// ISO 4217 currencies with the decimals of their minor unit, sorted: the codes of Debian
// iso-codes 4.15 (iso_4217.json) less those whose minor unit is "N.A." (metals, bond units,
// SDR, testing); the decimals from the ISO 4217 list one.
constexpr std::string_view currencies =
    "AED2 AFN2 ALL2 AMD2 ANG2 AOA2 ARS2 AUD2 AWG2 AZN2 BAM2 BBD2 BDT2 BGN2 BHD3 BIF0 BMD2 BND2 "
    "BOB2 BOV2 BRL2 BSD2 BTN2 BWP2 BYN2 BZD2 CAD2 CDF2 CHE2 CHF2 CHW2 CLF4 CLP0 CNY2 COP2 COU2 "
    "CRC2 CUC2 CUP2 CVE2 CZK2 DJF0 DKK2 DOP2 DZD2 EGP2 ERN2 ETB2 EUR2 FJD2 FKP2 GBP2 GEL2 GHS2 "
    "GIP2 GMD2 GNF0 GTQ2 GYD2 HKD2 HNL2 HRK2 HTG2 HUF2 IDR2 ILS2 INR2 IQD3 IRR2 ISK0 JMD2 JOD3 "
    "JPY0 KES2 KGS2 KHR2 KMF0 KPW2 KRW0 KWD3 KYD2 KZT2 LAK2 LBP2 LKR2 LRD2 LSL2 LYD3 MAD2 MDL2 "
    "MGA2 MKD2 MMK2 MNT2 MOP2 MRU2 MUR2 MVR2 MWK2 MXN2 MXV2 MYR2 MZN2 NAD2 NGN2 NIO2 NOK2 NPR2 "
    "NZD2 OMR3 PAB2 PEN2 PGK2 PHP2 PKR2 PLN2 PYG0 QAR2 RON2 RSD2 RUB2 RWF0 SAR2 SBD2 SCR2 SDG2 "
    "SEK2 SGD2 SHP2 SLE2 SLL2 SOS2 SRD2 SSP2 STN2 SVC2 SYP2 SZL2 THB2 TJS2 TMT2 TND3 TOP2 TRY2 "
    "TTD2 TWD2 TZS2 UAH2 UGX0 USD2 USN2 UYI0 UYU2 UYW4 UZS2 VED2 VES2 VND0 VUV0 WST2 XAF0 XCD2 "
    "XOF0 XPF0 YER2 ZAR2 ZMW2 ZWL2 ";
constexpr std::size_t entry_size = 5;  // "EUR2 "

constexpr int default_exponent = 2;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A non-negative decimal "123" or "123.45" with at most `max_decimals` decimals, scaled to
// 10^`scale`; nothing when the syntax is wrong or it exceeds `limit`.
struct Scaled {
  std::int64_t value = 0;
  bool ok = false;
  std::string problem;
};

Scaled scale_decimal(std::string_view text, int scale, std::int64_t limit) {
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty()) ||
      !std::all_of(whole.begin(), whole.end(), is_digit) ||
      !std::all_of(fraction.begin(), fraction.end(), is_digit))
    return {0, false, "is not a decimal number (digits, then optionally '.' and decimals)"};
  if (static_cast<int>(fraction.size()) > scale)
    return {0, false,
            scale == 0 ? std::string("has decimals, which this currency does not have")
                       : "has more than " + std::to_string(scale) + " decimals"};
  std::int64_t value = 0;
  for (char c : whole) {
    value = value * 10 + (c - '0');
    if (value > limit) return {0, false, "is too large"};
  }
  for (int i = 0; i < scale; ++i) {
    auto index = static_cast<std::size_t>(i);
    value = value * 10 + (index < fraction.size() ? fraction[index] - '0' : 0);
    if (value > limit) return {0, false, "is too large"};
  }
  return {value, true, {}};
}

std::string scaled_text(std::int64_t value, int scale, bool trim) {
  bool negative = value < 0;
  // Note: -(INT64_MIN) overflows; amounts are bounded far below it.
  std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
  std::uint64_t divisor = 1;
  for (int i = 0; i < scale; ++i)
    divisor *= 10;
  std::string out = (negative ? "-" : "") + std::to_string(magnitude / divisor);
  if (scale > 0) {
    std::string fraction = std::to_string(magnitude % divisor);
    fraction.insert(0, static_cast<std::size_t>(scale) - fraction.size(), '0');
    if (trim)
      while (!fraction.empty() && fraction.back() == '0')
        fraction.pop_back();
    if (!fraction.empty()) out += "." + fraction;
  }
  return out;
}

}  // namespace

std::optional<int> currency_exponent(std::string_view currency) {
  if (currency.size() != 3) return std::nullopt;
  std::size_t low = 0;
  std::size_t high = currencies.size() / entry_size;
  while (low < high) {
    std::size_t mid = (low + high) / 2;
    auto code = currencies.substr(mid * entry_size, 3);
    if (code == currency) return currencies[mid * entry_size + 3] - '0';
    if (code < currency)
      low = mid + 1;
    else
      high = mid;
  }
  return std::nullopt;
}

bool is_currency_code(std::string_view code) {
  return currency_exponent(code).has_value();
}

Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency) {
  auto exponent = currency_exponent(currency);
  if (!exponent)
    return make_error(
        ErrorCode::invalid_argument,
        "\"" + std::string(currency) + "\" is not an ISO 4217 currency code (\"EUR\")");
  if (!text.empty() && (text[0] == '-' || text[0] == '+'))
    return make_error(ErrorCode::invalid_argument, "amount \"" + std::string(text) +
                                                       "\" has a sign; amounts are never negative");
  auto scaled = scale_decimal(text, *exponent, max_amount_minor);
  if (!scaled.ok)
    return make_error(ErrorCode::invalid_argument, "amount \"" + std::string(text) + "\" " +
                                                       scaled.problem + " (" +
                                                       std::string(currency) + ")");
  return scaled.value;
}

std::string format_amount(std::int64_t minor, std::string_view currency) {
  return scaled_text(minor, currency_exponent(currency).value_or(default_exponent), false);
}

std::string format_money(const Money& money) {
  return format_amount(money.minor, money.currency) + " " + money.currency;
}

Result<std::int32_t> parse_percent(std::string_view text) {
  auto scaled = scale_decimal(text, 2, basis_points_per_whole);
  if (!scaled.ok)
    return make_error(
        ErrorCode::invalid_argument,
        "percentage \"" + std::string(text) + "\" " +
            (scaled.problem == "is too large" ? std::string("is over 100") : scaled.problem) +
            "; give 0 to 100 with at most 2 decimals");
  return static_cast<std::int32_t>(scaled.value);
}

std::string format_percent(std::int32_t basis_points) {
  return scaled_text(basis_points, 2, true);
}

std::int64_t percent_of(std::int64_t minor, std::int32_t basis_points) {
  // minor <= 10^13 and basis points <= 10^4: the product stays below 2^63.
  return (minor * basis_points + basis_points_per_whole / 2) / basis_points_per_whole;
}

}  // namespace microcred::domain
