// The order manager actor: commands, venue events and market data in; routed commands, strategy
// events and fills out.
#include "bourse/actors/order_manager/order_manager.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <variant>

#include "bourse/logging/logging.hpp"
#include "bourse/orders/order_manager_core.hpp"

namespace bourse {

namespace {

/// Internal (paper mode): drain the lanes now.
struct drain_lanes {};

template <class Inspector> typename Inspector::result_type inspect(Inspector& f, drain_lanes&) {
  return f(caf::meta::type_name("bourse::drain_lanes"));
}

using om_impl = order_manager_actor::extend<caf::reacts_to<drain_lanes>>;

using om_input =
    std::variant<submit_order, cancel_order, replace_order, order_accepted, order_rejected,
                 order_partially_filled, order_filled, order_cancelled, order_replaced,
                 order_expired, order_triggered, quote_batch, trade_batch, bar_batch,
                 isolate_strategy>;

struct om_state {
  participant<om_input> part;
  std::unique_ptr<orders::order_manager_core> core;
  std::vector<venue_actor> venues; // by the index the core routes to
  std::map<strategy_id, order_event_listener_actor> strategies;
  std::set<strategy_id> isolated; // supervision: events for these are dropped
  std::map<strategy_id, order_events> held_events; // backtest: this step's events per strategy
  std::vector<fill_listener_actor> fill_listeners;
  bool drain_scheduled = false;
  // Paper: commands were queued since the last drain.
  bool drain_pending = false;
  // Journal (attach_journal): the orders sent to venues and every order event, one batch each per
  // emit (journal_actions).
  journal_listener_actor journal;
  order_commands journal_orders;
  order_events journal_events;
  static inline const char* name = "order_manager";
};

using self_ptr = om_impl::stateful_pointer<om_state>;

// The reply to get_open_orders: the core's open orders as the protocol shows them.
open_orders to_open_orders(const std::vector<orders::order>& list) {
  open_orders out;
  out.orders.reserve(list.size());
  for (const auto& o : list)
    out.orders.push_back(open_order{o.id, o.strategy_id, o.account_id, o.symbol, o.side, o.type,
                                    o.tif, o.limit_price.value_or(price{}),
                                    o.stop_price.value_or(price{}), o.quantity, o.filled, o.state});
  return out;
}

// Sends the journal the orders among `actions` that go to a venue and every order event, orders
// first (FIFO between two actors keeps them ahead of their events). Called before the actions are
// sent: CAF 0.17 runs the actor woken last first on this worker, so the venue and the strategies,
// woken after the journal, are not kept waiting behind it.
void journal_actions(self_ptr self, const std::vector<orders::om_action>& actions) {
  auto& st = self->state;
  for (const auto& action : actions) {
    if (auto* c = std::get_if<orders::venue_command>(&action)) {
      if (auto* s = std::get_if<submit_order>(&c->command))
        st.journal_orders.commands.emplace_back(*s);
    } else if (auto* e = std::get_if<orders::strategy_event>(&action)) {
      std::visit([&](const auto& msg) { st.journal_events.events.emplace_back(msg); }, e->event);
    }
  }
  if (!st.journal_orders.commands.empty())
    self->send(st.journal, std::exchange(st.journal_orders, order_commands{}));
  if (!st.journal_events.events.empty())
    self->send(st.journal, std::exchange(st.journal_events, order_events{}));
}

void emit(self_ptr self) {
  auto& st = self->state;
  for (auto& w : st.core->take_warnings())
    logger(log_component::order_manager).warn("{}", w); // the core's texts name the event
  auto actions = st.core->take_actions();
  if (st.journal)
    journal_actions(self, actions);
  for (auto& action : actions) {
    if (auto* c = std::get_if<orders::venue_command>(&action)) {
      const auto& venue = st.venues.at(c->venue);
      std::visit([&](auto& cmd) { st.part.send(self, venue, std::move(cmd)); }, c->command);
    } else if (auto* e = std::get_if<orders::strategy_event>(&action)) {
      if (st.isolated.count(e->strategy) > 0)
        continue; // nobody is listening any more
      auto it = st.strategies.find(e->strategy);
      if (it == st.strategies.end()) {
        logger(log_component::order_manager)
            .warn("Order event for an unregistered strategy strategy={} order={}", e->strategy,
                  orders::header_of(e->event).id);
        continue;
      }
      if (st.part.mode() == run_mode::backtest) {
        // One order_events per strategy per step (counted per event), sent at the step's end.
        auto& held = st.held_events[e->strategy];
        std::visit(
            [&](auto& msg) {
              st.part.count_for(it->second);
              held.events.emplace_back(std::move(msg));
            },
            e->event);
      } else {
        std::visit([&](auto& msg) { st.part.send(self, it->second, std::move(msg)); }, e->event);
      }
    } else {
      const auto& report = std::get<orders::fill_report>(action);
      for (const auto& listener : st.fill_listeners)
        std::visit([&](const auto& msg) { st.part.send(self, listener, msg); }, report.event);
    }
  }
  // Finished orders nothing can refer to any more shrink to a compact record of their ids.
  st.core->forget_finished();
}

// Backtest: the order events a step produced for each strategy, as one message each.
void flush_events(self_ptr self) {
  auto& st = self->state;
  for (auto& [strategy, batch] : st.held_events)
    if (!batch.events.empty())
      st.part.send_collected(self, st.strategies.at(strategy), std::move(batch));
  st.held_events.clear();
}

void advance_clock(self_ptr self, timestamp ts) {
  auto& st = self->state;
  if (st.part.mode() == run_mode::paper && ts > st.part.now())
    st.part.set_now(ts);
}

void queue_command(self_ptr self, orders::order_command cmd) {
  auto& st = self->state;
  advance_clock(self, std::visit([](const auto& c) { return c.ts_event; }, cmd));
  st.core->enqueue(std::move(cmd));
  // Paper: one drain per burst (drain_when_idle). Backtest: the step drains after its inputs
  // (after_inputs hook).
  if (st.part.mode() == run_mode::paper)
    st.drain_pending = true;
}

// Paper: drains once every command already in the mailbox is queued, so that cancels and market
// orders of a burst overtake its limit orders. With nothing else waiting that is now (no extra
// hop on the tick -> order path); otherwise drain_lanes to ourselves arrives after the burst.
void drain_when_idle(self_ptr self) {
  auto& st = self->state;
  if (!st.drain_pending || st.drain_scheduled)
    return;
  if (self->mailbox().empty()) {
    st.drain_pending = false;
    st.core->drain(st.part.now());
    emit(self);
  } else {
    st.drain_scheduled = true;
    self->send(self, drain_lanes{});
  }
}

void handle(self_ptr self, om_input& input) {
  auto& st = self->state;
  std::visit(
      [&](auto& msg) {
        using T = std::decay_t<decltype(msg)>;
        constexpr bool market_data = std::is_same_v<T, quote_batch> ||
                                     std::is_same_v<T, trade_batch> ||
                                     std::is_same_v<T, bar_batch>;
        if constexpr (std::is_same_v<T, submit_order> || std::is_same_v<T, cancel_order> ||
                      std::is_same_v<T, replace_order>) {
          queue_command(self, std::move(msg));
        } else if constexpr (std::is_same_v<T, isolate_strategy>) {
          // Supervision: cancel what the strategy has open, as halting it would.
          advance_clock(self, msg.ts_event);
          st.isolated.insert(msg.strategy);
          auto open = st.core->open_orders(msg.strategy);
          logger(log_component::order_manager)
              .warn("Strategy isolated strategy={} open_orders={}", msg.strategy, open.size());
          for (const auto& o : open)
            queue_command(self, cancel_order{st.part.now(), st.part.now(), o.id, msg.strategy});
        } else if constexpr (market_data) {
          advance_clock(self, msg.ts_event);
          if constexpr (std::is_same_v<T, quote_batch>) {
            for (const auto& q : msg.quotes)
              st.core->on_quote(q);
          } else if constexpr (std::is_same_v<T, trade_batch>) {
            for (const auto& t : msg.trades)
              st.core->on_trade(t);
          } else {
            for (const auto& b : msg.bars)
              st.core->on_bar(b.symbol, b.data);
          }
          // A trailing stop may have triggered (a backtest emits after the step's inputs).
          if (st.part.mode() == run_mode::paper && st.core->has_actions())
            emit(self);
        } else {
          advance_clock(self, orders::header_of(msg).ts_event);
          st.core->on_venue_event(std::move(msg), st.part.now());
          emit(self);
        }
      },
      input);
}

template <class Msg> void accept(self_ptr self, Msg& msg) {
  self->state.part.accept(self, om_input{std::move(msg)});
}

// The behavior; spawned with arguments (CAF 0.17 binds a reference to a null tuple pointer when a
// function is spawned without any, which UBSan reports).
om_impl::behavior_type om_behavior(self_ptr self, order_manager_config config,
                                   participant_setup setup,
                                   std::vector<std::pair<std::string, venue_actor>> routes,
                                   std::vector<fill_listener_actor> fill_listeners) {
  auto& st = self->state;
  st.core = std::make_unique<orders::order_manager_core>(config.settings);
  st.fill_listeners = std::move(fill_listeners);
  for (auto& [symbol, venue] : routes) {
    auto it = std::find(st.venues.begin(), st.venues.end(), venue);
    const std::size_t index = static_cast<std::size_t>(it - st.venues.begin());
    if (it == st.venues.end())
      st.venues.push_back(venue);
    if (!st.core->add_route(symbol, index))
      logger(log_component::order_manager)
          .error("Order manager route refused symbol={} reason=\"the symbol already has a "
                 "venue\"",
                 symbol);
  }
  participant_hooks<om_input> hooks;
  hooks.handle = [self](om_input& in) { handle(self, in); };
  hooks.after_inputs = [self](timestamp now) {
    self->state.core->drain(now);
    emit(self);
  };
  hooks.end_step = [self] { flush_events(self); };
  // Venue events come back only while an order is queued, in flight or open.
  hooks.quiet = [self] { return self->state.core->idle(); };
  st.part.configure(setup, std::move(hooks));
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
      [=](get_runtime_info) { return participant<om_input>::runtime(self); },
      [=](submit_order& m) {
        accept(self, m);
        drain_when_idle(self);
      },
      [=](cancel_order& m) {
        accept(self, m);
        drain_when_idle(self);
      },
      [=](replace_order& m) {
        accept(self, m);
        drain_when_idle(self);
      },
      [=](order_commands& b) {
        self->state.part.accept_all(self, batch_inputs<om_input>(std::move(b.commands)));
        drain_when_idle(self);
      },
      [=](order_events& b) {
        self->state.part.accept_all(self, batch_inputs<om_input>(std::move(b.events)));
      },
      [=](order_accepted& m) { accept(self, m); },
      [=](order_rejected& m) { accept(self, m); },
      [=](order_partially_filled& m) { accept(self, m); },
      [=](order_filled& m) { accept(self, m); },
      [=](order_cancelled& m) { accept(self, m); },
      [=](order_replaced& m) { accept(self, m); },
      [=](order_expired& m) { accept(self, m); },
      [=](order_triggered& m) { accept(self, m); },
      [=](quote_batch& m) { accept(self, m); },
      [=](trade_batch& m) { accept(self, m); },
      [=](bar_batch& m) { accept(self, m); },
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<om_input>(std::move(w)));
      },
      [=](register_strategy& r) { self->state.strategies[r.strategy] = std::move(r.listener); },
      [=](isolate_strategy& m) {
        accept(self, m);
        drain_when_idle(self);
      },
      [=](attach_journal& j) { self->state.journal = std::move(j.journal); },
      [=](restore_positions& r) {
        for (const auto& p : r.positions)
          self->state.core->restore_position(p.strategy, p.account, p.symbol.view(), p.net);
        logger(log_component::order_manager)
            .info("Positions restored from the journal positions={}", r.positions.size());
      },
      [=](get_open_orders& q) -> open_orders {
        return to_open_orders(self->state.core->open_orders(q.strategy));
      },
      [=](drain_lanes) {
        auto& s = self->state;
        s.drain_scheduled = false;
        s.drain_pending = false;
        s.core->drain(s.part.now());
        emit(self);
      },
  };
}

} // namespace

order_manager_actor spawn_order_manager(caf::actor_system& sys, const order_manager_config& config,
                                        participant_setup setup,
                                        std::vector<std::pair<std::string, venue_actor>> routes,
                                        std::vector<fill_listener_actor> fill_listeners) {
  return caf::actor_cast<order_manager_actor>(sys.spawn(
      om_behavior, config, std::move(setup), std::move(routes), std::move(fill_listeners)));
}

} // namespace bourse
