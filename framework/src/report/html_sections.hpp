#pragma once
// Private: the per-run sections of the HTML report (parameters, benchmark, prices with trades,
// monthly returns, exposure, round trips) and the note on Sharpe ratios of intraday curves.

#include <string>

#include "bourse/report/html_report.hpp"

namespace bourse::report::detail {

/// Appends the section of one run (its total series is input.series[run.total_series]).
void write_run_section(std::string& html, const report_run& run, const report_input& input,
                       const html_options& options);

/// Appends the note explaining the Sharpe ratio's annualisation (intraday curves especially).
void write_sharpe_note(std::string& html, const report_input& input);

/// Returns the chart overlay of a run's benchmark for its total series' equity chart (empty
/// points when none), downsampled to `max_points`.
[[nodiscard]] std::vector<plot_point> benchmark_points(const report_run& run,
                                                       std::size_t max_points);

} // namespace bourse::report::detail
