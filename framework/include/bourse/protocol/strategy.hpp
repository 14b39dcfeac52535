#pragma once
// Strategy protocol: what a strategy actor accepts.

#include <cstdint>
#include <string>

#include <caf/all.hpp>

#include "bourse/protocol/aggregator.hpp"
#include "bourse/protocol/indicators.hpp"
#include "bourse/protocol/orders.hpp"

namespace bourse {

/// A strategy's timer fired (paper mode; in backtests timers fire on data time when stepped).
struct timer_fired {
  std::uint64_t timer = 0; ///< The timer's id as returned when it was set.
  timestamp due = 0;       ///< When it was due (ns).
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, timer_fired& x) {
  return f(caf::meta::type_name("bourse::timer_fired"), x.timer, x.due);
}

/// Query: how is the strategy doing (answered directly, also during a run).
struct get_strategy_status {};

/// Reply to get_strategy_status.
struct strategy_status {
  strategy_id strategy = 0;           ///< The strategy's id.
  account_id account = 0;             ///< Its account.
  std::string name;                   ///< Its name.
  bool started = false;               ///< on_start ran.
  bool stopped = false;               ///< on_stop ran.
  bool halted = false;                ///< Disabled after too many exceptions in its handlers.
  std::uint64_t errors = 0;           ///< Exceptions thrown by its handlers so far.
  std::string last_error;             ///< The latest exception's handler and message.
  std::uint64_t orders_submitted = 0; ///< Orders it submitted.
  std::uint64_t open_orders = 0;      ///< Orders open in its own books.
  std::uint64_t timers = 0;           ///< Timers pending.
  timestamp halted_at = 0;            ///< Data time it was halted at (when halted).
  std::uint32_t restarts = 0;         ///< Times the restart policy replaced it.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, get_strategy_status&) {
  return f(caf::meta::type_name("bourse::get_strategy_status"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, strategy_status& x) {
  return f(caf::meta::type_name("bourse::strategy_status"), x.strategy, x.account, x.name,
           x.started, x.stopped, x.halted, x.errors, x.last_error, x.orders_submitted,
           x.open_orders, x.timers, x.halted_at, x.restarts);
}

/// A strategy actor: market data, indicator updates, aggregated quotes, order events, timers, and
/// the status query.
using strategy_actor = participant_actor::extend_with<market_data_listener_actor>::extend_with<
    indicator_listener_actor>::extend_with<order_event_listener_actor>::
    extend_with<aggregated_quote_listener_actor>::extend<
        caf::reacts_to<timer_fired>, caf::replies_to<get_strategy_status>::with<strategy_status>,
        caf::replies_to<get_latency>::with<latency_report>>;

/// Registers the strategy protocol's message types.
void register_strategy_types(caf::actor_system_config& cfg);

} // namespace bourse
