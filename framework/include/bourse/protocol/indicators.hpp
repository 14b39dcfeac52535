#pragma once
// Indicator protocol: indicator actors publish updates (the strategy core's own indicator_update,
// bourse/strategy/events.hpp) to their subscribers.

#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/interned_string.hpp"
#include "bourse/protocol/market_data.hpp"
#include "bourse/strategy/events.hpp"

namespace bourse {

/// Several updates in one message, handled in order as if sent one by one: in a backtest an
/// indicator actor sends each subscriber one per step, however many bars the step covered.
struct indicator_updates {
  /// The updates, ascending by ts_event.
  std::vector<indicator_update> updates;
};

/// Receives indicator updates.
using indicator_listener_actor =
    caf::typed_actor<caf::reacts_to<indicator_update>, caf::reacts_to<indicator_updates>>;

/// Command: send this indicator actor's updates to `listener`.
struct subscribe_indicators {
  /// Who receives the updates.
  indicator_listener_actor listener;
};

/// Command to an indicator pool: send the updates of `symbol`'s indicators to `listener`.
struct subscribe_symbol_indicators {
  /// The symbol whose updates the listener wants.
  std::string symbol;
  /// Who receives the updates.
  indicator_listener_actor listener;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, indicator_update& x) {
  return f(caf::meta::type_name("bourse::indicator_update"), x.ts, x.ts_init, x.symbol, x.spec,
           x.count, x.names, x.values, x.ts_arrival);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, indicator_updates& x) {
  return f(caf::meta::type_name("bourse::indicator_updates"), x.updates);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, subscribe_indicators& x) {
  return f(caf::meta::type_name("bourse::subscribe_indicators"), x.listener);
}

/// An indicator actor: hosts indicators for one symbol's bar (or trade) stream and publishes updates.
using indicator_actor = participant_actor::extend_with<market_data_listener_actor>::extend<
    caf::reacts_to<subscribe_indicators>>;

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, subscribe_symbol_indicators& x) {
  return f(caf::meta::type_name("bourse::subscribe_symbol_indicators"), x.symbol, x.listener);
}

/// An indicator pool (actors/indicator/indicator_pool.hpp): one participant hosting many symbols'
/// indicators; subscribes listeners per symbol.
using indicator_pool_actor = indicator_actor::extend<caf::reacts_to<subscribe_symbol_indicators>>;

/// Registers the indicator protocol's message types.
void register_indicator_types(caf::actor_system_config& cfg);

} // namespace bourse
