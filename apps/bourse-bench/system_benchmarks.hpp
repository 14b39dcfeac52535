#pragma once
// Named whole-system benchmarks of bourse-bench, each measured against a baseline in the same run.

#include <functional>
#include <string>
#include <vector>

namespace bourse::bench {

/// One result row: a figure and the baseline it is compared with, measured in the same run.
struct bench_row {
  std::string name;          ///< The row's name, e.g. "pipeline.ticks".
  double value = 0;          ///< The measured figure.
  std::string unit;          ///< Its unit, e.g. "events/s".
  std::string baseline;      ///< What it is compared with, e.g. "bare_loop".
  double baseline_value = 0; ///< The baseline's figure in the same unit.
  double ratio = 0;          ///< value / baseline_value.
};

/// How a benchmark runs.
struct bench_options {
  bool quick = false; ///< Smaller sizes and fewer repetitions (the whole --quick set under 3 minutes).
  std::string plots;  ///< A folder for the study's SVG plots (--plots DIR); empty: no plots.
};

/// A named system benchmark.
struct system_benchmark {
  std::string name;        ///< Its name (rows it writes start with it).
  std::string description; ///< One line for --list.
  /// Runs it; appends rows, or a problem (e.g. results that differ from the baseline's).
  std::function<void(const bench_options&, std::vector<bench_row>&, std::vector<std::string>&)> run;
};

namespace detail {
/// indicators.*: ns per update of every indicator vs a hand-written ring-buffer SMA.
void indicator_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                          std::vector<std::string>& problems);
/// messaging.*: bourse's typed market-data message vs a raw CAF int64, 1 -> 1 and 4 -> 1.
void messaging_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                          std::vector<std::string>& problems);
/// book.direct / book.venue_actor: a mixed order flow through the venue core vs the order book,
/// and through the venue actor (batches of commands) vs the venue core.
void book_system_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                            std::vector<std::string>& problems);
/// memory.stream: peak RSS of the streamed tick backtest at 200,000 ticks vs longer runs (5 M in
/// --quick, 2 M and 20 M otherwise), each in its own child process; memory.stream without orders,
/// memory.stream.trading with the demo's spread strategy.
void memory_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                       std::vector<std::string>& problems);
/// The child side of memory.stream (`bourse-bench --memory-child TICKS quiet|trading`): runs the
/// backtest and prints its fills, equity points and wall time; returns the exit code.
int memory_child(const std::vector<std::string>& args);
/// pipeline.bars: the demo's bar strategies on 1 symbol through the actors vs the bare bar loop.
void bars_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                     std::vector<std::string>& problems);
/// pipeline.parallel: 8 symbols, each with its own strategy and indicators, 2 workers vs 1.
void parallel_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                         std::vector<std::string>& problems);
/// latency.paper: tick -> order latency (p50, p99) of a paper run paced at 1,000 ticks/s vs the
/// same six hops through raw CAF actors forwarding a wall-clock stamp.
void latency_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                        std::vector<std::string>& problems);
/// latency.journal: tick -> order latency (p50, p99) of the latency.paper run with a journal vs
/// the same run without one.
void journal_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                        std::vector<std::string>& problems);
/// pool.symbols_10/_100/_1000: the indicator pool vs one detached indicator actor per symbol
/// (bars/s, peak threads, peak RSS).
void pool_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                     std::vector<std::string>& problems);
} // namespace detail

/// Returns every system benchmark, in --list order.
[[nodiscard]] const std::vector<system_benchmark>& system_benchmarks();

} // namespace bourse::bench
