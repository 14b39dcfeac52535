// The strategy actor: protocol in, guarded calls into the hosted strategy, commands out.
#include "bourse/actors/strategy/strategy.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include "bourse/actors/strategy/strategy_messages.hpp"
#include "bourse/core/duration.hpp"
#include "bourse/core/latency_histogram.hpp"
#include "bourse/core/restart_policy.hpp"
#include "bourse/logging/logging.hpp"
#include "bourse/strategy/timer_queue.hpp"
#include "bourse/system/wall_clock.hpp"

namespace bourse {

namespace {

using strategy_input =
    std::variant<quote_batch, trade_batch, bar_batch, indicator_update, aggregated_quote,
                 arbitrage_opportunity, order_accepted, order_rejected, order_partially_filled,
                 order_filled, order_cancelled, order_replaced, order_expired, order_triggered,
                 timer_fired>;

template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

/// No restart pending.
constexpr timestamp no_restart = -1;
/// Paper mode: the timer id of the delayed message that wakes the actor for a restart (strategies
/// number their own timers from 1 up; they never reach it).
constexpr timer_id restart_timer = std::numeric_limits<timer_id>::max();

struct strategy_state;
using self_ptr = strategy_actor::stateful_pointer<strategy_state>;

/// The strategy's context on top of the actor: commands to the order manager, data-time timers.
class actor_context final : public strategy_context {
public:
  explicit actor_context(self_ptr self) : self_(self) {}
  void emit(strategy_command command) override;
  [[nodiscard]] timestamp now() const override;
  void schedule_timer(timer_id id, timestamp due) override;
  void cancel_timer(timer_id id) override;
  void log(log_level level, std::string_view message) override;

private:
  self_ptr self_;
};

/// Does nothing: stands in when spawn_strategy gets no strategy.
class idle_strategy final : public strategy {
public:
  [[nodiscard]] strategy_spec requirements() const override { return {}; }
};

struct strategy_state {
  participant<strategy_input> part;
  std::unique_ptr<strategy> logic;
  strategy_actor_config config;
  order_command_actor order_manager;
  std::unique_ptr<actor_context> context;
  timer_queue timers;              // backtest: pending timers by (due, id)
  std::set<timer_id> paper_timers; // paper: delayed messages sent and not cancelled or fired
  // Backtest: submits no event has answered yet, with the data time they were sent at.
  std::map<order_id, timestamp> unanswered;
  std::uint64_t errors = 0;          // exceptions of every instance
  std::uint64_t instance_errors = 0; // exceptions of the current instance (max_errors counts these)
  std::string last_error;
  timestamp halted_at = 0; // data time of the halt
  // The restart policy's budget, and the data time of the pending restart (no_restart: none).
  restart_budget restarts;
  timestamp restart_due = no_restart;
  // Paper: wall-clock arrival of the market data being handled (0 while handling anything else);
  // orders emitted meanwhile carry it as ts_trigger.
  timestamp trigger = 0;
  latency_histogram decision_latency; // paper: trigger -> order emitted (ns)
  static inline const char* name = "strategy";
};

void actor_context::emit(strategy_command command) {
  auto& st = self_->state;
  if (!st.order_manager) {
    logger(log_component::strategy)
        .error("Strategy command dropped strategy={} name={} reason=no_order_manager", st.config.id,
               st.config.name);
    return;
  }
  std::visit(
      [&](const auto& cmd) {
        if constexpr (std::is_same_v<std::decay_t<decltype(cmd)>, submit_command>)
          if (st.part.mode() == run_mode::backtest)
            st.unanswered.emplace(cmd.id, st.part.now());
        auto msg = to_protocol(cmd, st.part.now());
        if constexpr (std::is_same_v<decltype(msg), submit_order>) {
          if (st.trigger != 0) {
            msg.ts_trigger = st.trigger;
            st.decision_latency.record(monotonic_now() - st.trigger);
          }
        }
        st.part.send(self_, st.order_manager, std::move(msg));
      },
      command);
}

timestamp actor_context::now() const { return self_->state.part.now(); }

void actor_context::schedule_timer(timer_id id, timestamp due) {
  auto& st = self_->state;
  if (st.part.mode() == run_mode::backtest) {
    st.timers.schedule(id, due);
    return;
  }
  st.paper_timers.insert(id);
  auto delay = static_cast<double>(std::max<timestamp>(0, due - st.part.now())) /
               st.config.paper_speed;
  self_->delayed_send(caf::actor_cast<strategy_actor>(self_),
                      std::chrono::nanoseconds(static_cast<std::int64_t>(delay)),
                      timer_fired{id, due});
}

void actor_context::cancel_timer(timer_id id) {
  auto& st = self_->state;
  st.timers.cancel(id);
  st.paper_timers.erase(id);
}

void actor_context::log(log_level level, std::string_view message) {
  const auto& cfg = self_->state.config;
  switch (level) {
    case log_level::debug:
      logger(log_component::strategy).debug("{} strategy={} name={}", message, cfg.id, cfg.name);
      break;
    case log_level::info:
      logger(log_component::strategy).info("{} strategy={} name={}", message, cfg.id, cfg.name);
      break;
    case log_level::warn:
      logger(log_component::strategy).warn("{} strategy={} name={}", message, cfg.id, cfg.name);
      break;
    case log_level::error:
      logger(log_component::strategy).error("{} strategy={} name={}", message, cfg.id, cfg.name);
      break;
  }
}

void record_event(strategy_state& st, supervision_event event) {
  if (st.config.event_log)
    st.config.event_log->add(std::move(event));
}

strategy_identity identity_of(const strategy_actor_config& c) {
  return strategy_identity{c.id, c.account, c.name, c.initial_cash, c.lot_sizes};
}

// The current instance failed (`what`): halts it (its open orders and timers are cancelled) and,
// when the restart policy allows one more restart, schedules its replacement after the policy's
// backoff in data time. Returns true when a restart is scheduled.
bool fail(self_ptr self, const std::string& what) {
  auto& st = self->state;
  const auto now = st.part.now();
  const auto open = st.logic->open_orders().size();
  st.halted_at = now;
  st.logic->halt(what);
  const auto due = st.restarts.failed(now);
  const auto& policy = st.config.restart;
  supervision_event event;
  event.what = what;
  event.data_time = now;
  if (due < 0) {
    event.action = "halted, open orders cancelled";
    if (policy.enabled())
      event.action += "; no restart left (" + std::to_string(policy.max_restarts) + " used)";
    record_event(st, std::move(event));
    logger(log_component::strategy)
        .error("Strategy disabled strategy={} name={} reason=\"{}\" open_orders={} restarts={}",
               st.config.id, st.config.name, what, open, st.restarts.restarts());
    return false;
  }
  st.restart_due = due;
  const auto attempt = std::to_string(st.restarts.restarts()) + " of " +
                       std::to_string(policy.max_restarts);
  event.action = "halted, open orders cancelled; restart " + attempt + " after " +
                 format_duration(due - now) + " of data time";
  record_event(st, std::move(event));
  logger(log_component::strategy)
      .warn("Strategy failed, restart scheduled strategy={} name={} reason=\"{}\" "
            "open_orders={} attempt={} backoff={} restart_at={}",
            st.config.id, st.config.name, what, open, attempt, format_duration(due - now), due);
  if (st.part.mode() == run_mode::paper) {
    auto delay = static_cast<double>(due - now) / st.config.paper_speed;
    self->delayed_send(caf::actor_cast<strategy_actor>(self),
                       std::chrono::nanoseconds(static_cast<std::int64_t>(delay)),
                       timer_fired{restart_timer, due});
  }
  return true;
}

void record_error(self_ptr self, const char* handler, const std::string& what) {
  auto& st = self->state;
  ++st.errors;
  ++st.instance_errors;
  st.last_error = std::string{handler} + ": " + what;
  logger(log_component::strategy)
      .error("Strategy handler threw strategy={} name={} handler={} error=\"{}\" errors={} "
             "max_errors={}",
             st.config.id, st.config.name, handler, what, st.instance_errors,
             st.config.max_errors);
  if (st.instance_errors >= st.config.max_errors && !st.logic->halted())
    fail(self, "halted: " + std::to_string(st.instance_errors) + " exceptions (max_errors " +
                   std::to_string(st.config.max_errors) + "), last: " + st.last_error);
}

// Runs one call into user code; an exception is logged and counted instead of killing the actor.
template <class Call>
void guarded(self_ptr self, const char* handler, Call&& call) {
  try {
    call();
  } catch (const strategy_fatal_error& e) {
    auto& st = self->state;
    st.last_error = std::string{handler} + ": " + e.what();
    logger(log_component::strategy)
        .error("Strategy fatal error strategy={} name={} handler={} error=\"{}\"", st.config.id,
               st.config.name, handler, e.what());
    // With a restart left the actor replaces the strategy; otherwise the error ends the actor
    // (see the exception handler in strategy_behavior) and supervision isolates it.
    if (st.restarts.restarts() < st.config.restart.max_restarts && !st.logic->halted()) {
      fail(self, "fatal error: " + st.last_error);
      return;
    }
    throw;
  } catch (const std::exception& e) {
    record_error(self, handler, e.what());
  } catch (...) {
    record_error(self, handler, "unknown exception");
  }
}

void start(self_ptr self) {
  auto& logic = *self->state.logic;
  if (!logic.started())
    guarded(self, "on_start", [&] { logic.handle_start(); });
}

// Replaces a failed strategy with a new instance from the factory once the restart is due and the
// failed instance has no order open any more (its cancels answered: nothing of it is in flight).
// The new instance continues the old one's books (order numbering, positions, marks, cash) and
// starts at once.
void maybe_restart(self_ptr self) {
  auto& st = self->state;
  if (st.restart_due == no_restart || st.part.now() < st.restart_due ||
      st.logic->open_order_count() > 0)
    return;
  st.restart_due = no_restart;
  const auto now = st.part.now();
  const auto attempt = std::to_string(st.restarts.restarts()) + " of " +
                       std::to_string(st.config.restart.max_restarts);
  std::unique_ptr<strategy> fresh;
  std::string failure = "the factory made no strategy";
  try {
    if (st.config.factory)
      fresh = st.config.factory();
  } catch (const std::exception& e) {
    failure = std::string{"the factory threw: "} + e.what();
  } catch (...) {
    failure = "the factory threw an unknown exception";
  }
  if (!fresh) {
    logger(log_component::strategy)
        .error("Strategy restart failed strategy={} name={} attempt={} error=\"{}\"",
               st.config.id, st.config.name, attempt, failure);
    record_event(st, supervision_event{0, {}, "restart " + attempt + " failed: " + failure, now,
                                          "stays halted"});
    return;
  }
  fresh->attach(*st.context, identity_of(st.config));
  fresh->restore(st.logic->books());
  st.logic = std::move(fresh);
  st.instance_errors = 0;
  st.halted_at = 0;
  record_event(st, supervision_event{
      0, {}, "restarted (restart " + attempt + ")", now,
      "new instance from its factory; positions, cash and order numbering carried over"});
  logger(log_component::strategy)
      .warn("Strategy restarted strategy={} name={} attempt={} data_time={}", st.config.id,
            st.config.name, attempt, now);
  start(self);
}

timestamp input_time(const strategy_input& input) {
  return std::visit(
      overloaded{[](const quote_batch& m) { return m.ts_event; },
                 [](const trade_batch& m) { return m.ts_event; },
                 [](const bar_batch& m) { return m.ts_event; },
                 [](const indicator_update& m) { return m.ts; },
                 [](const aggregated_quote& m) { return m.ts_event; },
                 [](const arbitrage_opportunity& m) { return m.ts_event; },
                 [](const order_partially_filled& m) { return m.execution.header.ts_event; },
                 [](const order_filled& m) { return m.execution.header.ts_event; },
                 [](const timer_fired& m) { return m.due; },
                 [](const auto& m) { return m.header.ts_event; }},
      input);
}

// Paper mode: the wall-clock arrival of market data (directly or through the aggregator or an
// indicator); 0 for order events and timers.
timestamp arrival_of(const strategy_input& input) {
  return std::visit(overloaded{[](const quote_batch& m) { return m.ts_arrival; },
                               [](const trade_batch& m) { return m.ts_arrival; },
                               [](const bar_batch& m) { return m.ts_arrival; },
                               [](const indicator_update& m) { return m.ts_arrival; },
                               [](const aggregated_quote& m) { return m.ts_arrival; },
                               [](const arbitrage_opportunity& m) { return m.ts_arrival; },
                               [](const auto&) { return timestamp{0}; }},
                    input);
}

void handle(self_ptr self, strategy_input& input) {
  auto& st = self->state;
  if (st.part.mode() == run_mode::paper) {
    // Paper mode starts the strategy just before its first input, at that input's time (the
    // builder has wired everything by then, and now() means something).
    st.part.set_now(std::max(st.part.now(), input_time(input)));
    start(self);
    st.trigger = arrival_of(input);
  }
  auto& s = *st.logic;
  std::visit(
      overloaded{
          [&](quote_batch& b) {
            for (const auto& q : b.quotes)
              guarded(self, "on_quote", [&] { s.handle_quote(q); });
          },
          [&](trade_batch& b) {
            for (const auto& t : b.trades)
              guarded(self, "on_trade", [&] { s.handle_trade(t); });
          },
          [&](bar_batch& b) {
            for (const auto& x : b.bars)
              guarded(self, "on_bar", [&] { s.handle_bar(x.symbol, x.data); });
          },
          [&](indicator_update& m) {
            guarded(self, "on_indicator", [&] { s.handle_indicator(m); });
          },
          [&](aggregated_quote& m) {
            guarded(self, "on_aggregated_quote", [&] { s.handle_aggregated_quote(to_core(m)); });
          },
          [&](arbitrage_opportunity&) {
            // The aggregator sends these with every crossed quote; strategies compute their
            // own edge (after their fees) from the aggregated quote.
          },
          [&](order_partially_filled& m) {
            st.unanswered.erase(m.execution.header.id);
            guarded(self, "on_fill", [&] { s.handle_fill(to_core(m.execution)); });
          },
          [&](order_filled& m) {
            st.unanswered.erase(m.execution.header.id);
            guarded(self, "on_fill", [&] { s.handle_fill(to_core(m.execution)); });
          },
          [&](timer_fired& m) {
            // Paper timers arrive here; in a backtest only an outside sender could send one. The
            // restart timer only wakes the actor: maybe_restart below does the work.
            if (m.timer == restart_timer)
              return;
            bool pending = st.part.mode() == run_mode::paper ? st.paper_timers.erase(m.timer) > 0
                                                             : st.timers.cancel(m.timer);
            if (pending)
              guarded(self, "on_timer", [&] { s.handle_timer(m.timer, st.part.now()); });
          },
          [&](auto& m) {
            st.unanswered.erase(m.header.id);
            guarded(self, "on_order_update", [&] { s.handle_order_update(to_core(m)); });
          }},
      input);
  st.trigger = 0;
  maybe_restart(self);
}

void fire_due(self_ptr self, timestamp now) {
  auto& st = self->state;
  start(self);
  maybe_restart(self);
  for (const auto& t : st.timers.take_due(now))
    guarded(self, "on_timer", [&] { st.logic->handle_timer(t.id, now); });
  maybe_restart(self);
}

// Paper mode under a credit-based market data policy: tells the hub that the batch is handled, so
// that it sends the next (the newest quotes, or the oldest buffered batch).
void ack_market_data(self_ptr self, data_kind kind) {
  auto& st = self->state;
  if (st.part.mode() != run_mode::paper || !st.config.market_data.credit_based())
    return;
  if (auto sender = self->current_sender())
    // High priority: the ack must not wait behind the slices queued at the hub.
    self->send<caf::message_priority::high>(caf::actor_cast<market_data_hub_actor>(sender),
                                            market_data_ack{kind});
}

strategy_status status_of(const strategy_state& st) {
  strategy_status out;
  out.strategy = st.config.id;
  out.account = st.config.account;
  out.name = st.config.name;
  out.started = st.logic->started();
  out.stopped = st.logic->stopped();
  out.halted = st.logic->halted();
  out.errors = st.errors;
  out.last_error = st.last_error;
  out.orders_submitted = st.logic->orders_submitted();
  out.open_orders = st.logic->open_orders().size();
  out.timers = st.part.mode() == run_mode::backtest ? st.timers.size() : st.paper_timers.size();
  out.halted_at = st.halted_at;
  out.restarts = st.restarts.restarts();
  return out;
}

strategy_actor::behavior_type strategy_behavior(self_ptr self,
                                                std::shared_ptr<std::unique_ptr<strategy>> holder,
                                                strategy_actor_config config,
                                                participant_setup setup,
                                                order_command_actor order_manager) {
  auto& st = self->state;
  st.config = std::move(config);
  st.restarts = restart_budget{st.config.restart};
  st.order_manager = std::move(order_manager);
  st.logic = std::move(*holder);
  if (!st.logic) {
    logger(log_component::strategy)
        .error("Strategy missing strategy={} name={}", st.config.id, st.config.name);
    st.logic = std::make_unique<idle_strategy>();
  }
  // An exception that escapes (strategy_fatal_error, or one thrown outside the guarded user
  // code) ends the actor with an error naming it; the sequencer then isolates the strategy.
  self->set_exception_handler([](caf::scheduled_actor*, std::exception_ptr& ep) -> caf::error {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      return caf::make_error(caf::sec::runtime_error, std::string{"exception: "} + e.what());
    } catch (...) {
      return caf::make_error(caf::sec::runtime_error, "unknown exception");
    }
  });
  participant_hooks<strategy_input> hooks;
  hooks.handle = [self](strategy_input& input) { handle(self, input); };
  hooks.fire_due = [self](timestamp now) { fire_due(self, now); };
  hooks.next_wakeup = [self] {
    const auto& st = self->state;
    auto next = st.timers.next_due();
    // A pending restart wakes the actor at its due time (once due, it waits for the failed
    // instance's cancels, which come as order events).
    if (st.restart_due != no_restart && st.restart_due > st.part.now())
      next = std::min(next, st.restart_due);
    return next;
  };
  // Order events come back only while the strategy has orders submitted and not terminal.
  hooks.quiet = [self] { return self->state.logic->open_order_count() == 0; };
  // While every open order is still on its way (no event answered it yet), answers carry at least
  // the data time of the oldest; once one is working at a venue, they can come at any time.
  hooks.answers_from = [self] {
    const auto& st = self->state;
    if (st.logic->open_order_count() > st.unanswered.size() || st.unanswered.empty())
      return before_data;
    timestamp oldest = no_wakeup;
    for (const auto& [id, ts] : st.unanswered)
      oldest = std::min(oldest, ts);
    return oldest;
  };
  st.part.configure(setup, std::move(hooks));
  st.context = std::make_unique<actor_context>(self);
  st.logic->attach(*st.context, identity_of(st.config));
  auto accept = [self](auto& msg) { self->state.part.accept(self, strategy_input{std::move(msg)}); };
  return {
      [=](sim_step& step) -> caf::result<sim_step_done> {
        return self->state.part.step(self, step);
      },
      [=](stop_run& stop) -> sim_step_done {
        return self->state.part.stop(stop.ts_event, [self] {
          auto& s = self->state;
          start(self);
          guarded(self, "on_stop", [&] { s.logic->handle_stop(); });
          s.timers.clear(); // timers do not outlive the run
          s.paper_timers.clear();
          s.restart_due = no_restart; // nor does a pending restart
        });
      },
      [=](get_runtime_info) { return participant<strategy_input>::runtime(self); },
      [=](get_strategy_status) { return status_of(self->state); },
      [=](get_latency) { return latency_report{self->state.decision_latency}; },
      [=](quote_batch& m) {
        accept(m);
        ack_market_data(self, data_kind::quotes);
      },
      [=](trade_batch& m) {
        accept(m);
        ack_market_data(self, data_kind::trades);
      },
      [=](bar_batch& m) {
        accept(m);
        ack_market_data(self, data_kind::bars);
      },
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<strategy_input>(std::move(w)));
      },
      [=](indicator_update& m) { accept(m); },
      [=](indicator_updates& b) {
        std::vector<strategy_input> inputs;
        inputs.reserve(b.updates.size());
        for (auto& u : b.updates)
          inputs.emplace_back(std::move(u));
        self->state.part.accept_all(self, std::move(inputs));
      },
      [=](aggregated_quote& m) { accept(m); },
      [=](arbitrage_opportunity& m) { accept(m); },
      [=](aggregator_updates& b) {
        self->state.part.accept_all(self, batch_inputs<strategy_input>(std::move(b.updates)));
      },
      [=](order_events& b) {
        self->state.part.accept_all(self, batch_inputs<strategy_input>(std::move(b.events)));
      },
      [=](order_accepted& m) { accept(m); },
      [=](order_rejected& m) { accept(m); },
      [=](order_partially_filled& m) { accept(m); },
      [=](order_filled& m) { accept(m); },
      [=](order_cancelled& m) { accept(m); },
      [=](order_replaced& m) { accept(m); },
      [=](order_expired& m) { accept(m); },
      [=](order_triggered& m) { accept(m); },
      [=](timer_fired& m) { accept(m); },
  };
}

} // namespace

strategy_actor spawn_strategy(caf::actor_system& sys, std::unique_ptr<strategy> logic,
                              const strategy_actor_config& config, participant_setup setup,
                              order_command_actor order_manager) {
  // Spawn arguments are copied; the strategy travels in a shared holder. (Passing arguments
  // rather than capturing them also keeps CAF 0.17's argument-less spawn path, which binds a
  // reference to a null pointer, out of sanitizer runs.)
  auto holder = std::make_shared<std::unique_ptr<strategy>>(std::move(logic));
  return sys.spawn(strategy_behavior, std::move(holder), config, std::move(setup),
                   std::move(order_manager));
}

} // namespace bourse
