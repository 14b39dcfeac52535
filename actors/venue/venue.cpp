// The simulated venue actor: commands and market data in, execution events out.
#include "bourse/actors/venue/venue.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <variant>

#include "bourse/core/latency_histogram.hpp"
#include "bourse/logging/logging.hpp"
#include "bourse/system/wall_clock.hpp"
#include "bourse/venue/simulated_venue.hpp"

namespace bourse {

namespace {

/// Internal (paper mode): the venue's next wakeup is due.
struct venue_wakeup {
  timestamp due = 0;
};

template <class Inspector> typename Inspector::result_type inspect(Inspector& f, venue_wakeup& x) {
  return f(caf::meta::type_name("bourse::venue_wakeup"), x.due);
}

using venue_impl = venue_actor::extend<caf::reacts_to<venue_wakeup>>;

using venue_input =
    std::variant<submit_order, cancel_order, replace_order, quote_batch, trade_batch, bar_batch>;

struct venue_state {
  participant<venue_input> part;
  std::unique_ptr<venue::simulated_venue> core;
  order_event_listener_actor listener;
  std::string venue_name;
  timestamp scheduled = no_wakeup; // paper: the earliest wakeup a delayed message is on its way for
  bool holding = false;            // paper, during an order_commands batch: events wait in `held`
                                   // (backtest: always, until the step ends)
  std::vector<order_event_message> held;
  bool warned_no_listener = false;
  latency_histogram tick_to_order; // paper: trigger data's arrival -> submit handled here (ns)
  static inline const char* name = "venue";
};

using self_ptr = venue_impl::stateful_pointer<venue_state>;

void emit(self_ptr self) {
  auto& st = self->state;
  auto events = st.core->take_events();
  // Orders that finished shrink to a compact record of their ids (the venue still answers
  // reused ids and late cancels as before).
  st.core->forget_finished();
  if (events.empty())
    return;
  if (!st.listener) {
    if (!st.warned_no_listener)
      logger(log_component::venue)
          .warn("Venue has no order listener venue={} dropped_events={}", st.venue_name,
                events.size());
    st.warned_no_listener = true;
    return;
  }
  if (st.part.mode() == run_mode::backtest) {
    // One order_events per step (counted per event), sent at the step's end.
    for (auto& e : events)
      std::visit(
          [&](auto& msg) {
            st.part.count_for(st.listener);
            st.held.emplace_back(std::move(msg));
          },
          e);
    return;
  }
  if (st.holding) {
    for (auto& e : events)
      std::visit([&](auto& msg) { st.held.emplace_back(std::move(msg)); }, e);
    return;
  }
  for (auto& e : events)
    std::visit([&](auto& msg) { st.part.send(self, st.listener, std::move(msg)); }, e);
}

// Backtest: the events of a step leave as one batch at its end.
void flush_events(self_ptr self) {
  auto& st = self->state;
  if (st.held.empty())
    return;
  order_events out;
  out.events = std::move(st.held);
  st.held.clear();
  st.part.send_collected(self, st.listener, std::move(out));
}

// Paper mode: the commands of one batch are handled at once and their events leave as one batch.
void handle_batch(self_ptr self, order_commands& batch) {
  auto& st = self->state;
  auto inputs = batch_inputs<venue_input>(std::move(batch.commands));
  if (st.part.mode() != run_mode::paper) {
    st.part.accept_all(self, std::move(inputs)); // stepped later, one input at a time
    return;
  }
  st.holding = true;
  st.part.accept_all(self, std::move(inputs));
  st.holding = false;
  if (st.held.empty() || !st.listener)
    return;
  order_events out;
  out.events = std::move(st.held);
  st.held.clear();
  st.part.send(self, st.listener, std::move(out));
}

// Paper mode: makes sure a delayed message arrives for the core's next wakeup.
void schedule(self_ptr self) {
  auto& st = self->state;
  if (st.part.mode() != run_mode::paper)
    return;
  const timestamp wake = st.core->next_wakeup();
  if (wake == no_wakeup || wake >= st.scheduled)
    return;
  st.scheduled = wake;
  const auto delay = std::chrono::nanoseconds(std::max<timestamp>(0, wake - st.core->now()));
  self->delayed_send(self, delay, venue_wakeup{wake});
}

void advance_clock(self_ptr self, timestamp ts) {
  auto& st = self->state;
  if (st.part.mode() == run_mode::paper && ts > st.part.now())
    st.part.set_now(ts);
}

void handle(self_ptr self, venue_input& input) {
  auto& st = self->state;
  std::visit(
      [&](auto& msg) {
        using T = std::decay_t<decltype(msg)>;
        if constexpr (std::is_same_v<T, quote_batch>) {
          advance_clock(self, msg.ts_event);
          for (const auto& q : msg.quotes)
            st.core->on_quote(q);
        } else if constexpr (std::is_same_v<T, trade_batch>) {
          advance_clock(self, msg.ts_event);
          for (const auto& t : msg.trades)
            st.core->on_trade(t);
        } else if constexpr (std::is_same_v<T, bar_batch>) {
          advance_clock(self, msg.ts_event);
          for (const auto& b : msg.bars)
            st.core->on_bar(b.symbol, b.data);
        } else {
          advance_clock(self, msg.ts_event);
          const timestamp arrival = st.part.now();
          if constexpr (std::is_same_v<T, submit_order>) {
            if (msg.ts_trigger != 0 && st.part.mode() == run_mode::paper)
              st.tick_to_order.record(monotonic_now() - msg.ts_trigger);
            st.core->submit(std::move(msg), arrival);
          } else if constexpr (std::is_same_v<T, cancel_order>)
            st.core->cancel(std::move(msg), arrival);
          else
            st.core->replace(std::move(msg), arrival);
        }
      },
      input);
  emit(self);
  schedule(self);
}

// The behavior; spawned with arguments (CAF 0.17 binds a reference to a null tuple pointer when a
// function is spawned without any, which UBSan reports).
venue_impl::behavior_type venue_behavior(self_ptr self, venue_config config,
                                         participant_setup setup) {
  auto& st = self->state;
  st.venue_name = config.name;
  st.core = std::make_unique<venue::simulated_venue>(config.settings);
  participant_hooks<venue_input> hooks;
  hooks.handle = [self](venue_input& in) { handle(self, in); };
  hooks.fire_due = [self](timestamp now) {
    self->state.core->advance_to(now);
    emit(self);
  };
  hooks.next_wakeup = [self] { return self->state.core->next_wakeup(); };
  hooks.end_step = [self] { flush_events(self); };
  st.part.configure(setup, std::move(hooks));
  logger(log_component::venue)
      .debug("Venue started venue={} instruments={} mode={}", config.name,
             config.settings.instruments.size(), to_string(setup.mode));
  return {
      [=](sim_step& step) -> caf::result<sim_step_done> {
        return self->state.part.step(self, step);
      },
      [=](stop_run& stop) -> sim_step_done {
        return self->state.part.stop(stop.ts_event, [&] {
          self->state.core->stop(stop.ts_event);
          emit(self);
        });
      },
      [=](get_runtime_info) { return participant<venue_input>::runtime(self); },
      [=](submit_order& m) { self->state.part.accept(self, std::move(m)); },
      [=](cancel_order& m) { self->state.part.accept(self, std::move(m)); },
      [=](replace_order& m) { self->state.part.accept(self, std::move(m)); },
      [=](order_commands& b) { handle_batch(self, b); },
      [=](quote_batch& m) { self->state.part.accept(self, std::move(m)); },
      [=](trade_batch& m) { self->state.part.accept(self, std::move(m)); },
      [=](bar_batch& m) { self->state.part.accept(self, std::move(m)); },
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<venue_input>(std::move(w)));
      },
      [=](attach_order_listener& m) { self->state.listener = std::move(m.listener); },
      [=](get_latency) { return latency_report{self->state.tick_to_order}; },
      [=](venue_wakeup& w) {
        auto& s = self->state;
        if (w.due == s.scheduled)
          s.scheduled = no_wakeup;
        advance_clock(self, w.due);
        s.core->advance_to(s.part.now());
        emit(self);
        schedule(self);
      },
  };
}

} // namespace

venue_actor spawn_venue(caf::actor_system& sys, const venue_config& config,
                        participant_setup setup) {
  return caf::actor_cast<venue_actor>(sys.spawn(venue_behavior, config, std::move(setup)));
}

} // namespace bourse
