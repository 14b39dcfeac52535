// Shows that the venue refuses bad commands with a typed reason and a sentence naming the order:
// unknown symbols, off-grid prices and quantities, missing or unexpected prices, duplicate ids,
// cancels and replaces of unknown or finished orders or of another strategy's orders.
#include <doctest/doctest.h>

#include "venue_kit.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

TEST_CASE("new orders the venue cannot take are rejected with a reason and a detail") {
  venue::simulated_venue v(settings());
  auto bad_type = market(6, side::buy, "1");
  bad_type.limit_price = px("10.00");
  auto no_stop = stop(7, side::buy, "1", "10.00");
  no_stop.stop_price = price{};
  auto zero = limit(8, side::buy, "0", "10.00");
  v.submit(limit(1, side::buy, "10", "10.00", time_in_force::gtc, "TSLA"), 1);
  v.submit(limit(2, side::buy, "10", "10.005"), 1);
  v.submit(limit(3, side::buy, "10.5", "10.00"), 1);
  v.submit(limit(4, side::buy, "10", "10.00"), 1);
  v.submit(limit(4, side::sell, "10", "11.00"), 1);
  v.submit(limit(5, side::buy, "10", "-1.00"), 1);
  v.submit(bad_type, 1);
  v.submit(no_stop, 1);
  v.submit(zero, 1);
  auto events = v.take_events();
  CHECK(describe(events) ==
        lines{"rejected 1 submit unknown_symbol", "rejected 2 submit off_tick",
              "rejected 3 submit off_lot", "accepted 4", "rejected 4 submit duplicate_id",
              "rejected 5 submit invalid_order", "rejected 6 submit invalid_order",
              "rejected 7 submit invalid_order", "rejected 8 submit invalid_order"});
  auto rejected = only<order_rejected>(events);
  REQUIRE(rejected.size() == 8);
  CHECK(rejected[0].detail == "order 1: the venue does not trade TSLA");
  CHECK(rejected[1].detail ==
        "order 2 (AAPL): limit price 10.005 is not a multiple of the tick 0.01");
  CHECK(rejected[2].detail == "order 3 (AAPL): quantity 10.5 is not a multiple of the lot 1");
  CHECK(rejected[5].detail == "order 6 (AAPL): a market order takes no limit price, got 10.00");
  CHECK(rejected[6].detail == "order 7 (AAPL): a stop order needs a stop price");
  CHECK(rejected[7].detail == "order 8 (AAPL): quantity 0 is not positive");
  CHECK(rejected[0].header.strategy == 7);
  CHECK(rejected[0].header.account == 70);
}

TEST_CASE("cancels and replaces of unknown, finished or foreign orders are rejected") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(1, "99.98", "100.02"));
  v.submit(market(1, side::buy, "5"), 1);
  v.submit(limit(2, side::buy, "5", "99.00"), 1);
  (void)v.take_events();
  v.cancel(cancel(9), 2);
  v.cancel(cancel(1), 2);
  v.replace(replace(1, "99.50", ""), 2);
  v.cancel(cancel(2, 8), 2);
  v.replace(replace(2, "", ""), 2);
  v.replace(replace(2, "99.001", ""), 2);
  v.replace(replace(2, "", "2.5"), 2);
  v.cancel(cancel(2), 3);
  v.cancel(cancel(2), 4);
  CHECK(drain(v) == lines{"rejected 9 cancel unknown_order", "rejected 1 cancel order_finished",
                          "rejected 1 replace order_finished", "rejected 2 cancel not_owner",
                          "rejected 2 replace invalid_order", "rejected 2 replace off_tick",
                          "rejected 2 replace off_lot", "cancelled 2 5 user",
                          "rejected 2 cancel order_finished"});
}

TEST_CASE("a pending stop can be replaced and cancelled at the venue") {
  venue::simulated_venue v(settings());
  v.submit(stop(1, side::buy, "10", "101.00", "101.50"), 1);
  v.submit(stop(2, side::buy, "10", "101.00"), 1);
  v.replace(replace(1, "101.60", "4"), 2);
  v.replace(replace(2, "101.60", ""), 2);
  v.cancel(cancel(1), 3);
  CHECK(drain(v) == lines{"accepted 1", "accepted 2", "replaced 1 101.60 4",
                          "rejected 2 replace invalid_order", "cancelled 1 4 user"});
}
