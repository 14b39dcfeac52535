#pragma once
// Configuration of the portfolio actor.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"
#include "bourse/strategy/portfolio_ledger.hpp"

namespace bourse {

/// Starting cash and equity sampling of the portfolio.
struct portfolio_config {
  /// Initial cash of a strategy not listed in `initial_cash`.
  money default_cash = money::from_units(100'000);
  /// Initial cash per strategy; listed strategies are in the equity curve from the first sample.
  std::map<strategy_id, money> initial_cash;
  /// Strategies known from the start besides those in `initial_cash` (with default_cash): their
  /// curves start at the first sample. trading_system::run adds every strategy it hosts.
  std::vector<strategy_id> strategies;
  /// Symbols whose marks are sampled with the equity (portfolio_report::marks; price charts and
  /// trade analysis in the report). When empty and `sample_marks` is true, trading_system::run
  /// fills in every venue's instruments.
  std::vector<std::string> sampled_symbols;
  /// False: trading_system::run leaves sampled_symbols as it is (empty: no marks sampled).
  bool sample_marks = true;
  /// The least data time between two equity samples; 0 samples every slice that had fills or
  /// marks (at most one sample per strategy and slice either way).
  duration_ns sample_interval = 0;
  /// The most samples the equity curve keeps (0: no limit); beyond it the curve is thinned to
  /// every 2nd, 4th, ... sample, keeping the first and the latest (see ledger_config).
  std::size_t max_curve_samples = ledger_config{}.max_curve_samples;
  /// The most fills kept in memory for the report; from the next one on, every fill goes to a
  /// temporary file instead (portfolio_report::fill_file, read back by run_result::for_each_fill),
  /// so that memory does not grow with the number of fills.
  std::size_t fills_in_memory = 16'384;
  /// The folder of that file (empty: the system's temporary folder).
  std::string fill_directory;

  /// Returns the ledger configuration these settings make.
  [[nodiscard]] ledger_config ledger() const {
    ledger_config out;
    out.default_cash = default_cash;
    out.cash = initial_cash;
    out.strategies = strategies;
    out.sampled_symbols = sampled_symbols;
    out.sample_interval = sample_interval;
    out.max_curve_samples = max_curve_samples;
    return out;
  }

  /// Returns every problem with the configuration (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const { return ledger().validate(); }
};

} // namespace bourse
