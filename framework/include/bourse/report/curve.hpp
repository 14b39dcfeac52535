#pragma once
// Equity-curve helpers: the sampling period and its annualisation factor, the underwater
// (drawdown) curve, and min/max downsampling for plots. docs/report.md has the definitions.

#include <cstddef>
#include <optional>
#include <vector>

#include "bourse/core/time.hpp"
#include "bourse/report/records.hpp"

namespace bourse::report {

/// Trading days in a year: the annualisation factor of daily samples.
inline constexpr double trading_days_per_year = 252.0;

/// How often a curve was sampled, and how many such periods make a year.
struct sampling {
  /// The lower median of the positive gaps between consecutive samples.
  duration_ns period = 0;
  /// True when the period is between 20 and 28 hours (daily bars, DST shifts included).
  bool daily = false;
  /// 252 for daily sampling, otherwise 365.25 days divided by the period.
  double periods_per_year = 0.0;
};

/// Returns how `curve` was sampled; nullopt when it has no two samples at different times.
[[nodiscard]] std::optional<sampling> infer_sampling(const equity_curve& curve);

/// One point of the underwater curve: how far the equity is below its running peak.
struct drawdown_point {
  /// The sample's time.
  timestamp ts = 0;
  /// peak - equity (zero at a new peak, never negative).
  double amount = 0.0;
  /// (peak - equity) / peak, in [0, 1] for a positive peak; zero while the peak is not positive.
  double fraction = 0.0;
};

/// Returns the underwater curve of `curve`, one point per sample (the running peak starts at the
/// first sample).
[[nodiscard]] std::vector<drawdown_point> underwater_curve(const equity_curve& curve);

/// A point of a plotted line.
struct plot_point {
  /// The x value: a time.
  timestamp ts = 0;
  /// The y value.
  double value = 0.0;
};

/// Returns at most `max_points` points of `points` (max_points below 4 counts as 4): all of them
/// when they fit; otherwise the first and last point, and between them for each of equal-count
/// buckets of consecutive points its minimum and maximum, in time order. Extremes are never lost.
[[nodiscard]] std::vector<plot_point> downsample_min_max(const std::vector<plot_point>& points,
                                                         std::size_t max_points);

} // namespace bourse::report
