// Shows the order links the order manager core handles itself, through a simulated venue core:
// bracket exits placed for the entry's fills (also partial) and resized as it fills, one-cancels-
// other pairs shrinking and cancelling each other, cancelling an entry cancelling its exits,
// trailing stops held by the order manager and moved with the market, reduce-only orders refused,
// shrunk and cancelled, post-only orders refused by the venue, and the typed refusals of bad links.
#include <doctest/doctest.h>

#include "desk.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

namespace {

// A bracket exit of strategy 7 linked to `parent` and its sibling `oco`.
submit_order exit_of(submit_order r, order_id parent, order_id oco) {
  r.parent = parent;
  r.oco = oco;
  return r;
}

submit_order trailing(order_id id, side s, std::string_view q, std::string_view offset,
                      std::uint32_t bps = 0) {
  submit_order r = stop(id, s, q, "1");
  r.stop_price = price{};
  r.trail_offset = offset.empty() ? price{} : px(offset);
  r.trail_bps = bps;
  return r;
}

submit_order flagged(submit_order r, bool post_only, bool reduce_only) {
  r.post_only = post_only;
  r.reduce_only = reduce_only;
  return r;
}

std::string reject_detail(const desk& d, std::size_t index) {
  return std::get<order_rejected>(d.strategy_events.at(index).event).detail;
}

} // namespace

TEST_CASE("a bracket places its exits for the entry's fills, resizes them and ends one-cancels-"
          "other") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02", "100", "30"));
  d.om.enqueue(limit(1, side::buy, "100", "100.02"));
  d.om.enqueue(exit_of(stop(2, side::sell, "100", "99.00"), 1, 3));
  d.send(exit_of(limit(3, side::sell, "100", "101.00"), 1, 2));
  // The entry fills 30 at once: both exits go out for 30.
  CHECK(d.lines() == lines{"7: accepted 1", "7: fill 1 buy 30@100.02 leaves 70 taker",
                           "7: accepted 2", "7: accepted 3"});
  CHECK(d.om.tracker().find(2)->quantity == qty("30"));
  CHECK(d.om.tracker().find(3)->quantity == qty("30"));
  // The rest of the entry fills: the exits grow to 100.
  d.on_quote(make_quote(2, "99.98", "100.01", "100", "500"));
  CHECK(d.lines() == lines{"7: fill 1 buy 70@100.02 leaves 0 maker done", "7: replaced 2 99.00 100",
                           "7: replaced 3 101.00 100"});
  // The take-profit fills 40: the stop-loss shrinks to 60.
  d.on_quote(make_quote(3, "101.00", "101.02", "40", "500"));
  CHECK(d.lines() == lines{"7: fill 3 sell 40@101.00 leaves 60 maker", "7: replaced 2 99.00 60"});
  // The stop-loss triggers and fills: the take-profit is cancelled.
  d.on_quote(make_quote(4, "99.50", "99.60", "1000", "1000"));
  d.on_trade(make_trade(5, "98.90", "10"));
  CHECK(d.lines() == lines{"7: triggered 2", "7: fill 2 sell 60@99.50 leaves 0 taker done",
                           "7: cancelled 3 60 oco"});
  CHECK(d.om.position({owner_kind::strategy, 7}, "AAPL").is_zero());
  CHECK(d.om.idle());
}

