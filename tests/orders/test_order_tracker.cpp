// Shows the order tracker: it adds only valid new orders with fresh ids, refuses events for unknown
// ids, and keeps open quantities per strategy, account, symbol and side through fills, replaces,
// cancels and refusals.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "bourse/orders/order_tracker.hpp"
#include "orders_kit.hpp"

using namespace orders_kit;

namespace {

// Returns a limit order for strategy `strat`, account `acct`.
order owned(order_id id, strategy_id strat, account_id acct, std::string symbol, side s,
            std::string_view q) {
  return make_limit_order(id, strat, acct, std::move(symbol), s, qty(q), px("10.00"), 1000);
}

} // namespace

TEST_CASE("the tracker adds valid new orders once") {
  order_tracker tracker;
  REQUIRE_FALSE(tracker.add(limit_order(1)));
  CHECK(tracker.size() == 1);
  CHECK(tracker.find(1)->state == order_state::new_order);
  CHECK(tracker.find(2) == nullptr);

  auto duplicate = tracker.add(limit_order(1, side::sell));
  REQUIRE(duplicate);
  CHECK(duplicate->reason == order_error::duplicate_order_id);
  CHECK(duplicate->message.find("order 1: ") == 0);
  CHECK(tracker.find(1)->side == side::buy); // the original stays

  order bad = limit_order(2, side::buy, "0");
  auto invalid = tracker.add(bad);
  REQUIRE(invalid);
  CHECK(invalid->reason == order_error::non_positive_quantity);
  CHECK(tracker.size() == 1);
}

TEST_CASE("events for unknown order ids are refused, naming the id") {
  order_tracker tracker;
  REQUIRE_FALSE(tracker.add(limit_order(1)));
  auto refusal = tracker.apply(99, order_event::fill(qty("10"), px("10.00")), 2000);
  REQUIRE(refusal);
  CHECK(refusal->reason == order_error::unknown_order_id);
  CHECK(refusal->id == 99);
  CHECK_FALSE(refusal->from);
  CHECK(refusal->event == order_event_kind::fill);
  CHECK(refusal->message == "order 99: fill refused: unknown_order_id (the tracker holds no order "
                            "with this id)");
}

TEST_CASE("open quantities follow each order per owner, symbol and side") {
  order_tracker tracker;
  // Strategy 1 and 2 share account 10; strategy 3 trades for account 20.
  REQUIRE_FALSE(tracker.add(owned(1, 1, 10, "AAPL", side::buy, "100")));
  REQUIRE_FALSE(tracker.add(owned(2, 2, 10, "AAPL", side::buy, "50")));
  REQUIRE_FALSE(tracker.add(owned(3, 1, 10, "AAPL", side::sell, "30")));
  REQUIRE_FALSE(tracker.add(owned(4, 3, 20, "AAPL", side::buy, "7")));
  REQUIRE_FALSE(tracker.add(owned(5, 1, 10, "MSFT", side::buy, "5")));

  const owner_ref strategy1{owner_kind::strategy, 1};
  const owner_ref account10{owner_kind::account, 10};
  CHECK(tracker.open(strategy1, "AAPL").buy == qty("100"));
  CHECK(tracker.open(strategy1, "AAPL").sell == qty("30"));
  CHECK(tracker.open(account10, "AAPL").buy == qty("150")); // orders 1 and 2
  CHECK(tracker.open({owner_kind::account, 20}, "AAPL").buy == qty("7"));
  CHECK(tracker.open(strategy1, "MSFT").buy == qty("5"));
  CHECK(tracker.open(strategy1, "TSLA").buy.is_zero());

  SUBCASE("fills reduce and the end of an order removes its open quantity") {
    REQUIRE_FALSE(tracker.apply(1, order_event::submit(), 2000));
    REQUIRE_FALSE(tracker.apply(1, order_event::accept(), 2100));
    REQUIRE_FALSE(tracker.apply(1, order_event::fill(qty("60"), px("10.00")), 2200));
    CHECK(tracker.open(strategy1, "AAPL").buy == qty("40"));
    CHECK(tracker.open(account10, "AAPL").buy == qty("90")); // 40 + 50
    REQUIRE_FALSE(tracker.apply(1, order_event::cancel(), 2300));
    CHECK(tracker.open(strategy1, "AAPL").buy.is_zero());
    CHECK(tracker.open(account10, "AAPL").buy == qty("50"));
  }
  SUBCASE("a pending replace counts the larger quantity until answered") {
    REQUIRE_FALSE(tracker.apply(2, order_event::submit(), 2000));
    REQUIRE_FALSE(tracker.apply(2, order_event::accept(), 2100));
    REQUIRE_FALSE(tracker.apply(2, order_event::request_replace({{}, {}, qty("80")}), 2200));
    CHECK(tracker.open(account10, "AAPL").buy == qty("180")); // 100 + max(50, 80)
    REQUIRE_FALSE(tracker.apply(2, order_event::replace_reject(), 2300));
    CHECK(tracker.open(account10, "AAPL").buy == qty("150"));
  }
  SUBCASE("a refused event leaves the open quantities as they were") {
    auto refusal = tracker.apply(3, order_event::fill(qty("1"), px("10.00")), 2000); // not accepted
    REQUIRE(refusal);
    CHECK(tracker.open(strategy1, "AAPL").sell == qty("30"));
  }
  SUBCASE("finished orders can be forgotten, after which their ids are unknown") {
    REQUIRE_FALSE(tracker.apply(4, order_event::reject(), 2000));
    REQUIRE_FALSE(tracker.apply(5, order_event::cancel(), 2000));
    CHECK(tracker.remove_finished() == 2);
    CHECK(tracker.size() == 3);
    auto refusal = tracker.apply(4, order_event::cancel(), 2100);
    REQUIRE(refusal);
    CHECK(refusal->reason == order_error::unknown_order_id);
    // Orders are listed in id order.
    std::vector<order_id> ids;
    for (const auto& [id, o] : tracker.orders())
      ids.push_back(id);
    CHECK(ids == std::vector<order_id>{1, 2, 3});
  }
}
