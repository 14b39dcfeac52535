// Shows the indicator pool's functional core: an indicator_set gives the same values as its
// indicators fed directly; the plan deals pooled symbols to workers in index order, grows and
// shrinks with the queue per worker only after `patience` steps and within bounds, and moves a
// symbol's set to a thread of its own and back by measured cost or every k bars, with reasons.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "bourse/indicators/indicator_set.hpp"
#include "bourse/indicators/pool_plan.hpp"

using namespace bourse;
using namespace bourse::indicators;

namespace {

// Moves a set at 1,000 ns per bar, back at 100, judged every 10 bars.
switch_policy cost_policy() {
  switch_policy policy;
  policy.by_cost = true;
  policy.heavy_ns = 1000;
  policy.light_ns = 100;
  policy.min_bars = 10;
  return policy;
}

bar bar_at(int i) {
  bar b;
  b.ts = 1000 + i;
  const auto close = 100.0 + 5.0 * std::sin(i * 0.3) + i * 0.01;
  b.open = *price::from_double(close - 0.5, 2);
  b.high = *price::from_double(close + 1.0, 2);
  b.low = *price::from_double(close - 1.0, 2);
  b.close = *price::from_double(close, 2);
  return b;
}

} // namespace

TEST_CASE("an indicator set publishes what its indicators compute once they are ready") {
  std::vector<std::string> errors;
  indicator_set set{symbol_id{"AAA"}, {"sma:3", "rsi:5", "nonsense:1"}, errors};
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("nonsense") != std::string::npos);
  REQUIRE(set.size() == 2);
  auto sma = make_indicator("sma:3");
  auto rsi = make_indicator("rsi:5");
  REQUIRE(sma);
  REQUIRE(rsi);
  std::vector<indicator_update> out;
  std::size_t expected = 0;
  for (int i = 0; i < 20; ++i) {
    auto b = bar_at(i);
    set.apply(b, 5000 + i, 7, out);
    sma.value->update(to_ohlcv(b));
    rsi.value->update(to_ohlcv(b));
    expected += (sma.value->ready() ? 1 : 0) + (rsi.value->ready() ? 1 : 0);
    REQUIRE(out.size() == expected);
    if (sma.value->ready() && rsi.value->ready()) {
      const auto& a = out[out.size() - 2];
      const auto& r = out.back();
      CHECK(a.spec.str() == "sma:3");
      CHECK(r.spec.str() == "rsi:5");
      CHECK(a.ts == b.ts);
      CHECK(a.ts_init == 5000 + i);
      CHECK(a.ts_arrival == 7);
      CHECK(a.symbol.str() == "AAA");
      CHECK(*a.value() == sma.value->value(0));
      CHECK(*r.value() == rsi.value->value(0));
    }
  }
}

TEST_CASE("the plan deals pooled symbols to the workers in index order") {
  pool_sizing sizing;
  sizing.workers = 3;
  pool_plan plan{7, sizing, {}};
  CHECK(plan.workers() == 3);
  std::vector<std::size_t> got;
  for (std::size_t s = 0; s < 7; ++s)
    got.push_back(plan.worker_of(s));
  CHECK(got == std::vector<std::size_t>{0, 1, 2, 0, 1, 2, 0});
  CHECK(plan.own_threads() == 0);
  auto changes = plan.end_step(std::vector<std::uint64_t>(7, 100), {});
  CHECK(changes.empty()); // fixed size: the queue changes nothing
  CHECK(plan.queue_depth() == 700);
}

