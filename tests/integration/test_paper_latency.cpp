// Shows that a paper run measures its own tick -> order latency: every order the strategy decides on
// market data reaches a venue carrying the data's wall-clock arrival, so the run result holds one
// tick -> order value per submit that reached a venue and one tick -> decision value per submit the
// strategy emitted on data; a backtest of the same system records nothing. (No timing is asserted:
// the values depend on the machine.)
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/strategy/registry.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/actors/market_data/memory_feed.hpp"

using namespace bourse;

namespace {

venue_config venue_of(const std::string& name, const std::string& symbol) {
  venue_config v;
  v.name = name;
  v.settings.instruments.push_back(*instrument::make(symbol, "0.01", "1"));
  v.settings.fees.taker_bps = *venue::basis_points::parse("0.1");
  return v;
}

run_result run_spread(run_mode mode) {
  system_config cfg{mode};
  trading_system ts{cfg, mode};
  ts.add_slices(cross_venue_slices(42, 2'000));
  ts.add_venue(venue_of("SIM-A", "ETH.A"));
  ts.add_venue(venue_of("SIM-B", "ETH.B"));
  aggregator_config agg;
  agg.listings = {*venue_listing::parse("ETH.A=ETH@A"), *venue_listing::parse("ETH.B=ETH@B")};
  ts.set_aggregator(agg);
  ts.add_strategy(
      make_strategy("cross_venue_spread:instrument=ETH,qty=1,min_edge=0.01,fee_bps=0.1,"
                    "max_position=5")
          .value,
      {1, 1, "spread"});
  sequencer_config seq;
  seq.speed = 1e7; // data seconds per wall second: the 2,000 ticks take a few milliseconds
  ts.set_sequencer(seq);
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  return result;
}

} // namespace

TEST_CASE("a paper run records tick -> order latency for the orders it decided on data") {
  auto result = run_spread(run_mode::paper);
  REQUIRE_FALSE(result.report.fills.empty()); // the strategy traded
  CHECK(result.worker_threads == 1);          // the paper default
  const auto& order = result.tick_to_order;
  const auto& decision = result.tick_to_decision;
  CHECK(order.count() > 0);
  CHECK(decision.count() >= order.count()); // a submit the order manager refuses never reaches a venue
  CHECK(order.min() >= 0);
  CHECK(order.percentile(50) <= order.percentile(99));
  CHECK(order.percentile(99) <= order.max());
}

TEST_CASE("a backtest records no latency and runs with the backtest scheduler defaults") {
  auto result = run_spread(run_mode::backtest);
  REQUIRE_FALSE(result.report.fills.empty());
  CHECK(result.tick_to_order.empty());
  CHECK(result.tick_to_decision.empty());
}
