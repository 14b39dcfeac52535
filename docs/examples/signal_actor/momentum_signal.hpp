#pragma once
// A user's own actor in a deterministic backtest (docs/writing-a-strategy.md, "Your own actors"):
// a signal actor that turns a symbol's bars into a momentum signal (close / close N bars ago - 1)
// and sends it to the strategies that ask for "momentum" (strategy_spec::signals), as an
// indicator_update they get in on_indicator. It keeps a bourse::participant<> so that the
// sequencer steps it like the built-in actors: the run stays byte-identical whatever the number of
// threads.

#include <cstddef>
#include <deque>
#include <string>
#include <variant>
#include <vector>

#include <caf/all.hpp>

#include "bourse/protocol/indicators.hpp"
#include "bourse/system/participant.hpp"

namespace example {

// [signal-actor]
/// What the hub sends a market data listener.
using signal_input = std::variant<bourse::quote_batch, bourse::trade_batch, bourse::bar_batch>;

/// The actor's state: its participant (buffers and steps inputs), its settings and its listeners.
struct momentum_state {
  bourse::participant<signal_input> part;
  bourse::symbol_id symbol;
  std::size_t lookback = 10;
  std::deque<double> closes;
  std::vector<bourse::indicator_listener_actor> listeners;
  static inline const char* name = "momentum_signal";
};

/// The actor's behaviour: bars in, one "momentum" update per bar out once `lookback` bars are in.
inline bourse::indicator_actor::behavior_type
momentum_signal(bourse::indicator_actor::stateful_pointer<momentum_state> self, std::string symbol,
                std::size_t lookback, bourse::participant_setup setup) {
  self->state.symbol = bourse::symbol_id{symbol};
  self->state.lookback = lookback;
  bourse::participant_hooks<signal_input> hooks;
  hooks.handle = [self](signal_input& in) {
    auto* batch = std::get_if<bourse::bar_batch>(&in);
    if (!batch)
      return; // quotes and trades are not used
    auto& st = self->state;
    for (const auto& b : batch->bars) {
      if (b.symbol != st.symbol)
        continue;
      if (st.part.mode() == bourse::run_mode::paper)
        st.part.set_now(b.data.ts);
      st.closes.push_back(b.data.close.to_double());
      if (st.closes.size() <= st.lookback)
        continue;
      double momentum = st.closes.back() / st.closes.front() - 1.0;
      st.closes.pop_front();
      bourse::indicator_update update;
      update.ts = b.data.ts;
      update.ts_init = st.part.now();
      update.symbol = st.symbol;
      update.spec = bourse::interned_string{"momentum"};
      (void)update.add(bourse::interned_string{"value"}, momentum);
      for (const auto& listener : st.listeners)
        st.part.send(self, listener, update); // counted: the sequencer waits for it
    }
  };
  self->state.part.configure(setup, std::move(hooks));
  return {
      [=](bourse::sim_step& step) -> caf::result<bourse::sim_step_done> {
        return self->state.part.step(self, step);
      },
      [=](bourse::stop_run& stop) -> bourse::sim_step_done {
        return self->state.part.stop(stop.ts_event, [] {});
      },
      [=](bourse::get_runtime_info) {
        return bourse::participant<signal_input>::runtime(self);
      },
      [=](bourse::quote_batch& b) { self->state.part.accept(self, signal_input{std::move(b)}); },
      [=](bourse::trade_batch& b) { self->state.part.accept(self, signal_input{std::move(b)}); },
      [=](bourse::bar_batch& b) { self->state.part.accept(self, signal_input{std::move(b)}); },
      [=](bourse::market_window& w) {
        self->state.part.accept_all(self, bourse::window_inputs<signal_input>(std::move(w)));
      },
      [=](bourse::subscribe_indicators& sub) { self->state.listeners.push_back(sub.listener); },
  };
}
// [signal-actor]

} // namespace example
