// The indicator actor: bars in, indicator_update out.
#include "bourse/actors/indicator/indicator.hpp"

#include <algorithm>
#include <utility>
#include <variant>
#include <vector>

#include "bourse/indicators/indicator.hpp"
#include "bourse/logging/logging.hpp"

namespace bourse {

namespace {

using indicator_input = std::variant<quote_batch, trade_batch, bar_batch>;

struct indicator_state {
  participant<indicator_input> part;
  symbol_id symbol;
  std::vector<indicators::indicator> hosted;
  // Each hosted indicator's spec and output names, interned once.
  std::vector<interned_string> specs;
  std::vector<std::array<interned_string, max_indicator_outputs>> names;
  std::vector<indicator_listener_actor> subscribers;
  // Backtest: each subscriber's updates of the current step (same order as subscribers), sent as
  // one indicator_updates at its end.
  std::vector<indicator_updates> collected;
  static inline const char* name = "indicator";
};

using self_ptr = indicator_actor::stateful_pointer<indicator_state>;

// Every output of every indicator fits an update.
static_assert(indicators::max_outputs <= max_indicator_outputs);

void publish(self_ptr self, timestamp ts_event, timestamp ts_arrival) {
  auto& st = self->state;
  for (std::size_t k = 0; k < st.hosted.size(); ++k) {
    const auto& ind = st.hosted[k];
    if (!ind.ready())
      continue;
    indicator_update msg;
    msg.ts = ts_event;
    msg.ts_init = st.part.now();
    msg.ts_arrival = ts_arrival;
    msg.symbol = st.symbol;
    msg.spec = st.specs[k];
    for (std::size_t i = 0; i < ind.output_count(); ++i)
      (void)msg.add(st.names[k][i], ind.value(i));
    if (st.part.mode() == run_mode::backtest) {
      st.collected.resize(st.subscribers.size());
      for (std::size_t i = 0; i < st.subscribers.size(); ++i) {
        st.part.count_for(st.subscribers[i]);
        if (i + 1 < st.subscribers.size())
          st.collected[i].updates.push_back(msg);
        else
          st.collected[i].updates.push_back(std::move(msg));
      }
    } else {
      for (const auto& sub : st.subscribers)
        st.part.send(self, sub, msg);
    }
  }
}

// Backtest: one message per subscriber per step, however many bars the step covered.
void flush(self_ptr self) {
  auto& st = self->state;
  for (std::size_t i = 0; i < st.collected.size(); ++i)
    if (!st.collected[i].updates.empty())
      st.part.send_collected(self, st.subscribers[i], std::move(st.collected[i]));
  st.collected.clear();
}

void on_bars(self_ptr self, const bar_batch& batch) {
  auto& st = self->state;
  if (st.part.mode() == run_mode::paper)
    st.part.set_now(batch.ts_event);
  for (const auto& b : batch.bars) {
    if (b.symbol != st.symbol)
      continue;
    auto input = indicators::to_ohlcv(b.data);
    for (auto& ind : st.hosted)
      ind.update(input);
    publish(self, b.data.ts, batch.ts_arrival);
  }
}

indicator_actor::behavior_type indicator_behavior(self_ptr self, indicator_actor_config config,
                                                  participant_setup setup) {
  auto& st = self->state;
  st.symbol = config.symbol;
  for (const auto& spec : config.specs) {
    auto made = indicators::make_indicator(spec);
    if (made && made.value->output_count() > max_indicator_outputs) {
      logger(log_component::indicator)
          .error("Indicator spec refused symbol={} spec={} error=\"{} outputs, at most {}\"",
                 config.symbol, spec, made.value->output_count(), max_indicator_outputs);
    } else if (made) {
      std::array<interned_string, max_indicator_outputs> names{};
      for (std::size_t i = 0; i < made.value->output_count(); ++i)
        names[i] = interned_string{made.value->output_names()[i]};
      st.specs.emplace_back(made.value->spec().text);
      st.names.push_back(names);
      st.hosted.push_back(std::move(*made.value));
    } else
      logger(log_component::indicator)
          .error("Indicator spec refused symbol={} error=\"{}\"", config.symbol, made.error);
  }
  participant_hooks<indicator_input> hooks;
  hooks.handle = [self](indicator_input& in) {
    if (auto* bars = std::get_if<bar_batch>(&in))
      on_bars(self, *bars);
  };
  hooks.end_step = [self] { flush(self); };
  st.part.configure(setup, std::move(hooks));
  return {
      [=](sim_step& step) -> caf::result<sim_step_done> {
        return self->state.part.step(self, step);
      },
      [=](stop_run& stop) -> sim_step_done { return self->state.part.stop(stop.ts_event, [] {}); },
      [=](get_runtime_info) { return participant<indicator_input>::runtime(self); },
      [=](quote_batch& b) { self->state.part.accept(self, indicator_input{std::move(b)}); },
      [=](trade_batch& b) { self->state.part.accept(self, indicator_input{std::move(b)}); },
      [=](bar_batch& b) { self->state.part.accept(self, indicator_input{std::move(b)}); },
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<indicator_input>(std::move(w)));
      },
      [=](subscribe_indicators& sub) {
        auto& subs = self->state.subscribers;
        if (std::find(subs.begin(), subs.end(), sub.listener) == subs.end())
          subs.push_back(std::move(sub.listener));
      },
  };
}

} // namespace

indicator_actor spawn_indicator(caf::actor_system& sys, const indicator_actor_config& config,
                                participant_setup setup) {
  if (config.detached)
    return sys.spawn<caf::detached>(indicator_behavior, config, std::move(setup));
  return sys.spawn(indicator_behavior, config, std::move(setup));
}

} // namespace bourse
