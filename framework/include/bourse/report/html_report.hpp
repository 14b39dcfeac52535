#pragma once
// A self-contained HTML report of a run: summary, statistics, SVG equity and drawdown charts per
// series, and a trades table. One file, inline CSS and SVG, no scripts, no external resources.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bourse/report/records.hpp"
#include "bourse/report/statistics.hpp"
#include "bourse/report/trade_analysis.hpp"

namespace bourse::report {

/// Returns `text` with &, <, >, " and ' replaced by character references (safe in HTML text and
/// in quoted attribute values).
[[nodiscard]] std::string html_escape(std::string_view text);

/// One equity curve of the report ("total" or a strategy) and its statistics.
struct report_series {
  /// The name shown above its charts and as its column of the statistics table.
  std::string name;
  /// The equity samples in time order.
  equity_curve curve;
  /// Its statistics (compute_statistics of the curve and the series' fills).
  statistics stats;
};

/// A titled table of text cells (e.g. a run's strategies and their parameters).
struct report_table {
  /// The caption above it.
  std::string title;
  /// The column headers.
  std::vector<std::string> columns;
  /// The rows, one text per column.
  std::vector<std::vector<std::string>> rows;
};

/// One run's analysis, shown in its own section: parameters, benchmark, prices with trades,
/// monthly returns, exposure and round trips.
struct report_run {
  /// The run's name ("bars"); the section's heading.
  std::string name;
  /// The index in report_input::series of the run's total (portfolio) series.
  std::size_t total_series = 0;
  /// The run's parameters as tables (data, venues, strategies).
  std::vector<report_table> parameters;
  /// Prices, markers, round trips and exposure (trade_analyzer).
  trade_analysis analysis;
  /// The buy-and-hold benchmark of the traded symbols, if any.
  std::optional<benchmark> bench;
};

/// What the report shows.
struct report_input {
  /// The page title and heading.
  std::string title = "bourse report";
  /// Run facts as key/value rows, shown in this order (mode, data, strategies, seed, ...).
  std::vector<std::pair<std::string, std::string>> summary;
  /// The curves; the first one's statistics fill the headline cards. Each gets an equity chart
  /// and a drawdown chart.
  std::vector<report_series> series;
  /// Every fill, in order (the table shows the first html_options::max_trade_rows); or, for a long
  /// run whose fills are streamed elsewhere (trades.csv), only the first ones with `fill_count`
  /// saying how many there are.
  std::vector<fill_record> fills;
  /// The number of fills in all when `fills` holds only the first ones; 0: fills.size().
  std::size_t fill_count = 0;
  /// The runs' analyses; when given, the headline cards show each run's total series.
  std::vector<report_run> runs;
};

/// Size limits of the report.
struct html_options {
  /// Points per plotted line at most (min/max downsampling, see downsample_min_max).
  std::size_t max_plot_points = 2000;
  /// Rows of the trades table at most; a note says how many fills were left out.
  std::size_t max_trade_rows = 500;
  /// Rows of the round-trip table at most (per run).
  std::size_t max_trip_rows = 500;
  /// The period (in samples) of the moving average drawn over each price chart; 0: none.
  std::size_t price_sma_period = 50;
};

/// Writes the report as one HTML document to `out`. Every text from the input is escaped; the
/// bytes depend on the input and options only.
void write_html_report(std::ostream& out, const report_input& input,
                       const html_options& options = {});

/// Returns the report as one HTML document (see write_html_report).
[[nodiscard]] std::string html_report(const report_input& input, const html_options& options = {});

} // namespace bourse::report
