// Shows each pre-trade risk rule on its own: allowed exactly at its limit, denied just past it,
// with a typed reason and a message naming the order, the owner and the numbers; and the overflow
// rule, which applies whatever the limits.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "bourse/orders/risk_limits.hpp"
#include "bourse/orders/risk_rules.hpp"
#include "orders_kit.hpp"

using namespace orders_kit;

namespace {

const owner_ref strategy7{owner_kind::strategy, 7};

order buy_limit(std::string_view q, std::string_view limit) {
  return limit_order(1, side::buy, q, limit);
}

order market(side s, std::string_view q) {
  return make_market_order(3, 7, 70, "AAPL", s, qty(q), 1000);
}

} // namespace

TEST_CASE("max order quantity allows the limit and denies one more") {
  CHECK_FALSE(check_max_order_quantity(buy_limit("100", "10.00"), qty("100"), strategy7));
  auto denial = check_max_order_quantity(buy_limit("101", "10.00"), qty("100"), strategy7);
  REQUIRE(denial);
  CHECK(denial->reason == risk_denial_reason::max_order_quantity);
  CHECK(denial->owner->kind == owner_kind::strategy);
  CHECK(denial->owner->id == 7);
  CHECK(denial->id == 1);
  CHECK(denial->message == "order 1: quantity 101 above the max order quantity 100 of strategy 7");
  SUBCASE("fractional quantities compare exactly") {
    CHECK_FALSE(check_max_order_quantity(buy_limit("0.5", "10.00"), qty("0.50"), strategy7));
    CHECK(check_max_order_quantity(buy_limit("0.501", "10.00"), qty("0.50"), strategy7));
  }
}

TEST_CASE("max order notional values each order type at its price") {
  const money max = cash("10000.00");
  SUBCASE("a limit order at its limit price") {
    // 100 * 100.00 = 10000.00: at the limit
    CHECK_FALSE(check_max_order_notional(buy_limit("100", "100.00"), max, std::nullopt, strategy7));
    // 100 * 100.01 = 10001.00: 1.00 over
    auto denial =
        check_max_order_notional(buy_limit("100", "100.01"), max, std::nullopt, strategy7);
    REQUIRE(denial);
    CHECK(denial->reason == risk_denial_reason::max_order_notional);
    CHECK(denial->message == "order 1: notional 10001.00 (100 at 100.01) above the max order "
                             "notional 10000.00 of strategy 7");
  }
  SUBCASE("a market order at the caller's reference price") {
    // 50 * 200.00 = 10000.00 allowed; 50 * 200.01 = 10000.50 denied
    CHECK_FALSE(check_max_order_notional(market(side::sell, "50"), max, px("200.00"), strategy7));
    CHECK(check_max_order_notional(market(side::sell, "50"), max, px("200.01"), strategy7));
    auto none = check_max_order_notional(market(side::sell, "50"), max, std::nullopt, strategy7);
    REQUIRE(none);
    CHECK(none->reason == risk_denial_reason::no_reference_price);
    auto zero = check_max_order_notional(market(side::sell, "50"), max, px("0"), strategy7);
    REQUIRE(zero);
    CHECK(zero->reason == risk_denial_reason::no_reference_price);
  }
  SUBCASE("a stop order at its stop price, a stop-limit at its limit price") {
    order stop = buy_limit("100", "1.00");
    stop.type = order_type::stop;
    stop.limit_price.reset();
    stop.stop_price = px("100.00");
    // 100 * 100.00 = 10000.00 although the reference (500.00) would give 50000.00
    CHECK_FALSE(check_max_order_notional(stop, max, px("500.00"), strategy7));
    order stop_limit = stop_limit_order(); // 100, stop 10.50, limit 10.60
    CHECK(*notional_price(stop_limit, px("1.00")) == px("10.60"));
    CHECK_FALSE(check_max_order_notional(stop_limit, cash("1060.00"), std::nullopt, strategy7));
    CHECK(check_max_order_notional(stop_limit, cash("1059.99"), std::nullopt, strategy7));
  }
  SUBCASE("a notional beyond the fixed-point range is denied, not wrapped") {
    order huge = buy_limit("9000000000", "9000000000.00");
    auto denial = check_max_order_notional(huge, max, std::nullopt, strategy7);
    REQUIRE(denial);
    CHECK(denial->reason == risk_denial_reason::max_order_notional);
    CHECK(denial->message.find("overflows") != std::string::npos);
  }
}

