#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace microcred::domain {

// Money is exact: whole numbers of a currency's minor unit (cents for EUR), never floating
// point. Pure and thread-safe.

/// The largest amount accepted anywhere, in minor units: 10^13 (100 billion euros), far from
/// int64 overflow even when amounts are added up for a cohort.
inline constexpr std::int64_t max_amount_minor = 10'000'000'000'000;

/// One percent is 100 basis points; 100% is 10'000.
inline constexpr std::int32_t basis_points_per_whole = 10'000;

/// An amount of money in `currency`'s minor unit: {45050, "EUR"} is 450.50 EUR.
struct Money {
  std::int64_t minor = 0;
  std::string currency;  ///< ISO 4217 ("EUR").
  bool operator==(const Money&) const = default;
};

/// True for an ISO 4217 code of a currency (Debian iso-codes 4.15 list; not the codes for
/// metals, bond units, SDR or testing, which have no minor unit).
bool is_currency_code(std::string_view code);

/// The number of decimals of `currency`'s minor unit (EUR 2, ISK and JPY 0, KWD 3), or
/// nothing for a code that is not a currency.
std::optional<int> currency_exponent(std::string_view currency);

/// The amount in `text` ("450", "450.5", "450.50"), in minor units of `currency`. Fails with
/// `invalid_argument` for a sign, more decimals than the currency has ("450.505 EUR"), an
/// amount over `max_amount_minor`, anything but digits and one '.', or an unknown currency.
Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency);

/// `minor` written with the currency's decimals: "450.50" (EUR), "1500" (ISK), "-3.00".
/// An unknown currency is written with 2 decimals.
std::string format_amount(std::int64_t minor, std::string_view currency);

/// "450.50 EUR".
std::string format_money(const Money& money);

/// The percentage in `text` ("25", "12.5", "12.25") in basis points (2500, 1250, 1225).
/// Fails with `invalid_argument` unless it is 0 to 100 with at most two decimals.
Result<std::int32_t> parse_percent(std::string_view text);

/// `basis_points` written as a percentage: 1250 -> "12.5", 2500 -> "25".
std::string format_percent(std::int32_t basis_points);

/// `basis_points` of `minor`, rounded half up to a whole minor unit (10% of 0.05 EUR is
/// 0.01 EUR). `minor` is at most `max_amount_minor`, `basis_points` 0..10'000.
std::int64_t percent_of(std::int64_t minor, std::int32_t basis_points);

}  // namespace microcred::domain
