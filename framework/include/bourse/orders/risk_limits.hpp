#pragma once
// Pre-trade risk limits for one strategy or one account, and their validation.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/orders/token_bucket.hpp"

namespace bourse::orders {

/// The pre-trade limits of one strategy or one account; an absent limit is not checked.
struct risk_limits {
  /// The largest quantity one order may have.
  std::optional<quantity> max_order_quantity;
  /// The largest notional (price * quantity) one order may have.
  std::optional<money> max_order_notional;
  /// The largest absolute position per instrument, counting open orders on the order's side:
  /// buy: position + open buys + order <= max; sell: -position + open sells + order <= max.
  /// Zero is allowed and means "reduce only".
  std::optional<quantity> max_position;
  /// The largest distance of an order's price from the reference price, in basis points
  /// (1 bp = 0.01 %, 500 = 5 %); basis_points_from_fraction() converts "0.05".
  std::optional<std::int64_t> price_band_bps;
  /// The order rate limit (a token bucket per strategy or account).
  std::optional<rate_limit> order_rate;

  /// Returns every problem at once (empty when the limits are usable): non-positive quantities,
  /// notionals, bands and rate fields, and a negative max position.
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Returns a fraction such as "0.05" (5 %) in basis points (500), or nullopt when it is not a
/// number or not a whole number of basis points ("0.00001").
[[nodiscard]] std::optional<std::int64_t>
basis_points_from_fraction(std::string_view text) noexcept;

} // namespace bourse::orders
