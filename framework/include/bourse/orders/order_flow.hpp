#pragma once
// The order flow's messages: the commands a strategy sends (submit, cancel, replace) and the events
// that answer them (accepted, rejected, fills, cancelled, replaced, expired, triggered). Plain
// structs without CAF: the order manager core and the simulated venue core take and produce them,
// and the actors send them as they are (bourse/protocol/orders.hpp adds their inspect() overloads,
// the batches and the typed actor interfaces).
//
// Order ids are chosen by the strategy that submits (compose_order_id,
// bourse/strategy/order_ids.hpp) so that a strategy knows the id of every order it sends; the order
// manager refuses an id it has seen before.

#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"

namespace bourse {

/// Command: place a new order.
struct submit_order {
  /// Data time at which the strategy decided (ns).
  timestamp ts_event = 0;
  /// When this system created the message (ns).
  timestamp ts_init = 0;
  /// The order's id, chosen by the strategy (compose_order_id).
  order_id id = 0;
  /// The owning strategy.
  strategy_id strategy = 0;
  /// The account it trades for.
  account_id account = 0;
  /// The instrument.
  symbol_id symbol;
  /// Buy or sell.
  side order_side = side::buy;
  /// Limit, market, stop or stop-limit.
  order_type type = order_type::limit;
  /// GTC, DAY, IOC or FOK.
  time_in_force tif = time_in_force::gtc;
  /// Limit price (limit, stop-limit); zero otherwise.
  price limit_price;
  /// Stop price (stop, stop-limit); zero otherwise.
  price stop_price;
  /// Order quantity (positive).
  quantity qty;
  /// Paper mode: the ts_arrival (monotonic ns) of the market data the strategy was handling when
  /// it decided; 0 in a backtest or when no market data triggered it (timers, order events). The
  /// venue records monotonic_now() - ts_trigger as tick -> order latency.
  timestamp ts_trigger = 0;
  /// Post-only: a limit order that would trade on arrival is rejected by the venue (reason
  /// would_cross) instead of taking liquidity; it only ever rests (maker fills).
  bool post_only = false;
  /// Reduce-only: the order manager rejects it (reason reduce_only) when it could increase the
  /// strategy's absolute position, and shrinks or cancels it when fills elsewhere leave it less to
  /// close (docs/order-manager.md).
  bool reduce_only = false;
  /// Bracket exit: the entry order whose fills this order closes (0: none). The order manager
  /// holds it until the entry fills and sizes it to the entry's filled quantity.
  order_id parent = 0;
  /// One-cancels-other: the sibling order, which must name this order in turn (0: none). A fill of
  /// one shrinks the other by as much; when one ends the other is cancelled.
  order_id oco = 0;
  /// Trailing stop (a stop order): the stop follows the best price seen at this distance (zero:
  /// not trailing by a price offset). The order manager holds and moves it and sends a market
  /// order when it triggers.
  price trail_offset{};
  /// Trailing stop: the distance in basis points of the best price seen (0: none); added to
  /// trail_offset when both are set.
  std::uint32_t trail_bps = 0;

