// Shows the order manager's pre-trade risk: each rule rejects with its reason and the numbers,
// limits apply per strategy and per account (with defaults for owners without their own), fills
// move the positions the max-position rule counts, the token bucket refills with data time, a
// replace is checked like an order for its new open quantity, and invalid settings are reported
// all at once.
#include <doctest/doctest.h>

#include "desk.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

namespace {

// The detail of the latest rejection the strategies received.
std::string last_detail(const desk& d) {
  for (auto it = d.strategy_events.rbegin(); it != d.strategy_events.rend(); ++it)
    if (auto* r = std::get_if<order_rejected>(&it->event))
      return r->detail;
  FAIL("no rejection");
  return {};
}

} // namespace

TEST_CASE("each risk rule rejects with its reason and a detail naming the numbers") {
  order_manager_settings s;
  risk_limits& l = s.strategy_limits[7];
  l.max_order_quantity = qty("100");
  l.max_order_notional = cash("5000");
  l.price_band_bps = 500;
  desk d(s);

  SUBCASE("price band and notional need a reference price") {
    d.send(limit(1, side::buy, "10", "99.00"));
    CHECK(d.lines() == lines{"7: rejected 1 submit no_reference_price"});
  }
  d.on_quote(make_quote(1, "99.99", "100.01", "1000", "1000"));
  CHECK(d.om.reference_price("AAPL") == px("100.00"));
  SUBCASE("max order quantity") {
    d.send(limit(1, side::buy, "101", "10.00"));
    CHECK(d.lines() == lines{"7: rejected 1 submit max_order_quantity"});
    CHECK(last_detail(d) == "order 1: quantity 101 above the max order quantity 100 of strategy 7");
  }
  SUBCASE("max order notional") {
    d.send(limit(1, side::buy, "51", "99.00"));
    CHECK(d.lines() == lines{"7: rejected 1 submit max_order_notional"});
    CHECK(last_detail(d).find("5049.00") != std::string::npos);
  }
  SUBCASE("price band") {
    d.send(limit(1, side::buy, "10", "94.99"));
    d.send(limit(2, side::buy, "10", "95.00"));
    CHECK(d.lines() == lines{"7: rejected 1 submit price_band", "7: accepted 2"});
  }
  SUBCASE("a market order's notional uses the reference price") {
    d.send(market(1, side::buy, "50"));
    d.send(market(2, side::buy, "51"));
    CHECK(d.lines() == lines{"7: accepted 1", "7: fill 1 buy 50@100.01 leaves 0 taker done",
                             "7: rejected 2 submit max_order_notional"});
  }
  SUBCASE("strategies without limits are not checked") {
    d.send(limit(1, side::buy, "1000", "10.00", time_in_force::gtc, "AAPL", 8, 80));
    CHECK(d.lines() == lines{"8: accepted 1"});
  }
}

TEST_CASE("an order whose notional would overflow is rejected with overflow even without limits") {
  desk d(order_manager_settings{});
  d.on_quote(make_quote(1, "99.99", "100.01", "1000", "1000"));
  // 10^14 at 100.00 is 10^18 raw cents: past the headroom cash and PnL sums need.
  d.send(limit(1, side::buy, "100000000000000", "100.00"));
  d.send(market(2, side::buy, "100000000000000"));
  d.send(market(3, side::buy, "10"));
  CHECK(d.lines() == lines{"7: rejected 1 submit overflow", "7: rejected 2 submit overflow",
                           "7: accepted 3", "7: fill 3 buy 10@100.01 leaves 0 taker done"});
  // A market order is valued at the reference price.
  CHECK(last_detail(d) == "order 2: the notional 100000000000000 at 100.00 of strategy 7 would "
                          "overflow (quantity 100000000000000)");
  CHECK(d.fill_reports.size() == 1);
}

TEST_CASE("max position counts fills and open orders of the strategy and of the account") {
  order_manager_settings s;
  s.strategy_limits[7].max_position = qty("100");
  s.account_limits[70].max_position = qty("150");
  desk d(s);
  d.on_quote(make_quote(1, "99.99", "100.01", "1000", "1000"));
  d.send(market(1, side::buy, "60"));
  d.send(limit(2, side::buy, "30", "99.00"));
  d.send(limit(3, side::buy, "11", "99.00"));
  d.send(limit(4, side::buy, "10", "99.00"));
  CHECK(d.lines() == lines{"7: accepted 1", "7: fill 1 buy 60@100.01 leaves 0 taker done",
                           "7: accepted 2", "7: rejected 3 submit max_position", "7: accepted 4"});
  CHECK(last_detail(d) == "order 3: buy 11 could take the long position of strategy 7 to 101 "
                          "(position 60, open buys 30, order 11), above the max position 100");
  // Another strategy of the same account is held by the account's limit.
  d.send(limit(5, side::buy, "51", "99.00", time_in_force::gtc, "AAPL", 8, 70));
  CHECK(d.lines() == lines{"8: rejected 5 submit max_position"});
  CHECK(last_detail(d).find("account 70") != std::string::npos);
  // A sell counts from the long position: 160 takes it to short 100, the limit; 161 more does not.
  d.send(limit(6, side::sell, "160", "120.00"));
  d.send(limit(7, side::sell, "161", "120.00"));
  CHECK(d.lines() == lines{"7: accepted 6", "7: rejected 7 submit max_position"});
}

