// Shows the venue's fill model against replayed quotes: marketable orders take the replayed best
// bid/ask at its price up to its displayed size (shared by every simulated order until the next
// quote), the rest rests (limit) or is cancelled (market, IOC) or nothing trades (FOK); resting
// limits fill at their limit when a later quote crosses them; simulated orders also match each
// other, in price-time priority together with the outside market.
#include <doctest/doctest.h>

#include "venue_kit.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

TEST_CASE("a market order takes the replayed ask up to its size and the rest is cancelled") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "99.98", "100.02", "300", "200"));
  v.submit(market(1, side::buy, "250"), 100);
  CHECK(drain(v) == lines{"accepted 1", "fill 1 buy 200@100.02 leaves 50 taker",
                          "cancelled 1 50 no_liquidity"});
  REQUIRE(v.outside("AAPL")->ask);
  CHECK(v.outside("AAPL")->ask->available == qty("0"));
  CHECK(v.outside("AAPL")->bid->available == qty("300"));

  SUBCASE("a market sell takes the bid") {
    v.submit(market(2, side::sell, "120"), 101);
    CHECK(drain(v) == lines{"accepted 2", "fill 2 sell 120@99.98 leaves 0 taker done"});
    CHECK(v.outside("AAPL")->bid->available == qty("180"));
  }
}

TEST_CASE("the displayed size is shared by simulated orders until the next quote") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "99.98", "100.02", "100", "100"));
  v.submit(market(1, side::buy, "60"), 100);
  v.submit(market(2, side::buy, "60"), 100);
  CHECK(drain(v) == lines{"accepted 1", "fill 1 buy 60@100.02 leaves 0 taker done", "accepted 2",
                          "fill 2 buy 40@100.02 leaves 20 taker", "cancelled 2 20 no_liquidity"});
  v.on_quote(make_quote(200, "99.98", "100.03", "100", "10"));
  v.submit(market(3, side::buy, "10"), 200);
  CHECK(drain(v) == lines{"accepted 3", "fill 3 buy 10@100.03 leaves 0 taker done"});
}

TEST_CASE("a marketable limit takes the ask, rests, and fills at its limit when quotes cross it") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "99.98", "100.02", "500", "100"));
  v.submit(limit(1, side::buy, "150", "100.05"), 100);
  CHECK(drain(v) == lines{"accepted 1", "fill 1 buy 100@100.02 leaves 50 taker"});
  auto live = v.live_orders();
  REQUIRE(live.size() == 1);
  CHECK(live[0].open == qty("50"));
  CHECK(live[0].status == venue::venue_order_status::working);

  // A new ask below the limit crosses it: the resting order fills at its limit, up to the size.
  v.on_quote(make_quote(200, "100.00", "100.04", "500", "30"));
  CHECK(drain(v) == lines{"fill 1 buy 30@100.05 leaves 20 maker"});
  CHECK(v.outside("AAPL")->ask->available == qty("0"));
  // An ask at the limit (touching) crosses too.
  v.on_quote(make_quote(300, "100.00", "100.05", "500", "1000"));
  CHECK(drain(v) == lines{"fill 1 buy 20@100.05 leaves 0 maker done"});
  CHECK(v.outside("AAPL")->ask->available == qty("980"));
  CHECK(v.live_orders().empty());
}

TEST_CASE("a resting sell fills at its limit when the bid rises to it") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "99.98", "100.02"));
  v.submit(limit(1, side::sell, "40", "100.10"), 100);
  CHECK(drain(v) == lines{"accepted 1"});
  v.on_quote(make_quote(200, "100.09", "100.12"));
  CHECK(drain(v).empty());
  v.on_quote(make_quote(300, "100.15", "100.20", "25", "100"));
  CHECK(drain(v) == lines{"fill 1 sell 25@100.10 leaves 15 maker"});
}

