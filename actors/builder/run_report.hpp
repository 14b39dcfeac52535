#pragma once
// Turns a run's result into the report core's inputs: fill records (trades.csv), equity curves and
// statistics per strategy.

#include <string>
#include <vector>

#include "bourse/report/html_report.hpp"
#include "bourse/report/records.hpp"
#include "builder/trading_system.hpp"

namespace bourse {

/// Returns every fill of the run as a report record, in booking order (strategy by name; order id
/// as a decimal number).
[[nodiscard]] std::vector<report::fill_record> fill_records(const run_result& result);

/// Returns the equity curve of one strategy (0 = the whole portfolio) from the run's samples.
[[nodiscard]] report::equity_curve equity_curve_of(const run_result& result, strategy_id strategy);

/// Returns one report series per strategy (named by the strategy), statistics included; `prefix` is
/// put before every name (e.g. the scenario's).
[[nodiscard]] std::vector<report::report_series> report_series_of(const run_result& result,
                                                                  const std::string& prefix = "");

/// Returns the name of a strategy id in the run (or "strategy-<id>").
[[nodiscard]] std::string strategy_name(const run_result& result, strategy_id id);

} // namespace bourse
