#pragma once
// A description of a run: what trading_system::run was given (mode, data, venues, strategies,
// portfolio), recorded in run_result::parameters for the report and stats.json.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"

namespace bourse {

/// What a run was given, as text and numbers (no handles, no callbacks).
struct run_parameters {
  /// One data source.
  struct data_source {
    /// "csv_bars", "csv_ticks", "synthetic", "memory" or "source" (a slice_source; its name).
    std::string kind;
    /// The file, or the source's name ("" for slices held in memory).
    std::string path;
    /// The symbol of a bar file, the symbols of a synthetic feed ("A,B"), or "".
    std::string symbol;
    /// Anything else worth knowing ("seed=7 ticks=1000", "3 slices"), or "".
    std::string detail;
  };
  /// One simulated venue.
  struct venue {
    /// Its name.
    std::string name;
    /// The symbols it trades, in the configured order.
    std::vector<std::string> instruments;
    /// Its fees in words ("maker 0 bp, taker 0.5 bp").
    std::string fees;
    /// Its latency model in words ("fixed 0 ns", "uniform 1 ms + [0, 500 us], seed 1").
    std::string latency;
  };
  /// One strategy.
  struct strategy {
    /// Its id (the key of every per-strategy statistic).
    strategy_id id = 0;
    /// Its name as configured.
    std::string name;
    /// The label reports show: the name, or "name#id" when several strategies share the name.
    std::string label;
    /// strategy_actor_config::type ("" when not given).
    std::string type;
    /// strategy_actor_config::params ("" when not given).
    std::string params;
    /// Its account.
    account_id account = 0;
    /// Its initial cash (portfolio_config::initial_cash, else default_cash).
    money initial_cash;
  };

  /// "backtest" or "paper".
  std::string mode;
  /// The data sources in the order they were added, grouped by kind.
  std::vector<data_source> data;
  /// The venues in the order they were added.
  std::vector<venue> venues;
  /// The strategies in the order they were added.
  std::vector<strategy> strategies;
  /// The portfolio's default cash (for strategies not listed with their own).
  money default_cash;
  /// The portfolio's least time between equity samples (0: every slice with activity).
  duration_ns sample_interval = 0;
  /// Free-form facts the caller added (trading_system::add_parameter), e.g. {"seed", "42"}.
  std::vector<std::pair<std::string, std::string>> extra;
};

/// Returns the label of every strategy in `strategies` (id, name), in order: the name when no other
/// strategy has it, else "name#id".
[[nodiscard]] std::vector<std::string>
strategy_labels(const std::vector<std::pair<strategy_id, std::string>>& strategies);

} // namespace bourse
