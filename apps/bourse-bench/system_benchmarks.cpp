// The whole-system benchmarks: the actor backtest against the bare loop over the same cores.
#include "system_benchmarks.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "bare_loop.hpp"
#include "study_benchmarks.hpp"
#include "bourse/report/trades_csv.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/actors/market_data/memory_feed.hpp"
#include "tick_scenario.hpp"

namespace bourse::bench {

namespace {

std::string trades_csv(std::vector<fill> fills) {
  run_result r;
  r.report.fills = std::move(fills);
  r.strategies = {{1, "cross_venue_spread"}};
  std::ostringstream out;
  report::write_trades_csv(out, fill_records(r));
  return out.str();
}

struct actor_run {
  double seconds = 0;
  run_summary summary;
  std::vector<fill> fills;
  std::string problem;
};

// The demo's tick scenario through the actor system on `threads` workers.
actor_run run_actors(const std::vector<market_slice>& slices, int threads) {
  system_config cfg;
  cfg.set("scheduler.max-threads", threads);
  trading_system ts{cfg};
  ts.add_slices(slices);
  add_tick_scenario(ts);
  if (std::getenv("BOURSE_BENCH_METRICS") != nullptr) { // measures the cost of --metrics
    metrics_options m;
    m.enabled = true;
    ts.set_metrics(m);
  }
  auto result = ts.run();
  actor_run out;
  out.seconds = result.wall_seconds;
  out.summary = result.summary;
  out.fills.reserve(result.fill_count());
  if (auto error = result.for_each_fill([&](const fill& f) { out.fills.push_back(f); });
      !error.empty())
    out.problem = error;
  if (!result.ok)
    out.problem = result.problems.empty() ? "run failed" : result.problems.front();
  return out;
}

void pipeline_ticks(const bench_options& opts, std::vector<bench_row>& rows,
                    std::vector<std::string>& problems) {
  const std::uint64_t ticks = opts.quick ? 200'000 : 2'000'000;
  const int repeats = opts.quick ? 3 : 5;
  auto slices = cross_venue_slices(42, ticks);
  bare_setup setup;
  setup.slices = &slices;
  setup.venues = {tick_venue("SIM-A", "ETH.A").settings, tick_venue("SIM-B", "ETH.B").settings};
  setup.listings = tick_listings();
  setup.strategy = spread_spec;
  setup.strategy_name = "cross_venue_spread";
  std::vector<double> actor_s, bare_s;
  for (int i = 0; i < repeats; ++i) {
    std::fprintf(stderr, "pipeline.ticks: run %d/%d (%llu ticks)\n", i + 1, repeats,
                 static_cast<unsigned long long>(ticks));
    auto started = std::chrono::steady_clock::now();
    auto bare_fills = run_bare_loop(setup);
    bare_s.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    auto actors = run_actors(slices, 1);
    if (!actors.problem.empty()) {
      problems.push_back("pipeline.ticks: " + actors.problem);
      return;
    }
    actor_s.push_back(actors.seconds);
    std::fprintf(stderr, "  %.3f s, %zu fills, %llu sweeps, %llu steps, %llu messages\n",
                 actors.seconds, actors.fills.size(),
                 static_cast<unsigned long long>(actors.summary.waves),
                 static_cast<unsigned long long>(actors.summary.steps),
                 static_cast<unsigned long long>(actors.summary.messages));
    if (i == 0 && trades_csv(actors.fills) != trades_csv(bare_fills)) {
      problems.push_back("pipeline.ticks: the actor system's fills (" +
                         std::to_string(actors.fills.size()) + ") differ from the bare loop's (" +
                         std::to_string(bare_fills.size()) + ")");
      return;
    }
  }
  const double n = static_cast<double>(ticks);
  const double actor_rate = n / median(actor_s);
  const double bare_rate = n / median(bare_s);
  rows.push_back({"pipeline.ticks", actor_rate, "events/s", "bare_loop", bare_rate,
                  actor_rate / bare_rate});
  const double overhead_us = 1e6 / actor_rate - 1e6 / bare_rate;
  const double bare_us = 1e6 / bare_rate;
  rows.push_back({"pipeline.ticks.overhead", overhead_us, "us/event", "bare_loop", bare_us,
                  overhead_us / bare_us});
}

} // namespace

const std::vector<system_benchmark>& system_benchmarks() {
  static const std::vector<system_benchmark> all = {
      {"pipeline.ticks",
       "the demo's cross-venue tick backtest through the actors (1 worker) vs a bare loop over the "
       "same cores; fills must be identical",
       pipeline_ticks},
      {"pipeline.bars",
       "GBM minute bars of one symbol, the demo's sma_cross and rsi_reversion (3 indicators on a "
       "detached actor), 1 worker, vs a bare loop over the same cores; fills must be identical",
       detail::bars_benchmarks},
      {"pipeline.parallel",
       "8 symbols of GBM minute bars, each with its own sma_cross strategy and indicators, one "
       "order manager and venue: 2 workers vs 1; fills must be identical",
       detail::parallel_benchmarks},
      {"pool", "10, 100 and 1,000 symbols of GBM minute bars with an sma_cross each, 2 workers: the "
               "indicator pool (one detached worker per core) vs one detached indicator actor per "
               "symbol; bars/s, peak threads and RSS; fills must be identical",
       detail::pool_benchmarks},
      {"book", "a mixed order flow (55 % passive adds, 30 % cancels, 10 % marketable, 5 % "
               "replaces): the venue core vs the order book alone (book.direct), the venue actor "
               "fed batches of 256 commands vs the venue core (book.venue_actor)",
       detail::book_system_benchmarks},
      {"indicators", "ns per update of every indicator through indicators::indicator (what the "
                     "indicator actor calls) vs a hand-written ring-buffer SMA(14)",
       detail::indicator_benchmarks},
      {"messaging", "bourse's typed quote_batch to a typed listener vs a raw CAF int64, 1->1 and "
                    "4->1, one worker",
       detail::messaging_benchmarks},
      {"memory.stream", "peak RSS of the streamed cross-venue tick backtest (1 worker), each run in "
                        "a child process: 200k ticks vs 5M (--quick) or 2M and 20M; without "
                        "orders, and .trading with the demo's strategy",
       detail::memory_benchmarks},
      {"latency.paper", "tick -> order latency (p50, p99) of a paper run paced at 1,000 ticks/s "
                        "vs the same six hops through raw CAF actors, same scheduler settings",
       detail::latency_benchmarks},
      {"latency.journal", "tick -> order latency (p50, p99) of the latency.paper run journaling "
                          "to SQLite vs the same run without a journal",
       detail::journal_benchmarks},
      {"study.tipping", "scheduling study: 1,000 tasks (100 in --quick) from pure waiting to pure "
                        "computing as cooperative actors, detached actors, a pool and std::threads; "
                        "throughput and an I/O actor's ping p90 vs the best model",
       detail::study_tipping},
      {"study.parallel", "scheduling study: SMA/RSI/BBANDS over 100 symbols x 10k bars on 1, 2, 4, "
                         "8 workers (threads and actors) vs sequential",
       detail::study_parallel},
      {"study.memory", "scheduling study: RSS and threads of 1,000 idle cooperative actors, "
                       "detached actors and std::threads",
       detail::study_memory},
      {"study.protect_io", "scheduling study: an I/O actor's ping p50/p90/p99 and the indicator "
                           "throughput with heavy indicator actors detached vs cooperative",
       detail::study_protect_io},
      {"study.hot_switch", "scheduling study: bars/s of an indicator pool with automatic hot "
                           "switching vs static placement, by the number and placement of heavy "
                           "indicator sets",
       detail::study_hot_switch},
  };
  return all;
}

} // namespace bourse::bench
