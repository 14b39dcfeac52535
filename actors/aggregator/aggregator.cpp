// The aggregator actor: quote batches in, aggregated quotes and arbitrage opportunities out.
#include "bourse/actors/aggregator/aggregator.hpp"

#include <algorithm>
#include <memory>
#include <utility>
#include <variant>
#include <vector>

namespace bourse {

namespace {

using aggregator_input = std::variant<quote_batch, trade_batch, bar_batch>;

struct subscriber {
  aggregated_quote_listener_actor listener;
  std::string instrument; // or "*"
  bool opportunities = true;
};

struct aggregator_state {
  participant<aggregator_input> part;
  std::unique_ptr<quote_aggregator> core;
  std::vector<subscriber> subscribers;
  // Backtest: each subscriber's updates of the current step (same order as subscribers), sent as
  // one aggregator_updates at its end.
  std::vector<aggregator_updates> collected;
  static inline const char* name = "aggregator";
};

using self_ptr = aggregator_actor::stateful_pointer<aggregator_state>;

aggregated_quote to_message(const aggregated_view& view, timestamp ts_init) {
  aggregated_quote out;
  out.ts_event = view.ts;
  out.ts_init = ts_init;
  out.instrument = view.instrument;
  out.best_bid_venue = view.bid.venue;
  out.best_bid = view.bid.px;
  out.best_bid_size = view.bid.size;
  out.best_ask_venue = view.ask.venue;
  out.best_ask = view.ask.px;
  out.best_ask_size = view.ask.size;
  out.spread = view.spread;
  out.best_bid_symbol = view.bid.symbol;
  out.best_ask_symbol = view.ask.symbol;
  return out;
}

arbitrage_opportunity to_message(const aggregated_view& view, const cross_venue_arbitrage& arb,
                                 timestamp ts_init) {
  arbitrage_opportunity out;
  out.ts_event = view.ts;
  out.ts_init = ts_init;
  out.instrument = view.instrument;
  out.buy_venue = arb.buy.venue;
  out.buy_symbol = arb.buy.symbol;
  out.buy_price = arb.buy.px;
  out.sell_venue = arb.sell.venue;
  out.sell_symbol = arb.sell.symbol;
  out.sell_price = arb.sell.px;
  out.size = arb.size;
  out.edge = arb.edge;
  return out;
}

void on_quotes(self_ptr self, const quote_batch& batch) {
  auto& st = self->state;
  if (st.part.mode() == run_mode::paper)
    st.part.set_now(batch.ts_event);
  for (auto& update : st.core->apply(batch.quotes)) {
    auto quote_msg = to_message(update.view, st.part.now());
    quote_msg.ts_arrival = batch.ts_arrival;
    for (std::size_t i = 0; i < st.subscribers.size(); ++i) {
      const auto& sub = st.subscribers[i];
      if (sub.instrument != "*" && sub.instrument != update.view.instrument)
        continue;
      const bool arbitrage = update.arbitrage && sub.opportunities;
      if (st.part.mode() == run_mode::backtest) {
        st.collected.resize(st.subscribers.size());
        auto& out = st.collected[i].updates;
        st.part.count_for(sub.listener);
        out.emplace_back(quote_msg);
        if (arbitrage) {
          st.part.count_for(sub.listener);
          out.emplace_back(to_message(update.view, *update.arbitrage, st.part.now()));
        }
        continue;
      }
      st.part.send(self, sub.listener, quote_msg);
      if (arbitrage) {
        auto arb = to_message(update.view, *update.arbitrage, st.part.now());
        arb.ts_arrival = batch.ts_arrival;
        st.part.send(self, sub.listener, std::move(arb));
      }
    }
  }
}

// Backtest: one message per subscriber per step, however many quotes the step covered.
void flush(self_ptr self) {
  auto& st = self->state;
  for (std::size_t i = 0; i < st.collected.size(); ++i)
    if (!st.collected[i].updates.empty())
      st.part.send_collected(self, st.subscribers[i].listener, std::move(st.collected[i]));
  st.collected.clear();
}

aggregator_actor::behavior_type aggregator_behavior(self_ptr self, aggregator_config config,
                                                    participant_setup setup) {
  auto& st = self->state;
  st.core = std::make_unique<quote_aggregator>(std::move(config.listings));
  participant_hooks<aggregator_input> hooks;
  hooks.handle = [self](aggregator_input& in) {
    if (auto* quotes = std::get_if<quote_batch>(&in))
      on_quotes(self, *quotes);
  };
  hooks.end_step = [self] { flush(self); };
  st.part.configure(setup, std::move(hooks));
  return {
      [=](sim_step& step) -> caf::result<sim_step_done> {
        return self->state.part.step(self, step);
      },
      [=](stop_run& stop) -> sim_step_done { return self->state.part.stop(stop.ts_event, [] {}); },
      [=](get_runtime_info) { return participant<aggregator_input>::runtime(self); },
      [=](quote_batch& b) { self->state.part.accept(self, aggregator_input{std::move(b)}); },
      [=](trade_batch& b) { self->state.part.accept(self, aggregator_input{std::move(b)}); },
      [=](bar_batch& b) { self->state.part.accept(self, aggregator_input{std::move(b)}); },
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<aggregator_input>(std::move(w)));
      },
      [=](subscribe_aggregated& sub) {
        auto& subs = self->state.subscribers;
        auto same = [&](const subscriber& s) {
          return s.listener == sub.listener && s.instrument == sub.instrument;
        };
        if (std::none_of(subs.begin(), subs.end(), same))
          subs.push_back(
              subscriber{std::move(sub.listener), std::move(sub.instrument), sub.opportunities});
      },
      [=](get_aggregated& q) -> caf::result<aggregated_quote> {
        auto view = self->state.core->view(q.instrument);
        if (!view)
          return caf::make_error(caf::sec::invalid_argument,
                                 "get_aggregated: no two-sided quote for instrument " +
                                     q.instrument);
        return to_message(*view, self->state.part.now());
      },
  };
}

} // namespace

aggregator_actor spawn_aggregator(caf::actor_system& sys, const aggregator_config& config,
                                  participant_setup setup) {
  if (config.detached)
    return sys.spawn<caf::detached>(aggregator_behavior, config, std::move(setup));
  return sys.spawn(aggregator_behavior, config, std::move(setup));
}

} // namespace bourse
