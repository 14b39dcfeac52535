#pragma once
// Test kit for strategy tests: a probe strategy that records which handlers ran and exposes the
// protected helpers, plus builders for indicator updates and quotes.

#include <functional>
#include <string>
#include <vector>

#include "bourse/strategy/recording_context.hpp"
#include "bourse/strategy/strategy.hpp"

namespace bourse::testing {

/// Returns a price parsed from text (the test data is always valid).
inline price px(const char* text) { return *price::parse(text); }
/// Returns a quantity parsed from text.
inline quantity qty(const char* text) { return *quantity::parse(text); }

/// Returns a one-value indicator update.
inline indicator_update indicator(timestamp ts, std::string symbol, std::string spec, double v) {
  indicator_update u;
  u.ts = ts;
  u.symbol = std::move(symbol);
  (void)u.add(spec, v);
  u.spec = spec;
  return u;
}

/// A strategy that records the handlers called and lets a test run code inside them.
class probe_strategy : public strategy {
public:
  /// Handler names in call order ("start", "quote", "fill", "timer:3", ...).
  std::vector<std::string> calls;
  /// Runs inside on_start (the test trades from there).
  std::function<void(probe_strategy&)> start_action;
  /// Runs inside on_timer.
  std::function<void(probe_strategy&, timer_id)> timer_action;
  /// Runs inside on_quote.
  std::function<void(probe_strategy&, const quote&)> quote_action;

  strategy_spec requirements() const override {
    strategy_spec spec;
    spec.data.push_back({"AAA", market_stream::quotes});
    return spec;
  }

  // The protected helpers, opened for tests.
  using strategy::cancel;
  using strategy::cancel_all;
  using strategy::cancel_timer;
  using strategy::order_target;
  using strategy::replace;
  using strategy::set_timer_after;
  using strategy::set_timer_at;
  using strategy::submit;
  using strategy::submit_limit;
  using strategy::submit_market;
  using strategy::submit_stop;
  using strategy::submit_stop_limit;
  using strategy::order_target_percent;
  using strategy::order_target_value;
  using strategy::submit_bracket;
  using strategy::submit_oco;
  using strategy::submit_trailing_stop;

protected:
  void on_start() override {
    calls.push_back("start");
    if (start_action)
      start_action(*this);
  }
  void on_quote(const quote& q) override {
    calls.push_back("quote");
    if (quote_action)
      quote_action(*this, q);
  }
  void on_trade(const trade&) override { calls.push_back("trade"); }
  void on_bar(const std::string&, const bar&) override { calls.push_back("bar"); }
  void on_indicator(const indicator_update&) override { calls.push_back("indicator"); }
  void on_aggregated_quote(const cross_venue_quote&) override { calls.push_back("aggregated"); }
  void on_order_update(const order_update& u) override {
    calls.push_back(std::string{"update:"} + std::string{to_string(u.kind)});
  }
  void on_fill(const fill_event&) override { calls.push_back("fill"); }
  void on_timer(timer_id id, timestamp) override {
    calls.push_back("timer:" + std::to_string(id));
    if (timer_action)
      timer_action(*this, id);
  }
  void on_stop() override { calls.push_back("stop"); }
};

} // namespace bourse::testing
