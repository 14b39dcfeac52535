// pipeline.parallel (and pipeline.bars): multi-symbol bar scenarios through the actor system.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bare_loop.hpp"
#include "bourse/actors/builder/bar_scenarios.hpp"
#include "bourse/core/numbers.hpp"
#include "system_benchmarks.hpp"
#include "tick_scenario.hpp"

namespace bourse::bench::detail {

namespace {

// Reads a whole number from 0 to 100000000 from the environment; anything else is refused loudly
// (the fallback is used and a line says so).
int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr)
    return fallback;
  auto n = parse_whole_number(v, 0, 100'000'000);
  if (!n) {
    std::fprintf(stderr,
                 "bourse-bench: %s='%s' is not a whole number from 0 to 100000000; using %d\n",
                 name, v, fallback);
    return fallback;
  }
  return static_cast<int>(*n);
}

} // namespace

void parallel_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                         std::vector<std::string>& problems) {
  bar_scenario sc;
  sc.symbols = 8;
  sc.bars = opts.quick ? 20'000 : 100'000;
  sc.bars = static_cast<std::uint64_t>(env_int("BOURSE_BENCH_BARS", static_cast<int>(sc.bars)));
  sc.detached_indicators = env_int("BOURSE_BENCH_DETACHED", 1) != 0;
  sc.parallel_steps = env_int("BOURSE_BENCH_PARALLEL", 1) != 0;
  // BOURSE_BENCH_INDICATOR_POOL: 0 one indicator actor per symbol, 1 the pool; unset: the default.
  if (std::getenv("BOURSE_BENCH_INDICATOR_POOL"))
    sc.indicator_pool.hosting = env_int("BOURSE_BENCH_INDICATOR_POOL", 0) != 0
                                    ? indicator_hosting::pool
                                    : indicator_hosting::per_symbol;
  if (const char* spec = std::getenv("BOURSE_BENCH_STRATEGY"))
    sc.strategies = {spec};
  const int repeats = opts.quick ? 3 : 5;
  std::vector<double> one, two;
  std::string reference;
  for (int i = 0; i < repeats; ++i) {
    for (int threads : {1, 2}) {
      std::fprintf(stderr, "pipeline.parallel: run %d/%d, %d worker(s) (%d symbols x %llu bars)\n",
                   i + 1, repeats, threads, sc.symbols,
                   static_cast<unsigned long long>(sc.bars));
      sc.threads = threads;
      auto result = run_bar_scenario(sc);
      if (!result.ok) {
        problems.push_back("pipeline.parallel: " +
                           (result.problems.empty() ? std::string("run failed")
                                                    : result.problems.front()));
        return;
      }
      std::fprintf(stderr, "  %.3f s, %zu fills, %llu sweeps, %llu steps, %llu messages\n",
                   result.wall_seconds, result.fill_count(),
                   static_cast<unsigned long long>(result.summary.waves),
                   static_cast<unsigned long long>(result.summary.steps),
                   static_cast<unsigned long long>(result.summary.messages));
      auto csv = fills_csv(result);
      if (reference.empty())
        reference = csv;
      else if (csv != reference) {
        problems.push_back("pipeline.parallel: the fills with " + std::to_string(threads) +
                           " workers differ from the first run's");
        return;
      }
      (threads == 1 ? one : two).push_back(result.wall_seconds);
    }
  }
  const double bars = static_cast<double>(sc.bars) * sc.symbols;
  const double r1 = bars / median(one);
  const double r2 = bars / median(two);
  rows.push_back({"pipeline.parallel", r2, "bars/s", "1_worker", r1, r2 / r1});
}

void bars_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                     std::vector<std::string>& problems) {
  // The demo's bar strategies (3 indicators: sma:20, sma:100, rsi:14 on their detached actor).
  bar_scenario sc;
  sc.symbols = 1;
  sc.bars = opts.quick ? 200'000 : 1'000'000;
  sc.strategies = {"sma_cross:symbol={s},fast=20,slow=100,qty=10",
                   "rsi_reversion:symbol={s},period=14,lower=30,upper=70,qty=10"};
  sc.threads = 1;
  const int repeats = opts.quick ? 3 : 5;
  const auto slices = bar_scenario_slices(sc);
  bare_bar_setup bare;
  bare.slices = &slices;
  bare.venue = bar_scenario_venue(sc).settings;
  bare.strategies = bar_scenario_strategies(sc);
  std::vector<double> actor_s, bare_s;
  for (int i = 0; i < repeats; ++i) {
    std::fprintf(stderr, "pipeline.bars: run %d/%d (%llu bars)\n", i + 1, repeats,
                 static_cast<unsigned long long>(sc.bars));
    const auto started = std::chrono::steady_clock::now();
    auto bare_fills = run_bare_bar_loop(bare);
    bare_s.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    auto result = run_bar_scenario(sc, slices);
    if (!result.ok) {
      problems.push_back("pipeline.bars: " + (result.problems.empty() ? std::string("run failed")
                                                                      : result.problems.front()));
      return;
    }
    actor_s.push_back(result.wall_seconds);
    std::fprintf(stderr, "  %.3f s, %zu fills, %llu sweeps, %llu steps, %llu messages\n",
                 result.wall_seconds, result.fill_count(),
                 static_cast<unsigned long long>(result.summary.waves),
                 static_cast<unsigned long long>(result.summary.steps),
                 static_cast<unsigned long long>(result.summary.messages));
    if (i == 0) {
      run_result reference;
      reference.strategies = result.strategies;
      reference.report.fills = std::move(bare_fills);
      if (fills_csv(reference) != fills_csv(result)) {
        problems.push_back("pipeline.bars: the actor system's fills (" +
                           std::to_string(result.report.fills.size()) +
                           ") differ from the bare loop's (" +
                           std::to_string(reference.report.fills.size()) + ")");
        return;
      }
    }
  }
  const double n = static_cast<double>(sc.bars);
  const double actor_rate = n / median(actor_s);
  const double bare_rate = n / median(bare_s);
  rows.push_back({"pipeline.bars", actor_rate, "bars/s", "bare_loop", bare_rate,
                  actor_rate / bare_rate});
}

} // namespace bourse::bench::detail