TEST_CASE("sized by load the pool grows after patience busy steps and shrinks when idle") {
  pool_sizing sizing;
  sizing.by_load = true;
  sizing.workers = 1;
  sizing.min_workers = 1;
  sizing.max_workers = 3;
  sizing.grow_above = 10;
  sizing.shrink_below = 1;
  sizing.patience = 2;
  REQUIRE(sizing.validate().empty());
  pool_plan plan{4, sizing, {}};
  const std::vector<std::uint64_t> busy(4, 20); // 80 bars: 80 per worker, then 40, then 26.7
  const std::vector<std::uint64_t> idle(4, 0);
  CHECK(plan.end_step(busy, {}).empty());
  auto grow = plan.end_step(busy, {});
  REQUIRE(grow.size() == 1);
  CHECK(grow[0].what == pool_change::kind::grow);
  CHECK(grow[0].workers == 2);
  CHECK(grow[0].reason.find("queue_per_worker=80.0") != std::string::npos);
  CHECK(plan.worker_of(1) == 1);
  CHECK(plan.end_step(busy, {}).empty());
  CHECK(plan.end_step(busy, {}).size() == 1);
  CHECK(plan.workers() == 3);
  CHECK(plan.end_step(busy, {}).empty());
  CHECK(plan.end_step(busy, {}).empty()); // at max_workers
  CHECK(plan.workers() == 3);
  CHECK(plan.end_step(idle, {}).empty());
  auto shrink = plan.end_step(idle, {});
  REQUIRE(shrink.size() == 1);
  CHECK(shrink[0].what == pool_change::kind::shrink);
  CHECK(plan.workers() == 2);
  for (int i = 0; i < 10; ++i)
    (void)plan.end_step(idle, {});
  CHECK(plan.workers() == 1); // min_workers
  for (std::size_t s = 0; s < 4; ++s)
    CHECK(plan.worker_of(s) == 0);
}

TEST_CASE("bad sizing and switching settings are named") {
  pool_sizing sizing;
  sizing.by_load = true;
  sizing.min_workers = 3;
  sizing.max_workers = 2;
  sizing.patience = 0;
  auto problems = sizing.validate();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("max_workers") == 0);
  CHECK(problems[1].find("patience") == 0);
  switch_policy policy;
  policy.by_cost = true;
  policy.light_ns = policy.heavy_ns;
  REQUIRE(policy.validate().size() == 1);
  CHECK(policy.validate()[0].find("light_ns") == 0);
}

TEST_CASE("a forced policy toggles a set between the pool and its own thread every k bars") {
  switch_policy policy;
  policy.force_every = 5;
  pool_sizing sizing;
  sizing.workers = 2;
  pool_plan plan{3, sizing, policy};
  auto changes = plan.end_step({3, 5, 0}, {});
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].symbol == 1);
  CHECK(changes[0].what == pool_change::kind::to_own_thread);
  CHECK(changes[0].reason == "forced=true every_bars=5");
  CHECK(plan.placement_of(1) == placement::own_thread);
  CHECK(plan.own_threads() == 1);
  // The remaining pooled symbols are dealt again: 0 -> worker 0, 2 -> worker 1.
  CHECK(plan.worker_of(0) == 0);
  CHECK(plan.worker_of(2) == 1);
  changes = plan.end_step({2, 5, 0}, {});
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].symbol == 0);
  CHECK(changes[1].symbol == 1);
  CHECK(changes[1].what == pool_change::kind::to_pool);
  CHECK(plan.placement_of(0) == placement::own_thread);
  CHECK(plan.placement_of(1) == placement::pool);
}

TEST_CASE("the cost policy moves heavy sets to a thread and light ones back") {
  const auto policy = cost_policy();
  pool_plan plan{2, {}, policy};
  CHECK(plan.end_step({5, 5}, {50'000, 500}).empty()); // too few bars measured
  auto changes = plan.end_step({5, 5}, {50'000, 500});
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].symbol == 0);
  CHECK(changes[0].what == pool_change::kind::to_own_thread);
  CHECK(changes[0].reason.find("cost_per_bar_ns=10000.0 heavy_ns=1000.0") == 0);
  // Measured again from zero after the move; light now.
  CHECK(plan.end_step({5, 5}, {100, 500}).empty());
  changes = plan.end_step({5, 5}, {100, 500});
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].what == pool_change::kind::to_pool);
  CHECK(plan.placement_of(0) == placement::pool);
}

TEST_CASE("the cost policy judges each window of bars on its own") {
  const auto policy = cost_policy();
  pool_plan plan{1, {}, policy};
  // A long light history (an indicator warming up) does not hide a set that became heavy.
  for (int i = 0; i < 100; ++i)
    CHECK(plan.end_step({10}, {1'000}).empty());
  auto changes = plan.end_step({10}, {20'000});
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].what == pool_change::kind::to_own_thread);
  CHECK(changes[0].reason.find("cost_per_bar_ns=2000.0") == 0);
  // On its own thread: a heavy window keeps it there, a light one brings it back.
  CHECK(plan.end_step({10}, {50'000}).empty());
  CHECK(plan.placement_of(0) == placement::own_thread);
  changes = plan.end_step({10}, {500});
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].what == pool_change::kind::to_pool);
}
