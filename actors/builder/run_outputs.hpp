#pragma once
// One call writes a run's outputs: trades.csv, report.html and stats.json in a folder, each file
// whole or absent (written under a temporary name, then renamed); and the summary table a tool
// prints. bourse-demo uses both; so can a user's own main:
//
//   std::vector<bourse::named_run> runs;
//   runs.push_back({"backtest", ts.run()});
//   bourse::output_options options;
//   options.directory = "out";
//   auto outputs = bourse::write_run_outputs(runs, options);
//   bourse::print_run_summary(stdout, runs, outputs);
//   if (!outputs.error.empty()) ...

#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "bourse/report/html_report.hpp"
#include "bourse/report/trade_analysis.hpp"
#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/builder/trading_system.hpp"

namespace bourse {

/// A run and the name it goes by in the outputs ("bars", "ticks", "backtest").
struct named_run {
  /// Its name: the prefix of its series ("bars / total") and the heading of its report section.
  std::string name;
  /// What it produced.
  run_result result;
};

/// Where and what write_run_outputs writes.
struct output_options {
  /// The folder (created if missing).
  std::string directory = "bourse-out";
  /// The report's title.
  std::string title = "bourse report";
  /// Which files to write.
  bool trades_csv = true, report_html = true, stats_json = true;
  /// Facts shown first in the report's Run panel (the runs' own facts follow).
  std::vector<std::pair<std::string, std::string>> summary;
  /// Size limits and the price charts' moving average.
  report::html_options html;
  /// Size limits of the round-trip list and the trade markers.
  report::trade_analysis_options analysis;
};

/// What write_run_outputs wrote and computed.
struct run_outputs {
  /// The files written ("" for a file not asked for).
  std::string trades_path, report_path, stats_path;
  /// metrics.jsonl, when a run had metrics enabled ("" otherwise).
  std::string metrics_path;
  /// The number of fills over all runs.
  std::size_t fills = 0;
  /// The first problem (naming the file or the run), or empty. When set, no temporary file is
  /// left behind, and no file of this call was put in place unless the problem is a failed
  /// rename of a later file.
  std::string error;
  /// Per run, in order: the total and per-strategy series with statistics, and the analysis.
  std::vector<run_report_pass> runs;
};

/// Writes trades.csv (every fill of every run, in order), report.html (headline cards, run
/// parameters, statistics, equity with benchmark, prices with trades, monthly returns, exposure,
/// round trips, trades) and stats.json (docs/report.md has its schema) into options.directory,
/// reading each run's fills once. Each file is written under a unique temporary name
/// (bourse/core/atomic_file.hpp), fsynced, and renamed when every file is complete. Runs that
/// stopped early or failed part-way are written as they are (partial results).
[[nodiscard]] run_outputs write_run_outputs(const std::vector<named_run>& runs,
                                            const output_options& options = {});

/// Returns stats.json's text for `runs` and the passes write_run_outputs computed (deterministic:
/// no wall-clock values).
[[nodiscard]] std::string stats_json(const std::vector<named_run>& runs,
                                     const std::vector<run_report_pass>& passes);

/// Returns the run's parameters as report tables (data, venues, strategies, portfolio).
[[nodiscard]] std::vector<report::report_table> parameter_tables(const run_parameters& p);

/// Prints the summary table (per run: the total and each strategy with fills, round trips, net
/// PnL, Sharpe, max drawdown, win rate), the run totals (events, slices, messages, wall time,
/// threads), a PARTIAL line per run that stopped early or failed part-way, and, for paper runs,
/// the tick -> order and tick -> decision latency.
void print_run_summary(std::FILE* out, const std::vector<named_run>& runs,
                       const run_outputs& outputs);

/// Prints which files were written.
void print_written(std::FILE* out, const run_outputs& outputs);

} // namespace bourse
