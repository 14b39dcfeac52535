// The indicator actor: bars in, indicator_update out.
#include "bourse/actors/indicator/indicator.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "bourse/actors/indicator/indicator_host.hpp"
#include "bourse/indicators/indicator_set.hpp"
#include "bourse/logging/logging.hpp"

namespace bourse {

namespace {

using indicator_input = indicator_host::input;

struct indicator_state {
  participant<indicator_input> part;
  indicators::indicator_set set{symbol_id{}};
  // The updates of the bar being published (kept for its capacity).
  std::vector<indicator_update> ready;
  std::vector<indicator_listener_actor> subscribers;
  // Backtest: each subscriber's updates of the current step (same order as subscribers), sent as
  // one indicator_updates at its end.
  std::vector<indicator_updates> collected;
  static inline const char* name = "indicator";
};

using self_ptr = indicator_actor::stateful_pointer<indicator_state>;

// Sends (paper) or collects (backtest) every update in st.ready, in order.
void publish(self_ptr self) {
  auto& st = self->state;
  for (auto& msg : st.ready) {
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
    if (b.symbol != st.set.symbol())
      continue;
    st.ready.clear();
    st.set.apply(b.data, st.part.now(), batch.ts_arrival, st.ready);
    publish(self);
  }
}

indicator_actor::behavior_type indicator_behavior(self_ptr self, indicator_actor_config config,
                                                  participant_setup setup) {
  auto& st = self->state;
  st.set = indicators::indicator_set{symbol_id{config.symbol}};
  for (const auto& spec : config.specs)
    if (auto error = st.set.add(spec); !error.empty())
      logger(log_component::indicator)
          .error("Indicator spec refused symbol={} error=\"{}\"", config.symbol, error);
  return indicator_host::behavior<indicator_actor::behavior_type>(
      self, std::move(setup), on_bars, flush, [](self_ptr self, subscribe_indicators& sub) {
        auto& subs = self->state.subscribers;
        if (std::find(subs.begin(), subs.end(), sub.listener) == subs.end())
          subs.push_back(std::move(sub.listener));
      });
}

} // namespace

indicator_actor spawn_indicator(caf::actor_system& sys, const indicator_actor_config& config,
                                participant_setup setup) {
  if (config.detached)
    return sys.spawn<caf::detached>(indicator_behavior, config, std::move(setup));
  return sys.spawn(indicator_behavior, config, std::move(setup));
}

} // namespace bourse
