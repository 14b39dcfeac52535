// The market data hub: slice in, per-subscriber batches out.
#include "bourse/actors/market_data/hub.hpp"

#include "bourse/market/flow_control.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace bourse {

namespace {

struct subscription_key {
  std::string symbol;
  data_kind kind;
  friend bool operator<(const subscription_key& a, const subscription_key& b) {
    return std::tie(a.symbol, a.kind) < std::tie(b.symbol, b.kind);
  }
};

// What one listener receives of one kind: everything, or the listed symbols.
struct route {
  market_data_listener_actor listener;
  bool all = false;
  std::unordered_set<symbol_id> symbols;
};

struct quote_traits {
  static std::vector<quote>& items(quote_batch& b) { return b.quotes; }
  static symbol_id key(const quote& q) { return q.symbol; }
};
struct trade_traits {
  static std::vector<trade>& items(trade_batch& b) { return b.trades; }
  static symbol_id key(const trade& t) { return t.symbol; }
};
struct bar_traits {
  static std::vector<symbol_bar>& items(bar_batch& b) { return b.bars; }
  static symbol_id key(const symbol_bar& b) { return b.symbol; }
};

// Paper: the flow control of one listener that asked for a credit-based policy, per kind.
struct listener_flow {
  std::optional<flow_queue<quote_batch, quote_traits>> quotes;
  std::optional<flow_queue<trade_batch, trade_traits>> trades;
  std::optional<flow_queue<bar_batch, bar_traits>> bars;
};

auto& flow_slot(listener_flow& f, const quote_batch&) { return f.quotes; }
auto& flow_slot(listener_flow& f, const trade_batch&) { return f.trades; }
auto& flow_slot(listener_flow& f, const bar_batch&) { return f.bars; }

struct hub_state {
  participant<market_slice> part;
  // Listeners per (symbol or "*", kind), in subscription order.
  std::map<subscription_key, std::vector<market_data_listener_actor>> subscribers;
  // The same, per kind and listener, rebuilt when subscriptions change (no lookups per record).
  std::array<std::vector<route>, 3> routes;
  // Paper: the order to send each kind's routes in, highest rank first (computed once the ranks are
  // known, on the first slice). CAF's work-stealing worker runs the actor it scheduled last first,
  // so the low ranks on the way to an order (indicators, aggregator, strategies) run before the
  // order manager, venues and portfolio handle the same data.
  std::array<std::vector<std::size_t>, 3> paper_order;
  bool paper_order_known = false;
  std::unordered_map<symbol_id, quote> latest;
  // Backtest: what each listener gets from the current step, sent as one market_window at its end.
  std::vector<std::pair<market_data_listener_actor, market_window>> collected;
  // Paper: flow control per listener (by actor id) that subscribed with a credit-based policy.
  std::unordered_map<caf::actor_id, listener_flow> flows;
  // Paper: slices handled since the last slices_handled sent to their sender.
  std::uint64_t unacked_slices = 0;
  static inline const char* name = "market_data_hub";
};

using self_ptr = market_data_hub_actor::stateful_pointer<hub_state>;

// Every listener subscribed to `kind` of any symbol, each once, ordered by (symbol, kind) key and then
// subscription order: deterministic.
std::vector<market_data_listener_actor> listeners_of(const hub_state& st, data_kind kind) {
  std::vector<market_data_listener_actor> out;
  for (const auto& [key, listeners] : st.subscribers)
    if (key.kind == kind)
      for (const auto& l : listeners)
        if (std::find(out.begin(), out.end(), l) == out.end())
          out.push_back(l);
  return out;
}

// Rebuilds the per-kind routes from the subscriptions, listeners in listeners_of order.
void rebuild_routes(hub_state& st) {
  st.paper_order_known = false;
  for (auto kind : {data_kind::quotes, data_kind::trades, data_kind::bars}) {
    auto& routes = st.routes[static_cast<std::size_t>(kind)];
    routes.clear();
    for (const auto& listener : listeners_of(st, kind)) {
      route r;
      r.listener = listener;
      for (const auto& [key, listeners] : st.subscribers)
        if (key.kind == kind &&
            std::find(listeners.begin(), listeners.end(), listener) != listeners.end()) {
          if (key.symbol == "*")
            r.all = true;
          else
            r.symbols.insert(key.symbol);
        }
      routes.push_back(std::move(r));
    }
  }
}

std::vector<quote_batch>& window_items(market_window& w, const quote_batch&) { return w.quotes; }
std::vector<trade_batch>& window_items(market_window& w, const trade_batch&) { return w.trades; }
std::vector<bar_batch>& window_items(market_window& w, const bar_batch&) { return w.bars; }

market_window& window_of(hub_state& st, const market_data_listener_actor& listener) {
  for (auto& [l, w] : st.collected)
    if (l == listener)
      return w;
  return st.collected.emplace_back(listener, market_window{}).second;
}

// Backtest: one message per listener per step, however many data times the step covered.
void flush(self_ptr self) {
  auto& st = self->state;
  for (auto& [listener, window] : st.collected)
    st.part.send_collected(self, listener, std::move(window));
  st.collected.clear();
}

std::vector<quote>& batch_items(quote_batch& b) { return b.quotes; }
std::vector<trade>& batch_items(trade_batch& b) { return b.trades; }
std::vector<symbol_bar>& batch_items(bar_batch& b) { return b.bars; }

// Paper: the routes of `kind` by descending rank of the listener.
const std::vector<std::size_t>& paper_order(hub_state& st, data_kind kind) {
  if (!st.paper_order_known) {
    for (std::size_t k = 0; k < st.routes.size(); ++k) {
      const auto& routes = st.routes[k];
      auto& order = st.paper_order[k];
      order.resize(routes.size());
      for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return st.part.rank_of(routes[a].listener.id()) > st.part.rank_of(routes[b].listener.id());
      });
    }
    st.paper_order_known = true;
  }
  return st.paper_order[static_cast<std::size_t>(kind)];
}

