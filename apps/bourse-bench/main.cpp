// bourse-bench: whole-system benchmarks against baselines measured in the same run
// (`bourse-bench --list`, `bourse-bench NAME...`, `--quick`, `--json FILE`), and the Google Benchmark
// suite of the matching engine (`bourse-bench` alone, or with --benchmark_* flags).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "bourse/core/atomic_file.hpp"
#include "bourse/logging/exit_codes.hpp"
#include "bourse/logging/logging.hpp"
#include "system_benchmarks.hpp"

namespace {

using bourse::bench::bench_row;

const char* usage =
    "bourse-bench: benchmarks of the whole system and of the matching engine\n"
    "\n"
    "usage: bourse-bench [--quick] [--json FILE] [NAME...]   system benchmarks (all when no NAME)\n"
    "       bourse-bench --list                              the system benchmarks' names\n"
    "       bourse-bench [--benchmark_* flags]               the matching engine's Google "
    "Benchmark\n"
    "                                                        suite (the default without "
    "arguments)\n"
    "\n"
    "  --quick        smaller sizes and fewer repetitions\n"
    "  --plots DIR    the study rows (study.*) write their SVG plots into DIR (created if\n"
    "                 missing; each file written whole or not at all)\n"
    "  --json FILE    also write the rows as a JSON array of\n"
    "                 {name, value, unit, baseline, baseline_value, ratio}\n"
    "  --log-level LEVELS  trace, debug, info, warn (default), error, critical or off, or a list\n"
    "                 such as warn,venue=debug; replaces SPDLOG_LEVEL when given (log lines go\n"
    "                 to standard error, the table to standard output)\n"
    "  --help         this text\n"
    "\n"
    "Every row is a figure and the baseline it is compared with, both measured in this run.\n"
    "Exit status: 0 ok, 1 a benchmark failed (e.g. results differ from the baseline's) or the "
    "JSON\n"
    "file (written whole or not at all), a --plots file or standard output could not be written,\n"
    "2 usage error (unknown option or name, bad value, a --plots folder that cannot be created,\n"
    "bad --log-level or SPDLOG_LEVEL). SIGINT or SIGTERM end it at once (130 or 143 as the\n"
    "shell reports it; the --json file stays absent).\n";

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

// Writes the rows to `path` whole or not at all (bourse/core/atomic_file.hpp); returns the problem
// naming the file, or "".
std::string write_json(const std::string& path, const std::vector<bench_row>& rows) {
  std::string text = "[\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "  {\"name\": %s, \"value\": %.6g, \"unit\": %s, \"baseline\": %s, "
                  "\"baseline_value\": %.6g, \"ratio\": %.6g}%s\n",
                  json_string(r.name).c_str(), r.value, json_string(r.unit).c_str(),
                  json_string(r.baseline).c_str(), r.baseline_value, r.ratio,
                  i + 1 < rows.size() ? "," : "");
    text += buf;
  }
  text += "]\n";
  return bourse::write_file_atomically(path, text);
}

// Flushes standard output; false (with a message) when it could not be written.
bool stdout_ok() {
  if (std::fflush(stdout) == 0 && !std::ferror(stdout))
    return true;
  std::fprintf(stderr, "bourse-bench: standard output: write failed\n");
  return false;
}

