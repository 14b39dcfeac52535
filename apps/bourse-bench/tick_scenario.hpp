#pragma once
// What several system benchmarks share: the demo's cross-venue tick scenario (two venues listing
// ETH.A and ETH.B, the aggregator's listings, the spread strategy) and the median of repeats.

#include <algorithm>
#include <string>
#include <vector>

#include "bourse/market/aggregator.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/actors/venue/venue_config.hpp"

namespace bourse::bench {

/// The demo's spread strategy.
inline constexpr const char* spread_spec =
    "cross_venue_spread:instrument=ETH,qty=1,min_edge=0.01,fee_bps=0.1,max_position=5";

/// A venue of the tick scenario: one instrument, tick 0.01, taker fee 0.1 bp.
inline venue_config tick_venue(const std::string& name, const std::string& symbol) {
  venue_config v;
  v.name = name;
  v.settings.fees.taker_bps = *venue::basis_points::parse("0.1");
  v.settings.instruments.push_back(*instrument::make(symbol, "0.01", "1"));
  return v;
}

/// The aggregator's listings of the tick scenario.
inline std::vector<venue_listing> tick_listings() {
  return {*venue_listing::parse("ETH.A=ETH@A"), *venue_listing::parse("ETH.B=ETH@B")};
}

/// Adds the tick scenario's venues, aggregator and strategy (`spec`, id 1) to `ts`; the data is
/// the caller's.
inline void add_tick_scenario(trading_system& ts, const char* spec = spread_spec) {
  ts.add_venue(tick_venue("SIM-A", "ETH.A"));
  ts.add_venue(tick_venue("SIM-B", "ETH.B"));
  aggregator_config agg;
  agg.listings = tick_listings();
  ts.set_aggregator(agg);
  strategy_actor_config sc;
  sc.id = 1;
  sc.name = "cross_venue_spread";
  ts.add_strategy(make_strategy(spec).value, sc);
}

/// Returns the median of `xs` (not empty).
inline double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs[xs.size() / 2];
}

} // namespace bourse::bench