TEST_CASE("cancelling a bracket's entry cancels its exits, held or placed") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02", "100", "10"));
  SUBCASE("held: the entry has not filled") {
    d.om.enqueue(limit(1, side::buy, "10", "90.00"));
    d.om.enqueue(exit_of(stop(2, side::sell, "10", "85.00"), 1, 3));
    d.send(exit_of(limit(3, side::sell, "10", "95.00"), 1, 2));
    CHECK(d.lines() == lines{"7: accepted 1"});
    CHECK(!d.om.idle());
    CHECK(d.om.open_orders(7).size() == 3);
    d.send(cancel(1));
    CHECK(d.lines() ==
          lines{"7: cancelled 2 0 parent", "7: cancelled 3 0 parent", "7: cancelled 1 10 user"});
    CHECK(d.state_of(2) == order_state::cancelled);
    CHECK(d.om.idle());
  }
  SUBCASE("placed: the entry filled partly") {
    d.om.enqueue(limit(1, side::buy, "20", "100.02"));
    d.om.enqueue(exit_of(stop(2, side::sell, "20", "95.00"), 1, 3));
    d.send(exit_of(limit(3, side::sell, "20", "105.00"), 1, 2));
    CHECK(d.lines() == lines{"7: accepted 1", "7: fill 1 buy 10@100.02 leaves 10 taker",
                             "7: accepted 2", "7: accepted 3"});
    d.send(cancel(1));
    CHECK(d.lines() == lines{"7: cancelled 1 10 user", "7: cancelled 2 10 parent",
                             "7: cancelled 3 10 parent"});
    CHECK(d.om.idle());
  }
  SUBCASE("an entry that ends without a fill takes its held exits with it") {
    d.om.enqueue(limit(1, side::buy, "10", "90.00", time_in_force::ioc));
    d.send(exit_of(limit(2, side::sell, "10", "95.00"), 1, 0));
    CHECK(d.lines() ==
          lines{"7: accepted 1", "7: cancelled 1 10 ioc", "7: cancelled 2 0 parent"});
    CHECK(d.om.idle());
  }
  SUBCASE("cancelling a held exit cancels its sibling") {
    d.om.enqueue(limit(1, side::buy, "10", "90.00"));
    d.om.enqueue(exit_of(stop(2, side::sell, "10", "85.00"), 1, 3));
    d.send(exit_of(limit(3, side::sell, "10", "95.00"), 1, 2));
    d.send(cancel(3));
    CHECK(d.lines() == lines{"7: accepted 1", "7: cancelled 3 0 user", "7: cancelled 2 0 oco"});
    d.send(replace(2, "", "5"));
    CHECK(d.lines() == lines{"7: rejected 2 replace order_finished"});
  }
}

TEST_CASE("a one-cancels-other pair shrinks the sibling on a partial fill and cancels it on the "
          "last") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02", "100", "100"));
  d.om.enqueue(exit_of(limit(1, side::sell, "10", "101.00"), 0, 2));
  d.send(exit_of(stop(2, side::sell, "10", "99.00"), 0, 1));
  CHECK(d.lines() == lines{"7: accepted 1", "7: accepted 2"});
  d.on_quote(make_quote(2, "101.00", "101.02", "4", "100"));
  CHECK(d.lines() == lines{"7: fill 1 sell 4@101.00 leaves 6 maker", "7: replaced 2 99.00 6"});
  d.on_quote(make_quote(3, "101.00", "101.02", "100", "100"));
  CHECK(d.lines() == lines{"7: fill 1 sell 6@101.00 leaves 0 maker done", "7: cancelled 2 6 oco"});
  CHECK(d.om.idle());
  SUBCASE("a cancel of one member cancels the other") {
    d.om.enqueue(exit_of(limit(3, side::sell, "10", "105.00"), 0, 4));
    d.send(exit_of(limit(4, side::sell, "10", "106.00"), 0, 3));
    d.send(cancel(4));
    CHECK(d.lines() ==
          lines{"7: accepted 3", "7: accepted 4", "7: cancelled 4 10 user", "7: cancelled 3 10 oco"});
  }
}