int run_google_benchmark(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return bourse::exit_usage;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return stdout_ok() ? bourse::exit_ok : bourse::exit_failure;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "--memory-child") // hidden: one run of memory.stream
    return bourse::bench::detail::memory_child({args.begin() + 1, args.end()});
  bool google = args.empty();
  for (const auto& a : args)
    google = google || a.rfind("--benchmark_", 0) == 0;
  if (google)
    return run_google_benchmark(argc, argv);

  bourse::bench::bench_options opts;
  std::string json;
  std::vector<std::string> names;
  bool list = false;
  std::optional<std::string> log_level;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(usage, stdout);
      return stdout_ok() ? bourse::exit_ok : bourse::exit_failure;
    } else if (a == "--log-level" || a.rfind("--log-level=", 0) == 0) {
      if (a == "--log-level" && i + 1 >= args.size()) {
        std::fprintf(stderr,
                     "bourse-bench: --log-level needs a value\nTry 'bourse-bench --help'.\n");
        return bourse::exit_usage;
      }
      log_level = a == "--log-level" ? args[++i] : a.substr(12);
    } else if (a == "--list") {
      list = true;
    } else if (a == "--quick") {
      opts.quick = true;
    } else if (a == "--json") {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        std::fprintf(stderr,
                     "bourse-bench: --json needs a file name\nTry 'bourse-bench --help'.\n");
        return bourse::exit_usage;
      }
      json = args[++i];
    } else if (a == "--plots") {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        std::fprintf(stderr,
                     "bourse-bench: --plots needs a folder name\nTry 'bourse-bench --help'.\n");
        return bourse::exit_usage;
      }
      opts.plots = args[++i];
    } else if (a.rfind("--", 0) == 0) {
      std::fprintf(stderr, "bourse-bench: unknown option %s\nTry 'bourse-bench --help'.\n",
                   a.c_str());
      return bourse::exit_usage;
    } else {
      names.push_back(a);
    }
  }
  if (std::vector<std::string> problems; !bourse::configure_logging(log_level, problems)) {
    std::fprintf(stderr, "bourse-bench: %s\nTry 'bourse-bench --help'.\n",
                 problems.front().c_str());
    return bourse::exit_usage;
  }
  // Child processes (memory.stream) log at the same levels.
  if (log_level)
    ::setenv("SPDLOG_LEVEL", log_level->c_str(), 1);
  const auto& all = bourse::bench::system_benchmarks();
  if (list) {
    for (const auto& b : all)
      std::printf("%-24s %s\n", b.name.c_str(), b.description.c_str());
    return stdout_ok() ? bourse::exit_ok : bourse::exit_failure;
  }
  std::vector<const bourse::bench::system_benchmark*> chosen;
  for (auto n : names) {
    if (n.size() > 2 && n.compare(n.size() - 2, 2, ".*") == 0)
      n.resize(n.size() - 2); // "indicators.*" names the group
    bool found = false;
    for (const auto& b : all)
      // A benchmark's own name, a group prefix ("pipeline"), or one of its rows ("indicators.rsi").
      if ((b.name == n || b.name.rfind(n + ".", 0) == 0 || n.rfind(b.name + ".", 0) == 0) &&
          std::find(chosen.begin(), chosen.end(), &b) == chosen.end()) {
        chosen.push_back(&b);
        found = true;
      } else if (std::find(chosen.begin(), chosen.end(), &b) != chosen.end() &&
                 (b.name == n || n.rfind(b.name + ".", 0) == 0)) {
        found = true;
      }
    if (!found) {
      std::fprintf(stderr, "bourse-bench: no benchmark named %s (see --list)\n", n.c_str());
      return bourse::exit_usage;
    }
  }
  if (names.empty())
    for (const auto& b : all)
      chosen.push_back(&b);
  if (!json.empty()) {
    auto dir = std::filesystem::path(json).parent_path();
    if (!dir.empty() && !std::filesystem::is_directory(dir)) {
      std::fprintf(stderr, "bourse-bench: --json %s: folder %s does not exist\n", json.c_str(),
                   dir.string().c_str());
      return bourse::exit_usage;
    }
  }

  if (!opts.plots.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(opts.plots, ec);
    if (!std::filesystem::is_directory(opts.plots)) {
      std::fprintf(stderr, "bourse-bench: --plots %s: cannot create the folder\n",
                   opts.plots.c_str());
      return bourse::exit_usage;
    }
  }

  std::vector<bench_row> rows;
  std::vector<std::string> problems;
  for (const auto* b : chosen)
    b->run(opts, rows, problems);
  std::printf("%-26s %14s %-10s %-12s %14s %8s\n", "name", "value", "unit", "baseline",
              "baseline", "ratio");
  for (const auto& r : rows)
    std::printf("%-26s %14.4g %-10s %-12s %14.4g %8.3f\n", r.name.c_str(), r.value, r.unit.c_str(),
                r.baseline.c_str(), r.baseline_value, r.ratio);
  for (const auto& p : problems)
    std::fprintf(stderr, "bourse-bench: %s\n", p.c_str());
  if (!json.empty())
    if (auto problem = write_json(json, rows); !problem.empty()) {
      std::fprintf(stderr, "bourse-bench: --json %s\n", problem.c_str());
      return bourse::exit_failure;
    }
  if (!stdout_ok())
    return bourse::exit_failure;
  return problems.empty() ? bourse::exit_ok : bourse::exit_failure;
}
