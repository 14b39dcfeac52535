#pragma once
// The demo's outputs: the summary table on stdout, trades.csv and report.html in the output folder.

#include <string>
#include <vector>

#include "scenarios.hpp"

namespace bourse::demo {

/// Prints the per-strategy summary table and the run totals to stdout; in paper mode also the
/// tick -> order and tick -> decision latency of each scenario.
void print_summary(const std::vector<scenario_result>& results, const options& opts);

/// Writes trades.csv and report.html into `out_dir` (created if missing); returns an error message
/// naming the file on failure, or an empty string.
[[nodiscard]] std::string write_outputs(const std::vector<scenario_result>& results,
                                        const std::string& out_dir, const options& opts);

} // namespace bourse::demo
