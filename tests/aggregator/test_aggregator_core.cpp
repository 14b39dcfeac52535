// Shows that quote_aggregator keeps the best bid and ask of an instrument across venues (ties to
// the venue listed first), reports the spread, finds cross-venue arbitrage with its size and edge,
// publishes only views that changed, and that listings are parsed and validated.
#include <doctest/doctest.h>

#include "bourse/market/aggregator.hpp"

using namespace bourse;

namespace {

price px(const char* text) {
  return *price::parse(text);
}
quantity qty(const char* text) {
  return *quantity::parse(text);
}

quote q(const char* symbol, timestamp ts, const char* bid, const char* ask, const char* bid_size,
        const char* ask_size) {
  return quote{ts, symbol, px(bid), px(ask), qty(bid_size), qty(ask_size)};
}

std::vector<venue_listing> three_venues() {
  return {{"BTCUSD.A", "BTCUSD", "A"},
          {"BTCUSD.B", "BTCUSD", "B"},
          {"ETHUSD.B", "ETHUSD", "B"},
          {"BTCUSD.C", "BTCUSD", "C"},
          {"ETHUSD.A", "ETHUSD", "A"}};
}

} // namespace

TEST_CASE("the aggregated view takes the highest bid and the lowest ask across venues") {
  quote_aggregator agg(three_venues());
  CHECK_FALSE(agg.view("BTCUSD")); // nothing quoted yet
  CHECK(agg.on_quote(q("BTCUSD.A", 10, "100.00", "100.10", "2", "3")));
  CHECK(agg.on_quote(q("BTCUSD.B", 11, "100.05", "100.20", "4", "5")));
  CHECK(agg.on_quote(q("BTCUSD.C", 12, "99.90", "100.08", "6", "7")));
  auto view = agg.view("BTCUSD");
  REQUIRE(view);
  CHECK(view->instrument == "BTCUSD");
  CHECK(view->ts == 12);
  CHECK(view->bid.venue == "B");
  CHECK(view->bid.symbol == "BTCUSD.B");
  CHECK(view->bid.px == px("100.05"));
  CHECK(view->bid.size == qty("4"));
  CHECK(view->ask.venue == "C");
  CHECK(view->ask.symbol == "BTCUSD.C");
  CHECK(view->ask.px == px("100.08"));
  CHECK(view->ask.size == qty("7"));
  CHECK(view->spread == px("0.03"));
  CHECK_FALSE(agg.arbitrage("BTCUSD")); // 100.05 < 100.08: not crossed
  CHECK_FALSE(agg.view("ETHUSD"));      // other instruments are separate
}

TEST_CASE("equal prices go to the venue that appears first in the configuration") {
  // Venue order: A (first listing), B, C -- whatever the order in which quotes arrive.
  quote_aggregator agg(three_venues());
  CHECK(agg.on_quote(q("BTCUSD.C", 1, "100", "101", "1", "1")));
  CHECK(agg.on_quote(q("BTCUSD.B", 1, "100", "101", "2", "2")));
  auto view = agg.view("BTCUSD");
  REQUIRE(view);
  CHECK(view->bid.venue == "B");
  CHECK(view->ask.venue == "B");
  CHECK(agg.on_quote(q("BTCUSD.A", 1, "100", "101", "3", "3")));
  view = agg.view("BTCUSD");
  CHECK(view->bid.venue == "A");
  CHECK(view->ask.venue == "A");
  CHECK(view->bid.size == qty("3"));
  SUBCASE("for ETHUSD the venue order is still A before B (venue order is global)") {
    CHECK(agg.on_quote(q("ETHUSD.B", 2, "10", "11", "1", "1")));
    CHECK(agg.on_quote(q("ETHUSD.A", 2, "10", "11", "1", "1")));
    CHECK(agg.view("ETHUSD")->bid.venue == "A");
  }
  SUBCASE("prices at different precisions compare by value") {
    CHECK(agg.on_quote(q("BTCUSD.B", 2, "100.500", "100.9", "1", "1")));
    CHECK(agg.on_quote(q("BTCUSD.C", 2, "100.5", "100.90", "1", "1")));
    view = agg.view("BTCUSD");
    CHECK(view->bid.venue == "B");
    CHECK(view->ask.venue == "B");
    CHECK(view->spread == px("0.4"));
  }
}

