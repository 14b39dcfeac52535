// The study's SVG line chart (study_chart.hpp).
#include "study_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "bourse/core/atomic_file.hpp"
#include "bourse/report/html_report.hpp"

namespace bourse::bench::study {

namespace {

using report::html_escape;

constexpr const char* palette[] = {"#2563eb", "#dc2626", "#16a34a", "#9333ea",
                                   "#ea580c", "#0891b2", "#6b7280", "#ca8a04"};

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A tick label: short, without trailing zeros.
std::string label(double v) {
  char buf[32];
  const double a = std::fabs(v);
  if (a != 0 && (a >= 1e6 || a < 1e-3))
    std::snprintf(buf, sizeof buf, "%.0e", v);
  else
    std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// About `steps` round tick values covering [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int steps) {
  if (!(hi > lo))
    return {lo};
  const double raw = (hi - lo) / steps;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> out;
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return out;
}

} // namespace

std::string render_svg(const xy_chart& chart) {
  const double width = 800, height = 420, left = 80, right = 250, top = 44, bottom = 56;
  const double pw = width - left - right, ph = height - top - bottom;
  double x0 = std::numeric_limits<double>::max(), x1 = std::numeric_limits<double>::lowest();
  double y0 = x0, y1 = x1, min_positive = x0;
  for (const auto& s : chart.series)
    for (const auto& [x, y] : s.points) {
      if (!std::isfinite(x) || !std::isfinite(y))
        continue;
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
      if (y > 0)
        min_positive = std::min(min_positive, y);
    }
  if (x0 > x1) { // nothing to draw
    x0 = 0;
    x1 = 1;
    y0 = 0;
    y1 = 1;
    min_positive = 1;
  }
  if (x0 == x1)
    x1 = x0 + 1;
  auto ty = [&](double y) { return chart.log_y ? std::log10(y > 0 ? y : min_positive) : y; };
  double v0 = chart.log_y ? std::floor(ty(min_positive)) : std::min(0.0, y0);
  double v1 = chart.log_y ? std::ceil(ty(std::max(y1, min_positive))) : y1 * 1.05;
  if (v1 <= v0)
    v1 = v0 + 1;
  auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * pw; };
  auto py = [&](double y) { return top + ph - (ty(y) - v0) / (v1 - v0) * ph; };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) + " " +
                    num(height) + "\" width=\"" + num(width) + "\" height=\"" + num(height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" " +
                    "aria-label=\"" + html_escape(chart.title) + "\">\n";
  svg += "<rect x=\"0\" y=\"0\" width=\"" + num(width) + "\" height=\"" + num(height) +
         "\" fill=\"#ffffff\"/>\n";
  svg += "<text x=\"" + num(width / 2) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" +
         html_escape(chart.title) + "</text>\n";
  // Grid and value ticks.
  std::vector<std::pair<double, std::string>> yticks;
  if (chart.log_y)
    for (double e = v0; e <= v1 + 1e-9; e += 1)
      yticks.emplace_back(std::pow(10.0, e), label(std::pow(10.0, e)));
  else
    for (double t : nice_ticks(v0, v1, 5))
      yticks.emplace_back(t, label(t));
  for (const auto& [v, text] : yticks) {
    const double y = py(v);
    svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(y) + "\" x2=\"" + num(left + pw) +
           "\" y2=\"" + num(y) + "\" stroke=\"#e5e7eb\"/>\n";
    svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
           html_escape(text) + "</text>\n";
  }
  for (double t : nice_ticks(x0, x1, 6)) {
    const double x = px(t);
    svg += "<line x1=\"" + num(x) + "\" y1=\"" + num(top) + "\" x2=\"" + num(x) + "\" y2=\"" +
           num(top + ph) + "\" stroke=\"#f3f4f6\"/>\n";
    svg += "<text x=\"" + num(x) + "\" y=\"" + num(top + ph + 16) + "\" text-anchor=\"middle\">" +
           html_escape(label(t)) + "</text>\n";
  }
  svg += "<rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(pw) +
         "\" height=\"" + num(ph) + "\" fill=\"none\" stroke=\"#9ca3af\"/>\n";
  svg += "<text x=\"" + num(left + pw / 2) + "\" y=\"" + num(height - 14) +
         "\" text-anchor=\"middle\">" + html_escape(chart.x_label) + "</text>\n";
  svg += "<text x=\"18\" y=\"" + num(top + ph / 2) +
         "\" text-anchor=\"middle\" transform=\"rotate(-90 18 " + num(top + ph / 2) + ")\">" +
         html_escape(chart.y_label) + (chart.log_y ? " (log)" : "") + "</text>\n";
  // Lines, points and the legend.
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const auto& s = chart.series[i];
    const std::string colour = palette[i % (sizeof palette / sizeof palette[0])];
    std::string pts;
    for (const auto& [x, y] : s.points)
      if (std::isfinite(x) && std::isfinite(y))
        pts += (pts.empty() ? "" : " ") + num(px(x)) + "," + num(py(y));
    svg += "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"" +
           (s.dashed ? std::string{" stroke-dasharray=\"6 4\""} : std::string{}) + " points=\"" +
           pts + "\"/>\n";
    for (const auto& [x, y] : s.points)
      if (std::isfinite(x) && std::isfinite(y))
        svg += "<circle cx=\"" + num(px(x)) + "\" cy=\"" + num(py(y)) + "\" r=\"3\" fill=\"" +
               colour + "\"/>\n";
    const double ly = top + 10 + static_cast<double>(i) * 20;
    svg += "<line x1=\"" + num(left + pw + 14) + "\" y1=\"" + num(ly) + "\" x2=\"" +
           num(left + pw + 38) + "\" y2=\"" + num(ly) + "\" stroke=\"" + colour +
           "\" stroke-width=\"2\"" +
           (s.dashed ? std::string{" stroke-dasharray=\"6 4\""} : std::string{}) + "/>\n";
    svg += "<text x=\"" + num(left + pw + 44) + "\" y=\"" + num(ly + 4) + "\">" + html_escape(s.name) +
           "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

std::string write_chart(const std::string& dir, const std::string& file, const xy_chart& chart) {
  if (dir.empty())
    return {};
  return write_file_atomically((std::filesystem::path(dir) / file).string(), render_svg(chart));
}

} // namespace bourse::bench::study
