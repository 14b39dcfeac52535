// The self-contained HTML report: headline cards, run summary, statistics table, SVG charts per
// series and the trades table.
#include "bourse/report/html_report.hpp"

#include <algorithm>
#include <sstream>

#include "bourse/report/curve.hpp"
#include "display.hpp"
#include "html_sections.hpp"
#include "html_style.hpp"
#include "svg_chart.hpp"

namespace bourse::report {

namespace {

using namespace detail;

constexpr const char* palette[] = {"#2563eb", "#7c3aed", "#0891b2", "#ea580c",
                                   "#16a34a", "#db2777", "#4f46e5", "#65a30d"};
constexpr const char* drawdown_colour = "#dc2626";

const char* colour_of(std::size_t index) {
  return palette[index % (sizeof palette / sizeof palette[0])];
}

// Returns `text` in a span coloured by the sign of `value`.
std::string signed_span(double value, const std::string& text) {
  if (value > 0)
    return "<span class=\"pos\">" + html_escape(text) + "</span>";
  if (value < 0)
    return "<span class=\"neg\">" + html_escape(text) + "</span>";
  return html_escape(text);
}

std::string money_text(double value) {
  return format_number(value, 2);
}

std::string period_text(const statistics& s) {
  if (s.samples == 0)
    return "no samples";
  return format_date_time(s.start_ts) + " \xE2\x86\x92 " + format_date_time(s.end_ts);
}

std::string sampling_text(const statistics& s) {
  if (s.daily_sampling)
    return "daily";
  if (s.sampling_period > 0)
    return "every " + format_duration(s.sampling_period);
  return "unknown";
}

std::string drawdown_dates(const drawdown& d) {
  if (d.amount <= 0)
    return "none";
  return format_date_time(d.peak_ts) + " \xE2\x86\x92 " + format_date_time(d.trough_ts);
}

std::string recovery_text(const drawdown& d) {
  if (d.amount <= 0)
    return "n/a";
  return d.recovery_ts ? format_date_time(*d.recovery_ts) : "not yet";
}

// One row of the statistics table: a label and the (already escaped) cell of each series.
struct stat_row {
  const char* label;
  std::string (*cell)(const statistics&);
};

const stat_row stat_rows[] = {
    {"Period", [](const statistics& s) { return html_escape(period_text(s)); }},
    {"Samples",
     [](const statistics& s) { return format_number(static_cast<double>(s.samples), 0); }},
    {"Sampling (periods a year)",
     [](const statistics& s) {
       return html_escape(sampling_text(s)) + " (" + format_number(s.periods_per_year, 0) + ")";
     }},
    {"Initial equity", [](const statistics& s) { return money_text(s.initial_equity); }},
    {"Final equity", [](const statistics& s) { return money_text(s.final_equity); }},
    {"Net PnL",
     [](const statistics& s) { return signed_span(s.net_pnl, format_signed(s.net_pnl, 2)); }},
    {"Gross PnL (before fees)",
     [](const statistics& s) { return signed_span(s.gross_pnl, format_signed(s.gross_pnl, 2)); }},
    {"Fees", [](const statistics& s) { return money_text(s.fees.to_double()); }},
    {"Total return",
     [](const statistics& s) {
       return s.total_return ? signed_span(*s.total_return, format_percent(*s.total_return))
                             : "n/a";
     }},
    {"Annualised return",
     [](const statistics& s) { return format_optional_percent(s.annualised_return); }},
    {"Volatility (annualised)",
     [](const statistics& s) { return format_optional_percent(s.volatility); }},
    {"Sharpe ratio", [](const statistics& s) { return format_optional(s.sharpe, 2); }},
    {"Sortino ratio", [](const statistics& s) { return format_optional(s.sortino, 2); }},
    {"Max drawdown", [](const statistics& s) { return money_text(-s.max_drawdown.amount); }},
    {"Max drawdown %",
     [](const statistics& s) { return format_percent(-s.max_drawdown_pct.fraction); }},
    {"Drawdown % peak \xE2\x86\x92 trough",
     [](const statistics& s) { return html_escape(drawdown_dates(s.max_drawdown_pct)); }},
    {"Recovered on",
     [](const statistics& s) { return html_escape(recovery_text(s.max_drawdown_pct)); }},
    {"Fills (buys / sells)",
     [](const statistics& s) {
       return format_number(static_cast<double>(s.fill_count), 0) + " (" +
              format_number(static_cast<double>(s.buy_count), 0) + " / " +
              format_number(static_cast<double>(s.sell_count), 0) + ")";
     }},
    {"Round trips closed (open)",
     [](const statistics& s) {
       return format_number(static_cast<double>(s.round_trips), 0) + " (" +
              format_number(static_cast<double>(s.open_round_trips), 0) + ")";
     }},
    {"Win rate", [](const statistics& s) { return format_optional_percent(s.win_rate); }},
    {"Profit factor", [](const statistics& s) { return format_optional(s.profit_factor, 2); }},
    {"Average win", [](const statistics& s) { return format_optional(s.average_win, 2); }},
    {"Average loss", [](const statistics& s) { return format_optional(s.average_loss, 2); }},
    {"Realised PnL after fees",
     [](const statistics& s) {
       double v = s.realised_net_pnl.to_double();
       return signed_span(v, format_signed(v, 2));
     }},
    {"Exposure", [](const statistics& s) { return format_optional_percent(s.exposure); }},
};

void write_cards(std::string& html, const statistics& s) {
  auto card = [&](const char* key, const std::string& value_html) {
    html += "<div class=\"card\"><div class=\"k\">";
    html += key;
    html += "</div><div class=\"v\">" + value_html + "</div></div>";
  };
  html += "<section class=\"cards\">";
  card("Net PnL", signed_span(s.net_pnl, format_signed(s.net_pnl, 2)));
  card("Total return",
       s.total_return ? signed_span(*s.total_return, format_percent(*s.total_return)) : "n/a");
  card("Sharpe", format_optional(s.sharpe, 2));
  card("Max drawdown", s.max_drawdown_pct.fraction > 0
                           ? signed_span(-1, format_percent(-s.max_drawdown_pct.fraction))
                           : "0.00%");
  card("Win rate", format_optional_percent(s.win_rate));
  card("Fills / trips", format_number(static_cast<double>(s.fill_count), 0) + " / " +
                            format_number(static_cast<double>(s.round_trips), 0));
  html += "</section>";
}

void write_summary(std::string& html, const report_input& input) {
  if (input.summary.empty())
    return;
  html += "<h2>Run</h2><section class=\"panel\"><dl class=\"kv\">";
  for (const auto& [key, value] : input.summary)
    html += "<dt>" + html_escape(key) + "</dt><dd>" + html_escape(value) + "</dd>";
  html += "</dl></section>";
}

void write_statistics(std::string& html, const report_input& input) {
  html += "<h2>Statistics</h2><section class=\"panel\" style=\"overflow-x:auto\">"
          "<table class=\"stats\"><thead><tr><th>Metric</th>";
  for (std::size_t i = 0; i < input.series.size(); ++i)
    html += std::string("<th class=\"num\"><span class=\"swatch\" style=\"background:") +
            colour_of(i) + "\"></span>" + html_escape(input.series[i].name) + "</th>";
  html += "</tr></thead><tbody>";
  for (const auto& row : stat_rows) {
    html += "<tr><td>" + html_escape(row.label) + "</td>";
    for (const auto& series : input.series)
      html += "<td class=\"num\">" + row.cell(series.stats) + "</td>";
    html += "</tr>";
  }
  html += "</tbody></table></section>";
}

bool same_curve(const equity_curve& a, const equity_curve& b) {
  if (a.size() != b.size() || a.empty())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].ts != b[i].ts || a[i].equity != b[i].equity)
      return false;
  return true;
}

