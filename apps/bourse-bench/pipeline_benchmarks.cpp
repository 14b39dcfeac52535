// pipeline.parallel (and pipeline.bars): multi-symbol bar scenarios through the actor system.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "builder/bar_scenarios.hpp"
#include "system_benchmarks.hpp"

namespace bourse::bench::detail {

namespace {

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs[xs.size() / 2];
}

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoi(v) : fallback;
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
                   result.wall_seconds, result.report.fills.size(),
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

} // namespace bourse::bench::detail
