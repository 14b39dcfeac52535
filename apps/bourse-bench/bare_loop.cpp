// The bare single-thread loop over the framework cores (the pipeline benchmarks' baseline).
#include "bare_loop.hpp"

#include <deque>
#include <map>
#include <set>
#include <memory>
#include <variant>

#include "bourse/indicators/indicator.hpp"
#include "bourse/orders/order_manager_core.hpp"
#include "bourse/strategy/recording_context.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/venue/simulated_venue.hpp"
#include "bourse/actors/strategy/strategy_messages.hpp"

namespace bourse::bench {

namespace {

template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

// A command reaching a venue at `t`, as the venue actor hands it to its core.
void send_to(venue::simulated_venue& v, const orders::order_command& cmd, timestamp t) {
  std::visit(overloaded{[&](const submit_order& r) { v.submit(r, t); },
                        [&](const cancel_order& r) { v.cancel(r, t); },
                        [&](const replace_order& r) { v.replace(r, t); }},
             cmd);
}

// An order event handed to a strategy, as the strategy actor hands it.
void deliver(strategy& s, const orders::execution_event& event) {
  std::visit(
      [&](const auto& msg) {
        if constexpr (orders::carries_fill_v<std::decay_t<decltype(msg)>>)
          s.handle_fill(to_core(msg.execution));
        else
          s.handle_order_update(to_core(msg));
      },
      event);
}

// The fill a fill report carries, as the portfolio receives it.
const fill& fill_of(const orders::fill_report& report) {
  return std::visit([](const auto& msg) -> const fill& { return msg.execution; }, report.event);
}


// The participants' inboxes within one data time, handled in rank order until all are empty.
class loop {
public:
  explicit loop(const bare_setup& setup) : om_(setup.order_manager), aggregator_(setup.listings) {
    for (std::size_t i = 0; i < setup.venues.size(); ++i) {
      venues_.push_back(std::make_unique<venue::simulated_venue>(setup.venues[i]));
      venue_inbox_.emplace_back();
      for (const auto& inst : setup.venues[i].instruments)
        (void)om_.add_route(inst.symbol, i);
    }
    strategy_ = std::move(make_strategy(setup.strategy).value);
    strategy_->attach(context_, strategy_identity{1, 1, setup.strategy_name});
  }

  std::vector<fill> run(const std::vector<market_slice>& slices) {
    timestamp last = 0;
    for (const auto& slice : slices) {
      const timestamp t = slice.ts_event;
      last = t;
      context_.set_now(t);
      // Forward pass: hub -> aggregator -> strategy -> order manager -> venues.
      start_strategy(t);
      for (const auto& update : aggregator_.apply(slice.quotes))
        strategy_->handle_aggregated_quote(to_cross_venue_quote(update.view));
      for (const auto& q : slice.quotes)
        om_.on_quote(q);
      take_commands(t);
      drain_order_manager(t);
      for (std::size_t i = 0; i < venues_.size(); ++i) {
        auto& v = *venues_[i];
        v.advance_to(t);
        collect_venue_events(i);
        for (const auto& q : slice.quotes)
          if (lists(i, q.symbol))
            v.on_quote(q);
        collect_venue_events(i);
        handle_venue_inbox(i, t);
      }
      settle(t);
    }
    // The end, participant by participant: strategy, order manager, venues.
    context_.set_now(last);
    if (!strategy_->started())
      strategy_->handle_start();
    strategy_->handle_stop();
    take_commands(last);
    settle(last);
    om_.stop(last);
    take_actions(last);
    settle(last);
    for (std::size_t i = 0; i < venues_.size(); ++i) {
      venues_[i]->stop(last);
      collect_venue_events(i);
      settle(last);
    }
    return std::move(fills_);
  }

private:
  bool lists(std::size_t venue, const std::string& symbol) const {
    for (const auto& inst : venues_[venue]->settings().instruments)
      if (inst.symbol == symbol)
        return true;
    return false;
  }

  void start_strategy(timestamp t) {
    if (!strategy_->started())
      strategy_->handle_start();
    context_.advance_to(*strategy_, t);
  }

  // Strategy commands to the order manager, as the strategy actor sends them.
  void take_commands(timestamp t) {
    for (auto& cmd : context_.commands)
      std::visit([&](const auto& c) { om_.enqueue(to_protocol(c, t)); }, cmd);
    context_.commands.clear();
  }

  void drain_order_manager(timestamp t) {
    om_.drain(t);
    take_actions(t);
  }

  void take_actions(timestamp) {
    for (auto& action : om_.take_actions()) {
      if (auto* c = std::get_if<orders::venue_command>(&action))
        venue_inbox_[c->venue].push_back(std::move(c->command));
      else if (auto* e = std::get_if<orders::strategy_event>(&action))
        strategy_inbox_.push_back(std::move(e->event));
      else
        fills_.push_back(fill_of(std::get<orders::fill_report>(action)));
    }
  }

