// Shows how fills become round trips: flat to flat per strategy and symbol, average-cost realised
// PnL across scale-ins and partial exits, a flip through zero closing one trip and opening the
// next, fees charged to the trip a fill closes, open trips at the end, and refused fills.
#include <doctest/doctest.h>

#include "bourse/report/round_trips.hpp"
#include "report_kit.hpp"

using namespace report_kit;

TEST_CASE("a round trip runs from flat to flat with average-cost PnL") {
  SUBCASE("scale in, scale out") {
    // Buy 10 @ 100 and 10 @ 110 (average 105); sell 5 @ 120 (+75) and 15 @ 100 (-75).
    auto result = match_round_trips(
        {fill(1, side::buy, "100", "10", "0.10"), fill(2, side::buy, "110", "10", "0.10"),
         fill(3, side::sell, "120", "5", "0.05"), fill(4, side::sell, "100", "15", "0.15")});
    REQUIRE_FALSE(result.error);
    REQUIRE(result.trips.size() == 1);
    const auto& trip = result.trips[0];
    CHECK(trip.closed);
    CHECK(trip.direction == side::buy);
    CHECK(trip.open_ts == 1);
    CHECK(trip.close_ts == 4);
    CHECK(trip.fills == 4);
    CHECK(trip.max_quantity == qty("20"));
    CHECK(trip.gross_pnl == cash("0"));
    CHECK(trip.fees == cash("0.40"));
    CHECK(trip.net_pnl == cash("-0.40"));
  }
  SUBCASE("a short trip") {
    auto result = match_round_trips(
        {fill(1, side::sell, "50.5", "2"), fill(2, side::buy, "49.25", "2", "0.01")});
    REQUIRE(result.trips.size() == 1);
    CHECK(result.trips[0].direction == side::sell);
    CHECK(result.trips[0].gross_pnl == cash("2.5"));
    CHECK(result.trips[0].net_pnl == cash("2.49"));
  }
}

TEST_CASE("a fill through zero closes one trip and opens the next") {
  // Long 10 @ 100; sell 15 @ 90 (fee 3): closes the long at -100 with the whole fee, opens short
  // 5 @ 90; buy 5 @ 80 closes the short at +50.
  auto result =
      match_round_trips({fill(1, side::buy, "100", "10", "1"), fill(2, side::sell, "90", "15", "3"),
                         fill(3, side::buy, "80", "5", "0.5")});
  REQUIRE_FALSE(result.error);
  REQUIRE(result.trips.size() == 2);
  CHECK(result.trips[0].direction == side::buy);
  CHECK(result.trips[0].gross_pnl == cash("-100"));
  CHECK(result.trips[0].fees == cash("4"));
  CHECK(result.trips[0].net_pnl == cash("-104"));
  CHECK(result.trips[0].close_ts == 2);
  CHECK(result.trips[1].direction == side::sell);
  CHECK(result.trips[1].open_ts == 2);
  CHECK(result.trips[1].close_ts == 3);
  CHECK(result.trips[1].max_quantity == qty("5"));
  CHECK(result.trips[1].fills == 2);
  CHECK(result.trips[1].gross_pnl == cash("50"));
  CHECK(result.trips[1].fees == cash("0.5"));
}

TEST_CASE("strategies and symbols keep separate positions") {
  auto result = match_round_trips({
      fill(1, side::buy, "10", "1", "0", "a", "X", "1"),
      fill(2, side::sell, "12", "1", "0", "b", "X", "2"), // b goes short: does not close a
      fill(3, side::buy, "20", "1", "0", "a", "Y", "3"),
      fill(4, side::sell, "11", "1", "0", "a", "X", "4"), // closes a/X: +1
  });
  REQUIRE_FALSE(result.error);
  REQUIRE(result.trips.size() == 3);
  CHECK(result.trips[0].strategy == "a");
  CHECK(result.trips[0].symbol == "X");
  CHECK(result.trips[0].closed);
  CHECK(result.trips[0].gross_pnl == cash("1"));
  // Open trips follow in (strategy, symbol) order.
  CHECK(result.trips[1].strategy == "a");
  CHECK(result.trips[1].symbol == "Y");
  CHECK_FALSE(result.trips[1].closed);
  CHECK(result.trips[2].strategy == "b");
  CHECK(result.trips[2].direction == side::sell);
  CHECK_FALSE(result.trips[2].closed);
}

TEST_CASE("an open trip reports the PnL realised by its partial exits") {
  auto result = match_round_trips(
      {fill(1, side::buy, "100", "4", "0.4"), fill(5, side::sell, "110", "1", "0.1")});
  REQUIRE(result.trips.size() == 1);
  CHECK_FALSE(result.trips[0].closed);
  CHECK(result.trips[0].gross_pnl == cash("10"));
  CHECK(result.trips[0].fees == cash("0.5"));
  CHECK(result.trips[0].close_ts == 5);
}

TEST_CASE("refused fills stop matching with the fill's place") {
  SUBCASE("non-positive price") {
    auto result = match_round_trips(
        {fill(1, side::buy, "1", "1"), fill(2, side::sell, "-1", "1", "0", "s", "X", "42")});
    REQUIRE(result.error);
    CHECK(result.trips.empty());
    CHECK(result.error->message.rfind("fill 1 (order 42, s X): ", 0) == 0);
  }
  SUBCASE("out of time order") {
    auto result = match_round_trips({fill(at("2024-01-02"), side::buy, "1", "1"),
                                     fill(at("2024-01-01"), side::sell, "1", "1")});
    REQUIRE(result.error);
    CHECK(result.error->message ==
          "fill 1 (order 1, s X): timestamp 2024-01-01T00:00:00Z is before the previous fill's "
          "2024-01-02T00:00:00Z");
  }
}
