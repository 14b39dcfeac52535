// Fee computation in exact integers.
#include "bourse/venue/fees.hpp"

#include <limits>

namespace bourse::venue {

namespace {

using int128 = bourse::detail::int128;

int128 pow10_128(int exponent) noexcept {
  int128 r = 1;
  for (int i = 0; i < exponent; ++i)
    r *= 10;
  return r;
}

// Returns num / 10^shift rounded half away from zero (shift >= 0), or num * 10^-shift.
bool shift_round(int128 num, int shift, int128& out) noexcept {
  if (shift >= 0) {
    const int128 den = pow10_128(shift);
    int128 q = num / den;
    int128 r = num % den;
    if (r < 0)
      r = -r;
    if (2 * r >= den)
      q += num < 0 ? -1 : 1;
    out = q;
    return true;
  }
  const int128 mul = pow10_128(-shift);
  const int128 limit = (int128{1} << 125) / mul;
  if (num > limit || num < -limit)
    return false;
  out = num * mul;
  return true;
}

bool fits(int128 v) noexcept {
  return v <= std::numeric_limits<std::int64_t>::max() &&
         v >= std::numeric_limits<std::int64_t>::min();
}

// rate (bp) * notional / 10000 + per_unit * qty, rounded at `precision`.
bool fee_at(int precision, basis_points rate, money per_unit, money notional, quantity qty,
            int128& out) noexcept {
  int128 rate_part = 0;
  int128 unit_part = 0;
  const int128 rate_num = int128{notional.raw()} * rate.raw();
  if (!shift_round(rate_num, notional.precision() + rate.precision() + 4 - precision, rate_part))
    return false;
  const int128 unit_num = int128{qty.raw()} * per_unit.raw();
  if (!shift_round(unit_num, qty.precision() + per_unit.precision() - precision, unit_part))
    return false;
  out = rate_part + unit_part;
  return fits(out);
}

} // namespace

std::vector<std::string> fee_schedule::validate() const {
  std::vector<std::string> problems;
  const basis_points limit = basis_points::from_units(1000);
  if (maker_bps > limit || maker_bps < -limit)
    problems.push_back("fees.maker_bps must be between -1000 and 1000, got " +
                       maker_bps.to_string());
  if (taker_bps > limit || taker_bps.is_negative())
    problems.push_back("fees.taker_bps must be between 0 and 1000, got " + taker_bps.to_string());
  if (taker_per_unit.is_negative())
    problems.push_back("fees.taker_per_unit must not be negative, got " +
                       taker_per_unit.to_string());
  if (precision < 0 || precision > max_precision)
    problems.push_back("fees.precision must be between 0 and 9, got " + std::to_string(precision));
  return problems;
}

money compute_fee(const fee_schedule& schedule, liquidity role, price px, quantity qty) noexcept {
  auto value = notional(px, qty);
  if (!value)
    return money{};
  const bool maker = role == liquidity::maker;
  const basis_points rate = maker ? schedule.maker_bps : schedule.taker_bps;
  const money per_unit = maker ? schedule.maker_per_unit : schedule.taker_per_unit;
  int precision = schedule.precision < 0               ? 0
                  : schedule.precision > max_precision ? max_precision
                                                       : schedule.precision;
  int128 raw = 0;
  if (!fee_at(precision, rate, per_unit, *value, qty, raw)) {
    precision = value->precision();
    if (!fee_at(precision, rate, per_unit, *value, qty, raw))
      return money{};
  }
  return money::from_raw(static_cast<std::int64_t>(raw), precision);
}

} // namespace bourse::venue
