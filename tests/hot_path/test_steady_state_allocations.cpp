// Shows the hot-path discipline of the cores (STYLE rule 18): once warmed up, a quote travelling
// the market-data path of a backtest -- the aggregator, a strategy's aggregated-quote handler, the
// order manager's and the venues' marks, the equity tracker, and bars through the indicators and an
// indicator update into a strategy -- makes no heap allocation (calls of operator new counted with
// counting_new.hpp). The order path is covered separately (tests/book/test_allocation.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/indicators/indicator.hpp"
#include "bourse/market/aggregator.hpp"
#include "bourse/orders/order_manager_core.hpp"
#include "bourse/strategy/equity_tracker.hpp"
#include "bourse/strategy/recording_context.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/venue/simulated_venue.hpp"
#include "counting_new.hpp"

using namespace bourse;
using bourse::testing::heap_allocations;

namespace {

venue::venue_settings venue_listing_symbol(const std::string& symbol) {
  venue::venue_settings s;
  s.instruments.push_back(*instrument::make(symbol, "0.01", "1"));
  return s;
}

quote make_quote(timestamp ts, const symbol_id& symbol, std::int64_t bid_cents) {
  quote q;
  q.ts = ts;
  q.symbol = symbol;
  q.bid = price::from_raw(bid_cents, 2);
  q.ask = price::from_raw(bid_cents + 2, 2);
  q.bid_size = quantity::from_units(5);
  q.ask_size = quantity::from_units(5);
  return q;
}


} // namespace

TEST_CASE("a quote through the aggregator, a strategy, the order manager and the venues allocates "
          "nothing in steady state") {
  const symbol_id a{"HOT.A"};
  const symbol_id b{"HOT.B"};
  quote_aggregator aggregator{{*venue_listing::parse("HOT.A=HOT@A"),
                               *venue_listing::parse("HOT.B=HOT@B")}};
  venue::simulated_venue venue_a{venue_listing_symbol("HOT.A")};
  venue::simulated_venue venue_b{venue_listing_symbol("HOT.B")};
  orders::order_manager_core om{orders::order_manager_settings{}};
  REQUIRE(om.add_route("HOT.A", 0));
  REQUIRE(om.add_route("HOT.B", 1));
  // The demo's spread strategy, with an edge it never sees: it looks at every quote, never trades.
  auto made = make_strategy(
      "cross_venue_spread:instrument=HOT,qty=1,min_edge=1000,fee_bps=0.1,max_position=5");
  REQUIRE(made.value);
  auto strat = std::move(made.value);
  recording_context context;
  strat->attach(context, strategy_identity{1, 1, "spread"});
  strat->handle_start();
  equity_tracker equity;
  const auto owner = equity.add_owner();

  std::vector<quote> batch(2);
  std::size_t views = 0;
  auto step = [&](timestamp t) {
    batch[0] = make_quote(t, a, 10'000 + t % 7);
    batch[1] = make_quote(t, b, 10'001 + t % 5);
    context.set_now(t);
    for (const auto& update : aggregator.apply(batch)) {
      strat->handle_aggregated_quote(to_cross_venue_quote(update.view));
      ++views;
    }
    for (const auto& q : batch) {
      om.on_quote(q);
      equity.mark(q.symbol, q.bid);
    }
    venue_a.advance_to(t);
    venue_a.on_quote(batch[0]);
    venue_b.advance_to(t);
    venue_b.on_quote(batch[1]);
    CHECK(venue_a.take_events().empty());
    CHECK(venue_b.take_events().empty());
  };
  timestamp t = 1;
  for (; t <= 1'000; ++t) // warm-up: the first quotes of a symbol create its state
    step(t);
  const std::size_t before = heap_allocations();
  for (; t <= 21'000; ++t)
    step(t);
  const std::size_t allocations = heap_allocations() - before;
  CHECK(allocations == 0);
  CHECK(views > 10'000); // the aggregator published (the prices move every step)
  CHECK(context.commands.empty());
  CHECK(equity.equity(owner, money::from_raw(0, 2)).has_value());
}

TEST_CASE("bars through the indicators and indicator updates into a strategy allocate nothing in "
          "steady state") {
  std::vector<indicators::indicator> hosted;
  for (const char* spec : {"sma:10", "ema:20", "rsi:14", "macd:12:26:9", "bbands:20:2"})
    hosted.push_back(std::move(*indicators::make_indicator(spec).value));
  auto made = make_strategy("sma_cross:symbol=HOT,fast=10,slow=20,qty=1");
  REQUIRE(made.value);
  auto strat = std::move(made.value);
  recording_context context;
  strat->attach(context, strategy_identity{1, 1, "sma"});
  strat->handle_start();
  const symbol_id symbol{"HOT"};
  std::vector<interned_string> specs;
  for (const auto& ind : hosted)
    specs.emplace_back(ind.spec().text);

  std::size_t updates = 0;
  auto step = [&](int i) {
    bar b;
    b.ts = i;
    b.close = price::from_raw(10'000 + (i * 37) % 101 - 50, 2);
    b.open = b.close;
    b.high = price::from_raw(b.close.raw() + 20, 2);
    b.low = price::from_raw(b.close.raw() - 20, 2);
    b.volume = quantity::from_units(100);
    const auto input = indicators::to_ohlcv(b);
    for (std::size_t k = 0; k < hosted.size(); ++k) {
      auto& ind = hosted[k];
      ind.update(input);
      if (!ind.ready())
        continue;
      indicator_update u;
      u.ts = b.ts;
      u.symbol = symbol;
      u.spec = specs[k];
      for (std::size_t o = 0; o < ind.output_count(); ++o)
        (void)u.add(ind.output_names()[o], ind.value(o));
      context.set_now(b.ts);
      strat->handle_indicator(u);
      ++updates;
    }
    context.set_now(b.ts);
    strat->handle_bar(symbol, b);
    context.commands.clear();
  };
  int i = 0;
  for (; i < 200; ++i)
    step(i);
  const std::size_t before = heap_allocations();
  for (; i < 10'200; ++i)
    step(i);
  CHECK(heap_allocations() - before == 0);
  CHECK(updates > 40'000);
}