template <class Batch, class Item, class SymbolOf>
void fan_out(self_ptr self, data_kind kind, const std::vector<Item>& items, timestamp ts,
             timestamp arrival, SymbolOf symbol_of) {
  if (items.empty())
    return;
  auto& st = self->state;
  const auto& routes = st.routes[static_cast<std::size_t>(kind)];
  const bool paper = st.part.mode() == run_mode::paper;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const auto& r = routes[paper ? paper_order(st, kind)[i] : i];
    Batch batch;
    batch.ts_event = ts;
    batch.ts_init = st.part.now();
    batch.ts_arrival = arrival;
    for (const auto& item : items)
      if (r.all || r.symbols.count(symbol_of(item)) > 0)
        batch_items(batch).push_back(item);
    if (batch_items(batch).empty())
      continue;
    if (st.part.mode() == run_mode::paper) {
      if (!st.flows.empty()) {
        auto it = st.flows.find(r.listener.id());
        if (it != st.flows.end()) {
          if (auto& q = flow_slot(it->second, batch)) {
            if (auto out = q->offer(std::move(batch)))
              st.part.send(self, r.listener, std::move(*out));
            continue;
          }
        }
      }
      st.part.send(self, r.listener, std::move(batch));
    } else {
      st.part.count_for(r.listener);
      window_items(window_of(st, r.listener), batch).push_back(std::move(batch));
    }
  }
}

void update_flow_metrics(hub_state& st);

void on_slice(self_ptr self, market_slice& slice) {
  auto& st = self->state;
  if (st.part.mode() == run_mode::paper)
    st.part.set_now(slice.ts_event);
  for (const auto& q : slice.quotes)
    st.latest[q.symbol] = q;
  fan_out<quote_batch>(self, data_kind::quotes, slice.quotes, slice.ts_event,
                       slice.ts_arrival,
                       [](const quote& q) { return q.symbol; });
  fan_out<trade_batch>(self, data_kind::trades, slice.trades, slice.ts_event,
                       slice.ts_arrival,
                       [](const trade& t) { return t.symbol; });
  fan_out<bar_batch>(self, data_kind::bars, slice.bars, slice.ts_event,
                     slice.ts_arrival,
                     [](const symbol_bar& b) { return b.symbol; });
  if (!st.flows.empty())
    update_flow_metrics(st);
}

// Paper: the hub's drop, conflation and held counts are the sums over its flows.
void update_flow_metrics(hub_state& st) {
  std::uint64_t dropped = 0, conflated = 0, held = 0;
  auto add = [&](const auto& slot) {
    if (slot) {
      dropped += slot->counters().dropped;
      conflated += slot->counters().conflated;
      held += slot->counters().held;
    }
  };
  for (const auto& [id, f] : st.flows) {
    add(f.quotes);
    add(f.trades);
    add(f.bars);
  }
  auto& m = st.part.metrics();
  m.dropped = dropped;
  m.conflated = conflated;
  m.held = held;
  m.max_held = std::max(m.max_held, held);
}

