// Shows the enum string conversions and the instrument tick/lot grid checks.
#include <doctest/doctest.h>

#include "bourse/core/enums.hpp"
#include "bourse/core/instrument.hpp"
#include "bourse/core/text.hpp"

using namespace bourse;

TEST_CASE("enums round-trip through their names, any case") {
  for (auto s : {side::buy, side::sell})
    CHECK(side_from_string(to_string(s)) == s);
  for (auto t : {order_type::limit, order_type::market, order_type::stop, order_type::stop_limit})
    CHECK(order_type_from_string(to_string(t)) == t);
  for (auto t : {time_in_force::gtc, time_in_force::day, time_in_force::ioc, time_in_force::fok})
    CHECK(time_in_force_from_string(to_string(t)) == t);
  CHECK(side_from_string("BUY") == side::buy);
  CHECK(order_type_from_string("Stop_Limit") == order_type::stop_limit);
  CHECK_FALSE(side_from_string("hold"));
  CHECK_FALSE(order_type_from_string(""));
  CHECK_FALSE(time_in_force_from_string("gtd"));
  CHECK(opposite(side::buy) == side::sell);
}

TEST_CASE("an instrument accepts prices on its tick grid and quantities on its lot grid") {
  auto inst = instrument::make("ES", "0.25", "1");
  REQUIRE(inst);
  CHECK(inst->price_precision() == 2);
  CHECK(inst->on_tick(*price::parse("4500.75"))->raw() == 450075);
  CHECK(inst->on_tick(*price::parse("4500.5"))->precision() == 2);
  CHECK_FALSE(inst->on_tick(*price::parse("4500.10")));
  CHECK_FALSE(inst->on_tick(*price::parse("4500.125")));
  CHECK(inst->on_lot(*quantity::parse("3")));
  CHECK_FALSE(inst->on_lot(*quantity::parse("2.5")));
  CHECK(inst->round_to_tick(4500.37).to_string() == "4500.25");
  CHECK(inst->round_to_tick(4500.38).to_string() == "4500.50");

  SUBCASE("fractional lots") {
    auto btc = instrument::make("BTC-USD", "0.5", "0.001");
    REQUIRE(btc);
    CHECK(btc->on_lot(*quantity::parse("0.25")));
    CHECK_FALSE(btc->on_lot(*quantity::parse("0.0005")));
  }
  SUBCASE("bad sizes are refused") {
    CHECK_FALSE(instrument::make("X", "0", "1"));
    CHECK_FALSE(instrument::make("X", "-0.01", "1"));
    CHECK_FALSE(instrument::make("X", "0.01", "abc"));
    CHECK_FALSE(instrument::make("", "0.01", "1"));
  }
}

TEST_CASE("text helpers trim, split and compare without case") {
  std::vector<std::string_view> fields;
  split_fields(" a , b,,c\r", ',', fields);
  REQUIRE(fields.size() == 4);
  CHECK(fields[0] == "a");
  CHECK(fields[1] == "b");
  CHECK(fields[2].empty());
  CHECK(fields[3] == "c");
  CHECK(iequals("Close", "CLOSE"));
  CHECK_FALSE(iequals("close", "closed"));
  CHECK(to_lower("TS") == "ts");
}
