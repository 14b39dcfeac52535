// Inline SVG line charts over time.
#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bourse/report/html_report.hpp"
#include "display.hpp"

namespace bourse::report::detail {

namespace {

constexpr double margin_left = 76.0, margin_right = 30.0, margin_top = 14.0, margin_bottom = 28.0;
constexpr double char_width = 6.4; // Rough width of one 11px label character.
constexpr std::size_t max_ticks = 12;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// `value` with one decimal ("76.0", "-3.5"), rounded half away from zero; charts have many points,
// so this is integer arithmetic rather than printf. Values beyond +-1e15 (never a coordinate) fall
// back to printf.
std::string coordinate(double value) {
  if (!(std::fabs(value) < 1e15)) {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
  }
  const long long tenths = std::llround(value * 10.0);
  const unsigned long long magnitude =
      tenths < 0 ? 0ULL - static_cast<unsigned long long>(tenths)
                 : static_cast<unsigned long long>(tenths);
  char buffer[32];
  char* end = buffer + sizeof buffer;
  char* p = end;
  *--p = static_cast<char>('0' + magnitude % 10);
  *--p = '.';
  unsigned long long whole = magnitude / 10;
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  if (tenths < 0)
    *--p = '-';
  return std::string(p, end);
}

std::string two(unsigned value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02u", value % 100U);
  return buffer;
}

enum class label_kind { year, month, day, minute, minute_with_day, second, millisecond };

std::string tick_label(timestamp ts, label_kind kind) {
  civil_time c = to_civil(ts);
  std::string date = format_date(ts);
  switch (kind) {
  case label_kind::year:
    return date.substr(0, 4);
  case label_kind::month:
    return date.substr(0, 7);
  case label_kind::day:
    return date;
  case label_kind::minute_with_day:
    return date.substr(5) + " " + two(c.hour) + ":" + two(c.minute);
  case label_kind::minute:
    return two(c.hour) + ":" + two(c.minute);
  case label_kind::second:
    return two(c.hour) + ":" + two(c.minute) + ":" + two(c.second);
  case label_kind::millisecond: {
    char ms[8];
    std::snprintf(ms, sizeof ms, "%03u", c.millisecond % 1000U);
    return two(c.hour) + ":" + two(c.minute) + ":" + two(c.second) + "." + ms;
  }
  }
  return date;
}

std::size_t label_length(label_kind kind) {
  switch (kind) {
  case label_kind::year:
    return 4;
  case label_kind::month:
    return 7;
  case label_kind::day:
    return 10;
  case label_kind::minute:
    return 5;
  case label_kind::minute_with_day:
    return 11;
  case label_kind::second:
    return 8;
  case label_kind::millisecond:
    return 12;
  }
  return 10;
}

timestamp month_start(std::int64_t months_since_year0) {
  const std::int64_t year = floor_div(months_since_year0, 12);
  const auto month = static_cast<unsigned>(months_since_year0 - year * 12 + 1);
  return days_from_civil(year, month, 1) * ns_per_day;
}

// Ticks every `count` months (or 12 * count for years), aligned to multiples of `count`.
std::vector<time_tick> calendar_ticks(timestamp from, timestamp to, std::int64_t months,
                                      label_kind kind) {
  civil_time c = to_civil(from);
  std::int64_t m = c.year * 12 + (c.month - 1);
  m = floor_div(m + months - 1, months) * months;
  std::vector<time_tick> out;
  for (; month_start(m) <= to; m += months)
    if (month_start(m) >= from)
      out.push_back({month_start(m), tick_label(month_start(m), kind)});
  return out;
}

} // namespace

std::vector<time_tick> time_ticks(timestamp from, timestamp to, double width) {
  if (to <= from)
    return {};
  const duration_ns span = to - from;
  // How many ticks fit: labels of `chars` characters need their width plus a gap.
  auto fits = [&](std::int64_t count, std::size_t chars) {
    const double room = static_cast<double>(chars) * char_width + 28.0;
    return count <= static_cast<std::int64_t>(max_ticks) &&
           static_cast<double>(count) * room <= width;
  };
  constexpr duration_ns ms = 1'000'000, s = ns_per_second, min = 60 * s, h = 60 * min,
                        d = ns_per_day;
  static constexpr duration_ns fixed_steps[] = {
      ms,       2 * ms, 5 * ms, 10 * ms, 20 * ms, 50 * ms, 100 * ms, 200 * ms, 500 * ms, s,
      2 * s,    5 * s,  10 * s, 15 * s,  30 * s,  min,     2 * min,  5 * min,  10 * min, 15 * min,
      30 * min, h,      2 * h,  3 * h,   6 * h,   12 * h,  d,        2 * d,    7 * d,    14 * d};
  for (duration_ns step : fixed_steps) {
    const label_kind kind = step < s     ? label_kind::millisecond
                            : step < min ? label_kind::second
                            : step >= d  ? label_kind::day
                            : span > d   ? label_kind::minute_with_day
                                         : label_kind::minute;
    if (!fits(span / step + 1, label_length(kind)))
      continue;
    // Weeks start on Mondays (1970-01-01 was a Thursday, so Mondays are 4 days past multiples).
    const duration_ns offset = step >= 7 * d ? 4 * d : 0;
    std::vector<time_tick> out;
    for (timestamp t = floor_div(from - offset + step - 1, step) * step + offset; t <= to;
         t += step)
      out.push_back({t, tick_label(t, kind)});
    return out;
  }
  for (std::int64_t months : {1, 2, 3, 6})
    if (fits(span / (months * 28 * d) + 1, label_length(label_kind::month)))
      return calendar_ticks(from, to, months, label_kind::month);
  for (std::int64_t years : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000})
    if (fits(span / (years * 365 * d) + 1, label_length(label_kind::year)))
      return calendar_ticks(from, to, 12 * years, label_kind::year);
  return {{from, tick_label(from, label_kind::year)}, {to, tick_label(to, label_kind::year)}};
}

