// Compiles and runs the example of docs/strategy-api.md (kept in step by hand: the doc quotes the
// part between the markers): a strategy unit-tested through a recording context.
#include <doctest/doctest.h>

#include "bourse/strategy/recording_context.hpp"
#include "bourse/strategy/strategy.hpp"

// [doc-example-begin]
#include <string>

#include "bourse/strategy/strategy.hpp"

/// Buys 1 when a bar closes above the previous bar's high; sells it again 3 bars later.
class breakout final : public bourse::strategy {
public:
  explicit breakout(std::string symbol) : symbol_(std::move(symbol)) {}

  bourse::strategy_spec requirements() const override {
    bourse::strategy_spec spec;
    spec.data.push_back({symbol_, bourse::market_stream::bars});
    return spec;
  }

protected:
  void on_bar(const std::string& symbol, const bourse::bar& b) override {
    if (symbol != symbol_)
      return;
    if (have_prev_ && b.close > prev_high_ && exposure(symbol_).is_zero()) {
      submit_market(symbol_, bourse::side::buy, bourse::quantity::from_units(1));
      exit_after_ = 3;
    } else if (exit_after_ > 0 && --exit_after_ == 0) {
      order_target(symbol_, bourse::quantity{});
    }
    prev_high_ = b.high;
    have_prev_ = true;
  }
  void on_fill(const bourse::fill_event& f) override {
    log_info("Filled symbol=" + f.symbol + " position=" + position(f.symbol).net().to_string());
  }

private:
  std::string symbol_;
  bourse::price prev_high_;
  bool have_prev_ = false;
  int exit_after_ = 0;
};

// In a test: drive it by hand and look at what it sent.
TEST_CASE("breakout buys above the previous high and exits three bars later") {
  using namespace bourse;
  auto p = [](const char* t) { return *price::parse(t); };
  recording_context ctx;
  breakout s{"SPX"};
  s.attach(ctx, strategy_identity{1, 1, "breakout"});
  s.handle_start();
  s.handle_bar("SPX", bar{1, p("10"), p("11"), p("9"), p("10"), {}});
  s.handle_bar("SPX", bar{2, p("10"), p("12"), p("10"), p("11.5"), {}}); // 11.5 > 11: buy
  REQUIRE(ctx.submits().size() == 1);
  s.handle_fill(make_fill(ctx.submits()[0], p("11.5"), 2));
  CHECK(s.position("SPX").net() == quantity::from_units(1));
  for (timestamp t = 3; t <= 5; ++t)
    s.handle_bar("SPX", bar{t, p("11"), p("11"), p("11"), p("11"), {}});
  REQUIRE(ctx.submits().size() == 2); // the exit on the third bar after the entry
  CHECK(ctx.submits()[1].order.order_side == side::sell);
}
// [doc-example-end]
