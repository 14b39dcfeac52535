// Sampling inference, underwater curve and min/max downsampling of equity curves.
#include "bourse/report/curve.hpp"

#include <algorithm>

namespace bourse::report {

namespace {

constexpr duration_ns ns_per_hour = 3600 * ns_per_second;
constexpr double ns_per_year = 365.25 * 86400.0 * 1e9;

} // namespace

std::optional<sampling> infer_sampling(const equity_curve& curve) {
  std::vector<duration_ns> gaps;
  for (std::size_t i = 1; i < curve.size(); ++i)
    if (curve[i].ts > curve[i - 1].ts)
      gaps.push_back(curve[i].ts - curve[i - 1].ts);
  if (gaps.empty())
    return std::nullopt;
  auto middle = gaps.begin() + static_cast<std::ptrdiff_t>((gaps.size() - 1) / 2);
  std::nth_element(gaps.begin(), middle, gaps.end());
  sampling result;
  result.period = *middle;
  result.daily = result.period >= 20 * ns_per_hour && result.period <= 28 * ns_per_hour;
  result.periods_per_year =
      result.daily ? trading_days_per_year : ns_per_year / static_cast<double>(result.period);
  return result;
}

std::vector<drawdown_point> underwater_curve(const equity_curve& curve) {
  std::vector<drawdown_point> out;
  out.reserve(curve.size());
  double peak = curve.empty() ? 0.0 : curve.front().equity;
  for (const auto& sample : curve) {
    peak = std::max(peak, sample.equity);
    drawdown_point point;
    point.ts = sample.ts;
    point.amount = peak - sample.equity;
    point.fraction = peak > 0.0 ? point.amount / peak : 0.0;
    out.push_back(point);
  }
  return out;
}

std::vector<plot_point> downsample_min_max(const std::vector<plot_point>& points,
                                           std::size_t max_points) {
  max_points = std::max<std::size_t>(max_points, 4);
  if (points.size() <= max_points)
    return points;
  const std::size_t inner = points.size() - 2;
  const std::size_t buckets = (max_points - 2) / 2;
  std::vector<plot_point> out;
  out.reserve(2 + 2 * buckets);
  out.push_back(points.front());
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t lo = 1 + b * inner / buckets;
    const std::size_t hi = 1 + (b + 1) * inner / buckets;
    if (lo >= hi)
      continue;
    std::size_t low = lo, high = lo;
    for (std::size_t i = lo + 1; i < hi; ++i) {
      if (points[i].value < points[low].value)
        low = i;
      if (points[i].value > points[high].value)
        high = i;
    }
    out.push_back(points[std::min(low, high)]);
    if (low != high)
      out.push_back(points[std::max(low, high)]);
  }
  out.push_back(points.back());
  return out;
}

} // namespace bourse::report
