// The demo's summary table and output files.
#include "summary.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "bourse/report/statistics.hpp"
#include "bourse/report/trades_csv.hpp"

namespace bourse::demo {

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
void print_latency(const std::vector<scenario_result>& results) {
  std::printf("\n%-8s %-16s %8s %9s %9s %9s %10s %9s\n", "scenario", "latency [us]", "orders",
              "p50", "p90", "p99", "p99.9", "max");
  for (const auto& r : results) {
    print_latency_row(r.name, "tick->order", r.result.tick_to_order);
    print_latency_row(r.name, "tick->decision", r.result.tick_to_decision);
  }
}

} // namespace

void print_summary(const std::vector<scenario_result>& results, const options& opts) {
  std::printf("\n%-8s %-20s %7s %7s %14s %8s %9s %8s\n", "scenario", "strategy", "fills", "trips",
              "net PnL", "Sharpe", "max DD", "win rate");
  std::printf("%.*s\n", 88, "----------------------------------------------------------------------"
                            "------------------------------");
  for (const auto& r : results)
    for (const auto& series : report_series_of(r.result)) {
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
  if (opts.mode == run_mode::paper)
    print_latency(results);
}

std::string write_outputs(const std::vector<scenario_result>& results, const std::string& out_dir,
                          const options& opts) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec)
    return out_dir + ": cannot create the folder: " + ec.message();
  std::vector<report::fill_record> fills;
  report::report_input input;
  input.title = "bourse-demo report";
  input.summary.emplace_back("mode", to_string(opts.mode));
  for (const auto& r : results) {
    auto f = fill_records(r.result);
    fills.insert(fills.end(), f.begin(), f.end());
    for (auto& series : report_series_of(r.result, r.name + " / "))
      input.series.push_back(std::move(series));
    const auto& s = r.result.summary;
    input.summary.emplace_back(r.name + " data",
                               format_iso8601(s.first_ts) + " .. " + format_iso8601(s.last_ts));
    input.summary.emplace_back(r.name + " events", std::to_string(events_of(s)));
    input.summary.emplace_back(r.name + " messages", std::to_string(s.messages));
    char wall[64];
    std::snprintf(wall, sizeof(wall), "%.3f s on %zu worker threads", r.result.wall_seconds,
                  r.result.worker_threads);
    input.summary.emplace_back(r.name + " wall time", wall);
    if (opts.mode == run_mode::paper) {
      const auto l = summarize(r.result.tick_to_order);
      char text[160];
      std::snprintf(text, sizeof(text),
                    "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us (%llu orders)", us(l.p50), us(l.p99), us(l.p999), us(l.max),
                    static_cast<unsigned long long>(l.count));
      input.summary.emplace_back(r.name + " tick->order latency", text);
    }
  }
  input.fills = fills;
  auto trades_path = (fs::path(out_dir) / "trades.csv").string();
  {
    std::ofstream out(trades_path, std::ios::binary);
    report::write_trades_csv(out, fills);
    if (!out)
      return trades_path + ": cannot write";
  }
  auto report_path = (fs::path(out_dir) / "report.html").string();
  {
    std::ofstream out(report_path, std::ios::binary);
    report::write_html_report(out, input);
    if (!out)
      return report_path + ": cannot write";
  }
  std::printf("\nWrote %s (%zu fills) and %s\n", trades_path.c_str(), fills.size(),
              report_path.c_str());
  return {};
}

} // namespace bourse::demo
