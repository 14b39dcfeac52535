#pragma once
// Seeded multi-symbol bar scenarios through the whole actor system: GBM minute bars for S0, S1, ...,
// the same strategies on every symbol, one venue. bourse-bench's pipeline benchmarks and the
// determinism tests run them; they are also a quick way to load the engine with a given shape.

#include <cstdint>
#include <string>
#include <vector>

#include "bourse/actors/builder/trading_system.hpp"

namespace bourse {

/// What a bar scenario runs.
struct bar_scenario {
  /// How many symbols (S0, S1, ...), each with its own bars.
  int symbols = 8;
  /// Bars per symbol.
  std::uint64_t bars = 20'000;
  /// Strategy specs per symbol; "{s}" stands for the symbol.
  std::vector<std::string> strategies = {"sma_cross:symbol={s},fast=10,slow=30,qty=10"};
  /// CAF worker threads.
  int threads = 1;
  /// Step independent participants at the same time (sequencer_config::parallel_steps).
  bool parallel_steps = true;
  /// Indicator actors on detached threads (the default) or on the cooperative pool.
  bool detached_indicators = true;
  /// How indicators are hosted (pool or one actor per symbol; default: the pool when the symbols
  /// outnumber the cores).
  indicator_pool_settings indicator_pool;
  /// Generate the bars before the run (memory feed) instead of in a feed actor during it.
  bool in_memory = true;
  /// The venue's order latency (ns of data time).
  duration_ns latency = 0;
  /// Slices the hub gets at a time (sequencer_config::window).
  std::uint64_t window = 4096;
  /// Seed of the bars.
  std::uint64_t seed = 7;
};

/// Returns the scenario's bars as slices (generated in memory).
[[nodiscard]] std::vector<market_slice> bar_scenario_slices(const bar_scenario& scenario);
/// Returns the scenario's venue (every symbol listed).
[[nodiscard]] venue_config bar_scenario_venue(const bar_scenario& scenario);
/// Returns the strategy specs, symbol by symbol (the ids the run gives them are 1, 2, ...).
[[nodiscard]] std::vector<std::string> bar_scenario_strategies(const bar_scenario& scenario);

/// Adds the scenario to `ts`: `slices` (from bar_scenario_slices; ignored unless in_memory) or its
/// synthetic feed, its venue, its strategies (ids 1, 2, ...), the indicator hosting and the
/// sequencer's settings. For runs that need more than run_bar_scenario sets (metrics, paper mode).
void add_bar_scenario(trading_system& ts, const bar_scenario& scenario,
                      std::vector<market_slice> slices);

/// Runs the scenario through the actor system.
[[nodiscard]] run_result run_bar_scenario(const bar_scenario& scenario);
/// Runs the scenario on `slices` (from bar_scenario_slices; ignored unless in_memory).
[[nodiscard]] run_result run_bar_scenario(const bar_scenario& scenario,
                                          std::vector<market_slice> slices);

/// Returns the fills as trades.csv text (for comparing runs byte by byte).
[[nodiscard]] std::string fills_csv(const run_result& result);

} // namespace bourse