  void collect_venue_events(std::size_t venue) {
    for (auto& e : venues_[venue]->take_events())
      om_events_.push_back(std::move(e));
  }

  void handle_venue_inbox(std::size_t i, timestamp t) {
    auto& v = *venues_[i];
    while (!venue_inbox_[i].empty()) {
      auto cmd = std::move(venue_inbox_[i].front());
      venue_inbox_[i].pop_front();
      send_to(v, cmd, t);
      collect_venue_events(i);
    }
  }

  // Answers within one data time: strategy, order manager, venues in rank order until quiet.
  void settle(timestamp t) {
    while (!strategy_inbox_.empty() || !om_events_.empty() || !context_.commands.empty() ||
           has_venue_input()) {
      if (!strategy_inbox_.empty())
        start_strategy(t);
      while (!strategy_inbox_.empty()) {
        auto e = std::move(strategy_inbox_.front());
        strategy_inbox_.pop_front();
        deliver(*strategy_, e);
      }
      take_commands(t);
      auto events = std::move(om_events_);
      om_events_.clear();
      for (auto& e : events) {
        om_.on_venue_event(std::move(e), t);
        take_actions(t);
      }
      drain_order_manager(t);
      for (std::size_t i = 0; i < venues_.size(); ++i)
        handle_venue_inbox(i, t);
    }
  }

  bool has_venue_input() const {
    for (const auto& q : venue_inbox_)
      if (!q.empty())
        return true;
    return false;
  }

  recording_context context_;
  std::unique_ptr<strategy> strategy_;
  orders::order_manager_core om_;
  quote_aggregator aggregator_;
  std::vector<std::unique_ptr<venue::simulated_venue>> venues_;
  std::vector<std::deque<orders::order_command>> venue_inbox_;
  std::deque<orders::execution_event> strategy_inbox_;
  std::vector<orders::execution_event> om_events_;
  std::vector<fill> fills_;
};

} // namespace

std::vector<fill> run_bare_loop(const bare_setup& setup) {
  loop l(setup);
  return l.run(*setup.slices);
}

namespace {

// The bar scenario in rank order: hub, indicator actors (by symbol), strategies, order manager,
// venue. Per data time: indicators, strategies (bars, then indicator updates), the order manager
// (bars, then commands by strategy), the venue (bars, then commands); then the answers.
class bar_loop {
public:
  explicit bar_loop(const bare_bar_setup& setup)
      : om_(setup.order_manager), venue_(setup.venue) {
    for (const auto& inst : setup.venue.instruments)
      (void)om_.add_route(inst.symbol, 0);
    std::map<std::string, std::set<std::string>> specs; // symbol -> specs, sorted
    for (std::size_t i = 0; i < setup.strategies.size(); ++i) {
      auto st = std::make_unique<hosted>();
      st->logic = std::move(make_strategy(setup.strategies[i]).value);
      st->logic->attach(st->ctx, strategy_identity{static_cast<strategy_id>(i + 1), 1, "s"});
      st->spec = st->logic->requirements();
      for (const auto& d : st->spec.data)
        if (d.stream == market_stream::bars)
          st->bar_symbols.insert(d.symbol);
      for (const auto& ind : st->spec.indicators)
        specs[ind.symbol].insert(ind.spec);
      strategies_.push_back(std::move(st));
    }
    for (const auto& [symbol, set] : specs) {
      indicator_host h;
      h.symbol = symbol;
      for (const auto& spec : set)
        h.hosted.push_back(std::move(*indicators::make_indicator(spec).value));
      for (std::size_t i = 0; i < strategies_.size(); ++i)
        for (const auto& ind : strategies_[i]->spec.indicators)
          if (ind.symbol == symbol) {
            h.subscribers.push_back(i);
            break;
          }
      indicators_.push_back(std::move(h));
    }
    for (const auto& inst : setup.venue.instruments)
      listed_.insert(inst.symbol);
  }

