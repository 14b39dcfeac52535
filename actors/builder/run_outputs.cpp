// INTERIM (replaced by the report helper's version at merge): the demo's output code, moved.
#include "bourse/actors/builder/run_outputs.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "bourse/report/statistics.hpp"
#include "bourse/report/trades_csv.hpp"

namespace bourse {

namespace {

std::string fmt_opt(const std::optional<double>& v, const char* format, double scale = 1.0) {
  if (!v)
    return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, *v * scale);
  return buf;
}

std::uint64_t events_of(const run_summary& s) { return s.quotes + s.trades + s.bars; }

double us(std::int64_t ns) { return static_cast<double>(ns) / 1e3; }

void print_latency_row(const std::string& scenario, const char* what, const latency_histogram& h) {
  const auto s = summarize(h);
  std::printf("%-8s %-16s %8llu %9.1f %9.1f %9.1f %10.1f %9.1f\n", scenario.c_str(), what,
              static_cast<unsigned long long>(s.count), us(s.p50), us(s.p90), us(s.p99),
              us(s.p999), us(s.max));
}

// Paper mode: wall-clock latency from the arrival of the data a strategy acted on.
void print_latency(const std::vector<named_run>& results) {
  std::printf("\n%-8s %-16s %8s %9s %9s %9s %10s %9s\n", "scenario", "latency [us]", "orders",
              "p50", "p90", "p99", "p99.9", "max");
  for (const auto& r : results) {
    print_latency_row(r.name, "tick->order", r.result.tick_to_order);
    print_latency_row(r.name, "tick->decision", r.result.tick_to_decision);
  }
}

} // namespace

void print_run_summary(std::FILE* out, const std::vector<named_run>& results,
                       const run_outputs& outputs) {
  (void)out;
  std::printf("\n%-8s %-20s %7s %7s %14s %8s %9s %8s\n", "scenario", "strategy", "fills", "trips",
              "net PnL", "Sharpe", "max DD", "win rate");
  std::printf("%.*s\n", 88, "----------------------------------------------------------------------"
                            "------------------------------");
  for (std::size_t i = 0; i < results.size() && i < outputs.runs.size(); ++i)
    for (const auto& series : outputs.runs[i].series) {
      const auto& r = results[i];
      const auto& st = series.stats;
      std::printf("%-8s %-20s %7zu %7zu %14.2f %8s %9s %8s\n", r.name.c_str(),
                  series.name.c_str(), st.fill_count, st.round_trips, st.net_pnl,
                  fmt_opt(st.sharpe, "%.2f").c_str(),
                  fmt_opt(std::optional<double>(st.max_drawdown_pct.fraction), "%.1f%%", 100)
                      .c_str(),
                  fmt_opt(st.win_rate, "%.1f%%", 100).c_str());
    }
  std::printf("\n%-8s %10s %10s %12s %14s %10s %12s\n", "scenario", "events", "slices",
              "messages", "wall time [s]", "threads", "events/s");
  for (const auto& r : results) {
    const auto& s = r.result.summary;
    double rate = r.result.wall_seconds > 0 ? static_cast<double>(events_of(s)) / r.result.wall_seconds
                                            : 0.0;
    std::printf("%-8s %10llu %10llu %12llu %14.3f %10zu %12.0f\n", r.name.c_str(),
                static_cast<unsigned long long>(events_of(s)),
                static_cast<unsigned long long>(s.slices),
                static_cast<unsigned long long>(s.messages), r.result.wall_seconds,
                r.result.worker_threads, rate);
  }
  if (!results.empty() && !results.front().result.tick_to_order.empty())
    print_latency(results);
}

run_outputs write_run_outputs(const std::vector<named_run>& results, const output_options& options) {
  namespace fs = std::filesystem;
  const auto& out_dir = options.directory;
  run_outputs out;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec)
    out.error = out_dir + ": cannot create the folder: " + ec.message();
  out.trades_path = (fs::path(out_dir) / "trades.csv").string();
  out.report_path = (fs::path(out_dir) / "report.html").string();
  const std::string trades_temp = out.trades_path + ".tmp";
  const std::string report_temp = out.report_path + ".tmp";
  const report::html_options html{};
  report::report_input input;
  input.title = options.title;
  input.summary = options.summary;
  {
    std::ofstream trades;
    if (out.error.empty()) {
      trades.open(trades_temp, std::ios::binary | std::ios::trunc);
      if (!trades)
        out.error = trades_temp + ": cannot write";
    }
    std::optional<report::trades_csv_writer> writer;
    if (out.error.empty())
      writer.emplace(trades);
    // One pass over each scenario's fills: trades.csv, the report's first rows, the statistics.
    for (const auto& r : results) {
      auto pass = report_pass(r.result, "", [&](const report::fill_record& f) {
        if (writer)
          writer->write(f);
        if (input.fills.size() < html.max_trade_rows)
          input.fills.push_back(f);
        ++out.fills;
      });
      if (!pass.error.empty() && out.error.empty())
        out.error = r.name + ": " + pass.error;
      for (const auto& series : pass.series) {
        auto named = series;
        named.name = r.name + " / " + series.name;
        input.series.push_back(std::move(named));
      }
      out.runs.push_back(std::move(pass));
      const auto& s = r.result.summary;
      input.summary.emplace_back(r.name + " data",
                                 format_iso8601(s.first_ts) + " .. " + format_iso8601(s.last_ts));
      input.summary.emplace_back(r.name + " events", std::to_string(events_of(s)));
      input.summary.emplace_back(r.name + " messages", std::to_string(s.messages));
      char wall[64];
      std::snprintf(wall, sizeof(wall), "%.3f s on %zu worker threads", r.result.wall_seconds,
                    r.result.worker_threads);
      input.summary.emplace_back(r.name + " wall time", wall);
      if (!r.result.tick_to_order.empty()) {
        const auto l = summarize(r.result.tick_to_order);
        char text[160];
        std::snprintf(text, sizeof(text),
                      "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us (%llu orders)",
                      us(l.p50), us(l.p99), us(l.p999), us(l.max),
                      static_cast<unsigned long long>(l.count));
        input.summary.emplace_back(r.name + " tick->order latency", text);
      }
    }
    if (writer) {
      trades.flush();
      if (!trades && out.error.empty())
        out.error = trades_temp + ": cannot write";
    }
  }
  input.fill_count = out.fills;
  if (out.error.empty()) {
    std::ofstream report(report_temp, std::ios::binary | std::ios::trunc);
    report::write_html_report(report, input, html);
    report.flush();
    if (!report)
      out.error = report_temp + ": cannot write";
  }
  if (out.error.empty()) {
    fs::rename(trades_temp, out.trades_path, ec);
    if (ec)
      out.error = out.trades_path + ": cannot rename " + trades_temp + ": " + ec.message();
  }
  if (out.error.empty()) {
    fs::rename(report_temp, out.report_path, ec);
    if (ec)
      out.error = out.report_path + ": cannot rename " + report_temp + ": " + ec.message();
  }
  if (!out.error.empty()) {
    fs::remove(trades_temp, ec);
    fs::remove(report_temp, ec);
  }
  return out;
}

void print_written(std::FILE* out, const run_outputs& outputs) {
  (void)out;
  std::printf("\nWrote %s (%zu fills) and %s\n", outputs.trades_path.c_str(), outputs.fills,
              outputs.report_path.c_str());
}

} // namespace bourse
