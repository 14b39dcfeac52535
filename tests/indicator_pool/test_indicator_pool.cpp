// Shows that the indicator pool changes where indicators are computed, never what strategies see:
// a 12-symbol bar system with an sma_cross and an rsi_reversion strategy per symbol gives the same
// trade log and positions with one indicator actor per symbol and with the pool of 1, 2 or 4
// workers (detached and cooperative), sized by load, or with every symbol's set forced between the
// pool and a thread of its own every few bars or by measured cost (hot switching), on 1, 2 and 4
// scheduler threads;
// that the pool reports its size and queue in the metrics; and that it works in paper mode.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/actors/builder/bar_scenarios.hpp"
#include "bourse/actors/builder/trading_system.hpp"

using namespace bourse;

namespace {

bar_scenario scenario_of(int threads) {
  bar_scenario sc;
  sc.symbols = 12;
  sc.bars = 400;
  sc.threads = threads;
  sc.window = 64;
  sc.strategies = {"sma_cross:symbol={s},fast=5,slow=20,qty=3,mode=long_short",
                   "rsi_reversion:symbol={s},period=7,lower=35,upper=65,qty=2"};
  return sc;
}

struct outcome {
  std::string trades;
  std::string positions;
  std::vector<actor_metrics_sample> metrics;
};

outcome run(const bar_scenario& sc) {
  system_config cfg;
  cfg.set("scheduler.max-threads", sc.threads);
  trading_system ts{cfg};
  add_bar_scenario(ts, sc, bar_scenario_slices(sc));
  metrics_options m;
  m.enabled = true;
  m.interval = std::chrono::milliseconds{100'000};
  ts.set_metrics(m);
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  outcome o;
  o.trades = fills_csv(result);
  for (const auto& p : result.report.positions)
    o.positions += std::to_string(p.strategy) + ":" + p.symbol + ":" + p.net_qty.to_string() + ":" +
                   p.realized_pnl.to_string() + "\n";
  o.metrics = result.metrics;
  return o;
}

const actor_metrics_sample* find_actor(const outcome& o, const std::string& name) {
  for (const auto& s : o.metrics)
    if (s.actor == name)
      return &s;
  return nullptr;
}

indicator_pool_settings pool_of(std::size_t workers, bool detached) {
  indicator_pool_settings p;
  p.hosting = indicator_hosting::pool;
  p.sizing.workers = workers;
  p.workers_detached = detached;
  return p;
}

} // namespace

TEST_CASE("the indicator pool gives the fills of one actor per symbol whatever its workers and threads") {
  auto base_sc = scenario_of(1);
  base_sc.indicator_pool.hosting = indicator_hosting::per_symbol;
  const auto base = run(base_sc);
  REQUIRE(base.trades.size() > 200); // the strategies trade
  REQUIRE(find_actor(base, "indicator S0") != nullptr);
  REQUIRE(find_actor(base, "indicator pool") == nullptr);
  for (int threads : {1, 2, 4})
    for (std::size_t workers : {1, 2, 4})
      for (bool detached : {true, false}) {
        CAPTURE(threads);
        CAPTURE(workers);
        CAPTURE(detached);
        auto sc = scenario_of(threads);
        sc.indicator_pool = pool_of(workers, detached);
        const auto got = run(sc);
        CHECK(got.trades == base.trades);
        CHECK(got.positions == base.positions);
        const auto* pool = find_actor(got, "indicator pool");
        REQUIRE(pool != nullptr);
        CHECK(pool->metrics.workers == workers);
        CHECK(find_actor(got, "indicator S0") == nullptr);
      }
}

TEST_CASE("the indicator pool sized by load gives the same fills and reports its queue") {
  auto base_sc = scenario_of(1);
  base_sc.indicator_pool.hosting = indicator_hosting::per_symbol;
  const auto base = run(base_sc);
  for (int threads : {1, 2, 4}) {
    CAPTURE(threads);
    auto sc = scenario_of(threads);
    sc.indicator_pool = pool_of(1, false);
    sc.indicator_pool.sizing.by_load = true;
    sc.indicator_pool.sizing.min_workers = 1;
    sc.indicator_pool.sizing.max_workers = 3;
    sc.indicator_pool.sizing.grow_above = 2; // a step brings 12 bars (one per symbol)
    sc.indicator_pool.sizing.patience = 4;
    const auto got = run(sc);
    CHECK(got.trades == base.trades);
    CHECK(got.positions == base.positions);
    const auto* pool = find_actor(got, "indicator pool");
    REQUIRE(pool != nullptr);
    // 12 bars per step stay above 2 per worker up to the bound.
    CHECK(pool->metrics.workers == 3);
    CHECK(pool->metrics.queue_depth > 0);
  }
}

TEST_CASE("moving every symbol's set between the pool and its own thread keeps values and order") {
  auto base_sc = scenario_of(1);
  base_sc.indicator_pool.hosting = indicator_hosting::per_symbol;
  const auto base = run(base_sc);
  for (int threads : {1, 2, 4})
    for (std::uint64_t every : {1, 7, 50}) {
      CAPTURE(threads);
      CAPTURE(every);
      auto sc = scenario_of(threads);
      sc.indicator_pool = pool_of(2, false);
      sc.indicator_pool.switching.force_every = every;
      const auto got = run(sc);
      CHECK(got.trades == base.trades);
      CHECK(got.positions == base.positions);
    }
}

TEST_CASE("the cost policy moves heavy sets to threads of their own without changing the fills") {
  auto base_sc = scenario_of(1);
  base_sc.indicator_pool.hosting = indicator_hosting::per_symbol;
  const auto base = run(base_sc);
  for (int threads : {1, 4}) {
    CAPTURE(threads);
    auto sc = scenario_of(threads);
    sc.indicator_pool = pool_of(2, false);
    sc.indicator_pool.switching.by_cost = true;
    sc.indicator_pool.switching.heavy_ns = 1; // every set is heavy: all move to their own thread
    sc.indicator_pool.switching.light_ns = 0.5;
    sc.indicator_pool.switching.min_bars = 16;
    const auto got = run(sc);
    CHECK(got.trades == base.trades);
    CHECK(got.positions == base.positions);
    const auto* pool = find_actor(got, "indicator pool");
    REQUIRE(pool != nullptr);
    CHECK(pool->metrics.workers == 2 + 12); // the pool's workers and 12 own threads
  }
}

TEST_CASE("in paper mode the indicator pool computes bars on arrival and the strategies trade") {
  auto sc = scenario_of(1);
  sc.bars = 200;
  system_config cfg{run_mode::paper};
  trading_system ts{cfg, run_mode::paper};
  sc.indicator_pool = pool_of(2, true);
  add_bar_scenario(ts, sc, bar_scenario_slices(sc));
  sequencer_config seq;
  seq.speed = 1e9; // data seconds per wall second: the bars take milliseconds
  ts.set_sequencer(seq);
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  CHECK(result.fill_count() > 0); // the strategies saw indicator values and traded
}

TEST_CASE("by default the indicators of more symbols than cores go to a pool") {
  indicator_pool_settings settings;
  CHECK(settings.use_pool(3, 2));
  CHECK_FALSE(settings.use_pool(2, 2));
  CHECK_FALSE(settings.use_pool(1000, 2000));
  settings.hosting = indicator_hosting::per_symbol;
  CHECK_FALSE(settings.use_pool(1000, 2));
  settings.hosting = indicator_hosting::pool;
  CHECK(settings.use_pool(1, 8));
  auto config = settings.resolve({{"A", {"sma:5"}}, {"B", {"sma:5"}}, {"C", {"sma:5"}}}, 8);
  CHECK(config.sizing.workers == 3); // one per core, at most one per symbol
  CHECK(config.validate().empty());
  settings.sizing.by_load = true;
  settings.sizing.min_workers = 2;
  config = settings.resolve({{"A", {"sma:5"}}}, 4);
  CHECK(config.sizing.by_load);
  CHECK(config.sizing.workers == 2);
  CHECK(config.sizing.max_workers == 4);
  settings.sizing.max_workers = 1;
  settings.switching.by_cost = true;
  settings.switching.light_ns = settings.switching.heavy_ns;
  auto problems = settings.validate();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "max_workers: must be at least min_workers");
  CHECK(problems[1].find("switching.light_ns") == 0);
}
