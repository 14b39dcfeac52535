#pragma once
// The pre-trade risk rules, one function each, returning a typed denial when an order breaks one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/orders/exposure.hpp"
#include "bourse/orders/order.hpp"

namespace bourse::orders {

/// Why pre-trade risk denied an order.
enum class risk_denial_reason : std::uint8_t {
  invalid_order,      ///< Quantity not positive or a price the order type needs is missing.
  no_reference_price, ///< A rule needs a reference price and none (or a non-positive one) was
                      ///< given.
  max_order_quantity, ///< The order's quantity is above the limit.
  max_order_notional, ///< The order's notional is above the limit (or does not fit at all).
  price_band,         ///< The order's price is too far from the reference price (fat finger).
  max_position,       ///< Position plus open orders plus this order would pass the limit.
  rate_limit,         ///< The token bucket is empty.
  overflow,           ///< The order's notional, or a position after it, would not fit the
                      ///< fixed-point range with the headroom cash and PnL sums need.
};

/// Returns the reason's name, e.g. "max_order_notional".
[[nodiscard]] std::string_view to_string(risk_denial_reason reason) noexcept;

/// A denied order: the typed reason, the owner whose limit denied it, the order and a message.
struct risk_denial {
  /// Why.
  risk_denial_reason reason = risk_denial_reason::invalid_order;
  /// The strategy or account whose limit was hit; absent for invalid_order.
  std::optional<owner_ref> owner;
  /// The order denied.
  order_id id = 0;
  /// A sentence with the order id, the owner and the numbers, e.g. "order 7: quantity 101 above
  /// the max order quantity 100 of strategy 3".
  std::string message;
};

/// Returns invalid_order when the order's quantity is not positive or its type's price is missing.
[[nodiscard]] std::optional<risk_denial> check_order_sanity(const order& candidate);

/// The share of the int64 range an order's notional, and an owner's exposure after the order valued
/// at the order's price, may use: 1/16, so that cash, cost basis, realised PnL and equity, which add
/// such values up, cannot overflow.
inline constexpr std::int64_t overflow_headroom = 16;

/// Denies with overflow when the order's quantity times its notional_price (or, without one, the
/// quantity alone) or the owner's exposure after the order (|position| plus open orders on the
/// order's side plus its quantity) valued at that price does not fit in int64 / overflow_headroom
/// raw units. Applies whatever the limits: a huge order is refused, never booked half-way.
[[nodiscard]] std::optional<risk_denial> check_overflow(const order& candidate,
                                                        std::optional<price> reference,
                                                        const exposure& current, owner_ref owner);

/// Denies when quantity > `max`. Allowed at exactly `max`.
[[nodiscard]] std::optional<risk_denial> check_max_order_quantity(const order& candidate,
                                                                  quantity max, owner_ref owner);

/// Returns the price the notional rule values an order at: the limit price for limit and
/// stop-limit orders, the stop price for stop orders, `reference` for market orders.
[[nodiscard]] std::optional<price> notional_price(const order& candidate,
                                                  std::optional<price> reference) noexcept;

/// Denies when notional(notional_price, quantity) > `max` (or overflows). Allowed at exactly
/// `max`. A market order without a positive reference price is denied with no_reference_price.
[[nodiscard]] std::optional<risk_denial> check_max_order_notional(const order& candidate, money max,
                                                                  std::optional<price> reference,
                                                                  owner_ref owner);

/// Denies when the order's price (limit price, or stop price for stop orders) is more than
/// `band_bps` basis points from `reference`, on either side: |price - reference| * 10000 >
/// band_bps * reference, in exact integers. Allowed exactly at the band. Market orders pass.
/// Denied with no_reference_price when a priced order has no positive reference.
[[nodiscard]] std::optional<risk_denial> check_price_band(const order& candidate,
                                                          std::int64_t band_bps,
                                                          std::optional<price> reference,
                                                          owner_ref owner);

/// Denies when the order could take the owner's position past `max` on its side: for a buy,
/// position + open buys + quantity > max; for a sell, -position + open sells + quantity > max.
[[nodiscard]] std::optional<risk_denial>
check_max_position(const order& candidate, quantity max, const exposure& current, owner_ref owner);

} // namespace bourse::orders