// Paper: records a listener's flow policy for one kind (a changed policy starts a fresh queue).
void set_flow(hub_state& st, const subscribe& sub) {
  if (st.part.mode() != run_mode::paper)
    return; // a backtest is stepped: nothing to control
  auto it = st.flows.find(sub.listener.id());
  if (!sub.flow.credit_based() && it == st.flows.end())
    return;
  auto& f = st.flows[sub.listener.id()];
  auto apply = [&](auto& slot) {
    if (!sub.flow.credit_based())
      slot.reset();
    else if (!slot || slot->policy() != sub.flow)
      slot.emplace(sub.flow);
  };
  switch (sub.kind) {
    case data_kind::quotes:
      apply(f.quotes);
      break;
    case data_kind::trades:
      apply(f.trades);
      break;
    case data_kind::bars:
      apply(f.bars);
      break;
  }
}

// Paper: the listener handled its batch of `kind`; sends what is held for it, if anything.
void on_ack(self_ptr self, const market_data_ack& ack) {
  auto& st = self->state;
  auto sender = self->current_sender();
  if (!sender)
    return;
  auto it = st.flows.find(sender->id());
  if (it == st.flows.end())
    return;
  auto listener = caf::actor_cast<market_data_listener_actor>(sender);
  auto send_next = [&](auto& slot) {
    if (!slot)
      return;
    if (auto next = slot->ack())
      st.part.send(self, listener, std::move(*next));
  };
  switch (ack.kind) {
    case data_kind::quotes:
      send_next(it->second.quotes);
      break;
    case data_kind::trades:
      send_next(it->second.trades);
      break;
    case data_kind::bars:
      send_next(it->second.bars);
      break;
  }
  update_flow_metrics(st);
}

// Paper, at the end of the run: what is still held is dropped (and counted).
void clear_flows(hub_state& st) {
  for (auto& [id, f] : st.flows) {
    if (f.quotes)
      f.quotes->clear();
    if (f.trades)
      f.trades->clear();
    if (f.bars)
      f.bars->clear();
  }
  update_flow_metrics(st);
}

} // namespace

market_data_hub_actor spawn_hub(caf::actor_system& sys, participant_setup setup) {
  // The setup travels as a spawn argument: CAF 0.17 binds a reference to the null tuple of a
  // spawn without arguments (undefined behaviour that UBSan reports).
  return sys.spawn([](self_ptr self, participant_setup setup) -> market_data_hub_actor::behavior_type {
    participant_hooks<market_slice> hooks;
    hooks.handle = [self](market_slice& s) { on_slice(self, s); };
    hooks.end_step = [self] { flush(self); };
    self->state.part.configure(setup, std::move(hooks));
    return {
        [=](sim_step& step) -> caf::result<sim_step_done> {
          return self->state.part.step(self, step);
        },
        [=](stop_run& stop) -> sim_step_done {
          return self->state.part.stop(stop.ts_event, [self] { clear_flows(self->state); });
        },
        [=](get_runtime_info) { return participant<market_slice>::runtime(self); },
        [=](market_slice& slice) {
          self->state.part.accept(self, std::move(slice));
          if (self->state.part.mode() == run_mode::paper &&
              ++self->state.unacked_slices == slices_handled::slices_ack_every) {
            // Credit for the sequencer (high priority: it must not queue behind data).
            if (auto sender = self->current_sender())
              caf::anon_send<caf::message_priority::high>(
                  caf::actor_cast<caf::actor>(sender), slices_handled{self->state.unacked_slices});
            self->state.unacked_slices = 0;
          }
        },
        [=](market_slices& m) { self->state.part.accept_all(self, std::move(m.slices)); },
        [=](subscribe& sub) {
          auto& list = self->state.subscribers[{sub.symbol, sub.kind}];
          if (std::find(list.begin(), list.end(), sub.listener) == list.end())
            list.push_back(sub.listener);
          set_flow(self->state, sub);
          rebuild_routes(self->state);
        },
        [=](market_data_ack& ack) { on_ack(self, ack); },
        [=](unsubscribe& sub) {
          auto it = self->state.subscribers.find({sub.symbol, sub.kind});
          if (it != self->state.subscribers.end())
            it->second.erase(std::remove(it->second.begin(), it->second.end(), sub.listener),
                             it->second.end());
          rebuild_routes(self->state);
        },
        [=](get_quote& q) -> caf::result<quote> {
          auto it = self->state.latest.find(q.symbol);
          if (it == self->state.latest.end())
            return caf::make_error(caf::sec::invalid_argument, "get_quote: unknown symbol " + q.symbol.str());
          return it->second;
        },
    };
  }, std::move(setup));
}

} // namespace bourse