std::vector<plot_point> plot_points_of(const equity_curve& curve) {
  std::vector<plot_point> points;
  points.reserve(curve.size());
  for (const auto& sample : curve)
    points.push_back({sample.ts, sample.equity});
  return points;
}

void write_series(std::string& html, const report_series& series, std::size_t index,
                  const html_options& options, const report_run* run) {
  const statistics& s = series.stats;
  const drawdown& worst = s.max_drawdown_pct;
  html += "<section class=\"panel series\"><header><h3><span class=\"swatch\" style=\"background:";
  html += colour_of(index);
  html += "\"></span>" + html_escape(series.name) + "</h3><span class=\"caption\">" +
          html_escape("final equity " + money_text(s.final_equity) + " \xC2\xB7 net PnL " +
                      format_signed(s.net_pnl, 2) + " \xC2\xB7 max drawdown " +
                      format_percent(-worst.fraction) + " (" + drawdown_dates(worst) + ")" +
                      (worst.amount > 0 && !worst.recovery_ts ? ", not recovered" : "")) +
          "</span></header>";

  chart_spec equity_spec;
  equity_spec.line_colour = equity_spec.area_colour = colour_of(index);
  equity_spec.label = series.name + ": equity";
  if (worst.amount > 0)
    equity_spec.band = std::make_pair(worst.peak_ts, worst.trough_ts);
  html += "<div class=\"chart-title\">Equity";
  if (equity_spec.band)
    html += " \xC2\xB7 shaded: largest drawdown";
  if (run != nullptr && run->bench) {
    equity_spec.overlays.push_back(
        {benchmark_points(*run, options.max_plot_points), "#6b7280", true});
    html += " \xC2\xB7 dashed: " + html_escape(run->bench->description);
  }
  html += "</div>";
  html += svg_chart(downsample_min_max(plot_points_of(series.curve), options.max_plot_points),
                    equity_spec);

  std::vector<plot_point> underwater;
  underwater.reserve(series.curve.size());
  for (const auto& point : underwater_curve(series.curve))
    underwater.push_back({point.ts, -point.fraction});
  chart_spec drawdown_spec;
  drawdown_spec.height = 170;
  drawdown_spec.percent = true;
  drawdown_spec.value_steps = 4;
  drawdown_spec.area_to_zero = true;
  drawdown_spec.line_colour = drawdown_spec.area_colour = drawdown_colour;
  drawdown_spec.area_opacity = 0.18;
  drawdown_spec.label = series.name + ": drawdown from the running peak";
  html += "<div class=\"chart-title\">Drawdown from the running peak</div>";
  html += svg_chart(downsample_min_max(underwater, options.max_plot_points), drawdown_spec);
  html += "</section>";
}

