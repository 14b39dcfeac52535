// pool.symbols_10 / _100 / _1000: the indicator pool (the default when symbols outnumber cores:
// one worker per core, detached) vs one detached indicator actor per symbol, measured in the same
// run on the same bars; fills must be identical. Also the peak thread count and resident memory of
// each run (sampled from /proc/self/status while it runs).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bourse/actors/builder/bar_scenarios.hpp"
#include "bourse/core/numbers.hpp"
#include "study_kit.hpp"
#include "system_benchmarks.hpp"
#include "tick_scenario.hpp"

namespace bourse::bench::detail {

namespace {

struct measured {
  double seconds = 0;
  long peak_threads = 0;
  long peak_rss_kb = 0;
  std::string fills;
  std::string problem;
};

// Runs `sc` while a sampler thread records the peak thread count and the peak growth of RSS over
// its value at the start (the heap of earlier runs stays mapped) every 2 ms.
measured run_sampled(const bar_scenario& sc, const std::vector<market_slice>& slices) {
  measured m;
  std::atomic<bool> done{false};
  const long start_rss = study::read_proc_status().rss_kb;
  std::thread sampler([&] {
    while (!done.load()) {
      const auto now = study::read_proc_status();
      m.peak_threads = std::max(m.peak_threads, now.threads);
      m.peak_rss_kb = std::max(m.peak_rss_kb, now.rss_kb - start_rss);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  auto result = run_bar_scenario(sc, slices);
  done = true;
  sampler.join();
  if (!result.ok) {
    m.problem = result.problems.empty() ? std::string("run failed") : result.problems.front();
    return m;
  }
  m.seconds = result.wall_seconds;
  m.fills = fills_csv(result);
  return m;
}

// `with_baseline` false: the pool only (one actor per symbol at 1,000 symbols takes minutes on a
// small machine; --quick leaves it out and says so in the baseline column).
void pool_row(const bench_options& opts, int symbols, std::uint64_t bars, bool with_baseline,
              std::vector<bench_row>& rows, std::vector<std::string>& problems) {
  const std::string name = "pool.symbols_" + std::to_string(symbols);
  bar_scenario sc;
  sc.symbols = symbols;
  sc.bars = bars;
  sc.threads = 2;
  sc.strategies = {"sma_cross:symbol={s},fast=10,slow=30,qty=10"};
  const auto slices = bar_scenario_slices(sc);
  const int repeats = opts.quick ? 1 : 3;
  std::vector<double> pooled, per_symbol;
  long pool_threads = 0, base_threads = 0, pool_rss = 0, base_rss = 0;
  // The pool runs first unless BOURSE_BENCH_POOL_BASELINE_FIRST=1: a later run reuses the heap
  // the first one left, so only the first run's rss_growth is unbiased (run both orders).
  const char* first = std::getenv("BOURSE_BENCH_POOL_BASELINE_FIRST");
  const bool baseline_first = with_baseline && first != nullptr && std::string(first) == "1";
  const bool order[2] = {!baseline_first, baseline_first};
  bool baseline_failed = false;
  for (int i = 0; i < repeats; ++i) {
    std::string reference; // the fills of the repeat's first run
    for (bool pool : order) {
      if ((!pool && !with_baseline) || (!pool && baseline_failed))
        continue;
      sc.indicator_pool.hosting = pool ? indicator_hosting::pool : indicator_hosting::per_symbol;
      std::fprintf(stderr, "%s: run %d/%d, %s (%d symbols x %llu bars)\n", name.c_str(), i + 1,
                   repeats, pool ? "pool" : "one actor per symbol", symbols,
                   static_cast<unsigned long long>(bars));
      auto m = run_sampled(sc, slices);
      if (!m.problem.empty()) {
        problems.push_back(name + ": " + (pool ? "pool" : "one actor per symbol") + ": " +
                           m.problem);
        if (pool)
          return;
        baseline_failed = true;
        continue;
      }
      std::fprintf(stderr, "  %.3f s, peak threads %ld, RSS growth %.1f MB\n", m.seconds,
                   m.peak_threads, m.peak_rss_kb / 1024.0);
      if (pool) {
        pooled.push_back(m.seconds);
        pool_threads = std::max(pool_threads, m.peak_threads);
        pool_rss = std::max(pool_rss, m.peak_rss_kb);
      } else {
        per_symbol.push_back(m.seconds);
        base_threads = std::max(base_threads, m.peak_threads);
        base_rss = std::max(base_rss, m.peak_rss_kb);
      }
      if (reference.empty())
        reference = m.fills;
      else if (m.fills != reference) {
        problems.push_back(name + ": the pool's fills differ from one actor per symbol's");
        return;
      }
    }
  }
  const double total = static_cast<double>(bars) * symbols;
  const double pool_rate = total / median(pooled);
  if (baseline_failed || per_symbol.empty()) {
    const std::string what = baseline_failed ? "actor_per_symbol_failed" : "not_measured";
    rows.push_back({name, pool_rate, "bars/s", what, 0, 0});
    rows.push_back({name + ".threads", static_cast<double>(pool_threads), "threads", what, 0, 0});
    rows.push_back({name + ".rss_growth", pool_rss / 1024.0, "MB", what, 0, 0});
    return;
  }
  const double base_rate = total / median(per_symbol);
  rows.push_back({name, pool_rate, "bars/s", "actor_per_symbol", base_rate, pool_rate / base_rate});
  rows.push_back({name + ".threads", static_cast<double>(pool_threads), "threads",
                  "actor_per_symbol", static_cast<double>(base_threads),
                  static_cast<double>(pool_threads) / static_cast<double>(base_threads)});
  rows.push_back({name + ".rss_growth", pool_rss / 1024.0, "MB", "actor_per_symbol",
                  base_rss / 1024.0,
                  static_cast<double>(pool_rss) / static_cast<double>(base_rss)});
}

} // namespace

void pool_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                     std::vector<std::string>& problems) {
  // One size only (e.g. to study a larger one): BOURSE_BENCH_POOL_SYMBOLS and _BARS.
  if (const char* n = std::getenv("BOURSE_BENCH_POOL_SYMBOLS")) {
    const char* b = std::getenv("BOURSE_BENCH_POOL_BARS");
    auto symbols = parse_whole_number(n, 1, 100'000);
    auto bars = parse_whole_number(b ? b : "100", 1, 100'000'000);
    if (!symbols || !bars) {
      problems.push_back("pool: BOURSE_BENCH_POOL_SYMBOLS/_BARS must be whole numbers");
      return;
    }
    pool_row(opts, static_cast<int>(*symbols), *bars, true, rows, problems);
    return;
  }
  pool_row(opts, 10, opts.quick ? 2'000 : 20'000, true, rows, problems);
  pool_row(opts, 100, opts.quick ? 200 : 2'000, true, rows, problems);
  pool_row(opts, 1000, 40, !opts.quick, rows, problems); // one actor per symbol: ~50 s a run
}

} // namespace bourse::bench::detail
