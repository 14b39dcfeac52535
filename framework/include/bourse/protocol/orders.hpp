#pragma once
// Order protocol: commands (submit/cancel/replace), events (accepted, rejected, filled, ...), the
// open-orders query, and the typed interfaces of the order manager, the venues and order listeners.
//
// Order ids are chosen by the strategy that submits (compose_order_id, bourse/strategy/order_ids.hpp)
// so that a strategy knows the id of every order it sends; the order manager refuses an id it has
// seen before.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/orders/order_state.hpp"
#include "bourse/strategy/order_ids.hpp"
#include "bourse/protocol/market_data.hpp"

namespace bourse {

/// Command: place a new order.
struct submit_order {
  timestamp ts_event = 0;     ///< Data time at which the strategy decided (ns).
  timestamp ts_init = 0;      ///< When this system created the message (ns).
  order_id id = 0;            ///< The order's id (compose_order_id).
  strategy_id strategy = 0;   ///< The owning strategy.
  account_id account = 0;     ///< The account it trades for.
  std::string symbol;         ///< The instrument.
  side order_side = side::buy;                   ///< Buy or sell.
  order_type type = order_type::limit;           ///< Limit, market, stop or stop-limit.
  time_in_force tif = time_in_force::gtc;        ///< GTC, DAY, IOC or FOK.
  price limit_price;          ///< Limit price (limit, stop-limit), zero otherwise.
  price stop_price;           ///< Stop price (stop, stop-limit), zero otherwise.
  quantity qty;               ///< Order quantity (positive).
  /// Paper mode: the ts_arrival (monotonic ns) of the market data the strategy was handling when
  /// it decided; 0 in a backtest or when no market data triggered it (timers, order events). The
  /// venue records monotonic_now() - ts_trigger as tick -> order latency.
  timestamp ts_trigger = 0;
};

/// Command: cancel an order.
struct cancel_order {
  timestamp ts_event = 0;   ///< Data time (ns).
  timestamp ts_init = 0;    ///< Creation time (ns).
  order_id id = 0;          ///< The order to cancel.
  strategy_id strategy = 0; ///< The owning strategy.
};

/// Command: change an order's price and/or open quantity (zero means unchanged).
struct replace_order {
  timestamp ts_event = 0;   ///< Data time (ns).
  timestamp ts_init = 0;    ///< Creation time (ns).
  order_id id = 0;          ///< The order to change.
  strategy_id strategy = 0; ///< The owning strategy.
  price new_price;          ///< The new limit price, or zero to keep it.
  quantity new_qty;         ///< The new open quantity, or zero to keep it.
};

/// Which command a rejection answers.
enum class command_kind : std::uint8_t { submit, cancel, replace };

/// Why a command was refused; the detail text names the numbers.
enum class order_reject_reason : std::uint8_t {
  unknown_symbol,        ///< No venue trades the symbol.
  duplicate_id,          ///< The order id was used before.
  unknown_order,         ///< Cancel/replace of an id never seen.
  order_finished,        ///< Cancel/replace of a filled, cancelled, rejected or expired order.
  invalid_order,         ///< Quantity not positive, or a price the type needs is missing or wrong.
  off_tick,              ///< A price off the instrument's tick grid.
  off_lot,               ///< A quantity off the instrument's lot grid.
  no_reference_price,    ///< A risk rule needed a market price and none is known yet.
  max_order_quantity,    ///< Risk: quantity above the limit.
  max_order_notional,    ///< Risk: notional above the limit.
  price_band,            ///< Risk: price too far from the reference price.
  max_position,          ///< Risk: position plus open orders would pass the limit.
  rate_limit,            ///< Risk: order rate limit (token bucket) exhausted.
  request_pending,       ///< A cancel or replace is already pending for the order.
  not_owner,             ///< The command's strategy does not own the order.
  shutting_down          ///< The run is stopping.
};

/// Returns the reason's snake_case name.
[[nodiscard]] std::string to_string(order_reject_reason reason);
/// Returns "submit", "cancel" or "replace".
[[nodiscard]] std::string to_string(command_kind kind);

/// Why an order ended with an open quantity.
enum class order_cancel_reason : std::uint8_t {
  user,         ///< Cancelled on request.
  no_liquidity, ///< A market order's remainder (market orders never rest).
  ioc,          ///< An IOC order's remainder.
  fok,          ///< A FOK order that could not fill completely.
  shutdown      ///< Cancelled by the order manager at the end of the run.
};

/// Returns the reason's snake_case name.
[[nodiscard]] std::string to_string(order_cancel_reason reason);

/// Whether a fill added or took liquidity.
enum class liquidity : std::uint8_t { maker, taker };

/// Returns "maker" or "taker".
[[nodiscard]] std::string to_string(liquidity value);

/// Common header of every order event.
struct order_event_header {
  timestamp ts_event = 0;   ///< Data time at which it happened (ns).
  timestamp ts_init = 0;    ///< Creation time (ns).
  order_id id = 0;          ///< The order.
  strategy_id strategy = 0; ///< Its strategy.
  account_id account = 0;   ///< Its account.
  std::string symbol;       ///< Its instrument.
};

/// Event: the venue accepted the order.
struct order_accepted {
  order_event_header header; ///< Who, what, when.
};

/// Event: a command was refused (by the order manager, its risk rules or the venue).
struct order_rejected {
  order_event_header header;                              ///< Who, what, when.
  command_kind command = command_kind::submit;            ///< The refused command.
  order_reject_reason reason = order_reject_reason::invalid_order; ///< Why.
  std::string detail;                                     ///< The numbers, in words.
};

/// One execution.
struct fill {
  order_event_header header; ///< Who, what, when.
  trade_id trade = 0;        ///< The venue's trade id.
  side fill_side = side::buy; ///< The order's side.
  price fill_price;          ///< Execution price.
  quantity fill_qty;         ///< Executed quantity.
  quantity leaves_qty;       ///< Open quantity after this fill.
  money fee;                 ///< Fee charged (negative for a rebate).
  liquidity role = liquidity::taker; ///< Maker or taker.
};

/// Event: a fill that leaves the order open.
struct order_partially_filled {
  fill execution; ///< The fill.
};

/// Event: a fill that completes the order.
struct order_filled {
  fill execution; ///< The fill.
};

/// Event: the order left the market with an open quantity.
struct order_cancelled {
  order_event_header header;                            ///< Who, what, when.
  quantity remaining;                                   ///< The open quantity it had.
  order_cancel_reason reason = order_cancel_reason::user; ///< Why.
};

/// Event: a replace took effect.
struct order_replaced {
  order_event_header header; ///< Who, what, when.
  price new_price;           ///< The limit price now.
  quantity new_qty;          ///< The open quantity now.
};

/// Event: a DAY order expired at the end of the session.
struct order_expired {
  order_event_header header; ///< Who, what, when.
  quantity remaining;        ///< The open quantity it had.
};

/// Event: a stop or stop-limit order triggered.
struct order_triggered {
  order_event_header header; ///< Who, what, when.
};

/// Query: the open orders of a strategy (0 = all strategies).
struct get_open_orders {
  strategy_id strategy = 0; ///< The strategy, or 0 for all.
};

/// One open order, as the order manager sees it.
struct open_order {
  order_id id = 0;                              ///< The order.
  strategy_id strategy = 0;                     ///< Its strategy.
  account_id account = 0;                       ///< Its account.
  std::string symbol;                           ///< Its instrument.
  side order_side = side::buy;                  ///< Side.
  order_type type = order_type::limit;          ///< Type.
  time_in_force tif = time_in_force::gtc;       ///< Time in force.
  price limit_price;                            ///< Limit price.
  price stop_price;                             ///< Stop price.
  quantity qty;                                 ///< Order quantity.
  quantity filled;                              ///< Filled so far.
  orders::order_state state = orders::order_state::new_order; ///< Lifecycle state.
};

/// Reply to get_open_orders, sorted by order id.
struct open_orders {
  std::vector<open_order> orders; ///< The open orders.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, submit_order& x) {
  return f(caf::meta::type_name("bourse::submit_order"), x.ts_event, x.ts_init, x.id, x.strategy,
           x.account, x.symbol, x.order_side, x.type, x.tif, x.limit_price, x.stop_price, x.qty,
           x.ts_trigger);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, cancel_order& x) {
  return f(caf::meta::type_name("bourse::cancel_order"), x.ts_event, x.ts_init, x.id, x.strategy);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, replace_order& x) {
  return f(caf::meta::type_name("bourse::replace_order"), x.ts_event, x.ts_init, x.id, x.strategy,
           x.new_price, x.new_qty);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_event_header& x) {
  return f(caf::meta::type_name("bourse::order_event_header"), x.ts_event, x.ts_init, x.id,
           x.strategy, x.account, x.symbol);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_accepted& x) {
  return f(caf::meta::type_name("bourse::order_accepted"), x.header);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_rejected& x) {
  return f(caf::meta::type_name("bourse::order_rejected"), x.header, x.command, x.reason,
           x.detail);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fill& x) {
  return f(caf::meta::type_name("bourse::fill"), x.header, x.trade, x.fill_side, x.fill_price,
           x.fill_qty, x.leaves_qty, x.fee, x.role);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_partially_filled& x) {
  return f(caf::meta::type_name("bourse::order_partially_filled"), x.execution);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_filled& x) {
  return f(caf::meta::type_name("bourse::order_filled"), x.execution);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_cancelled& x) {
  return f(caf::meta::type_name("bourse::order_cancelled"), x.header, x.remaining, x.reason);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_replaced& x) {
  return f(caf::meta::type_name("bourse::order_replaced"), x.header, x.new_price, x.new_qty);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_expired& x) {
  return f(caf::meta::type_name("bourse::order_expired"), x.header, x.remaining);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_triggered& x) {
  return f(caf::meta::type_name("bourse::order_triggered"), x.header);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, get_open_orders& x) {
  return f(caf::meta::type_name("bourse::get_open_orders"), x.strategy);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, open_order& x) {
  return f(caf::meta::type_name("bourse::open_order"), x.id, x.strategy, x.account, x.symbol,
           x.order_side, x.type, x.tif, x.limit_price, x.stop_price, x.qty, x.filled, x.state);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, open_orders& x) {
  return f(caf::meta::type_name("bourse::open_orders"), x.orders);
}

/// One order command of a batch.
using order_command_message = caf::variant<submit_order, cancel_order, replace_order>;

/// Several commands in one message, taken in order as if sent one by one (one hop instead of
/// many when a sender has a burst of commands for the same receiver).
struct order_commands {
  std::vector<order_command_message> commands; ///< The commands, in sending order.
};

/// One order event of a batch.
using order_event_message =
    caf::variant<order_accepted, order_rejected, order_partially_filled, order_filled,
                 order_cancelled, order_replaced, order_expired, order_triggered>;

/// Several order events in one message, handled in order as if sent one by one: a venue answers
/// an order_commands batch with one order_events batch.
struct order_events {
  std::vector<order_event_message> events; ///< The events, in sending order.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_commands& x) {
  return f(caf::meta::type_name("bourse::order_commands"), x.commands);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_events& x) {
  return f(caf::meta::type_name("bourse::order_events"), x.events);
}

/// Returns the batch's items as a participant's inputs (`Input` a std::variant that holds every
/// alternative of `Batch`'s items), in order; the batch is moved from.
template <class Input, class Item>
[[nodiscard]] std::vector<Input> batch_inputs(std::vector<Item>&& items) {
  std::vector<Input> out;
  out.reserve(items.size());
  for (auto& item : items)
    caf::visit([&](auto& x) { out.emplace_back(std::move(x)); }, item);
  return out;
}

/// Accepts order commands.
using order_command_actor =
    caf::typed_actor<caf::reacts_to<submit_order>, caf::reacts_to<cancel_order>,
                     caf::reacts_to<replace_order>, caf::reacts_to<order_commands>>;

/// Receives order events (strategies from the order manager; the order manager from venues).
using order_event_listener_actor =
    caf::typed_actor<caf::reacts_to<order_accepted>, caf::reacts_to<order_rejected>,
                     caf::reacts_to<order_partially_filled>, caf::reacts_to<order_filled>,
                     caf::reacts_to<order_cancelled>, caf::reacts_to<order_replaced>,
                     caf::reacts_to<order_expired>, caf::reacts_to<order_triggered>,
                     caf::reacts_to<order_events>>;

/// Receives fills only (the portfolio).
using fill_listener_actor =
    caf::typed_actor<caf::reacts_to<order_partially_filled>, caf::reacts_to<order_filled>>;

/// Command to a venue: send your order events to `listener` (the order manager).
struct attach_order_listener {
  order_event_listener_actor listener; ///< Who receives the venue's events.
};

/// Command to the order manager: route events of `strategy`'s orders to `listener`.
struct register_strategy {
  strategy_id strategy = 0;            ///< The strategy.
  order_event_listener_actor listener; ///< Where its events go.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, attach_order_listener& x) {
  return f(caf::meta::type_name("bourse::attach_order_listener"), x.listener);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, register_strategy& x) {
  return f(caf::meta::type_name("bourse::register_strategy"), x.strategy, x.listener);
}

/// A venue (simulated exchange): matches commands against its books and the replayed market.
using venue_actor = participant_actor::extend_with<order_command_actor>::extend_with<
    market_data_listener_actor>::extend<caf::reacts_to<attach_order_listener>,
                                        caf::replies_to<get_latency>::with<latency_report>>;

/// The order manager: lifecycle, risk, rate limits, priority lane, routing to venues.
using order_manager_actor = participant_actor::extend_with<order_command_actor>::extend_with<
    order_event_listener_actor>::extend_with<market_data_listener_actor>::
    extend<caf::reacts_to<register_strategy>, caf::replies_to<get_open_orders>::with<open_orders>>;

/// Registers the order protocol's message types.
void register_order_types(caf::actor_system_config& cfg);

} // namespace bourse
