// Shows strategy parameters read from "key=value,..." text with every problem reported at once,
// and the registry building strategies by name.
#include <doctest/doctest.h>

#include "bourse/strategy/examples/cross_venue_spread.hpp"
#include "bourse/strategy/examples/rsi_reversion.hpp"
#include "bourse/strategy/examples/sma_cross.hpp"
#include "bourse/strategy/registry.hpp"

using namespace bourse;

namespace {

bool has(const std::vector<std::string>& problems, const std::string& part) {
  for (const auto& p : problems)
    if (p.find(part) != std::string::npos)
      return true;
  return false;
}

} // namespace

TEST_CASE("absent keys keep their defaults and given keys are read with their types") {
  auto none = parse_params<sma_cross_params>("sma_cross", "");
  REQUIRE(none);
  CHECK(none.params->fast == 10);
  CHECK(none.params->slow == 30);
  CHECK(none.params->symbol == "SPX");
  CHECK(none.params->mode == position_mode::long_flat);

  auto some = parse_params<sma_cross_params>(
      "sma_cross", " symbol = AAPL , FAST=5,slow=20,qty=2.5,mode=long_short");
  REQUIRE(some);
  CHECK(some.params->symbol == "AAPL");
  CHECK(some.params->fast == 5);
  CHECK(some.params->slow == 20);
  CHECK(some.params->qty == *quantity::parse("2.5"));
  CHECK(some.params->mode == position_mode::long_short);

  auto rsi = parse_params<rsi_reversion_params>("rsi_reversion", "period=7,lower=20.5,upper=80");
  REQUIRE(rsi);
  CHECK(rsi.params->period == 7);
  CHECK(rsi.params->lower == doctest::Approx(20.5));
  CHECK(rsi.params->upper == doctest::Approx(80.0));

  auto spread = parse_params<cross_venue_spread_params>(
      "cross_venue_spread", "instrument=BTC,fee_bps=2.5,min_edge=0.01,max_position=4,qty=0.5");
  REQUIRE(spread);
  CHECK(spread.params->instrument == "BTC");
  CHECK(spread.params->fee_bps == *price::parse("2.5"));
  CHECK(spread.params->min_edge == *price::parse("0.01"));
  CHECK(spread.params->max_position == *quantity::parse("4"));
}

TEST_CASE("syntax errors, bad values, unknown keys and invalid values come back together") {
  auto r = parse_params<sma_cross_params>(
      "sma_cross", "fats=3,fast=abc,slow=5,qty=-1,mode=sideways,oops,fast=2");
  CHECK_FALSE(r);
  CHECK(has(r.problems, "sma_cross: field 'oops' is not key=value"));
  CHECK(has(r.problems, "key 'fast' is given twice"));
  CHECK(has(r.problems, "fast='abc' is not an integer"));
  CHECK(has(r.problems, "mode='sideways' is not one of long_flat, long_short"));
  CHECK(has(r.problems, "unknown key 'fats' (valid keys: symbol, fast, slow, qty, mode)"));
  CHECK(has(r.problems, "slow (5) must be greater than fast (10)"));
  CHECK(has(r.problems, "qty (-1) must be positive"));
  CHECK(r.problems.size() == 7);

  auto rsi = parse_params<rsi_reversion_params>("rsi_reversion", "period=1,lower=80,upper=70");
  CHECK_FALSE(rsi);
  CHECK(has(rsi.problems, "period: indicator spec 'rsi:1'"));
  CHECK(has(rsi.problems, "0 < lower < upper < 100 (lower 80, upper 70)"));

  auto spread = parse_params<cross_venue_spread_params>(
      "cross_venue_spread", "qty=0,max_position=x,fee_bps=-1,min_edge=-0.5");
  CHECK_FALSE(spread);
  CHECK(has(spread.problems, "max_position='x' is not a decimal quantity"));
  CHECK(has(spread.problems, "qty (0) must be positive"));
  CHECK(has(spread.problems, "fee_bps (-1) must not be negative"));
  CHECK(has(spread.problems, "min_edge (-0.5) must not be negative"));
}

TEST_CASE("the registry builds the examples by name and lists the names it knows") {
  auto sma = make_strategy("sma_cross:fast=5,slow=20");
  REQUIRE(sma);
  auto* typed = dynamic_cast<sma_cross_strategy*>(sma.value.get());
  REQUIRE(typed != nullptr);
  CHECK(typed->params().fast == 5);
  CHECK(make_strategy("rsi_reversion"));
  CHECK(make_strategy("cross_venue_spread", "instrument=ABC"));

  auto unknown = make_strategy("momentum:x=1");
  CHECK_FALSE(unknown);
  REQUIRE(unknown.problems.size() == 1);
  CHECK(unknown.problems[0] ==
        "unknown strategy 'momentum' (known: sma_cross, rsi_reversion, cross_venue_spread)");

  auto bad = make_strategy("rsi_reversion:period=x,upper=200");
  CHECK_FALSE(bad);
  CHECK(bad.problems.size() == 2);
  CHECK(join_problems(bad.problems).find("; ") != std::string::npos);

  SUBCASE("users add their own strategies") {
    auto registry = builtin_strategies();
    registry.add({"mine", "Test strategy", "", [](std::string_view) {
                    strategy_result r;
                    r.value = std::make_unique<rsi_reversion_strategy>(rsi_reversion_params{});
                    return r;
                  }});
    CHECK(registry.make("mine"));
    CHECK(registry.entries().size() == 4);
    CHECK(registry.names() == "sma_cross, rsi_reversion, cross_venue_spread, mine");
  }
}
