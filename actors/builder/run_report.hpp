#pragma once
// Turns a run's result into the report core's inputs: fill records (trades.csv), equity curves and
// statistics per strategy (keyed by strategy id) and for the portfolio total, and the trade
// analysis (prices, round trips with MAE/MFE, exposure). The fills are read in one pass (from
// memory or from the run's fill file), so a long run's report does not need every fill in memory.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bourse/report/html_report.hpp"
#include "bourse/report/records.hpp"
#include "bourse/report/trade_analysis.hpp"
#include "bourse/actors/builder/trading_system.hpp"

namespace bourse {

/// Returns a fill of the run as a report record (strategy by label, see strategy_label; order id
/// as a decimal number).
[[nodiscard]] report::fill_record fill_record_of(const run_result& result, const fill& f);

/// Returns every fill of the run as a report record, in booking order. This holds every fill in
/// memory: for long runs prefer report_pass or run_result::for_each_fill.
[[nodiscard]] std::vector<report::fill_record> fill_records(const run_result& result);

/// Returns the equity curve of one strategy (0 = the whole portfolio) from the run's samples.
[[nodiscard]] report::equity_curve equity_curve_of(const run_result& result, strategy_id strategy);

/// Returns the run's sampled marks (portfolio_report::marks) as report records, in time order.
[[nodiscard]] std::vector<report::mark_record> mark_records(const run_result& result);

/// What report_pass computed.
struct run_report_pass {
  /// The portfolio total (strategy 0: the sum of every strategy's equity) with every fill.
  report::report_series total;
  /// One series per strategy in the order they were added, keyed by id (`ids`), named by label.
  std::vector<report::report_series> series;
  /// The strategy id of each of `series`.
  std::vector<strategy_id> ids;
  /// Prices of the traded symbols with markers, round trips with MAE/MFE, exposure.
  report::trade_analysis analysis;
  /// Buy and hold of the traded symbols against the total (report::buy_and_hold), if any.
  std::optional<report::benchmark> bench;
  /// Why the fills could not be read (empty when they were).
  std::string error;
};

/// Computes the total series and one report series per strategy in one pass over the run's
/// fills, handing every fill record to `visit` on the way (e.g. a trades.csv writer; may be
/// empty). A fill counts for the strategy whose id it carries (two strategies with the same name
/// stay apart). `prefix` is put before every series name (e.g. the scenario's).
[[nodiscard]] run_report_pass
report_pass(const run_result& result, const std::string& prefix = "",
            const std::function<void(const report::fill_record&)>& visit = {},
            const report::trade_analysis_options& analysis = {});

/// Returns one report series per strategy (named by label), statistics included; `prefix` is put
/// before every name (e.g. the scenario's). The per-strategy series of report_pass.
[[nodiscard]] std::vector<report::report_series> report_series_of(const run_result& result,
                                                                  const std::string& prefix = "");

/// Returns the name of a strategy id in the run (or "strategy-<id>").
[[nodiscard]] std::string strategy_name(const run_result& result, strategy_id id);

/// Returns the label of a strategy id in the run: its name, or "name#id" when another strategy of
/// the run has the same name (or "strategy-<id>" for an unknown id).
[[nodiscard]] std::string strategy_label(const run_result& result, strategy_id id);

} // namespace bourse
