// Writing a run's outputs (trades.csv, report.html, stats.json) and printing its summary.
#include "bourse/actors/builder/run_outputs.hpp"

#include <filesystem>
#include <fstream>
#include <optional>

#include "bourse/core/atomic_file.hpp"
#include "bourse/core/time.hpp"
#include "bourse/report/json.hpp"
#include "bourse/report/trades_csv.hpp"

namespace bourse {

namespace {

namespace fs = std::filesystem;

std::uint64_t events_of(const run_summary& s) { return s.quotes + s.trades + s.bars; }

double us(std::int64_t ns) { return static_cast<double>(ns) / 1e3; }

std::string prefix_of(const named_run& run) { return run.name.empty() ? "" : run.name + " / "; }

std::string duration_text(duration_ns ns) {
  if (ns == 0)
    return "0 (every slice with activity)";
  return std::to_string(ns) + " ns";
}

std::string format_fixed(const char* format, double value) {
  char buf[96];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

void write_parameters_json(report::json_writer& json, const run_parameters& p) {
  json.key("parameters").begin_object();
  json.key("mode").value(p.mode);
  json.key("data").begin_array();
  for (const auto& d : p.data) {
    json.begin_object();
    json.key("kind").value(d.kind);
    json.key("path").value(d.path);
    json.key("symbol").value(d.symbol);
    json.key("detail").value(d.detail);
    json.end_object();
  }
  json.end_array();
  json.key("venues").begin_array();
  for (const auto& v : p.venues) {
    json.begin_object();
    json.key("name").value(v.name);
    json.key("instruments").begin_array();
    for (const auto& i : v.instruments)
      json.value(i);
    json.end_array();
    json.key("fees").value(v.fees);
    json.key("latency").value(v.latency);
    json.end_object();
  }
  json.end_array();
  json.key("strategies").begin_array();
  for (const auto& s : p.strategies) {
    json.begin_object();
    json.key("id").value(static_cast<std::uint64_t>(s.id));
    json.key("name").value(s.name);
    json.key("label").value(s.label);
    json.key("type").value(s.type);
    json.key("params").value(s.params);
    json.key("account").value(static_cast<std::uint64_t>(s.account));
    json.key("initial_cash").value(s.initial_cash);
    json.end_object();
  }
  json.end_array();
  json.key("default_cash").value(p.default_cash);
  json.key("sample_interval_ns").value(static_cast<std::int64_t>(p.sample_interval));
  json.key("extra").begin_object();
  for (const auto& [key, value] : p.extra)
    json.key(key).value(value);
  json.end_object();
  json.end_object();
}

void write_series_json(report::json_writer& json, const report::report_series& series,
                       strategy_id id, const run_parameters& p, const std::string& label) {
  json.begin_object();
  json.key("strategy_id").value(static_cast<std::uint64_t>(id));
  json.key("label").value(label);
  if (id != 0)
    for (const auto& s : p.strategies)
      if (s.id == id) {
        json.key("name").value(s.name);
        json.key("type").value(s.type);
        json.key("params").value(s.params);
      }
  json.key("statistics");
  report::write_statistics_json(json, series.stats);
  json.end_object();
}

} // namespace

std::vector<report::report_table> parameter_tables(const run_parameters& p) {
  std::vector<report::report_table> out;
  report::report_table data{"Data", {"Kind", "Path", "Symbol", "Detail"}, {}};
  for (const auto& d : p.data)
    data.rows.push_back({d.kind, d.path, d.symbol, d.detail});
  out.push_back(std::move(data));
  report::report_table venues{"Venues", {"Venue", "Instruments", "Fees", "Latency"}, {}};
  for (const auto& v : p.venues) {
    std::string instruments;
    for (const auto& i : v.instruments)
      instruments += (instruments.empty() ? "" : ", ") + i;
    venues.rows.push_back({v.name, instruments, v.fees, v.latency});
  }
  out.push_back(std::move(venues));
  report::report_table strategies{
      "Strategies", {"Id", "Label", "Type", "Parameters", "Account", "Initial cash"}, {}};
  for (const auto& s : p.strategies)
    strategies.rows.push_back({std::to_string(s.id), s.label, s.type, s.params,
                               std::to_string(s.account), s.initial_cash.to_string()});
  out.push_back(std::move(strategies));
  report::report_table other{"Run", {"Setting", "Value"}, {}};
  other.rows.push_back({"mode", p.mode});
  other.rows.push_back({"default cash", p.default_cash.to_string()});
  other.rows.push_back({"equity sample interval", duration_text(p.sample_interval)});
  for (const auto& [key, value] : p.extra)
    other.rows.push_back({key, value});
  out.push_back(std::move(other));
  return out;
}

// The final per-actor metrics of a run (metrics enabled only).
void write_metrics_json(report::json_writer& json, const std::vector<actor_metrics_sample>& metrics) {
  json.key("metrics").begin_array();
  for (const auto& s : metrics) {
    const auto& m = s.metrics;
    json.begin_object();
    json.key("actor").value(s.actor);
    json.key("received").value(m.received);
    json.key("handled").value(m.handled);
    json.key("sent").value(m.sent);
    json.key("dropped").value(m.dropped);
    json.key("conflated").value(m.conflated);
    json.key("max_held").value(m.max_held);
    json.key("max_mailbox").value(m.max_mailbox_depth);
    json.key("handling_ns").begin_object();
    json.key("count").value(m.handling.count());
    json.key("mean").value(m.handling.mean());
    json.key("p50").value(m.handling.percentile(50));
    json.key("p99").value(m.handling.percentile(99));
    json.key("max").value(m.handling.max());
    json.end_object();
    json.end_object();
  }
  json.end_array();
}

std::string stats_json(const std::vector<named_run>& runs,
                       const std::vector<run_report_pass>& passes) {
  std::string text;
  report::json_writer json{text};
  json.begin_object();
  json.key("schema").value("bourse-stats/1");
  json.key("runs").begin_array();
  for (std::size_t i = 0; i < runs.size() && i < passes.size(); ++i) {
    const auto& r = runs[i].result;
    const auto& pass = passes[i];
    json.begin_object();
    json.key("name").value(runs[i].name);
    json.key("ok").value(r.ok);
    write_parameters_json(json, r.parameters);
    json.key("data").begin_object();
    json.key("first").time(r.summary.slices ? std::optional<timestamp>(r.summary.first_ts)
                                            : std::nullopt);
    json.key("last").time(r.summary.slices ? std::optional<timestamp>(r.summary.last_ts)
                                           : std::nullopt);
    json.key("slices").value(r.summary.slices);
    json.key("quotes").value(r.summary.quotes);
    json.key("trades").value(r.summary.trades);
    json.key("bars").value(r.summary.bars);
    json.key("fills").value(static_cast<std::uint64_t>(r.fill_count()));
    json.end_object();
    json.key("series").begin_array();
    write_series_json(json, pass.total, 0, r.parameters, "total");
    const auto labels = strategy_labels(r.strategies);
    for (std::size_t s = 0; s < pass.series.size(); ++s)
      write_series_json(json, pass.series[s], pass.ids[s], r.parameters,
                        s < labels.size() ? labels[s] : pass.series[s].name);
    json.end_array();
    json.key("benchmark");
    if (pass.bench) {
      json.begin_object();
      json.key("description").value(pass.bench->description);
      json.key("total_return").value(pass.bench->total_return);
      json.key("alpha").value(pass.bench->alpha);
      json.key("beta").value(pass.bench->beta);
      json.key("correlation").value(pass.bench->correlation);
      json.end_object();
    } else {
      json.null();
    }
    json.key("round_trips_closed").value(static_cast<std::uint64_t>(pass.analysis.closed_trips));
    json.key("supervision").begin_array();
    for (const auto& e : r.supervision_events) {
      json.begin_object();
      json.key("participant").value(e.participant);
      json.key("what").value(e.what);
      json.key("data_time").time(std::optional<timestamp>(e.data_time));
      json.key("action").value(e.action);
      json.end_object();
    }
    json.end_array();
    if (!r.metrics.empty())
      write_metrics_json(json, r.metrics);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return text;
}

run_outputs write_run_outputs(const std::vector<named_run>& runs, const output_options& options) {
  run_outputs out;
  std::error_code ec;
  fs::create_directories(options.directory, ec);
  if (ec)
    out.error = options.directory + ": cannot create the folder: " + ec.message();
  const fs::path dir(options.directory);
  if (options.trades_csv)
    out.trades_path = (dir / "trades.csv").string();
  if (options.report_html)
    out.report_path = (dir / "report.html").string();
  if (options.stats_json)
    out.stats_path = (dir / "stats.json").string();
  // Each file under a unique temporary name (two runs into one folder never share one), renamed
  // into place once every file is complete; the temporaries go when anything fails.
  std::optional<atomic_file> trades_file, report_file, stats_file;
  auto open = [&](std::optional<atomic_file>& file, const std::string& path) {
    if (!out.error.empty() || path.empty())
      return;
    file.emplace(path);
    if (!file->error().empty())
      out.error = file->error();
  };
  open(trades_file, out.trades_path);

  report::report_input input;
  input.title = options.title;
  input.summary = options.summary;
  {
    std::optional<report::trades_csv_writer> writer;
    if (out.error.empty() && trades_file)
      writer.emplace(trades_file->stream());
    // One pass over each run's fills: trades.csv, the report's first rows, the statistics, the
    // trade analysis.
    for (const auto& r : runs) {
      auto pass = report_pass(
          r.result, prefix_of(r),
          [&](const report::fill_record& f) {
            if (writer)
              writer->write(f);
            if (input.fills.size() < options.html.max_trade_rows)
              input.fills.push_back(f);
            ++out.fills;
          },
          options.analysis);
      if (!pass.error.empty() && out.error.empty())
        out.error = r.name + ": " + pass.error;
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
      if (r.result.stopped || !r.result.ok)
        input.summary.emplace_back(r.name + " status",
                                   r.result.stopped ? "stopped early: partial results"
                                                    : "failed part-way: partial results");
      if (r.result.parameters.mode == "paper") {
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
      trades_file->stream().flush();
      if (!trades_file->stream() && out.error.empty())
        out.error = out.trades_path + ": cannot write";
    }
  }
  input.fill_count = out.fills;

  open(report_file, out.report_path);
  if (out.error.empty() && report_file) {
    // The report takes the analyses for the time of writing and gives them back.
    for (std::size_t i = 0; i < runs.size(); ++i) {
      auto& pass = out.runs[i];
      report::report_run run;
      run.name = runs[i].name;
      run.total_series = input.series.size();
      run.parameters = parameter_tables(runs[i].result.parameters);
      run.analysis = std::move(pass.analysis);
      run.bench = pass.bench;
      input.series.push_back(pass.total);
      for (const auto& series : pass.series)
        input.series.push_back(series);
      input.runs.push_back(std::move(run));
    }
    report::write_html_report(report_file->stream(), input, options.html);
    report_file->stream().flush();
    if (!report_file->stream())
      out.error = out.report_path + ": cannot write";
    for (std::size_t i = 0; i < runs.size(); ++i)
      out.runs[i].analysis = std::move(input.runs[i].analysis);
  }
  open(stats_file, out.stats_path);
  if (out.error.empty() && stats_file) {
    stats_file->stream() << stats_json(runs, out.runs);
    stats_file->stream().flush();
    if (!stats_file->stream())
      out.error = out.stats_path + ": cannot write";
  }
  // Metrics enabled: every sample of every run, one JSON object per line.
  std::string metrics_text;
  for (const auto& r : runs)
    for (const auto& line : r.result.metrics_lines)
      metrics_text += line + "\n";
  std::optional<atomic_file> metrics_file;
  if (!metrics_text.empty()) {
    out.metrics_path = (dir / "metrics.jsonl").string();
    open(metrics_file, out.metrics_path);
    if (out.error.empty() && metrics_file) {
      metrics_file->stream() << metrics_text;
      metrics_file->stream().flush();
      if (!metrics_file->stream())
        out.error = out.metrics_path + ": cannot write";
    }
  }

  // Every file complete: rename them into place (the destructors remove what is left otherwise).
  for (auto* file : {&trades_file, &report_file, &stats_file, &metrics_file})
    if (out.error.empty() && file->has_value())
      out.error = (*file)->commit();
  return out;
}

namespace {

std::string fmt_opt(const std::optional<double>& v, const char* format, double scale = 1.0) {
  return v ? format_fixed(format, *v * scale) : "n/a";
}

void print_row(std::FILE* out, const std::string& run, const std::string& name,
               const report::statistics& st) {
  std::fprintf(out, "%-8s %-20s %7zu %7zu %14.2f %8s %9s %8s\n", run.c_str(), name.c_str(),
               st.fill_count, st.round_trips, st.net_pnl, fmt_opt(st.sharpe, "%.2f").c_str(),
               fmt_opt(std::optional<double>(st.max_drawdown_pct.fraction), "%.1f%%", 100).c_str(),
               fmt_opt(st.win_rate, "%.1f%%", 100).c_str());
}

void print_latency_row(std::FILE* out, const std::string& run, const char* what,
                       const latency_histogram& h) {
  const auto s = summarize(h);
  std::fprintf(out, "%-8s %-16s %8llu %9.1f %9.1f %9.1f %10.1f %9.1f\n", run.c_str(), what,
               static_cast<unsigned long long>(s.count), us(s.p50), us(s.p90), us(s.p99),
               us(s.p999), us(s.max));
}

} // namespace

void print_run_summary(std::FILE* out, const std::vector<named_run>& runs,
                       const run_outputs& outputs) {
  std::fprintf(out, "\n%-8s %-20s %7s %7s %14s %8s %9s %8s\n", "scenario", "strategy", "fills",
               "trips", "net PnL", "Sharpe", "max DD", "win rate");
  std::fprintf(out, "%.*s\n", 88,
               "----------------------------------------------------------------------"
               "------------------------------");
  for (std::size_t i = 0; i < runs.size() && i < outputs.runs.size(); ++i) {
    const auto& pass = outputs.runs[i];
    const auto labels = strategy_labels(runs[i].result.strategies);
    for (std::size_t s = 0; s < pass.series.size(); ++s)
      print_row(out, runs[i].name, s < labels.size() ? labels[s] : pass.series[s].name,
                pass.series[s].stats);
    if (pass.series.size() != 1)
      print_row(out, runs[i].name, "total", pass.total.stats);
  }
  std::fprintf(out, "\n%-8s %10s %10s %12s %14s %10s %12s\n", "scenario", "events", "slices",
               "messages", "wall time [s]", "threads", "events/s");
  bool paper = false;
  for (const auto& r : runs) {
    const auto& s = r.result.summary;
    const double rate = r.result.wall_seconds > 0
                            ? static_cast<double>(events_of(s)) / r.result.wall_seconds
                            : 0.0;
    std::fprintf(out, "%-8s %10llu %10llu %12llu %14.3f %10zu %12.0f\n", r.name.c_str(),
                 static_cast<unsigned long long>(events_of(s)),
                 static_cast<unsigned long long>(s.slices),
                 static_cast<unsigned long long>(s.messages), r.result.wall_seconds,
                 r.result.worker_threads, rate);
    paper = paper || r.result.parameters.mode == "paper";
  }
  for (const auto& r : runs)
    if (r.result.stopped || !r.result.ok)
      std::fprintf(out, "\nPARTIAL: scenario %s %s at data time %s; its results cover the data up "
                        "to there\n",
                   r.name.c_str(), r.result.stopped ? "was stopped" : "failed",
                   r.result.summary.slices ? format_iso8601(r.result.summary.last_ts).c_str()
                                           : "(none)");
  bool supervised = false;
  for (const auto& r : runs)
    for (const auto& e : r.result.supervision_events) {
      if (!supervised)
        std::fprintf(out, "\nsupervision (docs/operations.md):\n");
      supervised = true;
      std::fprintf(out, "%-8s %s at %s: %s -> %s\n", r.name.c_str(), e.participant.c_str(),
                   format_iso8601(e.data_time).c_str(), e.what.c_str(), e.action.c_str());
    }
  if (paper) {
    std::fprintf(out, "\n%-8s %-16s %8s %9s %9s %9s %10s %9s\n", "scenario", "latency [us]",
                 "orders", "p50", "p90", "p99", "p99.9", "max");
    for (const auto& r : runs) {
      print_latency_row(out, r.name, "tick->order", r.result.tick_to_order);
      print_latency_row(out, r.name, "tick->decision", r.result.tick_to_decision);
    }
  }
  for (const auto& r : runs)
    if (!r.result.metrics.empty())
      std::fprintf(out, "\nmetrics of %s (final)\n%s", r.name.c_str(),
                   metrics_table(r.result.metrics).c_str());
}

void print_written(std::FILE* out, const run_outputs& outputs) {
  std::string files;
  for (const auto& path : {outputs.report_path, outputs.stats_path, outputs.metrics_path})
    if (!path.empty())
      files += (files.empty() ? "" : " and ") + path;
  if (!outputs.trades_path.empty())
    std::fprintf(out, "\nWrote %s (%zu fills)%s%s\n", outputs.trades_path.c_str(), outputs.fills,
                 files.empty() ? "" : " and ", files.c_str());
  else
    std::fprintf(out, "\nWrote %s\n", files.c_str());
}

} // namespace bourse