std::string svg_chart(const std::vector<plot_point>& points, const chart_spec& spec) {
  const double plot_w = spec.width - margin_left - margin_right;
  const double plot_h = spec.height - margin_top - margin_bottom;
  const double left = margin_left, top = margin_top, bottom = margin_top + plot_h;
  const double scale = spec.percent ? 100.0 : 1.0;

  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 " + coordinate(spec.width) + " " +
                    coordinate(spec.height) + "\" role=\"img\" aria-label=\"" +
                    html_escape(spec.label) + "\"><title>" + html_escape(spec.label) + "</title>";
  if (points.empty()) {
    svg += "<text x=\"" + coordinate(spec.width / 2) + "\" y=\"" + coordinate(spec.height / 2) +
           "\" class=\"empty\" text-anchor=\"middle\">No samples</text></svg>";
    return svg;
  }

  // Domains: time on x, value (in axis units) on y, with nice tick-aligned bounds.
  timestamp t0 = points.front().ts, t1 = points.back().ts;
  if (t1 <= t0) {
    t0 -= ns_per_day / 2;
    t1 = t0 + ns_per_day;
  }
  double vmin = points.front().value * scale, vmax = vmin;
  for (const auto& p : points) {
    vmin = std::min(vmin, p.value * scale);
    vmax = std::max(vmax, p.value * scale);
  }
  for (const auto& overlay : spec.overlays)
    for (const auto& p : overlay.points) {
      vmin = std::min(vmin, p.value * scale);
      vmax = std::max(vmax, p.value * scale);
    }
  for (const auto& m : spec.markers) {
    vmin = std::min(vmin, m.value * scale);
    vmax = std::max(vmax, m.value * scale);
  }
  if (spec.area_to_zero) {
    vmin = std::min(vmin, 0.0);
    vmax = std::max(vmax, 0.0);
  }
  if (vmax - vmin <= 1e-12 * std::max(std::fabs(vmin), std::fabs(vmax))) {
    const double pad = std::fabs(vmax) > 0.0 ? std::fabs(vmax) * 0.01 : 1.0;
    vmin -= spec.area_to_zero && vmax >= 0.0 ? pad : pad / 2;
    vmax += spec.area_to_zero && vmax >= 0.0 ? 0.0 : pad / 2;
  }
  const double step = nice_step(vmax - vmin, spec.value_steps);
  const double lo = std::floor(vmin / step + 1e-9) * step;
  const double hi = std::ceil(vmax / step - 1e-9) * step;
  if (!std::isfinite(hi - lo) || !(hi > lo)) {
    svg += "<text x=\"" + coordinate(spec.width / 2) + "\" y=\"" + coordinate(spec.height / 2) +
           "\" class=\"empty\" text-anchor=\"middle\">Values out of plotting range</text></svg>";
    return svg;
  }
  auto x_of = [&](timestamp ts) {
    return left + static_cast<double>(ts - t0) / static_cast<double>(t1 - t0) * plot_w;
  };
  auto y_of = [&](double value) { return top + (hi - value * scale) / (hi - lo) * plot_h; };

  // Shaded band, grid and value labels.
  if (spec.band && spec.band->second > spec.band->first) {
    const double x0 = std::clamp(x_of(spec.band->first), left, left + plot_w);
    const double x1 = std::clamp(x_of(spec.band->second), left, left + plot_w);
    svg += "<rect class=\"band\" x=\"" + coordinate(x0) + "\" y=\"" + coordinate(top) +
           "\" width=\"" + coordinate(std::max(x1 - x0, 1.0)) + "\" height=\"" +
           coordinate(plot_h) + "\"/>";
  }
  double divisor = 1.0;
  std::string suffix = spec.percent ? "%" : "";
  const double magnitude = std::max(std::fabs(lo), std::fabs(hi));
  if (!spec.percent && magnitude >= 1e9) {
    divisor = 1e9;
    suffix = "B";
  } else if (!spec.percent && magnitude >= 1e7) {
    divisor = 1e6;
    suffix = "M";
  }
  const int decimals = decimals_for_step(step / divisor);
  for (int i = 0; i <= 100; ++i) { // About 5 ticks; the bound only guards absurd ranges.
    const double value = lo + step * i;
    if (value > hi + step * 1e-6)
      break;
    const std::string y = coordinate(top + (hi - value) / (hi - lo) * plot_h);
    const bool zero_line = spec.area_to_zero && std::fabs(value) < step * 1e-6;
    svg += "<line class=\"" + std::string(zero_line ? "zero" : "grid") + "\" x1=\"" +
           coordinate(left) + "\" x2=\"" + coordinate(left + plot_w) + "\" y1=\"" + y + "\" y2=\"" +
           y + "\"/>";
    svg += "<text class=\"tick\" x=\"" + coordinate(left - 8) + "\" y=\"" + y +
           "\" dy=\"0.32em\" text-anchor=\"end\">" +
           format_number(std::fabs(value) < step * 1e-6 ? 0.0 : value / divisor, decimals) +
           suffix + "</text>";
  }
  for (const auto& tick : time_ticks(t0, t1, plot_w)) {
    const double x = x_of(tick.ts);
    const double half = static_cast<double>(tick.label.size()) * char_width / 2;
    const char* anchor = x - half < 0 ? "start" : x + half > spec.width ? "end" : "middle";
    svg += "<line class=\"grid vertical\" x1=\"" + coordinate(x) + "\" x2=\"" + coordinate(x) +
           "\" y1=\"" + coordinate(top) + "\" y2=\"" + coordinate(bottom) + "\"/>";
    svg += "<text class=\"tick\" x=\"" + coordinate(x) + "\" y=\"" + coordinate(bottom + 17) +
           "\" text-anchor=\"" + anchor + "\">" + html_escape(tick.label) + "</text>";
  }

  // The line and the area under (or above) it.
  auto path_of = [&](const std::vector<plot_point>& pts) {
    std::string d;
    d.reserve(pts.size() * 14);
    for (std::size_t i = 0; i < pts.size(); ++i) {
      d += i == 0 ? "M" : "L";
      d += coordinate(std::clamp(x_of(pts[i].ts), left, left + plot_w));
      d += ',';
      d += coordinate(y_of(pts[i].value));
    }
    return d;
  };
  const std::string line = path_of(points);
  if (!spec.no_area) {
    const std::string base = coordinate(spec.area_to_zero ? y_of(0.0) : bottom);
    char opacity[16];
    std::snprintf(opacity, sizeof opacity, "%.2f", std::clamp(spec.area_opacity, 0.0, 1.0));
    svg += "<path class=\"area\" fill=\"" + spec.area_colour + "\" fill-opacity=\"" + opacity +
           "\" d=\"" + line + "L" + coordinate(x_of(points.back().ts)) + "," + base + "L" +
           coordinate(x_of(points.front().ts)) + "," + base + "Z\"/>";
  }
  svg += "<path class=\"line\" stroke=\"" + spec.line_colour + "\" d=\"" + line + "\"/>";
  for (const auto& overlay : spec.overlays) // over the main line: a moving average stays visible
    if (!overlay.points.empty())
      svg += "<path class=\"line overlay\" stroke=\"" + overlay.colour + "\"" +
             (overlay.dashed ? " stroke-dasharray=\"5 4\"" : "") + " d=\"" +
             path_of(overlay.points) + "\"/>";
  for (const auto& m : spec.markers) {
    const double x = std::clamp(x_of(m.ts), left, left + plot_w);
    const double y = y_of(m.value);
    // A 9-unit triangle: up below the price for a buy, down above it for a sell.
    const std::string points_text =
        m.buy ? coordinate(x) + "," + coordinate(y) + " " + coordinate(x - 4.5) + "," +
                    coordinate(y + 8) + " " + coordinate(x + 4.5) + "," + coordinate(y + 8)
              : coordinate(x) + "," + coordinate(y) + " " + coordinate(x - 4.5) + "," +
                    coordinate(y - 8) + " " + coordinate(x + 4.5) + "," + coordinate(y - 8);
    svg += std::string("<polygon class=\"") + (m.buy ? "mk-buy" : "mk-sell") + "\" points=\"" +
           points_text + "\"/>";
  }
  svg += "<line class=\"axis\" x1=\"" + coordinate(left) + "\" x2=\"" + coordinate(left + plot_w) +
         "\" y1=\"" + coordinate(bottom) + "\" y2=\"" + coordinate(bottom) + "\"/>";
  svg += "</svg>";
  return svg;
}

} // namespace bourse::report::detail