TEST_CASE("the price band allows prices up to the band on both sides of the reference") {
  const price reference = px("100.00");
  // 500 bps of 100.00 is 5.00: 95.00 and 105.00 are at the band.
  CHECK_FALSE(check_price_band(buy_limit("1", "105.00"), 500, reference, strategy7));
  CHECK_FALSE(check_price_band(buy_limit("1", "95.00"), 500, reference, strategy7));
  CHECK_FALSE(check_price_band(buy_limit("1", "100.00"), 500, reference, strategy7));
  auto above = check_price_band(buy_limit("1", "105.01"), 500, reference, strategy7);
  REQUIRE(above);
  CHECK(above->reason == risk_denial_reason::price_band);
  // 5.01 / 100.00 = 501 bps
  CHECK(above->message == "order 1: price 105.01 is 501.00 bps from reference 100.00, beyond the "
                          "500 bps band of strategy 7");
  CHECK(check_price_band(buy_limit("1", "94.99"), 500, reference, strategy7));

  SUBCASE("prices and references of different precisions compare exactly") {
    // |105.00 - 100.005| = 4.995 = 499.475... bps of 100.005: inside
    CHECK_FALSE(check_price_band(buy_limit("1", "105.00"), 500, px("100.005"), strategy7));
    // |105.01 - 100.005| = 5.005; 5.005 * 10000 = 50050 > 500 * 100.005 = 50002.5: outside
    CHECK(check_price_band(buy_limit("1", "105.01"), 500, px("100.005"), strategy7));
  }
  SUBCASE("stop orders are banded on their stop price, market orders not at all") {
    order stop = stop_limit_order(); // stop 10.50, limit 10.60
    stop.type = order_type::stop;
    stop.limit_price.reset();
    CHECK_FALSE(check_price_band(stop, 100, px("10.40"), strategy7)); // 0.10 / 10.40 = 96.2 bps
    CHECK(check_price_band(stop, 90, px("10.40"), strategy7));
    CHECK_FALSE(check_price_band(market(side::buy, "1"), 1, px("1.00"), strategy7));
    CHECK_FALSE(check_price_band(market(side::buy, "1"), 1, std::nullopt, strategy7));
  }
  SUBCASE("a priced order without a positive reference is denied") {
    auto denial = check_price_band(buy_limit("1", "100.00"), 500, std::nullopt, strategy7);
    REQUIRE(denial);
    CHECK(denial->reason == risk_denial_reason::no_reference_price);
  }
  SUBCASE("the band can be given as a fraction") {
    CHECK(basis_points_from_fraction("0.05") == 500);
    CHECK(basis_points_from_fraction("0.0005") == 5);
    CHECK(basis_points_from_fraction("1") == 10000);
    CHECK(basis_points_from_fraction("0.00005") == std::nullopt); // half a basis point
    CHECK(basis_points_from_fraction("five") == std::nullopt);
  }
}

TEST_CASE("max position counts the position, open orders on the order's side and the order") {
  const quantity max = qty("100");
  exposure current{qty("50"), {qty("30"), qty("40")}}; // long 50, open buys 30, open sells 40
  SUBCASE("buys: position + open buys + order") {
    // 50 + 30 + 20 = 100 allowed; 50 + 30 + 21 = 101 denied
    CHECK_FALSE(check_max_position(buy_limit("20", "10.00"), max, current, strategy7));
    auto denial = check_max_position(buy_limit("21", "10.00"), max, current, strategy7);
    REQUIRE(denial);
    CHECK(denial->reason == risk_denial_reason::max_position);
    CHECK(denial->message == "order 1: buy 21 could take the long position of strategy 7 to 101 "
                             "(position 50, open buys 30, order 21), above the max position 100");
  }
  SUBCASE("sells: -position + open sells + order") {
    // -50 + 40 + 110 = 100 allowed; -50 + 40 + 111 = 101 denied
    CHECK_FALSE(check_max_position(limit_order(1, side::sell, "110"), max, current, strategy7));
    auto denial = check_max_position(limit_order(1, side::sell, "111"), max, current, strategy7);
    REQUIRE(denial);
    CHECK(denial->message.find("short position of strategy 7 to 101") != std::string::npos);
  }
  SUBCASE("a buy that covers a short counts from the short position") {
    exposure short80{qty("-80"), {}};
    // -80 + 0 + 180 = 100 allowed (flips to long 100); 181 denied
    CHECK_FALSE(check_max_position(buy_limit("180", "10.00"), max, short80, strategy7));
    CHECK(check_max_position(buy_limit("181", "10.00"), max, short80, strategy7));
  }
  SUBCASE("a zero limit allows only reducing orders") {
    exposure long30{qty("30"), {}};
    CHECK_FALSE(check_max_position(limit_order(1, side::sell, "30"), qty("0"), long30, strategy7));
    CHECK(check_max_position(limit_order(1, side::sell, "31"), qty("0"), long30, strategy7));
    CHECK(check_max_position(buy_limit("1", "10.00"), qty("0"), long30, strategy7));
  }
}

