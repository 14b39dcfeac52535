#pragma once
// Indicator protocol: indicator actors publish updates to their subscribers.

#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/interned_string.hpp"
#include "bourse/protocol/market_data.hpp"

namespace bourse {

/// Event: an indicator of a symbol has new values.
struct indicator_updated {
  /// Data time of the input that produced the values (ns).
  timestamp ts_event = 0;
  /// When this system created the message (ns).
  timestamp ts_init = 0;
  /// The symbol the indicator follows.
  symbol_id symbol;
  /// The indicator's spec as written, e.g. "rsi:14" or "macd:12:26:9".
  std::string spec;
  /// The output names, e.g. {"rsi:14"} or {"macd:12:26:9.macd", ".signal", ".hist" in full}.
  std::vector<std::string> names;
  /// The values, one per name; only sent once the indicator is ready.
  std::vector<double> values;
  /// Paper mode: the ts_arrival of the market data that produced it (monotonic ns); 0 in a
  /// backtest.
  timestamp ts_arrival = 0;
};

/// Several updates in one message, handled in order as if sent one by one: in a backtest an
/// indicator actor sends each subscriber one per step, however many bars the step covered.
struct indicator_updates {
  /// The updates, ascending by ts_event.
  std::vector<indicator_updated> updates;
};

/// Receives indicator updates.
using indicator_listener_actor =
    caf::typed_actor<caf::reacts_to<indicator_updated>, caf::reacts_to<indicator_updates>>;

/// Command: send this indicator actor's updates to `listener`.
struct subscribe_indicators {
  /// Who receives the updates.
  indicator_listener_actor listener;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, indicator_updated& x) {
  return f(caf::meta::type_name("bourse::indicator_updated"), x.ts_event, x.ts_init, x.symbol,
           x.spec, x.names, x.values, x.ts_arrival);
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

/// Registers the indicator protocol's message types.
void register_indicator_types(caf::actor_system_config& cfg);

} // namespace bourse
