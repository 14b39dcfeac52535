#pragma once
// A small SVG line chart over numeric axes for the scheduling study (bourse-bench study.*, written
// with --plots DIR): several named series, a legend, axis ticks, optionally a log10 value axis.

#include <string>
#include <utility>
#include <vector>

namespace bourse::bench::study {

/// One line of a chart: its name (shown in the legend) and its (x, y) points in x order.
struct chart_series {
  std::string name;                              ///< Legend text.
  std::vector<std::pair<double, double>> points; ///< (x, y) points.
  bool dashed = false;                           ///< Drawn dashed (a reference line).
};

/// A chart: title, axis labels and the series.
struct xy_chart {
  std::string title;   ///< Drawn above the plot.
  std::string x_label; ///< Under the x axis.
  std::string y_label; ///< Beside the y axis.
  bool log_y = false;  ///< A log10 value axis (values <= 0 are clamped to the smallest positive).
  std::vector<chart_series> series; ///< The lines.
};

/// Returns a standalone SVG document drawing `chart` (no scripts, no external references).
[[nodiscard]] std::string render_svg(const xy_chart& chart);

/// Writes render_svg(chart) to DIR/FILE whole or not at all; returns the problem naming the file,
/// or
/// "" (also when `dir` is empty: no plots asked for).
[[nodiscard]] std::string write_chart(const std::string& dir, const std::string& file,
                                      const xy_chart& chart);

} // namespace bourse::bench::study
