#pragma once
// Why the state machine or the order tracker refused an event or a new order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bourse/core/ids.hpp"
#include "bourse/orders/order_state.hpp"

namespace bourse::orders {

/// The reason an order event or a new order was refused.
enum class order_error : std::uint8_t {
  illegal_transition,                ///< The event is not allowed in the order's state.
  non_positive_quantity,             ///< An order, fill or replace quantity is zero or negative.
  non_positive_price,                ///< A limit, stop or fill price is zero or negative.
  overfill,                          ///< A fill would take the filled quantity above the quantity.
  not_a_stop_order,                  ///< A trigger for a limit or market order.
  stop_not_triggered,                ///< A fill for a stop order that has not triggered.
  empty_replace,                     ///< A replace that changes nothing.
  replace_quantity_not_above_filled, ///< A replace quantity at or below the filled quantity.
  field_not_applicable,              ///< A replace of a price the order type does not have.
  missing_limit_price,               ///< A limit or stop-limit order without a limit price.
  missing_stop_price,                ///< A stop or stop-limit order without a stop price.
  unexpected_price,                  ///< A price the order type does not use (market limit price).
  empty_symbol,                      ///< An order without a symbol.
  not_new,                           ///< An order added to a tracker in a state other than new.
  duplicate_order_id,                ///< An order added with an id the tracker already holds.
  unknown_order_id,                  ///< An event for an id the tracker does not hold.
  overflow,                          ///< A fill whose notional does not fit the fixed-point range.
};

/// Returns the reason's name, e.g. "overfill".
[[nodiscard]] std::string_view to_string(order_error reason) noexcept;

/// A refused event or order: the typed reason, the order, its state, the event and a message.
struct order_refusal {
  /// Why.
  order_error reason = order_error::illegal_transition;
  /// The order concerned.
  order_id id = 0;
  /// The order's state when refused; absent for an unknown order id.
  std::optional<order_state> from;
  /// The refused event; absent when a new order itself was refused.
  std::optional<order_event_kind> event;
  /// A readable sentence naming the order id, the state, the event and the numbers involved, e.g.
  /// "order 7: fill refused in state accepted: overfill (filled 60 + fill 50 > quantity 100)".
  std::string message;
};

/// Returns a refusal with its message built from the fields plus `detail` (may be empty).
[[nodiscard]] order_refusal make_order_refusal(order_error reason, order_id id,
                                               std::optional<order_state> from,
                                               std::optional<order_event_kind> event,
                                               std::string_view detail);

} // namespace bourse::orders
