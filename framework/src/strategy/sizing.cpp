// Position sizing in exact integers.
#include "bourse/strategy/sizing.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

namespace bourse {

namespace {

using int128 = bourse::detail::int128;

int128 pow10_128(int n) noexcept {
  int128 out = 1;
  for (int i = 0; i < n; ++i)
    out *= 10;
  return out;
}

bool fits(int128 v) noexcept {
  return v >= std::numeric_limits<std::int64_t>::min() &&
         v <= std::numeric_limits<std::int64_t>::max();
}

} // namespace

std::optional<money> fraction_of(money amount, double fraction) noexcept {
  if (!std::isfinite(fraction))
    return std::nullopt;
  auto f = fixed<money_tag>::from_double(fraction, fraction_precision);
  if (!f)
    return std::nullopt;
  // C++ integer division truncates toward zero.
  const int128 product = int128{amount.raw()} * f->raw() / pow10_128(fraction_precision);
  if (!fits(product))
    return std::nullopt;
  return money::from_raw(static_cast<std::int64_t>(product), amount.precision());
}

std::optional<quantity> quantity_for_value(money value, price mark, quantity lot) noexcept {
  if (!mark.is_positive() || !lot.is_positive())
    return std::nullopt;
  // value / mark at the lot's precision: v * 10^(mp + lp) / (m * 10^vp), toward zero.
  const int lp = lot.precision();
  const int128 numerator = int128{value.raw()} * pow10_128(mark.precision() + lp);
  const int128 denominator = int128{mark.raw()} * pow10_128(value.precision());
  const int128 raw = numerator / denominator;
  const int128 lots = raw / lot.raw();
  const int128 rounded = lots * lot.raw();
  if (!fits(rounded))
    return std::nullopt;
  return quantity::from_raw(static_cast<std::int64_t>(rounded), lp);
}

} // namespace bourse
