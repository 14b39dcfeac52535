#pragma once
// The order flow's messages: the commands a strategy sends (submit, cancel, replace) and the events
// that answer them (accepted, rejected, fills, cancelled, replaced, expired, triggered). Plain
// structs without CAF: strategies, the order manager core and the simulated venue core use them,
// and the actors send them as they are (bourse/protocol/orders.hpp adds their inspect() overloads,
// the batches and the typed actor interfaces).
//
// Order ids are chosen by the strategy that submits (compose_order_id, bourse/strategy/order_ids.hpp)
// so that a strategy knows the id of every order it sends; the order manager refuses an id it has
// seen before.

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

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
  std::string symbol;
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
  shutting_down       ///< The run is stopping.
};

/// Why an order ended with an open quantity.
enum class order_cancel_reason : std::uint8_t {
  user,         ///< Cancelled on request.
  no_liquidity, ///< A market order's remainder (market orders never rest).
  ioc,          ///< An IOC order's remainder.
  fok,          ///< A FOK order that could not fill completely.
  shutdown      ///< Cancelled by the order manager at the end of the run.
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
  std::string symbol;
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

/// Command: place a new order (mirrors bourse::submit_order).
struct new_order_request {
  /// Data time at which the strategy decided (ns).
  timestamp ts_event = 0;
  /// When the system created the command (ns).
  timestamp ts_init = 0;
  /// The order's id, chosen by the strategy.
  order_id id = 0;
  /// The owning strategy.
  bourse::strategy_id strategy = 0;
  /// The account it trades for.
  bourse::account_id account = 0;
  /// The instrument.
  std::string symbol;
  /// Buy or sell.
  side order_side = side::buy;
  /// Limit, market, stop or stop-limit.
  order_type type = order_type::limit;
  /// GTC, DAY, IOC or FOK.
  time_in_force tif = time_in_force::gtc;
  /// Limit price (limit, stop-limit); zero means none.
  price limit_price;
  /// Stop price (stop, stop-limit); zero means none.
  price stop_price;
  /// Order quantity (positive).
  quantity qty;
  /// Paper mode: wall-clock arrival (monotonic ns) of the data that triggered the order; 0 if none.
  timestamp ts_trigger = 0;
};

/// Command: cancel an order (mirrors bourse::cancel_order).
struct cancel_request {
  /// Data time (ns).
  timestamp ts_event = 0;
  /// Creation time (ns).
  timestamp ts_init = 0;
  /// The order to cancel.
  order_id id = 0;
  /// The strategy asking (must own the order).
  bourse::strategy_id strategy = 0;
};

/// Command: change an order's limit price and/or open quantity (mirrors bourse::replace_order).
struct replace_request {
  /// Data time (ns).
  timestamp ts_event = 0;
  /// Creation time (ns).
  timestamp ts_init = 0;
  /// The order to change.
  order_id id = 0;
  /// The strategy asking (must own the order).
  bourse::strategy_id strategy = 0;
  /// The new limit price; zero keeps it.
  price new_price;
  /// The new open (remaining) quantity, not a new total; zero keeps it.
  quantity new_qty;
};

/// Which command an event answers (mirrors bourse::command_kind).
enum class command_type : std::uint8_t { submit, cancel, replace };

/// Why a command was refused (mirrors bourse::order_reject_reason, same enumerators in the same
/// order).
enum class reject_reason : std::uint8_t {
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
  shutting_down       ///< The run is stopping.
};

/// Returns the reason's snake_case name, e.g. "max_position".
[[nodiscard]] std::string_view to_string(reject_reason reason) noexcept;

/// Why an order ended with an open quantity (mirrors bourse::order_cancel_reason).
enum class cancel_reason : std::uint8_t {
  user,         ///< Cancelled on request.
  no_liquidity, ///< A market order's remainder (market orders never rest).
  ioc,          ///< An IOC order's remainder.
  fok,          ///< A FOK order that could not fill completely.
  shutdown      ///< Cancelled at the end of the run.
};

/// Returns the reason's snake_case name, e.g. "no_liquidity".
[[nodiscard]] std::string_view to_string(cancel_reason reason) noexcept;

/// Whether a fill added or took liquidity (mirrors bourse::liquidity).
enum class liquidity_role : std::uint8_t { maker, taker };

/// Who, what and when, common to every execution event (mirrors bourse::order_event_header).
struct event_header {
  /// Data time at which it happened (ns).
  timestamp ts_event = 0;
  /// Creation time (ns).
  timestamp ts_init = 0;
  /// The order.
  order_id id = 0;
  /// Its strategy.
  bourse::strategy_id strategy = 0;
  /// Its account.
  bourse::account_id account = 0;
  /// Its instrument.
  std::string symbol;
};

/// The venue accepted the order.
struct accepted_event {
  /// Who, what, when.
  event_header header;
};

/// A command was refused (by the order manager, its risk rules or the venue).
struct rejected_event {
  /// Who, what, when.
  event_header header;
  /// The refused command.
  command_type command = command_type::submit;
  /// Why.
  reject_reason reason = reject_reason::invalid_order;
  /// A sentence naming the order id and the numbers.
  std::string detail;
};

/// One execution (mirrors bourse::fill; `complete` chooses order_filled or order_partially_filled).
struct fill_event {
  /// Who, what, when.
  event_header header;
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
  liquidity_role role = liquidity_role::taker;
  /// True when this fill completes the order.
  bool complete = false;
};

/// The order left the market with an open quantity.
struct cancelled_event {
  /// Who, what, when.
  event_header header;
  /// The open quantity it had.
  quantity remaining;
  /// Why.
  cancel_reason reason = cancel_reason::user;
};

/// A replace took effect.
struct replaced_event {
  /// Who, what, when.
  event_header header;
  /// The limit price now (the stop price for a plain stop order).
  price new_price;
  /// The open quantity now.
  quantity new_qty;
};

/// A DAY order expired at the end of the session.
struct expired_event {
  /// Who, what, when.
  event_header header;
  /// The open quantity it had.
  quantity remaining;
};

/// A stop or stop-limit order triggered.
struct triggered_event {
  /// Who, what, when.
  event_header header;
};

/// Any execution event, as venues report them and the order manager forwards them.
using execution_event = std::variant<accepted_event, rejected_event, fill_event, cancelled_event,
                                     replaced_event, expired_event, triggered_event>;

/// Any order command, as strategies send them and the order manager routes them.
using order_command = std::variant<new_order_request, cancel_request, replace_request>;

/// Returns the header of any execution event.
[[nodiscard]] const event_header& header_of(const execution_event& event) noexcept;

/// Returns the order id any command is about.
[[nodiscard]] order_id id_of(const order_command& command) noexcept;

} // namespace bourse::orders