TEST_CASE("a bid on one venue above the ask on another is an arbitrage opportunity") {
  quote_aggregator agg(three_venues());
  auto updates = agg.apply({q("BTCUSD.A", 5, "100.00", "100.10", "2", "3"),
                            q("BTCUSD.B", 5, "100.30", "100.40", "1.5", "4")});
  REQUIRE(updates.size() == 1);
  const auto& u = updates[0];
  CHECK(u.view.bid.venue == "B");
  CHECK(u.view.ask.venue == "A");
  CHECK(u.view.spread == px("-0.20")); // crossed across venues
  REQUIRE(u.arbitrage);
  CHECK(u.arbitrage->buy.venue == "A");
  CHECK(u.arbitrage->buy.symbol == "BTCUSD.A");
  CHECK(u.arbitrage->buy.px == px("100.10"));
  CHECK(u.arbitrage->sell.venue == "B");
  CHECK(u.arbitrage->sell.symbol == "BTCUSD.B");
  CHECK(u.arbitrage->sell.px == px("100.30"));
  CHECK(u.arbitrage->size == qty("1.5")); // min(bid size 1.5, ask size 3)
  CHECK(u.arbitrage->edge == px("0.20"));

  SUBCASE("a venue crossed with itself is not an opportunity, but another venue can be") {
    quote_aggregator self_crossed(three_venues());
    // A alone: bid above its own ask (bad data) is not cross-venue arbitrage.
    CHECK(self_crossed.on_quote(q("BTCUSD.A", 1, "101", "100", "1", "1")));
    CHECK_FALSE(self_crossed.arbitrage("BTCUSD"));
    // B asks 100.50 < A's bid 101: sell on A, buy on B.
    CHECK(self_crossed.on_quote(q("BTCUSD.B", 1, "99", "100.50", "1", "1")));
    auto arb = self_crossed.arbitrage("BTCUSD");
    REQUIRE(arb);
    CHECK(arb->sell.venue == "A");
    CHECK(arb->buy.venue == "B");
    CHECK(arb->edge == px("0.50"));
  }
  SUBCASE("equal edges go to the earlier sell venue, then the earlier buy venue") {
    quote_aggregator ties(three_venues());
    (void)ties.apply({q("BTCUSD.A", 1, "101", "102", "1", "1"),
                      q("BTCUSD.B", 1, "101", "102", "1", "1"),
                      q("BTCUSD.C", 1, "99", "100", "1", "1")});
    auto arb = ties.arbitrage("BTCUSD");
    REQUIRE(arb);
    CHECK(arb->sell.venue == "A");
    CHECK(arb->buy.venue == "C");
    CHECK(arb->edge == px("1"));
  }
}

TEST_CASE("apply returns one update per changed instrument, in configuration order") {
  quote_aggregator agg(three_venues());
  auto first = agg.apply({q("ETHUSD.A", 1, "10", "11", "1", "1"),
                          q("BTCUSD.B", 1, "100", "101", "1", "1"),
                          q("UNKNOWN", 1, "1", "2", "1", "1")});
  REQUIRE(first.size() == 2);
  CHECK(first[0].view.instrument == "BTCUSD"); // BTCUSD appears first in the listings
  CHECK(first[1].view.instrument == "ETHUSD");
  CHECK_FALSE(first[0].arbitrage);

  // The same best prices and sizes again: nothing changed, nothing published.
  CHECK(agg.apply({q("BTCUSD.B", 2, "100", "101", "1", "1")}).empty());
  // A worse quote on another venue does not change the best either.
  CHECK(agg.apply({q("BTCUSD.C", 3, "99", "102", "1", "1")}).empty());
  // A size change at the best does.
  auto sized = agg.apply({q("BTCUSD.B", 4, "100", "101", "9", "1")});
  REQUIRE(sized.size() == 1);
  CHECK(sized[0].view.bid.size == qty("9"));
  CHECK(sized[0].view.ts == 4);
  CHECK_FALSE(agg.on_quote(q("UNKNOWN", 5, "1", "2", "1", "1")));
  CHECK(agg.instruments() == std::vector<std::string>{"BTCUSD", "ETHUSD"});
  CHECK(agg.symbols() ==
        std::vector<std::string>{"BTCUSD.A", "BTCUSD.B", "ETHUSD.B", "BTCUSD.C", "ETHUSD.A"});
}

TEST_CASE("a side without a positive price does not count") {
  quote_aggregator agg(three_venues());
  // Venue A has only a bid, venue B only an ask (zero price = no quote on that side).
  CHECK(agg.apply({q("BTCUSD.A", 1, "100", "0", "1", "0")}).empty());
  auto updates = agg.apply({q("BTCUSD.B", 1, "0", "100.5", "0", "2")});
  REQUIRE(updates.size() == 1);
  CHECK(updates[0].view.bid.venue == "A");
  CHECK(updates[0].view.ask.venue == "B");
  CHECK(updates[0].view.spread == px("0.5"));
}

TEST_CASE("listings are parsed from text and validated with every problem at once") {
  auto l = venue_listing::parse(" BTCUSD.A = BTCUSD @ A ");
  REQUIRE(l);
  CHECK(l->symbol == "BTCUSD.A");
  CHECK(l->instrument == "BTCUSD");
  CHECK(l->venue == "A");
  CHECK_FALSE(venue_listing::parse("BTCUSD.A"));
  CHECK_FALSE(venue_listing::parse("BTCUSD.A=BTCUSD"));
  CHECK_FALSE(venue_listing::parse("=BTCUSD@A"));
  CHECK_FALSE(venue_listing::parse("X=BTCUSD@"));

  CHECK(validate_listings(three_venues()).empty());
  CHECK(validate_listings({}) ==
        std::vector<std::string>{"listings: at least one listing is needed"});
  auto problems = validate_listings({{"X.A", "X", "A"},
                                     {"X.A", "Y", "B"},
                                     {"X.A2", "X", "A"},
                                     {"", "Z", ""}});
  CHECK(problems == std::vector<std::string>{
                        "listings[1]: symbol 'X.A' is listed twice",
                        "listings[2]: instrument 'X' is listed twice on venue 'A'",
                        "listings[3]: symbol is empty",
                        "listings[3]: venue is empty",
                    });
}
