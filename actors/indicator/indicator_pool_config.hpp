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

/// The sizing of indicator_pool_settings before the cores are known: `workers` 0 and
/// `max_workers` 0 mean one per core.
[[nodiscard]] inline indicators::pool_sizing per_core_sizing() noexcept {
  indicators::pool_sizing sizing;
  sizing.workers = 0;
  sizing.max_workers = 0;
  return sizing;
}

/// How a trading system hosts its indicators (trading_system::set_indicator_pool; the run config's
/// [scheduling] table, docs/backtest-config.md).
struct indicator_pool_settings {
  /// Pool or one actor per symbol.
  indicator_hosting hosting = indicator_hosting::automatic;
  /// The pool's size: `workers` (0: one per core, at most one per symbol), or with `by_load`
  /// between `min_workers` and `max_workers` (0: one per core) by the bars queued behind it
  /// (`grow_above`, `shrink_below`, `patience`).
  indicators::pool_sizing sizing = per_core_sizing();
  /// Runs the pool's workers on threads of their own (true) or as cooperative actors (false).
  bool workers_detached = true;
  /// When a symbol's set moves between the pool and a thread of its own.
  indicators::switch_policy switching;

  /// Returns every problem with the settings (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const {
    // Checked as a machine with as many cores as needed would resolve it.
    auto sized = sizing;
    sized.workers = std::max<std::size_t>(1, sized.workers);
    if (sized.max_workers == 0)
      sized.max_workers = std::max<std::size_t>(1, sized.min_workers);
    auto problems = sized.validate();
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
    config.sizing = sizing;
    if (sizing.by_load) {
      config.sizing.min_workers = std::max<std::size_t>(1, sizing.min_workers);
      config.sizing.max_workers = std::max(config.sizing.min_workers,
                                           sizing.max_workers == 0 ? cores : sizing.max_workers);
      config.sizing.workers = config.sizing.min_workers;
    } else {
      config.sizing.workers = std::min(symbols, sizing.workers == 0 ? cores : sizing.workers);
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
