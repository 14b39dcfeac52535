// Shows the risk engine: limits per strategy and per account, checked in the documented order
// (rule by rule, strategy before account, rate limit last), tokens spent only by allowed orders,
// and limits validated with every problem reported at once.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/orders/order_tracker.hpp"
#include "bourse/orders/portfolio.hpp"
#include "bourse/orders/risk_engine.hpp"
#include "orders_kit.hpp"

using namespace orders_kit;

namespace {

// Strategy 7 trades for account 70 (the kit's defaults); strategy 8 trades for it too.
order buy(order_id id, std::string_view q, std::string_view limit = "10.00",
          strategy_id strategy = 7, account_id account = 70) {
  return make_limit_order(id, strategy, account, "AAPL", side::buy, qty(q), px(limit), 1000);
}

risk_limits quantity_limit(std::string_view max) {
  risk_limits l;
  l.max_order_quantity = qty(max);
  return l;
}

risk_limits rate(std::int64_t capacity) {
  risk_limits l;
  l.order_rate = rate_limit{capacity, 1, 1'000'000'000}; // 1 token per second
  return l;
}

} // namespace

TEST_CASE("owners without limits are not checked") {
  risk_engine engine;
  CHECK_FALSE(engine.check(buy(1, "1000000"), {}, 0));
  CHECK(engine.strategy_limits(7) == nullptr);
  CHECK(engine.account_limits(70) == nullptr);
}

TEST_CASE("strategy and account limits both apply, strategy first") {
  risk_engine engine;
  REQUIRE(engine.set_strategy_limits(7, quantity_limit("100")).empty());
  REQUIRE(engine.set_account_limits(70, quantity_limit("50")).empty());
  CHECK(engine.strategy_limits(7)->max_order_quantity == qty("100"));

  CHECK_FALSE(engine.check(buy(1, "50"), {}, 0)); // at both limits
  auto account = engine.check(buy(2, "60"), {}, 0);
  REQUIRE(account);
  CHECK(account->reason == risk_denial_reason::max_order_quantity);
  CHECK(account->owner->kind == owner_kind::account);
  CHECK(account->owner->id == 70);
  CHECK(account->message == "order 2: quantity 60 above the max order quantity 50 of account 70");
  auto strategy = engine.check(buy(3, "101"), {}, 0); // breaks both: the strategy's is named
  REQUIRE(strategy);
  CHECK(strategy->owner->kind == owner_kind::strategy);

  SUBCASE("another strategy of the same account meets only the account's limit") {
    CHECK_FALSE(engine.check(buy(4, "50", "10.00", 8), {}, 0));
    auto denial = engine.check(buy(5, "51", "10.00", 8), {}, 0);
    REQUIRE(denial);
    CHECK(denial->owner->kind == owner_kind::account);
  }
  SUBCASE("the same strategy in another account meets only the strategy's limit") {
    CHECK_FALSE(engine.check(buy(6, "100", "10.00", 7, 71), {}, 0));
  }
}

TEST_CASE("rules run in order: quantity, notional, band, position, rate") {
  risk_engine engine;
  risk_limits strategy;
  strategy.max_order_notional = cash("1000.00");
  strategy.price_band_bps = 100;
  strategy.max_position = qty("10");
  risk_limits account = quantity_limit("20");
  REQUIRE(engine.set_strategy_limits(7, strategy).empty());
  REQUIRE(engine.set_account_limits(70, account).empty());
  risk_context context;
  context.reference_price = px("10.00");

  // 30 at 50.00 breaks all four: the account's quantity rule comes first although the strategy's
  // limits are checked before the account's within each rule.
  CHECK(engine.check(buy(1, "30", "50.00"), context, 0)->reason ==
        risk_denial_reason::max_order_quantity);
  // 20 at 50.00 = 1000.00 notional, at the limit; 40.00 / 10.00 = 40000 bps: the band denies.
  CHECK(engine.check(buy(2, "20", "50.00"), context, 0)->reason == risk_denial_reason::price_band);
  // 20 at 10.10 = 202.00 notional, 100 bps: allowed so far; position 0 + 0 + 20 > 10.
  CHECK(engine.check(buy(3, "20", "10.10"), context, 0)->reason ==
        risk_denial_reason::max_position);
  // 200 at 10.00 = 2000.00 breaks notional before the band or position are looked at.
  REQUIRE(engine.set_account_limits(70, {}).empty());
  CHECK(engine.check(buy(4, "200", "10.00"), context, 0)->reason ==
        risk_denial_reason::max_order_notional);
  // Without a reference price the band cannot be checked.
  CHECK(engine.check(buy(5, "10", "10.00"), {}, 0)->reason ==
        risk_denial_reason::no_reference_price);
  CHECK_FALSE(engine.check(buy(6, "10", "10.00"), context, 0));
  // Invalid orders are denied before any limit.
  CHECK(engine.check(buy(7, "0", "10.00"), context, 0)->reason ==
        risk_denial_reason::invalid_order);
}

TEST_CASE("the max-position rule uses the exposures the caller passes per owner") {
  risk_engine engine;
  risk_limits limits;
  limits.max_position = qty("100");
  REQUIRE(engine.set_account_limits(70, limits).empty());

  // Build the exposures from a tracker (open orders) and a portfolio (position), as the order
  // manager will: account 70 is long 60 and has an open buy of 30.
  order_tracker tracker;
  portfolio account_book;
  REQUIRE_FALSE(account_book.apply_fill("AAPL", side::buy, qty("60"), px("10.00")));
  REQUIRE_FALSE(tracker.add(buy(1, "30")));
  risk_context context;
  context.account.position = account_book.find("AAPL")->net();
  context.account.open = tracker.open({owner_kind::account, 70}, "AAPL");

  // 60 + 30 + 10 = 100 allowed; 60 + 30 + 11 = 101 denied.
  CHECK_FALSE(engine.check(buy(2, "10"), context, 0));
  auto denial = engine.check(buy(3, "11"), context, 0);
  REQUIRE(denial);
  CHECK(denial->reason == risk_denial_reason::max_position);
  CHECK(denial->owner->kind == owner_kind::account);
}

TEST_CASE("the rate limit spends tokens only for orders that pass every check") {
  risk_engine engine;
  risk_limits strategy = rate(2);
  strategy.max_order_quantity = qty("100");
  REQUIRE(engine.set_strategy_limits(7, strategy).empty());

  CHECK_FALSE(engine.check(buy(1, "1"), {}, 0));
  CHECK(engine.check(buy(2, "101"), {}, 0)->reason == risk_denial_reason::max_order_quantity);
  CHECK_FALSE(engine.check(buy(3, "1"), {}, 0)); // the denied order 2 cost no token
  auto denial = engine.check(buy(4, "1"), {}, 0);
  REQUIRE(denial);
  CHECK(denial->reason == risk_denial_reason::rate_limit);
  CHECK(denial->message == "order 4: order rate limit of strategy 7 reached (capacity 2, 1 per "
                           "1000000000 ns); next token in 1000000000 ns");
  CHECK_FALSE(engine.check(buy(5, "1"), {}, 1'000'000'000)); // one token back after 1 s

  SUBCASE("an empty account bucket keeps the strategy's token") {
    REQUIRE(engine.set_strategy_limits(7, rate(2)).empty()); // same rate: bucket kept, now empty
    CHECK(engine.check(buy(6, "1"), {}, 1'000'000'000)->reason == risk_denial_reason::rate_limit);
    REQUIRE(engine.set_strategy_limits(7, rate(3)).empty()); // new rate: full bucket of 3
    REQUIRE(engine.set_account_limits(70, rate(1)).empty());
    CHECK_FALSE(engine.check(buy(7, "1"), {}, 1'000'000'000)); // strategy 2 left, account 0
    auto account = engine.check(buy(8, "1"), {}, 1'000'000'000);
    REQUIRE(account);
    CHECK(account->owner->kind == owner_kind::account);
    // Order 8 took nothing from the strategy: two more orders in account 71 (no limits) pass.
    CHECK_FALSE(engine.check(buy(9, "1", "10.00", 7, 71), {}, 1'000'000'000));
    CHECK_FALSE(engine.check(buy(10, "1", "10.00", 7, 71), {}, 1'000'000'000));
    CHECK(engine.check(buy(11, "1", "10.00", 7, 71), {}, 1'000'000'000)->reason ==
          risk_denial_reason::rate_limit);
  }
}

TEST_CASE("limits are validated with every problem reported at once") {
  risk_limits bad;
  bad.max_order_quantity = qty("-1");
  bad.max_order_notional = cash("0");
  bad.max_position = qty("-5");
  bad.price_band_bps = 0;
  bad.order_rate = rate_limit{0, -1, 0};
  const std::vector<std::string> expected = {
      "max_order_quantity must be positive, got -1",
      "max_order_notional must be positive, got 0",
      "max_position must not be negative, got -5",
      "price_band_bps must be positive, got 0",
      "order_rate.capacity must be positive, got 0",
      "order_rate.refill_tokens must be positive, got -1",
      "order_rate.refill_period must be positive, got 0 ns",
  };
  CHECK(bad.validate() == expected);
  CHECK(risk_limits{}.validate().empty());
  risk_limits zero_position;
  zero_position.max_position = qty("0"); // reduce only: valid
  CHECK(zero_position.validate().empty());

  SUBCASE("the engine refuses invalid limits and keeps the old ones") {
    risk_engine engine;
    REQUIRE(engine.set_strategy_limits(7, quantity_limit("100")).empty());
    CHECK(engine.set_strategy_limits(7, bad) == expected);
    CHECK(engine.strategy_limits(7)->max_order_quantity == qty("100"));
    CHECK(engine.set_account_limits(70, bad).size() == 7);
    CHECK(engine.account_limits(70) == nullptr);
    engine.remove_strategy_limits(7);
    CHECK(engine.strategy_limits(7) == nullptr);
  }
}