TEST_CASE("the rate limit refills with data time and refused orders cost no token") {
  order_manager_settings s;
  s.strategy_limits[7].order_rate = rate_limit{2, 1, ns_per_second};
  s.strategy_limits[7].max_order_quantity = qty("100");
  desk d(s);
  d.send(limit(1, side::buy, "1", "10.00"));
  d.send(limit(2, side::buy, "1000", "10.00"));
  d.send(limit(3, side::buy, "1", "10.00"));
  d.send(limit(4, side::buy, "1", "10.00"));
  CHECK(d.lines() == lines{"7: accepted 1", "7: rejected 2 submit max_order_quantity",
                           "7: accepted 3", "7: rejected 4 submit rate_limit"});
  d.advance(ns_per_second);
  d.send(limit(5, side::buy, "1", "10.00"));
  d.send(limit(6, side::buy, "1", "10.00"));
  CHECK(d.lines() == lines{"7: accepted 5", "7: rejected 6 submit rate_limit"});
}

TEST_CASE("default limits apply to strategies and accounts without their own") {
  order_manager_settings s;
  s.default_strategy_limits = risk_limits{};
  s.default_strategy_limits->max_order_quantity = qty("10");
  s.strategy_limits[9].max_order_quantity = qty("1000");
  s.default_account_limits = risk_limits{};
  s.default_account_limits->max_order_quantity = qty("500");
  desk d(s);
  d.send(limit(1, side::buy, "11", "10.00", time_in_force::gtc, "AAPL", 8, 80));
  d.send(limit(2, side::buy, "600", "10.00", time_in_force::gtc, "AAPL", 9, 90));
  d.send(limit(3, side::buy, "400", "10.00", time_in_force::gtc, "AAPL", 9, 90));
  CHECK(d.lines() == lines{"8: rejected 1 submit max_order_quantity",
                           "9: rejected 2 submit max_order_quantity", "9: accepted 3"});
  const auto& second = std::get<order_rejected>(d.strategy_events[1].event);
  CHECK(second.detail.find("account 90") != std::string::npos);
}

TEST_CASE("a replace is checked like an order for its new open quantity at its new price") {
  order_manager_settings s;
  s.strategy_limits[7].max_order_quantity = qty("100");
  s.strategy_limits[7].max_position = qty("120");
  desk d(s);
  d.send(limit(1, side::buy, "100", "99.00"));
  d.send(replace(1, "", "101"));
  // Its own open 100 is left out of the exposure, so 100 at a new price passes.
  d.send(replace(1, "98.00", "100"));
  CHECK(d.lines() == lines{"7: accepted 1", "7: rejected 1 replace max_order_quantity",
                           "7: replaced 1 98.00 100"});
  const order* o = d.om.tracker().find(1);
  CHECK(o->limit_price == px("98.00"));
  CHECK(o->state == order_state::accepted);
  d.send(limit(2, side::buy, "20", "99.00"));
  d.send(replace(2, "", "21"));
  CHECK(d.lines() == lines{"7: accepted 2", "7: rejected 2 replace max_position"});
  CHECK(d.om.tracker().find(2)->quantity == qty("20"));
}

TEST_CASE("order manager settings report every invalid limit at once") {
  order_manager_settings s;
  s.strategy_limits[7].max_order_quantity = qty("-1");
  s.account_limits[70].price_band_bps = 0;
  s.default_strategy_limits = risk_limits{};
  s.default_strategy_limits->max_position = qty("-5");
  auto problems = s.validate();
  REQUIRE(problems.size() == 3);
  CHECK(problems[0] == "strategy_limits[7]: max_order_quantity must be positive, got -1");
  CHECK(problems[1].find("account_limits[70]: price_band_bps") == 0);
  CHECK(problems[2].find("default_strategy_limits: max_position") == 0);
  CHECK(order_manager_settings{}.validate().empty());
}