TEST_CASE("a trailing stop is held by the order manager, follows the market and triggers as a "
          "stop-market order") {
  desk d({});
  d.on_quote(make_quote(1, "99.99", "100.01"));
  SUBCASE("by a price offset") {
    d.send(trailing(1, side::sell, "10", "1.00"));
    CHECK(d.lines() == lines{"7: accepted 1"});
    CHECK(d.venue_commands.empty());
    CHECK(d.om.trailing_stop_price(1) == px("99.00"));
    d.on_quote(make_quote(2, "101.99", "102.01"));
    CHECK(d.om.trailing_stop_price(1) == px("101.00"));
    d.on_quote(make_quote(3, "101.49", "101.51")); // falls back: the stop stays
    CHECK(d.om.trailing_stop_price(1) == px("101.00"));
    CHECK(d.lines().empty());
    REQUIRE(d.om.open_orders(7).size() == 1);
    CHECK(d.om.open_orders(7)[0].stop_price == px("101.00"));
    d.on_quote(make_quote(4, "100.89", "100.91"));
    CHECK(d.lines() == lines{"7: triggered 1", "7: fill 1 sell 10@100.89 leaves 0 taker done"});
    REQUIRE(d.venue_commands.size() == 1);
    const auto& sent = std::get<submit_order>(d.venue_commands[0].command);
    CHECK(sent.type == order_type::market);
    CHECK(sent.qty == qty("10"));
    CHECK(d.om.idle());
  }
  SUBCASE("by basis points, for a buy stop, on trades and bars") {
    d.send(trailing(1, side::buy, "10", "", 100)); // 1% above the lowest price seen
    CHECK(d.om.trailing_stop_price(1) == px("101.00"));
    d.on_trade(make_trade(2, "90.00", "5"));
    CHECK(d.om.trailing_stop_price(1) == px("90.90"));
    // A bar's high reaches the stop before its low could move it.
    d.on_bar("AAPL", make_bar(3, "90.10", "91.00", "89.00", "90.50", "1000"));
    CHECK(d.lines() == lines{"7: accepted 1", "7: triggered 1",
                             "7: fill 1 buy 10@90.50 leaves 0 taker done"});
  }
  SUBCASE("cancelled before it triggers, without involving the venue") {
    d.send(trailing(1, side::sell, "10", "1.00"));
    d.send(cancel(1));
    CHECK(d.lines() == lines{"7: accepted 1", "7: cancelled 1 10 user"});
    CHECK(d.venue_commands.empty());
    d.on_quote(make_quote(2, "90.00", "90.02"));
    CHECK(d.lines().empty());
  }
  SUBCASE("it cannot be replaced; the run's end cancels it") {
    d.send(trailing(1, side::sell, "10", "1.00"));
    d.send(replace(1, "", "5"));
    d.stop();
    CHECK(d.lines() == lines{"7: accepted 1", "7: rejected 1 replace invalid_order",
                             "7: cancelled 1 10 shutdown"});
  }
}

TEST_CASE("a bracket's stop-loss can trail") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02", "100", "100"));
  d.om.enqueue(market(1, side::buy, "10"));
  submit_order sl = trailing(2, side::sell, "10", "0.50");
  d.om.enqueue(exit_of(sl, 1, 3));
  d.send(exit_of(limit(3, side::sell, "10", "101.00"), 1, 2));
  CHECK(d.lines() == lines{"7: accepted 1", "7: fill 1 buy 10@100.02 leaves 0 taker done",
                           "7: accepted 2", "7: accepted 3"});
  CHECK(d.om.trailing_stop_price(2) == px("99.50"));
  d.on_quote(make_quote(2, "100.58", "100.62"));
  CHECK(d.om.trailing_stop_price(2) == px("100.10"));
  d.on_quote(make_quote(3, "100.04", "100.06"));
  CHECK(d.lines() == lines{"7: triggered 2", "7: fill 2 sell 10@100.04 leaves 0 taker done",
                           "7: cancelled 3 10 oco"});
  CHECK(d.om.idle());
}

TEST_CASE("reduce-only orders are refused when they could increase the position, and shrink or "
          "go when it shrinks") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02", "1000", "1000"));
  d.send(flagged(limit(1, side::sell, "5", "105.00"), false, true));
  CHECK(d.lines() == lines{"7: rejected 1 submit reduce_only"});
  CHECK(reject_detail(d, 0) == "order 1: reduce-only sell 5 could increase the position of "
                               "strategy 7 in AAPL (position 0)");
  d.send(market(2, side::buy, "10"));
  d.send(flagged(limit(3, side::sell, "15", "105.00"), false, true));
  d.send(flagged(limit(4, side::sell, "10", "105.00"), false, true));
  CHECK(d.lines() == lines{"7: accepted 2", "7: fill 2 buy 10@100.02 leaves 0 taker done",
                           "7: rejected 3 submit reduce_only", "7: accepted 4"});
  d.send(market(5, side::sell, "6"));
  CHECK(d.lines() == lines{"7: accepted 5", "7: fill 5 sell 6@99.98 leaves 0 taker done",
                           "7: replaced 4 105.00 4"});
  d.send(market(6, side::sell, "4"));
  CHECK(d.lines() == lines{"7: accepted 6", "7: fill 6 sell 4@99.98 leaves 0 taker done",
                           "7: cancelled 4 4 reduce_only"});
  CHECK(d.om.idle());
}