TEST_CASE("an order without a positive quantity or its prices is invalid for risk") {
  CHECK_FALSE(check_order_sanity(buy_limit("1", "10.00")));
  auto zero = check_order_sanity(buy_limit("0", "10.00"));
  REQUIRE(zero);
  CHECK(zero->reason == risk_denial_reason::invalid_order);
  CHECK_FALSE(zero->owner);
  CHECK(zero->message == "order 1: quantity 0 is not positive");
  order no_price = buy_limit("1", "10.00");
  no_price.limit_price.reset();
  CHECK(check_order_sanity(no_price)->reason == risk_denial_reason::invalid_order);
  order stop = stop_limit_order();
  stop.stop_price.reset();
  CHECK(check_order_sanity(stop)->reason == risk_denial_reason::invalid_order);
  CHECK(to_string(risk_denial_reason::rate_limit) == "rate_limit");
  CHECK(to_string(risk_denial_reason::price_band) == "price_band");
}

TEST_CASE("an order whose notional or resulting position would overflow is denied with overflow") {
  const exposure flat{};
  SUBCASE("an ordinary order passes") {
    CHECK_FALSE(check_overflow(buy_limit("1000000", "100.00"), std::nullopt, flat, strategy7));
  }
  SUBCASE("a quantity times price past the range is denied, naming the order and the numbers") {
    // 10^15 at 100.00 is 10^17 = 10^19 raw cents: past int64, let alone the headroom.
    auto denial =
        check_overflow(buy_limit("1000000000000000", "100.00"), std::nullopt, flat, strategy7);
    REQUIRE(denial);
    CHECK(denial->reason == risk_denial_reason::overflow);
    CHECK(denial->id == 1);
    CHECK(denial->message.find("order 1: the notional 1000000000000000 at 100.00") == 0);
    CHECK(denial->message.find("strategy 7") != std::string::npos);
    CHECK(to_string(risk_denial_reason::overflow) == "overflow");
  }
  SUBCASE("a notional that fits int64 but not the headroom is denied too") {
    // 10^10 at 100.00 is 10^14 raw cents; 10^14 at 100.00 is 10^18 raw cents: it fits int64
    // (9.2e18) but not 1/16 of it.
    CHECK_FALSE(check_overflow(buy_limit("10000000000", "100.00"), std::nullopt, flat, strategy7));
    CHECK(check_overflow(buy_limit("100000000000000", "100.00"), std::nullopt, flat, strategy7));
  }
  SUBCASE("the position already held counts") {
    exposure held{qty("-100000000000000"), {}};
    auto small = buy_limit("1", "0.01");
    CHECK_FALSE(check_overflow(small, std::nullopt, exposure{qty("5"), {}}, strategy7));
    auto denial = check_overflow(buy_limit("1", "100.00"), std::nullopt, held, strategy7);
    REQUIRE(denial);
    CHECK(denial->message.find("the exposure 100000000000001 at 100.00") != std::string::npos);
  }
  SUBCASE("a market order is valued at the reference price, or by quantity alone without one") {
    CHECK_FALSE(
        check_overflow(market(side::buy, "100000000000000"), std::nullopt, flat, strategy7));
    CHECK(check_overflow(market(side::buy, "100000000000000"), px("100.00"), flat, strategy7));
    CHECK(check_overflow(market(side::sell, "9000000000000000000"), std::nullopt, flat, strategy7));
  }
}

TEST_CASE("the overflow rule survives the most negative position without overflowing itself") {
  const exposure most_negative{quantity::from_raw(std::numeric_limits<std::int64_t>::min(), 0), {}};
  auto denial = check_overflow(buy_limit("1", "1.00"), std::nullopt, most_negative, strategy7);
  REQUIRE(denial);
  CHECK(denial->reason == risk_denial_reason::overflow);
}
