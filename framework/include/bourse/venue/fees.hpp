#pragma once
// Maker/taker fees of a simulated venue: rates in basis points of the notional plus a fee per unit,
// computed exactly in integers and rounded half away from zero.

#include <string>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/orders/order_flow.hpp"

namespace bourse::venue {

/// Tag type for fee rates in basis points.
struct basis_points_tag {};

/// A rate in basis points (1 bp = 0.01 %), with decimals: 2.5 bp is basis_points::from_raw(25, 1).
using basis_points = fixed<basis_points_tag>;

/// What a venue charges per fill: `rate * notional / 10000 + per_unit * quantity`, by liquidity
/// role. A negative maker rate or per-unit fee is a rebate.
struct fee_schedule {
  /// The maker (resting order) rate in basis points; negative for a rebate.
  basis_points maker_bps;
  /// The taker (incoming order) rate in basis points.
  basis_points taker_bps;
  /// The maker fee per unit of quantity; negative for a rebate.
  money maker_per_unit;
  /// The taker fee per unit of quantity.
  money taker_per_unit;
  /// The decimals fees are rounded to (half away from zero), from 0 to 9.
  int precision = 6;

  /// Returns every problem at once: rates outside [-1000, 1000] bp (taker: [0, 1000]), a negative
  /// taker fee per unit, a precision outside [0, 9].
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Returns the fee of a fill of `qty` at `px` for `role`: rate * px * qty / 10000 + per_unit * qty,
/// rounded half away from zero at `schedule.precision` decimals (at the notional's own precision
/// if the result would not fit). Zero when the notional does not fit the fixed-point range.
[[nodiscard]] money compute_fee(const fee_schedule& schedule, liquidity role, price px,
                                quantity qty) noexcept;

} // namespace bourse::venue