TEST_CASE("a post-only order that would trade on arrival is refused by the venue") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02"));
  d.send(flagged(limit(1, side::buy, "10", "100.02"), true, false));
  CHECK(d.lines() == lines{"7: rejected 1 submit would_cross"});
  CHECK(reject_detail(d, 0) ==
        "order 1: post-only buy at 100.02 would trade against the ask 100.02");
  d.send(flagged(limit(2, side::buy, "10", "100.01"), true, false));
  d.send(replace(2, "100.03", ""));
  d.send(replace(2, "100.00", ""));
  CHECK(d.lines() == lines{"7: accepted 2", "7: rejected 2 replace would_cross",
                           "7: replaced 2 100.00 10"});
  SUBCASE("a resting simulated order counts too") {
    d.send(limit(3, side::sell, "10", "100.01", time_in_force::gtc, "AAPL", 8, 80));
    (void)d.lines();
    d.send(flagged(limit(4, side::buy, "10", "100.01"), true, false));
    CHECK(d.lines() == lines{"7: rejected 4 submit would_cross"});
  }
  SUBCASE("post-only takes limit orders that may rest") {
    d.send(flagged(market(5, side::buy, "10"), true, false));
    d.send(flagged(limit(6, side::buy, "10", "99.00", time_in_force::ioc), true, false));
    CHECK(d.lines() ==
          lines{"7: rejected 5 submit invalid_order", "7: rejected 6 submit invalid_order"});
  }
}

TEST_CASE("bad links and trailing stops are refused with a reason naming the order") {
  desk d({});
  SUBCASE("a trailing stop needs a market price") {
    d.send(trailing(1, side::sell, "10", "1.00"));
    CHECK(d.lines() == lines{"7: rejected 1 submit no_reference_price"});
  }
  d.on_quote(make_quote(1, "99.98", "100.02"));
  SUBCASE("an exit of an unknown entry") {
    d.send(exit_of(limit(2, side::sell, "10", "101.00"), 99, 0));
    CHECK(d.lines() == lines{"7: rejected 2 submit invalid_order"});
    CHECK(reject_detail(d, 0) ==
          "order 2: its entry order 99 is not an order of strategy 7 seen before it");
  }
  SUBCASE("an exit on the entry's side, a market exit, a third exit") {
    d.om.enqueue(limit(1, side::buy, "10", "90.00"));
    d.om.enqueue(exit_of(limit(2, side::buy, "10", "80.00"), 1, 0));
    d.om.enqueue(exit_of(market(3, side::sell, "10"), 1, 0));
    d.om.enqueue(exit_of(limit(4, side::sell, "10", "95.00"), 1, 0));
    d.om.enqueue(exit_of(limit(5, side::sell, "10", "96.00"), 1, 0));
    d.send(exit_of(limit(6, side::sell, "10", "97.00"), 1, 0));
    // The market exit is refused first: market orders take the priority lane.
    CHECK(d.lines() == lines{"7: rejected 3 submit invalid_order",
                             "7: rejected 2 submit invalid_order",
                             "7: rejected 6 submit invalid_order", "7: accepted 1"});
  }
  SUBCASE("a trailing limit order, a negative trail, a pair that does not name each other") {
    submit_order bad = trailing(1, side::sell, "10", "1.00");
    bad.type = order_type::limit;
    bad.limit_price = px("99.00");
    d.send(bad);
    d.send(trailing(2, side::sell, "10", "-1.00"));
    d.send(limit(3, side::sell, "10", "101.00"));
    d.send(exit_of(limit(4, side::sell, "10", "102.00"), 0, 3));
    CHECK(d.lines() ==
          lines{"7: rejected 1 submit invalid_order", "7: rejected 2 submit invalid_order",
                "7: accepted 3", "7: rejected 4 submit invalid_order"});
    CHECK(reject_detail(d, 3) ==
          "order 4: its one-cancels-other sibling 3 exists and does not name it");
  }
}

TEST_CASE("the end of the run cancels held exits") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02"));
  d.om.enqueue(limit(1, side::buy, "10", "90.00"));
  d.send(exit_of(limit(2, side::sell, "10", "95.00"), 1, 0));
  d.stop();
  CHECK(d.lines() ==
        lines{"7: accepted 1", "7: cancelled 2 0 shutdown", "7: cancelled 1 10 shutdown"});
  CHECK(d.om.idle());
}
