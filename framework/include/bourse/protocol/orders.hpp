#pragma once
// Order protocol: the inspect() overloads of the order flow's commands and events (the structs
// themselves are the cores' own, in bourse/orders/order_flow.hpp), their batches, the open-orders
// query, and the typed interfaces of the order manager, the venues and order listeners.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/orders/order_flow.hpp"
#include "bourse/orders/order_state.hpp"
#include "bourse/strategy/order_ids.hpp"
#include "bourse/protocol/market_data.hpp"

namespace bourse {

/// Query: the open orders of a strategy (0 = all strategies).
struct get_open_orders {
  strategy_id strategy = 0; ///< The strategy, or 0 for all.
};

/// One open order, as the order manager sees it.
struct open_order {
  order_id id = 0;                              ///< The order.
  strategy_id strategy = 0;                     ///< Its strategy.
  account_id account = 0;                       ///< Its account.
  symbol_id symbol;                             ///< Its instrument.
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
           x.ts_trigger, x.post_only, x.reduce_only, x.parent, x.oco, x.trail_offset, x.trail_bps);
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

/// Where the order manager journals (bourse/protocol/journal.hpp: the journal actor): each
/// submit_order it sends to a venue as an order_commands batch, every order event it forwards as an
/// order_events batch.
using journal_listener_actor =
    caf::typed_actor<caf::reacts_to<order_commands>, caf::reacts_to<order_events>>;

/// Command to the order manager: journal accepted orders, state changes and fills to `journal`.
struct attach_journal {
  journal_listener_actor journal; ///< The journal actor.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, attach_journal& x) {
  return f(caf::meta::type_name("bourse::attach_journal"), x.journal);
}

/// Command to the order manager: route events of `strategy`'s orders to `listener`.
struct register_strategy {
  strategy_id strategy = 0;            ///< The strategy.
  order_event_listener_actor listener; ///< Where its events go.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, attach_order_listener& x) {
  return f(caf::meta::type_name("bourse::attach_order_listener"), x.listener);
}
/// Command from the sequencer (supervision): a strategy was isolated (it died or stopped answering);
/// cancel its open orders (as halting it would) and forward nothing more to it.
struct isolate_strategy {
  strategy_id strategy = 0; ///< The strategy.
  timestamp ts_event = 0;   ///< Data time of the isolation (the cancels' time).
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, isolate_strategy& x) {
  return f(caf::meta::type_name("bourse::isolate_strategy"), x.strategy, x.ts_event);
}

/// One position a journal recovery rebuilt: a strategy's net quantity in a symbol from the fills
/// of earlier sessions.
struct restored_position {
  strategy_id strategy = 0; ///< The strategy.
  account_id account = 0;   ///< Its account (the fills').
  symbol_id symbol;         ///< The instrument.
  quantity net;             ///< Buys minus sells.
};

/// Setup command to the order manager (journal recovery, before the feeds start): start from these
/// positions, so that the position rules (max_position, reduce-only) see what the journaled fills
/// built.
struct restore_positions {
  std::vector<restored_position> positions; ///< By strategy, account and symbol.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, restored_position& x) {
  return f(caf::meta::type_name("bourse::restored_position"), x.strategy, x.account, x.symbol,
           x.net);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, restore_positions& x) {
  return f(caf::meta::type_name("bourse::restore_positions"), x.positions);
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
    extend<caf::reacts_to<register_strategy>, caf::reacts_to<isolate_strategy>,
           caf::reacts_to<attach_journal>, caf::reacts_to<restore_positions>,
           caf::replies_to<get_open_orders>::with<open_orders>>;

/// Registers the order protocol's message types.
void register_order_types(caf::actor_system_config& cfg);

} // namespace bourse
