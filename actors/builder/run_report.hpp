#pragma once
// Turns a run's result into the report core's inputs: fill records (trades.csv), equity curves and
// statistics per strategy. The fills are read in one pass (from memory or from the run's fill
// file), so a long run's report does not need every fill in memory.

#include <functional>
#include <string>
#include <vector>

#include "bourse/report/html_report.hpp"
#include "bourse/report/records.hpp"
#include "bourse/actors/builder/trading_system.hpp"

namespace bourse {

/// Returns a fill of the run as a report record (strategy by name; order id as a decimal number).
[[nodiscard]] report::fill_record fill_record_of(const run_result& result, const fill& f);

/// Returns every fill of the run as a report record, in booking order. This holds every fill in
/// memory: for long runs prefer report_pass or run_result::for_each_fill.
[[nodiscard]] std::vector<report::fill_record> fill_records(const run_result& result);

/// Returns the equity curve of one strategy (0 = the whole portfolio) from the run's samples.
[[nodiscard]] report::equity_curve equity_curve_of(const run_result& result, strategy_id strategy);

/// What report_pass computed.
struct run_report_pass {
  /// One series per strategy (named by the strategy), statistics included.
  std::vector<report::report_series> series;
  /// Why the fills could not be read (empty when they were).
  std::string error;
};

/// Computes one report series per strategy in one pass over the run's fills, handing every fill
/// record to `visit` on the way (e.g. a trades.csv writer; may be empty). `prefix` is put before
/// every series name (e.g. the scenario's).
[[nodiscard]] run_report_pass
report_pass(const run_result& result, const std::string& prefix = "",
            const std::function<void(const report::fill_record&)>& visit = {});

/// Returns one report series per strategy (named by the strategy), statistics included; `prefix` is
/// put before every name (e.g. the scenario's). The series of report_pass, without its error.
[[nodiscard]] std::vector<report::report_series> report_series_of(const run_result& result,
                                                                  const std::string& prefix = "");

/// Returns the name of a strategy id in the run (or "strategy-<id>").
[[nodiscard]] std::string strategy_name(const run_result& result, strategy_id id);

} // namespace bourse
