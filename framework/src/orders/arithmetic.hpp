#pragma once
// Private helpers for exact fixed-point arithmetic in orders/: 128-bit intermediates, overflow
// checks, and the division that derives average prices from an exact cost.

#include <cstdint>
#include <limits>
#include <optional>

#include "bourse/core/fixed_point.hpp"

namespace bourse::orders::detail {

using int128 = bourse::detail::int128;

/// The largest magnitude a raw int64 value may have here (INT64_MIN is never produced).
inline constexpr std::int64_t raw_limit = std::numeric_limits<std::int64_t>::max();

/// Returns 10^n as a 128-bit integer (n in [0, 36]).
[[nodiscard]] inline int128 pow10_wide(int n) noexcept {
  int128 r = 1;
  for (int i = 0; i < n; ++i)
    r *= 10;
  return r;
}

/// Returns true when v fits a raw int64 value.
[[nodiscard]] inline bool fits(int128 v) noexcept {
  return v <= int128{raw_limit} && v >= -int128{raw_limit};
}

/// Returns raw (at precision `from`) scaled up to precision `to` >= from, exactly.
[[nodiscard]] inline int128 widen(std::int64_t raw, int from, int to) noexcept {
  return int128{raw} * pow10_wide(to - from);
}

/// Returns num / den rounded half away from zero (den != 0).
[[nodiscard]] inline int128 div_round(int128 num, int128 den) noexcept {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int128 q = num / den;
  int128 r = num % den;
  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;
  return q;
}

/// Returns a * b, or nullopt when the magnitude would pass 10^37 (far beyond any raw value).
[[nodiscard]] inline std::optional<int128> mul(int128 a, int128 b) noexcept {
  const int128 bound = pow10_wide(37);
  int128 ma = a < 0 ? -a : a;
  int128 mb = b < 0 ? -b : b;
  if (ma != 0 && mb > bound / ma)
    return std::nullopt;
  return a * b;
}

/// Returns a + b exactly at the larger precision, or nullopt on overflow.
template <class Tag>
[[nodiscard]] std::optional<fixed<Tag>> add(fixed<Tag> a, fixed<Tag> b) noexcept {
  int p = a.precision() > b.precision() ? a.precision() : b.precision();
  int128 v = widen(a.raw(), a.precision(), p) + widen(b.raw(), b.precision(), p);
  if (!fits(v))
    return std::nullopt;
  return fixed<Tag>::from_raw(static_cast<std::int64_t>(v), p);
}

/// Returns a - b exactly at the larger precision, or nullopt on overflow.
template <class Tag>
[[nodiscard]] std::optional<fixed<Tag>> sub(fixed<Tag> a, fixed<Tag> b) noexcept {
  return add(a, -b);
}

/// Returns the value of num_raw / 10^num_precision divided by den_raw / 10^den_precision as a
/// price: exact when it has at most 9 decimals, otherwise rounded half away from zero at the most
/// decimals (at most 9) that fit an int64 raw value; trailing zeros trimmed. Nullopt when den_raw
/// is zero or the integer part alone does not fit.
[[nodiscard]] inline std::optional<price>
divide_to_price(int128 num_raw, int num_precision, int128 den_raw, int den_precision) noexcept {
  if (den_raw == 0)
    return std::nullopt;
  for (int p = max_precision; p >= 0; --p) {
    // value * 10^p = num_raw * 10^(den_precision + p) / (den_raw * 10^num_precision)
    auto num = mul(num_raw, pow10_wide(den_precision + p));
    auto den = mul(den_raw, pow10_wide(num_precision));
    if (!num || !den)
      continue;
    int128 q = div_round(*num, *den);
    if (!fits(q))
      continue;
    int precision = p;
    while (precision > 0 && q % 10 == 0) {
      q /= 10;
      --precision;
    }
    return price::from_raw(static_cast<std::int64_t>(q), precision);
  }
  return std::nullopt;
}

} // namespace bourse::orders::detail
