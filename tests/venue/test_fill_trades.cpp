// Shows the venue's fill model against replayed trades: a print trades through resting limits
// (strictly beyond their limit) and fills them at their limit up to the print's size; a symbol
// without quotes offers the last print as outside liquidity; stops trigger on replayed prints only
// (never on the venue's own simulated trades) and then trade against the outside market.
#include <doctest/doctest.h>

#include "venue_kit.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

TEST_CASE("a print below a resting buy fills it at its limit up to the print's size") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(1, "99.98", "100.02", "100", "100"));
  v.submit(limit(1, side::buy, "50", "100.00"), 1);
  CHECK(drain(v) == lines{"accepted 1"});
  v.on_trade(make_trade(2, "100.00", "500"));
  CHECK(drain(v).empty()); // at the limit is not through it
  v.on_trade(make_trade(3, "99.99", "20"));
  CHECK(drain(v) == lines{"fill 1 buy 20@100.00 leaves 30 maker"});
  v.on_trade(make_trade(4, "99.50", "100"));
  CHECK(drain(v) == lines{"fill 1 buy 30@100.00 leaves 0 maker done"});
}

TEST_CASE("a print above resting sells fills them best price first, then by time") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(1, "99.98", "100.02", "100", "100"));
  v.submit(limit(1, side::sell, "10", "100.10"), 1);
  v.submit(limit(2, side::sell, "10", "100.05"), 1);
  v.submit(limit(3, side::sell, "10", "100.05"), 1);
  (void)v.take_events();
  v.on_trade(make_trade(2, "100.20", "25"));
  CHECK(drain(v) == lines{"fill 2 sell 10@100.05 leaves 0 maker done",
                          "fill 3 sell 10@100.05 leaves 0 maker done",
                          "fill 1 sell 5@100.10 leaves 5 maker"});
}

TEST_CASE("a symbol without quotes trades against its last print") {
  venue::simulated_venue v(settings());
  v.on_trade(make_trade(1, "50.00", "40"));
  v.submit(market(1, side::buy, "100"), 1);
  v.submit(market(2, side::sell, "10"), 1);
  CHECK(drain(v) == lines{"accepted 1", "fill 1 buy 40@50.00 leaves 60 taker",
                          "cancelled 1 60 no_liquidity", "accepted 2",
                          "fill 2 sell 10@50.00 leaves 0 taker done"});
  SUBCASE("once quoted, prints no longer set the outside levels") {
    v.on_quote(make_quote(2, "49.98", "50.02", "100", "100"));
    v.on_trade(make_trade(3, "51.00", "7"));
    CHECK(v.outside("AAPL")->ask->px == px("50.02"));
    CHECK(v.outside("AAPL")->last == px("51.00"));
  }
}

TEST_CASE("stops trigger on replayed prints and trade against the quote") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(1, "100.00", "100.02"));
  v.submit(stop(1, side::buy, "10", "101.00"), 1);
  CHECK(drain(v) == lines{"accepted 1"});
  CHECK(v.live_orders()[0].status == venue::venue_order_status::pending_stop);
  v.on_trade(make_trade(2, "100.99", "5"));
  CHECK(drain(v).empty());
  v.on_quote(make_quote(3, "100.99", "101.01"));
  v.on_trade(make_trade(3, "101.00", "1"));
  CHECK(drain(v) == lines{"triggered 1", "fill 1 buy 10@101.01 leaves 0 taker done"});

  SUBCASE("a stop already reached on submission triggers at once") {
    v.submit(stop(2, side::buy, "5", "100.50"), 4);
    CHECK(drain(v) ==
          lines{"accepted 2", "triggered 2", "fill 2 buy 5@101.01 leaves 0 taker done"});
  }
  SUBCASE("a triggered stop-limit that is not marketable rests") {
    v.submit(stop(3, side::sell, "10", "99.00", "98.95"), 4);
    v.on_quote(make_quote(5, "98.90", "98.99"));
    v.on_trade(make_trade(5, "99.00", "3"));
    CHECK(drain(v) == lines{"accepted 3", "triggered 3"});
    auto live = v.live_orders();
    REQUIRE(live.size() == 1);
    CHECK(live[0].status == venue::venue_order_status::working);
    CHECK(live[0].limit_price == px("98.95"));
    v.on_quote(make_quote(6, "98.96", "99.00", "4", "10"));
    CHECK(drain(v) == lines{"fill 3 sell 4@98.95 leaves 6 maker"});
  }
}

TEST_CASE("the venue's own simulated trades do not trigger stops") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(1, "100.99", "101.60"));
  v.submit(limit(1, side::sell, "5", "101.50", time_in_force::gtc, "AAPL", 8, 80), 1);
  v.submit(stop(2, side::buy, "5", "101.50"), 1);
  v.submit(limit(3, side::buy, "5", "101.50"), 1);
  CHECK(drain(v) == lines{"accepted 1", "accepted 2", "accepted 3",
                          "fill 3 buy 5@101.50 leaves 0 taker done",
                          "fill 1 sell 5@101.50 leaves 0 maker done"});
  auto live = v.live_orders();
  REQUIRE(live.size() == 1);
  CHECK(live[0].id == 2);
  CHECK(live[0].status == venue::venue_order_status::pending_stop);
  v.on_trade(make_trade(2, "101.50", "1"));
  CHECK(drain(v) == lines{"triggered 2", "fill 2 buy 5@101.60 leaves 0 taker done"});
}

TEST_CASE("stops triggered by one print run in the order they were accepted") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(1, "99.00", "99.02", "1000", "1000"));
  v.submit(stop(1, side::sell, "1", "98.50"), 1);
  v.submit(stop(2, side::sell, "1", "98.90"), 1);
  v.submit(stop(3, side::sell, "1", "98.00"), 1);
  (void)v.take_events();
  v.on_trade(make_trade(2, "98.50", "1"));
  CHECK(drain(v) == lines{"triggered 1", "fill 1 sell 1@99.00 leaves 0 taker done", "triggered 2",
                          "fill 2 sell 1@99.00 leaves 0 taker done"});
  CHECK(v.live_orders().size() == 1);
}

TEST_CASE("with fill_at_touch a print or a bar at the limit fills resting orders") {
  auto s = settings();
  s.fill_at_touch = true;
  venue::simulated_venue v(s);
  v.on_quote(make_quote(1, "99.98", "100.02", "100", "100"));
  v.submit(limit(1, side::buy, "50", "100.00"), 1);
  v.submit(limit(2, side::sell, "10", "100.10"), 1);
  (void)v.take_events();
  v.on_trade(make_trade(2, "100.00", "20")); // at the buy's limit
  CHECK(drain(v) == lines{"fill 1 buy 20@100.00 leaves 30 maker"});
  v.on_trade(make_trade(3, "100.10", "4")); // at the sell's limit
  CHECK(drain(v) == lines{"fill 2 sell 4@100.10 leaves 6 maker"});
  bar b;
  b.ts = 4;
  b.open = px("100.05");
  b.high = px("100.10");
  b.low = px("100.00");
  b.close = px("100.05");
  b.volume = quantity::from_units(1000);
  v.on_bar(symbol_id{"AAPL"}, b); // low and high touch both limits
  CHECK(drain(v) == lines{"fill 1 buy 30@100.00 leaves 0 maker done",
                          "fill 2 sell 6@100.10 leaves 0 maker done"});
}
