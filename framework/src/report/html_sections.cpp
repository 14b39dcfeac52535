// The per-run sections of the HTML report.
#include "html_sections.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "bourse/report/curve.hpp"
#include "display.hpp"
#include "svg_chart.hpp"

namespace bourse::report::detail {

namespace {

constexpr const char* price_colour = "#1f2937";
constexpr const char* sma_colour = "#ea580c";
constexpr const char* benchmark_colour = "#6b7280";
constexpr const char* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string signed_cell(double value, const std::string& text) {
  if (value > 0)
    return "<span class=\"pos\">" + html_escape(text) + "</span>";
  if (value < 0)
    return "<span class=\"neg\">" + html_escape(text) + "</span>";
  return html_escape(text);
}

std::string optional_percent_cell(const std::optional<double>& v) {
  return v ? signed_cell(*v, format_percent(*v)) : "n/a";
}

std::string slug(const std::string& name) {
  std::string out;
  for (char c : name)
    out += (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '-';
  return out.empty() ? "run" : out;
}

void write_table(std::string& html, const report_table& table) {
  html += "<div class=\"chart-title\">" + html_escape(table.title) + "</div>";
  html += "<div class=\"scroll-x\"><table class=\"params\"><thead><tr>";
  for (const auto& c : table.columns)
    html += "<th>" + html_escape(c) + "</th>";
  html += "</tr></thead><tbody>";
  for (const auto& row : table.rows) {
    html += "<tr>";
    for (const auto& cell : row)
      html += "<td>" + html_escape(cell) + "</td>";
    html += "</tr>";
  }
  html += "</tbody></table></div>";
}

void write_benchmark(std::string& html, const report_run& run, const statistics& total) {
  html += "<h3 class=\"sec-benchmark\">Benchmark</h3><section class=\"panel\">";
  if (!run.bench) {
    html += "<p class=\"note\">No benchmark: no traded symbol has sampled prices.</p></section>";
    return;
  }
  const benchmark& b = *run.bench;
  html += "<dl class=\"kv\">";
  auto row = [&](const char* key, const std::string& value_html) {
    html += std::string("<dt>") + key + "</dt><dd>" + value_html + "</dd>";
  };
  row("Benchmark", html_escape(b.description));
  row("Benchmark return", optional_percent_cell(b.total_return));
  row("Strategy return (total)", optional_percent_cell(total.total_return));
  row("Excess return",
      b.total_return && total.total_return
          ? signed_cell(*total.total_return - *b.total_return,
                        format_percent(*total.total_return - *b.total_return))
          : "n/a");
  row("Alpha (annualised)", optional_percent_cell(b.alpha));
  row("Beta", format_optional(b.beta, 3));
  row("Correlation", format_optional(b.correlation, 3));
  html += "</dl><p class=\"note\">The benchmark invests the total's initial equity in the traded "
          "symbols at their first sampled price, in equal parts, and holds; it is the dashed line "
          "on the total's equity chart. Alpha and beta regress the total's periodic returns on the "
          "benchmark's at the same samples (alpha annualised with the same periods a year as "
          "Sharpe).</p></section>";
}

void write_prices(std::string& html, const report_run& run, const html_options& options) {
  html += "<h3 class=\"sec-prices\">Prices and trades</h3>";
  if (run.analysis.prices.empty()) {
    html += "<p class=\"note\">No fills.</p>";
    return;
  }
  for (const auto& curve : run.analysis.prices) {
    html += "<section class=\"panel series price-chart\"><header><h3>" +
            html_escape(curve.symbol) + "</h3><span class=\"caption\">";
    std::string caption = format_number(static_cast<double>(curve.fill_count), 0) + " fills";
    if (curve.markers.size() < curve.fill_count)
      caption += " (" + format_number(static_cast<double>(curve.markers.size()), 0) + " drawn)";
    caption += " \xC2\xB7 \xE2\x96\xB2 buy \xE2\x96\xBC sell \xC2\xB7 price: the mark at each "
               "equity sample";
    std::vector<plot_point> sma = moving_average(curve.prices, options.price_sma_period);
    if (!sma.empty())
      caption += " \xC2\xB7 orange: SMA(" + std::to_string(options.price_sma_period) +
                 ") of the sampled prices";
    html += html_escape(caption) + "</span></header>";
    if (curve.prices.empty()) {
      html += "<p class=\"note\">No sampled prices for this symbol.</p></section>";
      continue;
    }
    chart_spec spec;
    spec.line_colour = spec.area_colour = price_colour;
    spec.no_area = true;
    spec.label = curve.symbol + ": price and trades";
    if (!sma.empty())
      spec.overlays.push_back({downsample_min_max(sma, options.max_plot_points), sma_colour, false});
    for (const auto& m : curve.markers)
      spec.markers.push_back({m.ts, m.price, m.side == side::buy});
    html += svg_chart(downsample_min_max(curve.prices, options.max_plot_points), spec);
    html += "</section>";
  }
}

void write_monthly(std::string& html, const report_series& total) {
  html += "<h3 class=\"sec-monthly\">Monthly returns (" + html_escape(total.name) + ")</h3>";
  const auto months = monthly_returns(total.curve);
  if (months.empty()) {
    html += "<p class=\"note\">No samples.</p>";
    return;
  }
  html += "<section class=\"panel scroll-x\"><table class=\"monthly\"><thead><tr><th>Year</th>";
  for (const char* m : month_names)
    html += std::string("<th class=\"num\">") + m + "</th>";
  html += "<th class=\"num\">Year</th></tr></thead><tbody>";
  std::size_t i = 0;
  while (i < months.size()) {
    const int year = months[i].year;
    std::optional<double> cells[12];
    double compounded = 1.0;
    bool defined = true;
    for (; i < months.size() && months[i].year == year; ++i) {
      cells[months[i].month - 1] = months[i].value;
      if (months[i].value)
        compounded *= 1.0 + *months[i].value;
      else
        defined = false;
    }
    html += "<tr><td>" + std::to_string(year) + "</td>";
    for (const auto& c : cells) {
      const std::string text = c ? format_percent(*c, 1) : "";
      html += "<td class=\"num\">" + (c && text != "0.0%" ? signed_cell(*c, text) : text) + "</td>";
    }
    const std::string year_text = defined ? format_percent(compounded - 1.0, 1) : "n/a";
    html += "<td class=\"num year\">" +
            (defined && year_text != "0.0%" ? signed_cell(compounded - 1.0, year_text) : year_text) +
            "</td></tr>";
  }
  html += "</tbody></table></section>";
}

void write_exposure(std::string& html, const report_run& run, const html_options& options) {
  html += "<h3 class=\"sec-exposure\">Exposure over time</h3><section class=\"panel\">";
  const auto& gross = run.analysis.gross_exposure;
  if (gross.empty()) {
    html += "<p class=\"note\">No samples.</p></section>";
    return;
  }
  chart_spec spec;
  spec.height = 170;
  spec.percent = true;
  spec.value_steps = 4;
  spec.area_to_zero = true;
  spec.line_colour = spec.area_colour = "#0891b2";
  spec.area_opacity = 0.15;
  spec.label = run.name + ": gross and net exposure over equity";
  spec.overlays.push_back(
      {downsample_min_max(run.analysis.net_exposure, options.max_plot_points), "#7c3aed", true});
  html += "<div class=\"chart-title\">Gross exposure (filled) and net exposure (dashed), share of "
          "total equity</div>";
  html += svg_chart(downsample_min_max(gross, options.max_plot_points), spec);
  html += "</section>";
}

void write_trips(std::string& html, const report_run& run, const html_options& options) {
  const auto& a = run.analysis;
  html += "<h3 class=\"sec-trips\">Round trips</h3>";
  if (a.trips.empty()) {
    html += "<p class=\"note\">No round trips.</p>";
    return;
  }
  const std::size_t open = a.trips.size() - std::min(a.trips.size(), a.closed_trips);
  const std::size_t closed_listed = a.trips.size() - open;
  const std::size_t shown = std::min(a.trips.size(), options.max_trip_rows);
  std::string note = format_number(static_cast<double>(a.closed_trips), 0) + " closed";
  if (open > 0)
    note += ", " + format_number(static_cast<double>(open), 0) + " open";
  if (shown < a.trips.size() || closed_listed < a.closed_trips)
    note += "; showing " + format_number(static_cast<double>(shown), 0);
  note += ". PnL before fees unless marked net; MAE/MFE: the worst and best PnL before fees while "
          "open, at the fill prices and the sampled marks.";
  html += "<p class=\"note\">" + html_escape(note) + "</p>";
  html += "<section class=\"panel scroll\"><table class=\"trips\"><thead><tr><th>#</th>"
          "<th>Strategy</th><th>Symbol</th><th>Side</th><th>Entry (UTC)</th><th>Exit (UTC)</th>"
          "<th class=\"num\">Duration</th><th class=\"num\">Max qty</th>"
          "<th class=\"num\">Entry px</th><th class=\"num\">Exit px</th>"
          "<th class=\"num\">Gross PnL</th><th class=\"num\">Fees</th>"
          "<th class=\"num\">Net PnL</th><th class=\"num\">MAE</th><th class=\"num\">MFE</th>"
          "</tr></thead><tbody>";
  for (std::size_t i = 0; i < shown; ++i) {
    const round_trip& t = a.trips[i];
    const double net = t.net_pnl.to_double();
    html += "<tr><td class=\"num\">" + std::to_string(i + 1) + "</td><td>" +
            html_escape(t.strategy) + "</td><td>" + html_escape(t.symbol) + "</td><td class=\"" +
            (t.direction == side::buy ? "buy\">long" : "sell\">short") + "</td><td>" +
            html_escape(format_date_time(t.open_ts)) + "</td><td>" +
            (t.closed ? html_escape(format_date_time(t.close_ts)) : "open") +
            "</td><td class=\"num\">" +
            (t.closed ? html_escape(format_duration(t.close_ts - t.open_ts)) : "") +
            "</td><td class=\"num\">" + t.max_quantity.to_string() + "</td><td class=\"num\">" +
            (t.entry_price ? t.entry_price->to_string() : "") + "</td><td class=\"num\">" +
            (t.exit_price ? t.exit_price->to_string() : "") + "</td><td class=\"num\">" +
            signed_cell(t.gross_pnl.to_double(), t.gross_pnl.to_string()) +
            "</td><td class=\"num\">" + t.fees.to_string() + "</td><td class=\"num\">" +
            signed_cell(net, t.net_pnl.to_string()) + "</td><td class=\"num\">" +
            signed_cell(t.mae.to_double(), t.mae.to_string()) + "</td><td class=\"num\">" +
            signed_cell(t.mfe.to_double(), t.mfe.to_string()) + "</td></tr>";
  }
  html += "</tbody></table></section>";
}

} // namespace

std::vector<plot_point> benchmark_points(const report_run& run, std::size_t max_points) {
  std::vector<plot_point> points;
  if (!run.bench)
    return points;
  points.reserve(run.bench->curve.size());
  for (const auto& s : run.bench->curve)
    points.push_back({s.ts, s.equity});
  return downsample_min_max(points, max_points);
}

void write_run_section(std::string& html, const report_run& run, const report_input& input,
                       const html_options& options) {
  html += "<section class=\"run\" id=\"run-" + html_escape(slug(run.name)) + "\"><h2>Run: " +
          html_escape(run.name) + "</h2>";
  if (!run.parameters.empty()) {
    html += "<h3 class=\"sec-parameters\">Parameters</h3><section class=\"panel\">";
    for (const auto& table : run.parameters)
      write_table(html, table);
    html += "</section>";
  }
  if (run.analysis.error)
    html += "<p class=\"note neg\">Trade analysis stopped: " +
            html_escape(run.analysis.error->message) + "</p>";
  const bool has_total = run.total_series < input.series.size();
  if (has_total)
    write_benchmark(html, run, input.series[run.total_series].stats);
  write_prices(html, run, options);
  if (has_total)
    write_monthly(html, input.series[run.total_series]);
  write_exposure(html, run, options);
  write_trips(html, run, options);
  html += "</section>";
}

void write_sharpe_note(std::string& html, const report_input& input) {
  bool intraday = false;
  for (const auto& s : input.series)
    intraday = intraday || (!s.stats.daily_sampling && s.stats.periods_per_year > 0);
  html += "<p class=\"note sharpe-note\">Sharpe = mean / standard deviation of the periodic returns "
          "between equity samples \xC3\x97 \xE2\x88\x9A(periods a year), risk-free rate 0. Daily "
          "samples count 252 periods a year; other samplings count 365.25 days divided by the "
          "sampling period (8,766 for hourly, 525,960 for minute, 31,557,600 for one-second "
          "samples).";
  if (intraday)
    html += " <strong>Intraday runs:</strong> a curve sampled every tick or second is scaled by the "
            "square root of a very large number of periods, and its returns between samples are "
            "mostly zero, so its Sharpe can look huge for a few minutes of data; compare it only "
            "with runs sampled the same way, or set the sampling (portfolio sample_interval) to "
            "something coarser.";
  html += "</p>";
}

} // namespace bourse::report::detail
