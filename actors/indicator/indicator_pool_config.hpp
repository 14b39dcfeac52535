#pragma once
// Configuration of an indicator pool: the symbols and their specs, the workers, sizing by load and
// hot switching.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bourse/indicators/pool_plan.hpp"
#include "bourse/indicators/spec.hpp"

namespace bourse {

/// What an indicator pool computes, and on how many workers.
struct indicator_pool_config {
  /// Each symbol's indicator specs; symbols are published in this map's order.
  std::map<std::string, std::vector<std::string>> specs;
  /// The pool's size (workers, or bounds when sized by load).
  indicators::pool_sizing sizing;
  /// Runs the pool's workers on threads of their own (true) or as cooperative actors (false). The
  /// host itself always has a thread of its own: it waits for its workers.
  bool workers_detached = false;
  /// When a symbol's set moves between the pool and a thread of its own.
  indicators::switch_policy switching;

  /// Returns every problem with the configuration (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (specs.empty())
      problems.emplace_back("specs: at least one symbol is needed");
    for (const auto& [symbol, list] : specs) {
      if (symbol.empty())
        problems.emplace_back("specs: a symbol must not be empty");
      if (list.empty())
        problems.emplace_back("specs[" + symbol + "]: at least one indicator spec is needed");
      for (const auto& spec : list) {
        auto parsed = indicators::parse_indicator_spec(spec);
        if (!parsed)
          problems.push_back("specs[" + symbol + "]: " + parsed.error);
      }
    }
    for (auto& p : sizing.validate())
      problems.push_back("sizing." + p);
    for (auto& p : switching.validate())
      problems.push_back("switching." + p);
    return problems;
  }
};

/// Where a system's indicators run.
enum class indicator_hosting : std::uint8_t {
  /// The pool when the symbols with indicators outnumber the cores
  /// (std::thread::hardware_concurrency), one actor per symbol otherwise.
  automatic,
  /// One indicator pool for all symbols.
  pool,
  /// One indicator actor per symbol (detached unless trading_system::detach_indicators(false)).
  per_symbol,
};

/// How a trading system hosts its indicators (trading_system::set_indicator_pool; the run config's
/// [scheduling] table, docs/backtest-config.md).
struct indicator_pool_settings {
  /// Pool or one actor per symbol.
  indicator_hosting hosting = indicator_hosting::automatic;
  /// The pool's workers; 0: one per core (std::thread::hardware_concurrency), at most one per
  /// symbol.
  std::size_t workers = 0;
  /// Sizes the pool by load between min_workers and max_workers (max 0: one per core) instead.
  bool by_load = false;
  /// The fewest workers when sized by load.
  std::size_t min_workers = 1;
  /// The most workers when sized by load; 0: one per core.
  std::size_t max_workers = 0;
  /// Sized by load: grows when the bars queued per worker at a step stayed above this for
  /// `patience` steps in a row.
  double grow_above = 64.0;
  /// Sized by load: shrinks when the bars queued per worker stayed below this for `patience` steps.
  double shrink_below = 1.0;
  /// Sized by load: consecutive steps before a resize.
  std::size_t patience = 8;
  /// Runs the pool's workers on threads of their own (true) or as cooperative actors (false).
  bool workers_detached = true;
  /// When a symbol's set moves between the pool and a thread of its own.
  indicators::switch_policy switching;

  /// Returns every problem with the settings (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (by_load && min_workers == 0)
      problems.emplace_back("min_workers: must be at least 1");
    if (by_load && max_workers != 0 && max_workers < min_workers)
      problems.emplace_back("max_workers: must be at least min_workers");
    if (by_load && (!(grow_above > 0.0) || !(shrink_below >= 0.0) || shrink_below >= grow_above))
      problems.emplace_back("grow_above: must be positive and above shrink_below");
    if (by_load && patience == 0)
      problems.emplace_back("patience: must be at least 1");
    for (auto& p : switching.validate())
      problems.push_back("switching." + p);
    return problems;
  }

  /// Returns the pool configuration for `specs` (symbol -> specs) on a machine with `cores` cores.
  [[nodiscard]] indicator_pool_config resolve(std::map<std::string, std::vector<std::string>> specs,
                                              std::size_t cores) const {
    indicator_pool_config config;
    const std::size_t symbols = std::max<std::size_t>(1, specs.size());
    config.specs = std::move(specs);
    cores = std::max<std::size_t>(1, cores);
    config.sizing.by_load = by_load;
    if (by_load) {
      config.sizing.min_workers = std::max<std::size_t>(1, min_workers);
      config.sizing.max_workers =
          std::max(config.sizing.min_workers, max_workers == 0 ? cores : max_workers);
      config.sizing.workers = config.sizing.min_workers;
      config.sizing.grow_above = grow_above;
      config.sizing.shrink_below = shrink_below;
      config.sizing.patience = patience;
    } else {
      config.sizing.workers = std::min(symbols, workers == 0 ? cores : workers);
    }
    config.workers_detached = workers_detached;
    config.switching = switching;
    return config;
  }

  /// Returns true when `symbols` symbols' indicators go to a pool on a machine with `cores` cores.
  [[nodiscard]] bool use_pool(std::size_t symbols, std::size_t cores) const noexcept {
    if (hosting == indicator_hosting::pool)
      return symbols > 0;
    if (hosting == indicator_hosting::per_symbol)
      return false;
    return symbols > std::max<std::size_t>(1, cores);
  }
};

} // namespace bourse
