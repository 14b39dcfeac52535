#pragma once
// Private: an inline SVG line chart over time (axes, grid, date ticks, value labels) for the
// report.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bourse/core/time.hpp"
#include "bourse/report/curve.hpp"

namespace bourse::report::detail {

/// A further line drawn over a chart (a benchmark, a moving average).
struct overlay_line {
  /// Its points (already downsampled).
  std::vector<plot_point> points;
  /// Stroke colour (CSS colour).
  std::string colour = "#6b7280";
  /// Drawn dashed.
  bool dashed = false;
};

/// A trade drawn on a chart: a triangle pointing up (buy) or down (sell).
struct chart_marker {
  /// Where it is.
  timestamp ts = 0;
  /// Its value (the fill price).
  double value = 0.0;
  /// True for a buy (green, up), false for a sell (red, down).
  bool buy = true;
};

/// How a chart looks.
struct chart_spec {
  /// The view box width and height (the SVG scales to its container's width).
  double width = 1040.0, height = 260.0;
  /// Stroke colour of the line (CSS colour).
  std::string line_colour = "#2563eb";
  /// Fill colour of the area under the line, and its opacity.
  std::string area_colour = "#2563eb";
  /// Opacity of the area fill.
  double area_opacity = 0.08;
  /// True when values are fractions shown as percent on the axis.
  bool percent = false;
  /// True to fill between the line and zero (underwater curve) instead of down to the axis, and to
  /// keep zero in the value range.
  bool area_to_zero = false;
  /// A shaded time span (the maximum drawdown), if any.
  std::optional<std::pair<timestamp, timestamp>> band;
  /// About how many intervals the value axis is divided into.
  int value_steps = 5;
  /// The accessible name of the chart (escaped by svg_chart).
  std::string label;
  /// Further lines over the main one (their values widen the value range).
  std::vector<overlay_line> overlays;
  /// Trade markers (their values widen the value range).
  std::vector<chart_marker> markers;
  /// Draw no area under the main line.
  bool no_area = false;
};

/// A tick on the time axis: its time and its label.
struct time_tick {
  /// Where the tick is.
  timestamp ts = 0;
  /// Its text ("2004", "2004-03", "2004-03-15", "14:30", "14:30:05", "14:30:05.250").
  std::string label;
};

/// Returns calendar-aligned ticks in [from, to] (at most 12, and no more than their labels need on
/// an axis `width` units long), labelled to fit their step.
[[nodiscard]] std::vector<time_tick> time_ticks(timestamp from, timestamp to, double width);

/// Returns one `<svg>` element drawing `points` (already downsampled) as described by `spec`.
[[nodiscard]] std::string svg_chart(const std::vector<plot_point>& points, const chart_spec& spec);

} // namespace bourse::report::detail
