// Shows the three example strategies producing the expected orders on hand-made sequences of
// indicator updates and cross-venue quotes, driven through a recording context.
#include <doctest/doctest.h>

#include "bourse/strategy/examples/cross_venue_spread.hpp"
#include "bourse/strategy/examples/rsi_reversion.hpp"
#include "bourse/strategy/examples/sma_cross.hpp"
#include "strategy_kit.hpp"

using namespace bourse;
using namespace bourse::testing;

TEST_CASE("sma_cross trades only when the fast average crosses the slow one") {
  sma_cross_params p;
  p.symbol = "SPX";
  p.fast = 2;
  p.slow = 3;
  p.qty = qty("10");
  SUBCASE("long_flat") {}
  SUBCASE("long_short") { p.mode = position_mode::long_short; }
  recording_context ctx;
  sma_cross_strategy s{p};
  s.attach(ctx, strategy_identity{1, 1, "sma"});
  s.handle_start();

  auto req = s.requirements();
  REQUIRE(req.indicators.size() == 2);
  CHECK(req.indicators[0].spec == "sma:2");
  CHECK(req.indicators[1].spec == "sma:3");
  CHECK(req.indicators[0].symbol == "SPX");

  s.handle_indicator(indicator(1, "SPX", "sma:2", 10.0)); // slow not ready yet
  s.handle_indicator(indicator(2, "SPX", "sma:3", 11.0)); // arrival order does not matter
  s.handle_indicator(indicator(2, "SPX", "sma:2", 10.0)); // first bar with both: fast below
  CHECK(ctx.commands.empty());
  s.handle_indicator(indicator(3, "SPX", "sma:2", 12.0));
  s.handle_indicator(indicator(3, "OTHER", "sma:3", 99.0)); // another symbol: ignored
  s.handle_indicator(indicator(3, "SPX", "rsi:14", 99.0));  // another spec: ignored
  CHECK(ctx.commands.empty());
  s.handle_indicator(indicator(3, "SPX", "sma:3", 11.0)); // cross up
  REQUIRE(ctx.submits().size() == 1);
  auto buy = ctx.submits()[0];
  CHECK(buy.order.order_side == side::buy);
  CHECK(buy.order.type == order_type::market);
  CHECK(buy.order.qty == qty("10"));
  CHECK(buy.order.symbol == "SPX");
  s.handle_fill(make_fill(buy, px("100"), 3));

  s.handle_indicator(indicator(4, "SPX", "sma:2", 13.0));
  s.handle_indicator(indicator(4, "SPX", "sma:3", 11.5)); // still above: nothing
  s.handle_indicator(indicator(4, "SPX", "sma:3", 11.5)); // a repeat of the bar: nothing
  CHECK(ctx.submits().size() == 1);

  s.handle_indicator(indicator(5, "SPX", "sma:3", 12.0));
  s.handle_indicator(indicator(5, "SPX", "sma:2", 11.5)); // cross down
  REQUIRE(ctx.submits().size() == 2);
  auto sell = ctx.submits()[1];
  CHECK(sell.order.order_side == side::sell);
  CHECK(sell.order.qty == (p.mode == position_mode::long_short ? qty("20") : qty("10")));

  s.handle_indicator(indicator(6, "SPX", "sma:3", 12.0));
  s.handle_indicator(indicator(6, "SPX", "sma:2", 12.0)); // equal: the regime stays
  s.handle_indicator(indicator(7, "SPX", "sma:3", 12.0));
  s.handle_indicator(indicator(7, "SPX", "sma:2", 11.0)); // still below
  CHECK(ctx.submits().size() == 2);
}

TEST_CASE("rsi_reversion buys below the lower level and sells above the upper one") {
  rsi_reversion_params p;
  p.symbol = "SPX";
  p.period = 14;
  p.qty = qty("5");
  bool long_short = false;
  SUBCASE("long_flat") {}
  SUBCASE("long_short") {
    p.mode = position_mode::long_short;
    long_short = true;
  }
  recording_context ctx;
  rsi_reversion_strategy s{p};
  s.attach(ctx, strategy_identity{2, 1, "rsi"});
  s.handle_start();
  REQUIRE(s.requirements().indicators.size() == 1);
  CHECK(s.requirements().indicators[0].spec == "rsi:14");

  s.handle_indicator(indicator(1, "SPX", "rsi:14", 50.0));
  CHECK(ctx.commands.empty());
  s.handle_indicator(indicator(2, "SPX", "rsi:14", 25.0));
  REQUIRE(ctx.submits().size() == 1);
  CHECK(ctx.submits()[0].order.order_side == side::buy);
  CHECK(ctx.submits()[0].order.qty == qty("5"));
  s.handle_indicator(indicator(3, "SPX", "rsi:14", 20.0)); // the open order already counts
  CHECK(ctx.submits().size() == 1);
  s.handle_fill(make_fill(ctx.submits()[0], px("100"), 3));
  s.handle_indicator(indicator(4, "SPX", "rsi:14", 69.9)); // between the levels: hold
  CHECK(ctx.submits().size() == 1);
  s.handle_indicator(indicator(5, "SPX", "rsi:14", 75.0));
  REQUIRE(ctx.submits().size() == 2);
  CHECK(ctx.submits()[1].order.order_side == side::sell);
  CHECK(ctx.submits()[1].order.qty == (long_short ? qty("10") : qty("5")));
  s.handle_fill(make_fill(ctx.submits()[1], px("101"), 5));
  s.handle_indicator(indicator(6, "SPX", "rsi:14", 80.0));
  CHECK(ctx.submits().size() == 2);
  CHECK(s.position("SPX").net() == (long_short ? qty("-5") : qty("0")));
}