  std::vector<fill> run(const std::vector<market_slice>& slices) {
    timestamp last = 0;
    for (const auto& slice : slices) {
      const timestamp t = slice.ts_event;
      last = t;
      // Indicator actors: every hosted indicator's update goes to every subscriber.
      for (auto& h : indicators_)
        for (const auto& b : slice.bars) {
          if (b.symbol != h.symbol)
            continue;
          auto input = indicators::to_ohlcv(b.data);
          for (auto& ind : h.hosted)
            ind.update(input);
          for (const auto& ind : h.hosted) {
            if (!ind.ready())
              continue;
            indicator_update u;
            u.ts = b.data.ts;
            u.symbol = h.symbol;
            u.spec = ind.spec().text;
            for (std::size_t k = 0; k < ind.output_count(); ++k)
              (void)u.add(ind.output_names()[k], ind.value(k));
            for (auto s : h.subscribers)
              strategies_[s]->updates.push_back(u);
          }
        }
      for (auto& st : strategies_) {
        start(*st, t);
        for (const auto& b : slice.bars)
          if (st->bar_symbols.count(b.symbol) != 0)
            st->logic->handle_bar(b.symbol, b.data);
        for (const auto& u : st->updates)
          st->logic->handle_indicator(u);
        st->updates.clear();
      }
      for (const auto& b : slice.bars)
        om_.on_bar(b.symbol, b.data);
      take_commands(t);
      om_.drain(t);
      take_actions();
      venue_.advance_to(t);
      collect_venue_events();
      for (const auto& b : slice.bars)
        if (listed_.count(b.symbol) != 0)
          venue_.on_bar(b.symbol, b.data);
      collect_venue_events();
      handle_venue_inbox(t);
      settle(t);
    }
    for (auto& st : strategies_) {
      st->ctx.set_now(last);
      if (!st->logic->started())
        st->logic->handle_start();
      st->logic->handle_stop();
      take_commands(last);
      settle(last);
    }
    om_.stop(last);
    take_actions();
    settle(last);
    venue_.stop(last);
    collect_venue_events();
    settle(last);
    return std::move(fills_);
  }

private:
  struct hosted {
    std::unique_ptr<strategy> logic;
    recording_context ctx;
    strategy_spec spec;
    std::set<std::string> bar_symbols;
    std::vector<indicator_update> updates;
    std::deque<orders::execution_event> inbox;
  };
  struct indicator_host {
    std::string symbol;
    std::vector<indicators::indicator> hosted;
    std::vector<std::size_t> subscribers;
  };

  void start(hosted& st, timestamp t) {
    st.ctx.set_now(t);
    if (!st.logic->started())
      st.logic->handle_start();
    st.ctx.advance_to(*st.logic, t);
  }

  void take_commands(timestamp t) {
    for (auto& st : strategies_) {
      for (auto& cmd : st->ctx.commands)
        std::visit([&](const auto& c) { om_.enqueue(to_protocol(c, t)); }, cmd);
      st->ctx.commands.clear();
    }
  }

  void take_actions() {
    for (auto& action : om_.take_actions()) {
      if (auto* c = std::get_if<orders::venue_command>(&action))
        venue_inbox_.push_back(std::move(c->command));
      else if (auto* e = std::get_if<orders::strategy_event>(&action))
        strategies_[e->strategy - 1]->inbox.push_back(std::move(e->event));
      else
        fills_.push_back(fill_of(std::get<orders::fill_report>(action)));
    }
  }

  void collect_venue_events() {
    for (auto& e : venue_.take_events())
      om_events_.push_back(std::move(e));
  }

  void handle_venue_inbox(timestamp t) {
    while (!venue_inbox_.empty()) {
      auto cmd = std::move(venue_inbox_.front());
      venue_inbox_.pop_front();
      send_to(venue_, cmd, t);
      collect_venue_events();
    }
  }

  bool busy() const {
    if (!om_events_.empty() || !venue_inbox_.empty())
      return true;
    for (const auto& st : strategies_)
      if (!st->inbox.empty() || !st->ctx.commands.empty())
        return true;
    return false;
  }

  // Answers within one data time, in rank order until nothing is left.
  void settle(timestamp t) {
    while (busy()) {
      for (auto& st : strategies_) {
        if (st->inbox.empty())
          continue;
        start(*st, t);
        while (!st->inbox.empty()) {
          auto e = std::move(st->inbox.front());
          st->inbox.pop_front();
          deliver(*st->logic, e);
        }
      }
      take_commands(t);
      auto events = std::move(om_events_);
      om_events_.clear();
      for (auto& e : events) {
        om_.on_venue_event(std::move(e), t);
        take_actions();
      }
      om_.drain(t);
      take_actions();
      handle_venue_inbox(t);
    }
  }

  orders::order_manager_core om_;
  venue::simulated_venue venue_;
  std::set<std::string> listed_;
  std::vector<std::unique_ptr<hosted>> strategies_;
  std::vector<indicator_host> indicators_;
  std::deque<orders::order_command> venue_inbox_;
  std::vector<orders::execution_event> om_events_;
  std::vector<fill> fills_;
};

} // namespace

std::vector<fill> run_bare_bar_loop(const bare_bar_setup& setup) {
  bar_loop l(setup);
  return l.run(*setup.slices);
}

} // namespace bourse::bench