  /// Returns true when the order is a trailing stop (trail_offset or trail_bps set).
  [[nodiscard]] bool trailing() const noexcept { return !trail_offset.is_zero() || trail_bps != 0; }
};

/// Command: cancel an order.
struct cancel_order {
  /// Data time (ns).
  timestamp ts_event = 0;
  /// Creation time (ns).
  timestamp ts_init = 0;
  /// The order to cancel.
  order_id id = 0;
  /// The strategy asking (it must own the order).
  strategy_id strategy = 0;
};

/// Command: change an order's limit price and/or open quantity (zero means unchanged).
struct replace_order {
  /// Data time (ns).
  timestamp ts_event = 0;
  /// Creation time (ns).
  timestamp ts_init = 0;
  /// The order to change.
  order_id id = 0;
  /// The strategy asking (it must own the order).
  strategy_id strategy = 0;
  /// The new limit price, or zero to keep it.
  price new_price;
  /// The new open (remaining) quantity, not a new total, or zero to keep it.
  quantity new_qty;
};

/// Which command a rejection answers.
enum class command_kind : std::uint8_t { submit, cancel, replace };

/// Why a command was refused; the detail text names the numbers.
enum class order_reject_reason : std::uint8_t {
  unknown_symbol,     ///< No venue (route or instrument) for the symbol.
  duplicate_id,       ///< The order id was used before.
  unknown_order,      ///< Cancel/replace of an id never seen.
  order_finished,     ///< Cancel/replace of a filled, cancelled, rejected or expired order.
  invalid_order,      ///< Quantity not positive, or a price the type needs is missing or wrong.
  off_tick,           ///< A price off the instrument's tick grid.
  off_lot,            ///< A quantity off the instrument's lot grid.
  no_reference_price, ///< A risk rule needed a market price and none is known yet.
  max_order_quantity, ///< Risk: quantity above the limit.
  max_order_notional, ///< Risk: notional above the limit.
  price_band,         ///< Risk: price too far from the reference price.
  max_position,       ///< Risk: position plus open orders would pass the limit.
  rate_limit,         ///< Risk: order rate limit (token bucket) exhausted.
  request_pending,    ///< A cancel or replace is already pending, or the order is not acknowledged.
  not_owner,          ///< The command's strategy does not own the order.
  shutting_down,      ///< The run is stopping.
  would_cross,        ///< A post-only order (or its replace) would have traded on arrival.
  reduce_only,        ///< A reduce-only order could increase the absolute position.
  overflow            ///< Its notional or the position after it would overflow the fixed-point
                      ///< range (orders/risk_rules.hpp check_overflow): refused, never half-booked.
};

/// Why an order ended with an open quantity.
enum class order_cancel_reason : std::uint8_t {
  user,         ///< Cancelled on request.
  no_liquidity, ///< A market order's remainder (market orders never rest).
  ioc,          ///< An IOC order's remainder.
  fok,          ///< A FOK order that could not fill completely.
  shutdown,     ///< Cancelled at the end of the run (open, or still on its way to the venue).
  oco,          ///< Its one-cancels-other sibling (or bracket sibling) filled or ended.
  parent,       ///< A bracket exit whose entry was cancelled, or ended without any fill.
  reduce_only   ///< A reduce-only order left with nothing to reduce (the position went flat).
};

/// Whether a fill added or took liquidity.
enum class liquidity : std::uint8_t { maker, taker };

// The names return std::string (not string_view like the other core enums) so that CAF's
// deep_to_string prints the messages' enums by name.

/// Returns "submit", "cancel" or "replace".
[[nodiscard]] std::string to_string(command_kind kind);
/// Returns the reason's snake_case name, e.g. "max_position".
[[nodiscard]] std::string to_string(order_reject_reason reason);
/// Returns the reason's snake_case name, e.g. "no_liquidity".
[[nodiscard]] std::string to_string(order_cancel_reason reason);
/// Returns "maker" or "taker".
[[nodiscard]] std::string to_string(liquidity value);

/// Who, what and when: common to every order event.
struct order_event_header {
  /// Data time at which it happened (ns).
  timestamp ts_event = 0;
  /// Creation time (ns).
  timestamp ts_init = 0;
  /// The order.
  order_id id = 0;
  /// Its strategy.
  strategy_id strategy = 0;
  /// Its account.
  account_id account = 0;
  /// Its instrument.
  symbol_id symbol;
};

/// Event: the venue accepted the order.
struct order_accepted {
  /// Who, what, when.
  order_event_header header;
};

/// Event: a command was refused (by the order manager, its risk rules or the venue).
struct order_rejected {
  /// Who, what, when.
  order_event_header header;
  /// The refused command.
  command_kind command = command_kind::submit;
  /// Why.
  order_reject_reason reason = order_reject_reason::invalid_order;
  /// A sentence naming the order id and the numbers.
  std::string detail;
};

/// One execution (carried by order_partially_filled or order_filled).
struct fill {
  /// Who, what, when.
  order_event_header header;
  /// The venue's trade id.
  trade_id trade = 0;
  /// The order's side.
  side fill_side = side::buy;
  /// Execution price.
  price fill_price;
  /// Executed quantity.
  quantity fill_qty;
  /// Open quantity after this fill.
  quantity leaves_qty;
  /// Fee charged (negative for a rebate).
  money fee;
  /// Maker or taker.
  liquidity role = liquidity::taker;
};

/// Event: a fill that leaves the order open.
struct order_partially_filled {
  /// The fill.
  fill execution;
};

/// Event: a fill that completes the order.
struct order_filled {
  /// The fill.
  fill execution;
};

/// Event: the order left the market with an open quantity.
struct order_cancelled {
  /// Who, what, when.
  order_event_header header;
  /// The open quantity it had.
  quantity remaining;
  /// Why.
  order_cancel_reason reason = order_cancel_reason::user;
};

/// Event: a replace took effect.
struct order_replaced {
  /// Who, what, when.
  order_event_header header;
  /// The limit price now (the stop price for a plain stop order).
  price new_price;
  /// The open quantity now.
  quantity new_qty;
};

/// Event: a DAY order expired at the end of the session.
struct order_expired {
  /// Who, what, when.
  order_event_header header;
  /// The open quantity it had.
  quantity remaining;
};

/// Event: a stop or stop-limit order triggered.
struct order_triggered {
  /// Who, what, when.
  order_event_header header;
};

} // namespace bourse

namespace bourse::orders {

/// Any order command, as strategies send them and the order manager routes them.
using order_command = std::variant<submit_order, cancel_order, replace_order>;

/// Any execution event, as venues report them and the order manager forwards them; whether a fill
/// completes the order is which struct it is.
using execution_event =
    std::variant<order_accepted, order_rejected, order_partially_filled, order_filled,
                 order_cancelled, order_replaced, order_expired, order_triggered>;

/// True for the structs that carry a fill (their header is in `execution`).
template <class Event>
inline constexpr bool carries_fill_v =
    std::is_same_v<std::remove_const_t<Event>, order_partially_filled> ||
    std::is_same_v<std::remove_const_t<Event>, order_filled>;

/// Returns the header of one event (a fill's is in its execution).
template <class Event,
          class = std::enable_if_t<!std::is_same_v<std::remove_const_t<Event>, execution_event>>>
[[nodiscard]] constexpr auto& header_of(Event& event) noexcept {
  if constexpr (carries_fill_v<Event>)
    return event.execution.header;
  else
    return event.header;
}

/// Returns the header of any execution event.
[[nodiscard]] const order_event_header& header_of(const execution_event& event) noexcept;

/// Returns the order id any command is about.
[[nodiscard]] order_id id_of(const order_command& command) noexcept;

} // namespace bourse::orders
