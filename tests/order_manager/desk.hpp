#pragma once
// A trading desk for the order manager core tests: one order manager core wired to simulated venue
// cores the way the actors wire them (commands to the venue routed by symbol, venue events back),
// recording what strategies and fill listeners receive, one line per event.

#include <memory>
#include <string>
#include <vector>

#include "../venue/venue_kit.hpp"
#include "bourse/orders/order_manager_core.hpp"

namespace venue_kit {

/// An order manager core plus venues, pumped until quiet after every input.
struct desk {
  /// The order manager under test.
  order_manager_core om;
  /// The venues, by index.
  std::vector<std::unique_ptr<venue::simulated_venue>> venues;
  /// What strategies received, as "<strategy>: <event line>".
  std::vector<std::string> strategy_lines;
  /// Every event strategies received.
  std::vector<strategy_event> strategy_events;
  /// What the fill listeners received (order_partially_filled or order_filled).
  std::vector<execution_event> fill_reports;
  /// Every command sent to a venue.
  std::vector<venue_command> venue_commands;
  /// The data time of the latest input.
  timestamp now = 0;
  /// When true, the order manager and the venues forget finished orders whenever the desk has
  /// settled, as the actors do after every step.
  bool forget = false;

  /// Builds a desk with one venue per settings; every instrument is routed to its venue.
  explicit desk(const order_manager_settings& om_settings,
                std::vector<venue::venue_settings> venue_settings = {settings()})
      : om(om_settings) {
    for (auto& s : venue_settings) {
      for (const auto& i : s.instruments)
        CHECK(om.add_route(i.symbol, venues.size()));
      venues.push_back(std::make_unique<venue::simulated_venue>(std::move(s)));
    }
  }

  /// Queues a command and lets everything run.
  void send(order_command c) {
    om.enqueue(std::move(c));
    pump();
  }

  /// Hands a quote to the order manager and the venues.
  void on_quote(const quote& q) {
    now = q.ts;
    om.on_quote(q);
    for (auto& v : venues)
      v->on_quote(q);
    pump();
  }

  /// Hands a trade to the order manager and the venues.
  void on_trade(const trade& t) {
    now = t.ts;
    om.on_trade(t);
    for (auto& v : venues)
      v->on_trade(t);
    pump();
  }

  /// Hands a bar to the order manager and the venues.
  void on_bar(std::string symbol, const bar& b) {
    now = b.ts;
    om.on_bar(symbol, b);
    for (auto& v : venues)
      v->on_bar(symbol, b);
    pump();
  }

  /// Moves time forward (latency, session close).
  void advance(timestamp ts) {
    now = ts;
    for (auto& v : venues)
      v->advance_to(ts);
    pump();
  }

  /// Stops the order manager, then the venues, as the sequencer does.
  void stop() {
    om.stop(now);
    pump();
    for (auto& v : venues)
      v->stop(now);
    pump();
  }

  /// Drains the order manager and exchanges actions and venue events until nothing moves.
  void pump() {
    for (int rounds = 0; rounds < 1000; ++rounds) {
      om.drain(now);
      bool moved = false;
      for (auto& action : om.take_actions()) {
        moved = true;
        if (auto* c = std::get_if<venue_command>(&action)) {
          venue_commands.push_back(*c);
          auto& v = *venues.at(c->venue);
          std::visit(
              [&](const auto& cmd) {
                using T = std::decay_t<decltype(cmd)>;
                if constexpr (std::is_same_v<T, submit_order>)
                  v.submit(cmd, now);
                else if constexpr (std::is_same_v<T, cancel_order>)
                  v.cancel(cmd, now);
                else
                  v.replace(cmd, now);
              },
              c->command);
        } else if (auto* e = std::get_if<strategy_event>(&action)) {
          strategy_lines.push_back(std::to_string(e->strategy) + ": " + describe(e->event));
          strategy_events.push_back(*e);
        } else {
          std::visit([&](const auto& f) { fill_reports.push_back(f); },
                     std::get<fill_report>(action).event);
        }
      }
      for (auto& v : venues)
        for (auto& e : v->take_events()) {
          moved = true;
          om.on_venue_event(std::move(e), now);
        }
      if (!moved) {
        if (forget) {
          (void)om.forget_finished();
          for (auto& v : venues)
            (void)v->forget_finished();
        }
        return;
      }
    }
    FAIL("the desk did not settle");
  }

  /// Returns the strategy lines since the last call.
  std::vector<std::string> lines() { return std::exchange(strategy_lines, {}); }

  /// Returns the state of an order the order manager tracks (or forgot: its final state).
  order_state state_of(order_id id) const {
    if (const order* o = om.tracker().find(id))
      return o->state;
    auto f = om.tracker().forgotten(id);
    REQUIRE(f.has_value());
    return static_cast<order_state>(f->tag);
  }
};

} // namespace venue_kit