void write_trades(std::string& html, const std::vector<fill_record>& fills, std::size_t fill_count,
                  const html_options& options) {
  html += "<h2>Trades</h2>";
  const std::size_t total = std::max(fills.size(), fill_count);
  const std::size_t shown = std::min(fills.size(), options.max_trade_rows);
  if (total == 0) {
    html += "<p class=\"note\">No fills.</p>";
    return;
  }
  if (shown < total)
    html += "<p class=\"note\">Showing the first " + format_number(static_cast<double>(shown), 0) +
            " of " + format_number(static_cast<double>(total), 0) +
            " fills; trades.csv lists them all.</p>";
  else
    html += "<p class=\"note\">" + format_number(static_cast<double>(total), 0) +
            (total == 1 ? " fill." : " fills.") + "</p>";
  html += "<section class=\"panel scroll\"><table class=\"trades\"><thead><tr><th>#</th>"
          "<th>Time (UTC)</th><th>Strategy</th><th>Symbol</th><th>Side</th>"
          "<th class=\"num\">Price</th><th class=\"num\">Qty</th><th>Order</th>"
          "<th class=\"num\">Fee</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < shown; ++i) {
    const fill_record& fill = fills[i];
    const std::string side_name(to_string(fill.side));
    html += "<tr><td class=\"num\">" + std::to_string(i + 1) + "</td><td>" +
            html_escape(format_iso8601(fill.ts)) + "</td><td>" + html_escape(fill.strategy) +
            "</td><td>" + html_escape(fill.symbol) + "</td><td class=\"" + side_name + "\">" +
            side_name + "</td><td class=\"num\">" + fill.price.to_string() +
            "</td><td class=\"num\">" + fill.qty.to_string() + "</td><td>" +
            html_escape(fill.order_id) + "</td><td class=\"num\">" + fill.fee.to_string() +
            "</td></tr>";
  }
  html += "</tbody></table></section>";
}

} // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string html_report(const report_input& input, const html_options& options) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>" +
                     html_escape(input.title) + "</title>\n<style>";
  html += report_css;
  html += "</style>\n</head>\n<body>\n<main>\n<h1>" + html_escape(input.title) + "</h1>";
  std::vector<std::size_t> headline_series;
  for (const auto& run : input.runs)
    if (run.total_series < input.series.size())
      headline_series.push_back(run.total_series);
  if (headline_series.empty() && !input.series.empty())
    headline_series.push_back(0);
  for (std::size_t index : headline_series) {
    const statistics& headline = input.series[index].stats;
    html += "<p class=\"sub\">" + html_escape(period_text(headline)) + " \xC2\xB7 " +
            format_number(static_cast<double>(headline.samples), 0) + " samples, " +
            html_escape(sampling_text(headline)) +
            " \xC2\xB7 headline figures: " + html_escape(input.series[index].name) + "</p>\n";
    write_cards(html, headline);
  }
  html += "\n";
  write_summary(html, input);
  html += "\n";
  if (!input.series.empty()) {
    write_statistics(html, input);
    write_sharpe_note(html, input);
    html += "\n<h2>Equity and drawdown</h2>\n";
    for (std::size_t i = 0; i < input.series.size(); ++i) {
      const report_run* run = nullptr;
      for (const auto& r : input.runs)
        if (r.total_series == i)
          run = &r;
      if (run == nullptr && i > 0 && same_curve(input.series[i].curve, input.series[i - 1].curve))
        // A run's only strategy has the total's curve: say so instead of drawing it twice.
        html += "<section class=\"panel series\"><header><h3><span class=\"swatch\" "
                "style=\"background:" +
                std::string(colour_of(i)) + "\"></span>" + html_escape(input.series[i].name) +
                "</h3><span class=\"caption\">the same equity curve as " +
                html_escape(input.series[i - 1].name) + " (above)</span></header></section>";
      else
        write_series(html, input.series[i], i, options, run);
      html += "\n";
    }
  }
  for (const auto& run : input.runs) {
    write_run_section(html, run, input, options);
    html += "\n";
  }
  write_trades(html, input.fills, input.fill_count, options);
  html += "\n<footer>Made by bourse. One self-contained file: inline CSS and SVG, no scripts, no "
          "external resources. Times are UTC.</footer>\n</main>\n</body>\n</html>\n";
  return html;
}

void write_html_report(std::ostream& out, const report_input& input, const html_options& options) {
  out << html_report(input, options);
}

} // namespace bourse::report
