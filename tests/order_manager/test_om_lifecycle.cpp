// Shows every lifecycle path through the order manager core and a simulated venue core together:
// accepted, partially filled, filled, cancelled, replaced, rejected (by the order manager and by
// the venue), IOC and market remainders, stop triggers, DAY expiry, cancels before the venue's
// acknowledgement, and the shutdown that cancels every open order.
#include <doctest/doctest.h>

#include "desk.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

TEST_CASE("an order is accepted, partially filled and filled; fills reach the fill listeners") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02", "100", "60"));
  d.send(limit(1, side::buy, "100", "100.05"));
  CHECK(d.lines() == lines{"7: accepted 1", "7: fill 1 buy 60@100.02 leaves 40 taker"});
  CHECK(d.state_of(1) == order_state::partially_filled);
  d.on_quote(make_quote(2, "99.98", "100.04", "100", "500"));
  CHECK(d.lines() == lines{"7: fill 1 buy 40@100.05 leaves 0 maker done"});
  CHECK(d.state_of(1) == order_state::filled);
  REQUIRE(d.fill_reports.size() == 2);
  CHECK(std::holds_alternative<order_partially_filled>(d.fill_reports[0]));
  CHECK(header_of(d.fill_reports[0]).strategy == 7);
  CHECK(header_of(d.fill_reports[0]).account == 70);
  CHECK(std::holds_alternative<order_filled>(d.fill_reports[1]));
  CHECK(d.om.position({owner_kind::strategy, 7}, "AAPL") == qty("100"));
  CHECK(d.om.position({owner_kind::account, 70}, "AAPL") == qty("100"));
  CHECK(d.om.open_orders().empty());
  const order* o = d.om.tracker().find(1);
  CHECK(o->average_fill_price() == px("100.032"));
}

TEST_CASE("an order is cancelled and replaced through the venue") {
  desk d({});
  d.send(limit(1, side::buy, "100", "99.00"));
  d.send(replace(1, "99.50", "50"));
  CHECK(d.lines() == lines{"7: accepted 1", "7: replaced 1 99.50 50"});
  const order* o = d.om.tracker().find(1);
  CHECK(o->limit_price == px("99.50"));
  CHECK(o->quantity == qty("50"));
  CHECK(o->state == order_state::accepted);
  d.send(cancel(1));
  CHECK(d.lines() == lines{"7: cancelled 1 50 user"});
  CHECK(d.state_of(1) == order_state::cancelled);
  SUBCASE("commands for a finished order are refused") {
    d.send(cancel(1));
    d.send(replace(1, "99.60", ""));
    auto rejected = only<order_rejected>({d.strategy_events[3].event, d.strategy_events[4].event});
    CHECK(d.lines() ==
          lines{"7: rejected 1 cancel order_finished", "7: rejected 1 replace order_finished"});
    CHECK(rejected[0].detail == "order 1: cancel refused: the order is already cancelled");
  }
}

TEST_CASE("a partially filled order replaced to a smaller open quantity keeps its fills") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02", "100", "30"));
  d.send(limit(1, side::buy, "100", "100.02"));
  d.send(replace(1, "", "20"));
  CHECK(d.lines() == lines{"7: accepted 1", "7: fill 1 buy 30@100.02 leaves 70 taker",
                           "7: replaced 1 100.02 20"});
  const order* o = d.om.tracker().find(1);
  CHECK(o->quantity == qty("50")); // 30 filled + 20 open
  CHECK(o->remaining() == qty("20"));
  CHECK(o->state == order_state::partially_filled);
}

TEST_CASE("refusals by the order manager never reach a venue") {
  desk d({});
  auto zero = limit(3, side::buy, "0", "10.00");
  auto negative = limit(4, side::buy, "5", "-10.00");
  d.send(limit(1, side::buy, "10", "10.00", time_in_force::gtc, "TSLA"));
  d.send(limit(2, side::buy, "10", "10.00"));
  d.send(limit(2, side::sell, "10", "11.00"));
  d.send(zero);
  d.send(negative);
  d.send(cancel(9));
  d.send(cancel(2, 8));
  d.send(replace(2, "", "", 7));
  d.send(replace(2, "", "5", 8));
  d.send(replace(2, "-1.00", ""));
  d.send(replace(2, "", "-3"));
  auto events = d.strategy_events;
  CHECK(d.lines() ==
        lines{"7: rejected 1 submit unknown_symbol", "7: accepted 2",
              "7: rejected 2 submit duplicate_id", "7: rejected 3 submit invalid_order",
              "7: rejected 4 submit invalid_order", "7: rejected 9 cancel unknown_order",
              "8: rejected 2 cancel not_owner", "7: rejected 2 replace invalid_order",
              "8: rejected 2 replace not_owner", "7: rejected 2 replace invalid_order",
              "7: rejected 2 replace invalid_order"});
  CHECK(d.venue_commands.size() == 1);
  auto rejected = only<order_rejected>(
      {events[0].event, events[2].event, events[3].event, events[4].event, events[6].event});
  CHECK(rejected[0].detail == "order 1: no venue trades TSLA");
  CHECK(rejected[1].detail == "order 2: the id was used before (by strategy 7, AAPL)");
  CHECK(rejected[2].detail.find("order 3") == 0);
  CHECK(rejected[3].detail.find("order 4") == 0);
  CHECK(rejected[4].detail == "order 2: cancel refused: it belongs to strategy 7, not 8");
  CHECK(d.state_of(1) == order_state::rejected);
  CHECK(d.om.tracker().find(3) == nullptr);
}