namespace {

cross_venue_quote cross(timestamp ts, const char* bid, const char* bid_size, const char* ask,
                       const char* ask_size) {
  cross_venue_quote q;
  q.ts = ts;
  q.instrument = "XYZ";
  q.best_bid = venue_quote{"B", "XYZ.B", px(bid), qty(bid_size)};
  q.best_ask = venue_quote{"A", "XYZ.A", px(ask), qty(ask_size)};
  return q;
}

} // namespace

TEST_CASE("cross_venue_spread buys the cheap venue and sells the dear one within its limits") {
  cross_venue_spread_params p;
  p.instrument = "XYZ";
  p.qty = qty("2");
  p.fee_bps = px("10");
  p.min_edge = px("0.05");
  p.max_position = qty("3");
  recording_context ctx;
  cross_venue_spread_strategy s{p};
  s.attach(ctx, strategy_identity{3, 1, "spread"});
  s.handle_start();
  REQUIRE(s.requirements().aggregated == std::vector<std::string>{"XYZ"});

  // 100.50 - 100.00 - 200.50 * 10 / 10000 = 0.2995 per unit.
  CHECK(cross_venue_spread_strategy::edge_after_fees(px("100.50"), px("100.00"), px("10")) ==
        px("0.2995"));
  // A fee below a billionth is rounded up, never dropped.
  CHECK(cross_venue_spread_strategy::edge_after_fees(px("0.000000002"), px("0.000000001"),
                                                     px("1"))
            .is_zero());

  s.handle_aggregated_quote(cross(1, "100.50", "5", "100.00", "1"));
  auto subs = ctx.submits();
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].order.symbol == "XYZ.A");
  CHECK(subs[0].order.order_side == side::buy);
  CHECK(subs[0].order.type == order_type::limit);
  CHECK(subs[0].order.tif == time_in_force::ioc);
  CHECK(subs[0].order.limit_price == px("100.00"));
  CHECK(subs[0].order.qty == qty("1")); // the ask's size
  CHECK(subs[1].order.symbol == "XYZ.B");
  CHECK(subs[1].order.order_side == side::sell);
  CHECK(subs[1].order.limit_price == px("100.50"));
  CHECK(subs[1].order.qty == qty("1"));

  s.handle_aggregated_quote(cross(2, "100.50", "5", "100.00", "10")); // legs still open
  CHECK(ctx.submits().size() == 2);
  s.handle_fill(make_fill(subs[0], px("100.00"), 2));
  s.handle_fill(make_fill(subs[1], px("100.50"), 2));

  s.handle_aggregated_quote(cross(3, "100.50", "5", "100.00", "10"));
  subs = ctx.submits();
  REQUIRE(subs.size() == 4);
  CHECK(subs[2].order.qty == qty("2")); // qty; room is 3 - 1 on each leg
  s.handle_fill(make_fill(subs[2], px("100.00"), 3));
  s.handle_fill(make_fill(subs[3], px("100.50"), 3));
  CHECK(s.position("XYZ.A").net() == qty("3"));
  CHECK(s.position("XYZ.B").net() == qty("-3"));

  s.handle_aggregated_quote(cross(4, "101.00", "5", "100.00", "5")); // no room left
  CHECK(ctx.submits().size() == 4);
  CHECK(s.opportunities() == 2);

  SUBCASE("an edge below the fees plus min_edge is left alone") {
    cross_venue_spread_strategy fresh{p};
    recording_context c2;
    fresh.attach(c2, strategy_identity{4, 1, "spread"});
    fresh.handle_start();
    fresh.handle_aggregated_quote(cross(1, "100.20", "5", "100.00", "5")); // 0.20 - 0.2002 < 0
    fresh.handle_aggregated_quote(cross(2, "100.25", "5", "100.00", "5")); // 0.04975 < 0.05
    auto same_venue = cross(3, "101", "5", "100", "5");
    same_venue.best_ask.venue = "B";
    fresh.handle_aggregated_quote(same_venue);
    auto other = cross(4, "101", "5", "100", "5");
    other.instrument = "OTHER";
    fresh.handle_aggregated_quote(other);
    CHECK(c2.commands.empty());
    fresh.handle_aggregated_quote(cross(5, "100.26", "5", "100.00", "5")); // 0.05974 >= 0.05
    CHECK(c2.submits().size() == 2);
  }
}
