// study.hot_switch: when does the indicator pool's automatic hot switching pay? (study_benchmarks.hpp,
// docs/scheduling.md, "Hot switching").
//
// A backtest of S symbols through the whole actor system with every symbol's indicators in one
// indicator pool of W detached workers. Most symbols are light (sma:10, rsi:14); H of them also
// carry K cci:1000 indicators (an O(N) update: ~60 us per bar once warmed up, K calibrated at
// start), i.e. heavy sets that appear after 1,000 bars. Each case runs with the pool's placement
// fixed ("static") and with the automatic cost policy (`switching.by_cost`, default thresholds:
// a set costing >= 20 us per bar gets a thread of its own); the figure is bars/s of the automatic
// run, the baseline the static run of the same case in the same process, runs alternating. The
// values every strategy receives are summed bit for bit; the two runs of a case must agree.
//
// Cases: H = 0 .. 8 heavy sets, placed "spread" (S0, S1, ...: the pool's round-robin deal gives the
// workers equal shares) or "clustered" (S0, S2, S4, ...: with 2 workers the deal puts every heavy
// set on worker 0), with W = cores workers; and W = 1 (one worker: the heavy sets queue with all
// the light ones).
#include "study_benchmarks.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bourse/actors/builder/bar_scenarios.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/strategy/strategy.hpp"
#include "study_chart.hpp"
#include "study_kit.hpp"

namespace bourse::bench::detail {

using namespace study;

namespace {

// Asks for `specs` of `symbol` and sums every value it receives, in order (a bit-exact fingerprint
// of what the pool computed and published).
class value_summer final : public strategy {
public:
  value_summer(std::string symbol, std::vector<std::string> specs, double* sum)
      : symbol_(std::move(symbol)), specs_(std::move(specs)), sum_(sum) {}

  strategy_spec requirements() const override {
    strategy_spec spec;
    for (const auto& s : specs_)
      spec.indicators.push_back({symbol_, s});
    return spec;
  }

protected:
  void on_indicator(const indicator_update& update) override {
    for (std::size_t i = 0; i < update.size(); ++i)
      *sum_ += update.values[i];
  }

private:
  std::string symbol_;
  std::vector<std::string> specs_;
  double* sum_;
};

struct hot_case {
  int symbols = 32;
  std::uint64_t bars = 4000;
  std::size_t workers = 2;
  std::vector<bool> heavy; // per symbol
  std::size_t heavy_specs = 1;
};

struct hot_run {
  double bars_per_second = 0;
  double fingerprint = 0;
  std::uint64_t final_workers = 0; // pool workers + sets on threads of their own, at the end
  std::string problem;
};

hot_run run_case(const hot_case& c, bool automatic, const std::vector<market_slice>& slices,
                 const venue_config& venue) {
  hot_run out;
  system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  trading_system ts{cfg};
  ts.add_slices(slices);
  ts.add_venue(venue);
  std::vector<double> sums(static_cast<std::size_t>(c.symbols), 0.0);
  for (int i = 0; i < c.symbols; ++i) {
    std::vector<std::string> specs = {"sma:10", "rsi:14"};
    if (c.heavy[static_cast<std::size_t>(i)])
      for (std::size_t k = 0; k < c.heavy_specs; ++k)
        specs.push_back("cci:" + std::to_string(1000 + k)); // distinct specs, similar cost
    strategy_actor_config sc;
    sc.id = static_cast<strategy_id>(i + 1);
    sc.name = "summer S" + std::to_string(i);
    ts.add_strategy(std::make_unique<value_summer>("S" + std::to_string(i), std::move(specs),
                                                   &sums[static_cast<std::size_t>(i)]),
                    sc);
  }
  indicator_pool_settings pool;
  pool.hosting = indicator_hosting::pool;
  pool.sizing.workers = c.workers;
  pool.workers_detached = true;
  pool.switching.by_cost = automatic;
  ts.set_indicator_pool(pool);
  metrics_options metrics;
  metrics.enabled = true;
  metrics.interval = std::chrono::hours(1); // the final sample only
  ts.set_metrics(metrics);
  auto result = ts.run();
  if (!result.ok) {
    out.problem = result.problems.empty() ? std::string("run failed") : result.problems.front();
    return out;
  }
  out.bars_per_second = static_cast<double>(c.bars) * c.symbols / result.wall_seconds;
  for (double s : sums)
    out.fingerprint += s;
  for (const auto& m : result.metrics)
    if (m.actor.find("indicator") != std::string::npos)
      out.final_workers = std::max<std::uint64_t>(out.final_workers, m.metrics.workers);
  return out;
}

// Returns how many cci:1000 updates cost about `target_ns` on this machine (the fastest of 5).
std::size_t calibrate_heavy_specs(double target_ns) {
  const auto bars = make_bars(4096, 5);
  auto ind = std::move(*indicators::make_indicator("cci:1000").value);
  std::size_t cursor = 0;
  indicator_work(ind, bars, cursor, 1000); // warm up: the O(N) part starts once it is full
  const std::size_t probe = 2000;
  double best = 1e18;
  volatile double sink = 0;
  for (int r = 0; r < 5; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    sink = sink + indicator_work(ind, bars, cursor, probe);
    best = std::min(best, std::chrono::duration<double, std::nano>(
                              std::chrono::steady_clock::now() - t0)
                                  .count() /
                              static_cast<double>(probe));
  }
  return std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(target_ns / best)), 1, 64);
}

} // namespace