TEST_CASE("IOC remainders are cancelled and FOK orders fill completely or not at all") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "99.98", "100.02", "100", "100"));
  SUBCASE("FOK larger than the displayed size does not trade") {
    v.submit(limit(1, side::buy, "150", "100.05", time_in_force::fok), 100);
    CHECK(drain(v) == lines{"accepted 1", "cancelled 1 150 fok"});
    CHECK(v.outside("AAPL")->ask->available == qty("100"));
  }
  SUBCASE("FOK within the displayed size fills") {
    v.submit(limit(1, side::buy, "100", "100.05", time_in_force::fok), 100);
    CHECK(drain(v) == lines{"accepted 1", "fill 1 buy 100@100.02 leaves 0 taker done"});
  }
  SUBCASE("IOC takes what there is") {
    v.submit(limit(1, side::buy, "150", "100.05", time_in_force::ioc), 100);
    CHECK(drain(v) ==
          lines{"accepted 1", "fill 1 buy 100@100.02 leaves 50 taker", "cancelled 1 50 ioc"});
  }
  SUBCASE("IOC below the ask takes nothing") {
    v.submit(limit(1, side::buy, "10", "100.01", time_in_force::ioc), 100);
    CHECK(drain(v) == lines{"accepted 1", "cancelled 1 10 ioc"});
  }
}

TEST_CASE("simulated orders match each other and the outside market in price-time priority") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "99.90", "100.08", "10", "3"));
  // Strategy 8 rests a sell inside the replayed spread.
  v.submit(limit(1, side::sell, "5", "100.05", time_in_force::gtc, "AAPL", 8, 80), 100);
  CHECK(drain(v) == lines{"accepted 1"});
  // Strategy 7's buy takes the better simulated price first, then the outside ask, then rests.
  v.submit(limit(2, side::buy, "10", "100.10"), 100);
  auto events = v.take_events();
  CHECK(describe(events) == lines{"accepted 2", "fill 2 buy 5@100.05 leaves 5 taker",
                                  "fill 1 sell 5@100.05 leaves 0 maker done",
                                  "fill 2 buy 3@100.08 leaves 2 taker"});
  auto fills = fills_of(events);
  REQUIRE(fills.size() == 3);
  CHECK(fills[0].trade == fills[1].trade);
  CHECK(fills[2].trade == fills[0].trade + 1);
  CHECK(fills[1].header.strategy == 8);
  CHECK(fills[1].header.account == 80);
  // The outside ask is used up; a fresh quote at 100.08 crosses the resting 100.10 buy.
  v.on_quote(make_quote(200, "99.90", "100.08", "10", "50"));
  CHECK(drain(v) == lines{"fill 2 buy 2@100.10 leaves 0 maker done"});
}

TEST_CASE("without market data market orders find no liquidity and limit orders rest") {
  venue::simulated_venue v(settings());
  v.submit(market(1, side::buy, "10"), 5);
  v.submit(limit(2, side::buy, "10", "50.00"), 5);
  CHECK(drain(v) == lines{"accepted 1", "cancelled 1 10 no_liquidity", "accepted 2"});
  CHECK(v.outside("AAPL")->ask == std::nullopt);
}

TEST_CASE("replayed prices off the tick grid are rounded against the simulated order") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "99.985", "100.015", "10", "10"));
  CHECK(v.outside("AAPL")->ask->px == px("100.02"));
  CHECK(v.outside("AAPL")->bid->px == px("99.98"));
  v.submit(market(1, side::sell, "4"), 100);
  CHECK(drain(v) == lines{"accepted 1", "fill 1 sell 4@99.98 leaves 0 taker done"});
}

TEST_CASE("a replace to a crossing price trades against the outside market") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "99.98", "100.02", "100", "50"));
  v.submit(limit(1, side::buy, "100", "99.00"), 100);
  v.replace(replace(1, "100.03", ""), 110);
  CHECK(drain(v) ==
        lines{"accepted 1", "replaced 1 100.03 100", "fill 1 buy 50@100.02 leaves 50 taker"});
  v.replace(replace(1, "", "20"), 120);
  CHECK(drain(v) == lines{"replaced 1 100.03 20"});
  REQUIRE(v.live_orders().size() == 1);
  CHECK(v.live_orders()[0].open == qty("20"));
  CHECK(v.live_orders()[0].filled == qty("50"));
}

TEST_CASE("quotes for unknown symbols and empty sides are ignored") {
  venue::simulated_venue v(settings());
  v.on_quote(make_quote(100, "10.00", "10.02", "10", "10", "TSLA"));
  v.on_quote(make_quote(100, "0", "100.02", "0", "10"));
  CHECK(v.outside("TSLA") == nullptr);
  CHECK(v.outside("AAPL")->bid == std::nullopt);
  REQUIRE(v.outside("AAPL")->ask);
  v.submit(market(1, side::sell, "5"), 100);
  CHECK(drain(v) == lines{"accepted 1", "cancelled 1 5 no_liquidity"});
}
