// Shows the venue's fill model against replayed bars: an incoming marketable order fills at the
// latest bar's close up to its volume (no volume: unlimited); a resting limit fills at its limit
// when a later bar's low (buy) or high (sell) trades through it; a stop triggered within a bar
// fills at its stop price, or at the open when the bar gapped past it.
#include <doctest/doctest.h>

#include "venue_kit.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

namespace {

constexpr timestamp day = ns_per_day;

} // namespace

TEST_CASE("an order after a bar fills at its close up to the bar's volume") {
  venue::simulated_venue v(settings());
  v.on_bar("AAPL", make_bar(day, "100", "102", "99", "101", "1000"));
  v.submit(market(1, side::buy, "10"), day);
  v.submit(limit(2, side::buy, "995", "101.50"), day);
  CHECK(drain(v) == lines{"accepted 1", "fill 1 buy 10@101.00 leaves 0 taker done", "accepted 2",
                          "fill 2 buy 990@101.00 leaves 5 taker"});
  SUBCASE("a bar without volume offers unlimited liquidity at its close") {
    v.on_bar("MSFT", make_bar(day, "10", "11", "9", "10.50", "0"));
    v.submit(market(3, side::sell, "1000000", "MSFT"), day);
    CHECK(drain(v) == lines{"accepted 3", "fill 3 sell 1000000@10.50 leaves 0 taker done"});
  }
}

TEST_CASE("a resting buy fills at its limit when a later bar's low trades through it") {
  venue::simulated_venue v(settings());
  v.on_bar("AAPL", make_bar(day, "100", "102", "99", "101", "1000"));
  v.submit(limit(1, side::buy, "100", "99.50"), day);
  CHECK(drain(v) == lines{"accepted 1"});
  v.on_bar("AAPL", make_bar(2 * day, "101", "101.5", "99.50", "100", "1000"));
  CHECK(drain(v).empty()); // touching the limit is not enough
  v.on_bar("AAPL", make_bar(3 * day, "100", "100.5", "99.49", "99.8", "60"));
  CHECK(drain(v) == lines{"fill 1 buy 60@99.50 leaves 40 maker"});
  // The crossing used the bar's whole volume: nothing is left at the close.
  CHECK(v.outside("AAPL")->ask->available == qty("0"));
  v.on_bar("AAPL", make_bar(4 * day, "99.8", "100", "99", "99.5", "1000"));
  CHECK(drain(v) == lines{"fill 1 buy 40@99.50 leaves 0 maker done"});
  CHECK(v.outside("AAPL")->ask->available == qty("960"));
}

TEST_CASE("a resting sell fills at its limit when a later bar's high trades through it") {
  venue::simulated_venue v(settings());
  v.on_bar("AAPL", make_bar(day, "100", "102", "99", "101", "1000"));
  v.submit(limit(1, side::sell, "30", "103"), day);
  v.on_bar("AAPL", make_bar(2 * day, "101", "103", "100", "102", "1000"));
  CHECK(drain(v) == lines{"accepted 1"});
  v.on_bar("AAPL", make_bar(3 * day, "102", "103.01", "101", "101", "1000"));
  CHECK(drain(v) == lines{"fill 1 sell 30@103.00 leaves 0 maker done"});
}

TEST_CASE("a stop triggered within a bar fills at its stop price or at a gapped open") {
  venue::simulated_venue v(settings());
  v.on_bar("AAPL", make_bar(day, "100", "102", "99", "101", "1000"));
  SUBCASE("sell stop reached during the bar") {
    v.submit(stop(1, side::sell, "10", "98"), day);
    v.on_bar("AAPL", make_bar(2 * day, "100", "100.5", "97", "99", "1000"));
    CHECK(drain(v) ==
          lines{"accepted 1", "triggered 1", "fill 1 sell 10@98.00 leaves 0 taker done"});
  }
  SUBCASE("sell stop gapped through at the open") {
    v.submit(stop(1, side::sell, "10", "98"), day);
    v.on_bar("AAPL", make_bar(2 * day, "96", "97", "95", "96.5", "1000"));
    CHECK(drain(v) ==
          lines{"accepted 1", "triggered 1", "fill 1 sell 10@96.00 leaves 0 taker done"});
  }
  SUBCASE("buy stop reached during the bar") {
    v.submit(stop(1, side::buy, "10", "105"), day);
    v.on_bar("AAPL", make_bar(2 * day, "104", "106", "103", "104.5", "1000"));
    CHECK(drain(v) ==
          lines{"accepted 1", "triggered 1", "fill 1 buy 10@105.00 leaves 0 taker done"});
  }
  SUBCASE("a stop the bar does not reach waits") {
    v.submit(stop(1, side::buy, "10", "105"), day);
    v.on_bar("AAPL", make_bar(2 * day, "104", "104.99", "103", "104.5", "1000"));
    CHECK(drain(v) == lines{"accepted 1"});
  }
}