void study_hot_switch(const bench_options& opts, std::vector<bench_row>& rows,
                      std::vector<std::string>& problems) {
  const int symbols = opts.quick ? 16 : 32;
  const std::uint64_t bars = opts.quick ? 2000 : 4000;
  const int repeats = opts.quick ? 1 : 5; // runs of 0.2-2 s: medians of 5
  const std::size_t workers = static_cast<std::size_t>(std::max(1, cores()));
  const std::size_t heavy_specs = calibrate_heavy_specs(60'000.0);
  const std::vector<int> heavies =
      opts.quick ? std::vector<int>{0, 2} : std::vector<int>{0, 1, 2, 3, 4, 8};
  struct layout {
    const char* name;
    std::size_t workers;
    bool clustered;
  };
  std::vector<layout> layouts = {{"clustered", workers, true}};
  if (!opts.quick) {
    layouts.insert(layouts.begin(), {"spread", workers, false});
    if (workers > 1)
      layouts.push_back({"one_worker", 1, false});
  }
  std::fprintf(stderr,
               "study.hot_switch: %d symbols x %llu bars through the actor system, indicators in a "
               "pool; heavy sets add %zu x cci:1000 (~60 us per bar once warm); static placement vs "
               "the automatic policy (20 us per bar -> own thread); 2 scheduler threads\n",
               symbols, static_cast<unsigned long long>(bars), heavy_specs);
  bar_scenario sc;
  sc.symbols = symbols;
  sc.bars = bars;
  const auto slices = bar_scenario_slices(sc);
  const auto venue = bar_scenario_venue(sc);
  chart_series series[3];
  for (const auto& lay : layouts) {
    chart_series line{std::string(lay.name == std::string("one_worker")
                                      ? "1 worker"
                                      : std::to_string(lay.workers) + " workers, heavy " +
                                            lay.name),
                      {},
                      false};
    for (int h : heavies) {
      // Clustered sets are S0, S(W), S(2W), ...: they must exist (many cores, few symbols).
      if (h > symbols / 2 || (lay.clustered && h > 0 &&
                              static_cast<std::size_t>(h - 1) * lay.workers >=
                                  static_cast<std::size_t>(symbols)))
        continue;
      hot_case c;
      c.symbols = symbols;
      c.bars = bars;
      c.workers = lay.workers;
      c.heavy_specs = heavy_specs;
      c.heavy.assign(static_cast<std::size_t>(symbols), false);
      for (int i = 0; i < h; ++i)
        c.heavy[static_cast<std::size_t>(lay.clustered ? i * static_cast<int>(lay.workers) : i)] =
            true;
      std::vector<double> fixed, autos;
      double reference = 0;
      bool have_reference = false;
      std::uint64_t moved_workers = 0;
      std::string name = std::string("study.hot_switch.") + lay.name + ".heavy_" +
                         std::to_string(h);
      bool failed = false;
      for (int r = 0; r < repeats && !failed; ++r)
        for (bool automatic : {false, true}) {
          auto run = run_case(c, automatic, slices, venue);
          if (!run.problem.empty()) {
            problems.push_back(name + ": " + run.problem);
            failed = true;
            break;
          }
          if (!have_reference) {
            reference = run.fingerprint;
            have_reference = true;
          } else if (std::memcmp(&reference, &run.fingerprint, sizeof reference) != 0) {
            problems.push_back(name + ": the values differ between runs (static vs automatic)");
            failed = true;
            break;
          }
          (automatic ? autos : fixed).push_back(run.bars_per_second);
          if (automatic)
            moved_workers = run.final_workers;
          std::fprintf(stderr, "study.hot_switch: %s run %d/%d %s: %.0f bars/s, workers+own "
                               "threads at the end %llu\n",
                       name.c_str(), r + 1, repeats, automatic ? "automatic" : "static",
                       run.bars_per_second, static_cast<unsigned long long>(run.final_workers));
        }
      if (failed)
        continue;
      const double a = median_of(autos), f = median_of(fixed);
      rows.push_back({name, a, "bars/s", "static", f, a / f});
      rows.push_back({name + ".threads", static_cast<double>(moved_workers), "workers+own",
                      "static", static_cast<double>(lay.workers),
                      static_cast<double>(moved_workers) / static_cast<double>(lay.workers)});
      line.points.emplace_back(h, a / f);
    }
    const std::size_t index = static_cast<std::size_t>(&lay - layouts.data());
    series[index] = std::move(line);
  }
  xy_chart chart{"Automatic hot switching: bars/s vs static placement (" +
                     std::to_string(symbols) + " symbols, " + std::to_string(workers) + " cores)",
                 "heavy indicator sets",
                 "speedup (automatic / static)",
                 false,
                 {}};
  for (std::size_t i = 0; i < layouts.size(); ++i)
    chart.series.push_back(std::move(series[i]));
  if (!chart.series.empty() && !chart.series.front().points.empty()) {
    chart_series one{"no change (1.0)", {}, true};
    for (const auto& p : chart.series.front().points)
      one.points.emplace_back(p.first, 1.0);
    chart.series.push_back(std::move(one));
  }
  plot(opts, "hot_switch.svg", chart, problems);
}

} // namespace bourse::bench::detail
