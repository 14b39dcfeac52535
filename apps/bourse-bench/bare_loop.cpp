// The bare single-thread loop over the framework cores (the pipeline benchmarks' baseline).
#include "bare_loop.hpp"

#include <deque>
#include <memory>
#include <variant>

#include "bourse/orders/order_manager_core.hpp"
#include "bourse/strategy/recording_context.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/venue/simulated_venue.hpp"
#include "order_manager/order_flow_convert.hpp"
#include "strategy/strategy_messages.hpp"

namespace bourse::bench {

namespace {

namespace oc = order_convert;

template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

cross_venue_quote to_strategy(const aggregated_view& view) {
  cross_venue_quote q;
  q.ts = view.ts;
  q.instrument = view.instrument;
  q.best_bid = venue_quote{view.bid.venue, view.bid.symbol, view.bid.px, view.bid.size};
  q.best_ask = venue_quote{view.ask.venue, view.ask.symbol, view.ask.px, view.ask.size};
  return q;
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
        strategy_->handle_aggregated_quote(to_strategy(update.view));
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
      std::visit([&](const auto& c) { om_.enqueue(orders::order_command{oc::to_core(to_protocol(c, t))}); },
                 cmd);
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
        fills_.push_back(oc::to_protocol(std::get<orders::fill_report>(action).fill));
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
      std::visit(overloaded{[&](const orders::new_order_request& r) { v.submit(r, t); },
                            [&](const orders::cancel_request& r) { v.cancel(r, t); },
                            [&](const orders::replace_request& r) { v.replace(r, t); }},
                 cmd);
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
        oc::with_protocol(e, [&](auto msg) {
          using T = decltype(msg);
          if constexpr (std::is_same_v<T, order_filled> || std::is_same_v<T, order_partially_filled>)
            strategy_->handle_fill(to_core(msg.execution));
          else
            strategy_->handle_order_update(to_core(msg));
        });
      }
      take_commands(t);
      auto events = std::move(om_events_);
      om_events_.clear();
      for (const auto& e : events) {
        om_.on_venue_event(e, t);
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

} // namespace bourse::bench