TEST_CASE("the venue's refusals and remainders come back to the strategy") {
  desk d({});
  d.on_quote(make_quote(1, "99.98", "100.02", "100", "30"));
  d.send(limit(1, side::buy, "10", "10.005"));
  d.send(limit(2, side::buy, "50", "100.02", time_in_force::ioc));
  d.send(market(3, side::buy, "5"));
  CHECK(d.lines() == lines{"7: rejected 1 submit off_tick", "7: accepted 2",
                           "7: fill 2 buy 30@100.02 leaves 20 taker", "7: cancelled 2 20 ioc",
                           "7: accepted 3", "7: cancelled 3 5 no_liquidity"});
  CHECK(d.state_of(1) == order_state::rejected);
  CHECK(d.state_of(2) == order_state::cancelled);
  CHECK(d.state_of(3) == order_state::cancelled);
}

TEST_CASE("stops trigger at the venue and the order manager follows") {
  desk d({});
  d.on_quote(make_quote(1, "100.00", "100.02"));
  d.send(stop(1, side::buy, "10", "101.00", "101.20"));
  CHECK(d.lines() == lines{"7: accepted 1"});
  CHECK(d.om.open_orders()[0].type == order_type::stop_limit);
  d.on_quote(make_quote(2, "101.00", "101.10"));
  d.on_trade(make_trade(2, "101.05", "3"));
  CHECK(d.lines() == lines{"7: triggered 1", "7: fill 1 buy 10@101.10 leaves 0 taker done"});
  CHECK(d.state_of(1) == order_state::filled);
}

TEST_CASE("DAY orders expire at the venue's session close") {
  auto vs = settings();
  vs.session_close = 21 * 3600 * ns_per_second;
  desk d({}, {vs});
  d.send(limit(1, side::buy, "10", "99.00", time_in_force::day));
  d.advance(21 * 3600 * ns_per_second);
  CHECK(d.lines() == lines{"7: accepted 1", "7: expired 1 10"});
  CHECK(d.state_of(1) == order_state::expired);
}

TEST_CASE("a cancel sent before the venue acknowledged the order is forwarded") {
  auto vs = settings();
  vs.latency.base = 1000;
  desk d({}, {vs});
  d.send(limit(1, side::buy, "10", "99.00"));
  CHECK(d.state_of(1) == order_state::pending_submit);
  d.send(cancel(1));
  CHECK(d.state_of(1) == order_state::pending_submit);
  d.send(cancel(1));
  d.send(replace(1, "98.00", ""));
  CHECK(d.lines() ==
        lines{"7: rejected 1 cancel request_pending", "7: rejected 1 replace request_pending"});
  d.advance(1000);
  CHECK(d.lines() == lines{"7: accepted 1", "7: cancelled 1 10 user"});
  CHECK(d.state_of(1) == order_state::cancelled);
}

TEST_CASE("a cancel waits in pending_cancel until the venue confirms it") {
  auto vs = settings();
  vs.latency.base = 1000;
  desk d({}, {vs});
  d.send(limit(1, side::buy, "10", "99.00"));
  d.advance(1000);
  d.send(cancel(1));
  CHECK(d.state_of(1) == order_state::pending_cancel);
  d.advance(2000);
  CHECK(d.lines() == lines{"7: accepted 1", "7: cancelled 1 10 user"});
}

TEST_CASE("stop cancels every open order with reason shutdown and refuses new ones") {
  auto vs = settings();
  vs.latency.base = 1000;
  desk d({}, {vs});
  d.send(limit(1, side::buy, "10", "99.00"));
  d.send(limit(2, side::sell, "5", "101.00", time_in_force::day));
  d.advance(1000);
  d.send(limit(3, side::buy, "7", "98.00")); // still in flight at stop
  CHECK(d.lines() == lines{"7: accepted 1", "7: accepted 2"});
  d.om.enqueue(limit(4, side::buy, "1", "97.00")); // queued: stop sends it first, then cancels
  d.stop();
  // Orders 3 and 4 never reached the market (the venue stopped while they were in flight).
  CHECK(d.lines() == lines{"7: cancelled 3 7 shutdown", "7: cancelled 4 1 shutdown",
                           "7: cancelled 1 10 shutdown", "7: cancelled 2 5 shutdown"});
  CHECK(d.venue_commands.size() == 8);
  CHECK(d.om.open_orders().empty());
  CHECK(d.om.shutting_down());
  d.send(limit(5, side::buy, "1", "97.00"));
  d.send(replace(1, "98.00", ""));
  CHECK(d.lines() ==
        lines{"7: rejected 5 submit shutting_down", "7: rejected 1 replace order_finished"});
}

TEST_CASE("a cancel or replace that arrives after the order filled is reported as refused") {
  auto vs = settings();
  vs.latency.base = 1000;
  desk d({}, {vs});
  d.send(limit(1, side::buy, "10", "99.00"));
  d.send(limit(2, side::buy, "10", "99.00"));
  d.advance(1000);
  d.send(cancel(1));
  d.send(replace(2, "98.50", ""));
  CHECK(d.state_of(1) == order_state::pending_cancel);
  CHECK(d.state_of(2) == order_state::pending_replace);
  // Before the commands take effect, the market crosses both orders.
  d.on_quote(make_quote(1500, "98.00", "98.90", "100", "100"));
  d.advance(2000);
  CHECK(d.lines() ==
        lines{"7: accepted 1", "7: accepted 2", "7: fill 1 buy 10@99.00 leaves 0 maker done",
              "7: fill 2 buy 10@99.00 leaves 0 maker done", "7: rejected 1 cancel order_finished",
              "7: rejected 2 replace order_finished"});
  CHECK(d.state_of(1) == order_state::filled);
  CHECK(d.state_of(2) == order_state::filled);
  CHECK(d.om.take_warnings().empty());
}
