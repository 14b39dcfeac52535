#pragma once
// The demo's outputs: the summary table on stdout, trades.csv and report.html in the output folder.

#include <cstddef>
#include <string>
#include <vector>

#include "bourse/report/html_report.hpp"

#include "scenarios.hpp"

namespace bourse::demo {

/// What write_outputs computed and wrote.
struct demo_outputs {
  /// Per scenario, one series per strategy (named by the strategy), statistics included.
  std::vector<std::vector<report::report_series>> series;
  /// The problem with the files (naming the file), or empty.
  std::string error;
  /// The files written and the number of fills.
  std::string trades_path, report_path;
  std::size_t fills = 0;
};

/// Writes trades.csv and report.html into `out_dir` (created if missing), computing every
/// scenario's statistics in the same pass over its fills. Each file is written under a temporary
/// name and renamed when complete: it is there whole or not at all.
[[nodiscard]] demo_outputs write_outputs(const std::vector<scenario_result>& results,
                                         const std::string& out_dir, const options& opts);

/// Prints the per-strategy summary table and the run totals to stdout; in paper mode also the
/// tick -> order and tick -> decision latency of each scenario.
void print_summary(const std::vector<scenario_result>& results, const demo_outputs& outputs,
                   const options& opts);

/// Prints which files were written.
void print_written(const demo_outputs& outputs);

} // namespace bourse::demo
