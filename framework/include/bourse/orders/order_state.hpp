#pragma once
// The states of an order's life, the kinds of event that move it between them, and their names.

#include <cstdint>
#include <string_view>

namespace bourse::orders {

/// Where an order is in its life; docs/orders.md has the transition table.
///
/// `new_order` is the state the issue and to_string() call "new" (`new` is a C++ keyword).
enum class order_state : std::uint8_t {
  new_order,        ///< Created, not yet sent to a venue.
  pending_submit,   ///< Sent, waiting for the venue's acknowledgement.
  accepted,         ///< Working at the venue, nothing filled (a stop order waits for its trigger).
  partially_filled, ///< Working, some quantity filled.
  filled,           ///< Terminal: the whole quantity filled.
  pending_cancel,   ///< A cancel was requested, waiting for the venue's answer.
  cancelled,        ///< Terminal: cancelled (on request or by the venue, e.g. an IOC remainder).
  pending_replace,  ///< A replace was requested, waiting for the venue's answer.
  rejected,         ///< Terminal: refused before working (pre-trade risk or the venue).
  expired,          ///< Terminal: its time in force ran out.
  triggered,        ///< A stop order whose stop price was reached; working, nothing filled.
};

/// The number of order states.
inline constexpr int order_state_count = 11;

/// Returns the state's name: "new", "pending_submit", "accepted", ..., "triggered".
[[nodiscard]] std::string_view to_string(order_state state) noexcept;

/// Returns true for filled, cancelled, rejected and expired: no event moves an order out of them.
[[nodiscard]] constexpr bool is_terminal(order_state state) noexcept {
  return state == order_state::filled || state == order_state::cancelled ||
         state == order_state::rejected || state == order_state::expired;
}

/// Returns true for pending_cancel and pending_replace, where a request waits for the venue's
/// answer.
[[nodiscard]] constexpr bool is_pending_request(order_state state) noexcept {
  return state == order_state::pending_cancel || state == order_state::pending_replace;
}

/// What happened to an order: a request by its owner or a report from the venue.
enum class order_event_kind : std::uint8_t {
  submit,          ///< The order is sent to the venue.
  accept,          ///< The venue acknowledged the order.
  reject,          ///< Pre-trade risk or the venue refused the order.
  trigger,         ///< The venue reports that a stop order's stop price was reached.
  fill,            ///< Some quantity traded at a price.
  request_cancel,  ///< The owner asks the venue to cancel.
  cancel,          ///< The venue cancelled the order (asked for or not).
  cancel_reject,   ///< The venue refused a cancel request.
  request_replace, ///< The owner asks the venue to change price and/or quantity.
  replace,         ///< The venue applied a change.
  replace_reject,  ///< The venue refused a replace request.
  expire,          ///< The order's time in force ran out.
};

/// The number of order event kinds.
inline constexpr int order_event_kind_count = 12;

/// Returns the event kind's name: "submit", "accept", ..., "expire".
[[nodiscard]] std::string_view to_string(order_event_kind kind) noexcept;

} // namespace bourse::orders
