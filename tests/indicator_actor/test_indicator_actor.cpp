// Shows that an indicator actor updates its indicators on every bar of its symbol and publishes
// indicator_update with the same values as the core indicators computed directly (paper mode),
// that in backtest mode it handles bars only when stepped and reports its sends (stepped by hand
// behind a real hub), and that bad specs are refused with the spec named. Runs on the
// deterministic test scheduler, so the actors are spawned on the pool (detached = false).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "actor_test_kit.hpp"
#include "bourse/indicators/indicator.hpp"
#include "bourse/actors/indicator/indicator.hpp"
#include "bourse/actors/market_data/hub.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

constexpr timestamp t0 = 1704153600LL * ns_per_second; // 2024-01-02

bar make_bar(int i, double close) {
  auto p = [](double v) { return *price::from_double(v, 2); };
  return bar{t0 + i * ns_per_day, p(close - 0.5), p(close + 1), p(close - 1), p(close),
             quantity::from_units(1000 + i)};
}

const std::vector<double> closes = {10, 11, 12, 11.5, 13, 12.25, 14, 15};

indicator_actor_config config_for(std::vector<std::string> specs) {
  indicator_actor_config cfg;
  cfg.symbol = "AAA";
  cfg.specs = std::move(specs);
  cfg.detached = false; // the test scheduler runs pool actors only
  return cfg;
}

} // namespace

TEST_CASE_FIXTURE(coordinator_fixture,
                  "in paper mode each bar updates the indicators and ready ones are published") {
  const std::vector<std::string> specs = {"sma:3", "rsi:2", "bbands:3:2"};
  auto cfg = config_for(specs);
  REQUIRE(cfg.validate().empty());
  auto ind = spawn_indicator(sys, cfg, participant_setup{run_mode::paper, 2, nullptr});
  auto [listener, log] = probe();
  self->send(ind, subscribe_indicators{caf::actor_cast<indicator_listener_actor>(listener)});
  run();

  // The same bars into the core indicators directly: the expected messages.
  std::vector<indicators::indicator> reference;
  for (const auto& s : specs)
    reference.push_back(std::move(*indicators::make_indicator(s).value));
  std::vector<indicator_update> expected;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    bar b = make_bar(static_cast<int>(i), closes[i]);
    bar other = make_bar(static_cast<int>(i), 500); // another symbol: ignored
    timestamp batch_ts = b.ts + 1;                  // ts_init follows the batch's time
    self->send(ind, bar_batch{batch_ts, batch_ts, {symbol_bar{"BBB", other}, symbol_bar{"AAA", b}}});
    for (auto& r : reference) {
      r.update(indicators::to_ohlcv(b));
      if (!r.ready())
        continue;
      indicator_update u;
      u.ts = b.ts;
      u.ts_init = batch_ts;
      u.symbol = "AAA";
      u.spec = r.spec().text;
      for (std::size_t k = 0; k < r.output_count(); ++k)
        CHECK(u.add(r.output_names()[k], r.value(k)));
      expected.push_back(u);
    }
  }
  run();
  auto got = log->all<indicator_update>();
  REQUIRE(got.size() == expected.size());
  CHECK(got.size() == 3 * 6); // all three are ready from the third bar on
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i].ts == expected[i].ts);
    CHECK(got[i].ts_init == expected[i].ts_init);
    CHECK(got[i].symbol == "AAA");
    CHECK(got[i].spec == expected[i].spec);
    CHECK(got[i].output_names() == expected[i].output_names());
    CHECK(got[i].output_values() == expected[i].output_values());
  }
  // Values derived by hand: the first sma:3 is (10 + 11 + 12) / 3, the last (14 + 15 + 12.25) / 3.
  CHECK(got.front().spec == "sma:3");
  CHECK(got.front().values[0] == doctest::Approx(11.0));
  CHECK(got[got.size() - 3].values[0] == doctest::Approx((12.25 + 14 + 15) / 3));
  CHECK(got[2].output_names() == std::vector<std::string>{"bbands:3:2.upper", "bbands:3:2.middle",
                                                 "bbands:3:2.lower"});
  CHECK(got[2].values[1] == doctest::Approx(11.0)); // the middle band is the sma
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "in backtest mode bars are handled when stepped and the step reports the sends") {
  auto ranks = std::make_shared<rank_table>();
  auto hub = spawn_hub(sys, participant_setup{run_mode::backtest, 1, ranks});
  auto ind = spawn_indicator(sys, config_for({"sma:2"}),
                             participant_setup{run_mode::backtest, 2, ranks});
  auto [listener, log] = probe();
  ranks->add(hub.id(), 1);
  ranks->add(ind.id(), 2);
  ranks->add(listener.id(), 3);
  self->send(ind, subscribe_indicators{caf::actor_cast<indicator_listener_actor>(listener)});
  self->send(hub, subscribe{"AAA", data_kind::bars, ind});
  run();

  auto step = [&](const auto& who, sim_step s) {
    self->send(who, std::move(s));
    run();
    sim_step_done done;
    bool replied = false;
    self->receive([&](sim_step_done& d) { done = d, replied = true; },
                  caf::after(std::chrono::seconds(0)) >> [] {});
    REQUIRE(replied);
    return done;
  };

  for (int i = 0; i < 3; ++i) {
    CAPTURE(i);
    bar b = make_bar(i, closes[static_cast<std::size_t>(i)]);
    market_slice slice;
    slice.ts_event = slice.ts_init = b.ts;
    slice.bars = {symbol_bar{"AAA", b}};
    self->send(hub, slice);
    run();
    if (i == 0) {
      // Stepped before its input arrived, the indicator waits for it (no reply yet).
      self->send(ind, sim_step{b.ts, {{1, b.ts, 1}}});
      run();
      bool early = false;
      self->receive([&](sim_step_done&) { early = true; },
                    caf::after(std::chrono::seconds(0)) >> [] {});
      CHECK_FALSE(early);
      auto hub_done = step(hub, sim_step{b.ts, {}});
      CHECK(totals_by_rank(hub_done.sent) == rank_totals{{2, 1}});
      // The hub's batch arrived: the pending step completes.
      sim_step_done late;
      bool replied = false;
      self->receive([&](sim_step_done& d) { late = d, replied = true; },
                    caf::after(std::chrono::seconds(0)) >> [] {});
      REQUIRE(replied);
      CHECK(late.sent.empty()); // sma:2 is not ready after one bar
      CHECK(log->count<indicator_update>() == 0);
      continue;
    }
    auto hub_done = step(hub, sim_step{b.ts, {}});
    CHECK(totals_by_rank(hub_done.sent) == rank_totals{{2, 1}});
    CHECK(log->count<indicator_update>() == static_cast<std::size_t>(i - 1)); // buffered
    auto ind_done = step(ind, sim_step{b.ts, {{1, b.ts, 1}}});
    CHECK(totals_by_rank(ind_done.sent) == rank_totals{{3, 1}});
    CHECK(ind_done.next_wakeup == no_wakeup);
    REQUIRE(log->count<indicator_update>() == static_cast<std::size_t>(i));
    auto last = log->all<indicator_update>().back();
    CHECK(last.ts == b.ts);
    CHECK(last.ts_init == b.ts); // data time of the step
    CHECK(last.values[0] ==
          doctest::Approx((closes[static_cast<std::size_t>(i)] +
                           closes[static_cast<std::size_t>(i - 1)]) /
                          2));
  }
  auto stopped = [&] {
    self->send(ind, stop_run{t0 + 10 * ns_per_day});
    run();
    sim_step_done d;
    self->receive([&](sim_step_done& x) { d = x; });
    return d;
  }();
  CHECK(stopped.sent.empty());
  self->send_exit(hub, caf::exit_reason::user_shutdown);
  self->send_exit(ind, caf::exit_reason::user_shutdown);
}

TEST_CASE_FIXTURE(coordinator_fixture, "bad indicator specs are refused with the spec named") {
  indicator_actor_config cfg;
  cfg.specs = {"sma:3", "sma:0", "nope:3", "sma:3"};
  auto problems = cfg.validate();
  REQUIRE(problems.size() == 4);
  CHECK(problems[0] == "symbol: must not be empty");
  CHECK(problems[1].rfind("specs[1]: indicator spec 'sma:0'", 0) == 0);
  CHECK(problems[2].rfind("specs[2]: indicator spec 'nope:3'", 0) == 0);
  CHECK(problems[3] == "specs[3]: indicator spec 'sma:3' appears twice");
  CHECK(indicator_actor_config{}.validate() ==
        std::vector<std::string>{"symbol: must not be empty",
                                 "specs: at least one indicator spec is needed"});

  SUBCASE("an actor spawned anyway leaves the bad spec out and runs the good ones") {
    auto ind = spawn_indicator(sys, config_for({"bogus:1", "sma:2"}),
                               participant_setup{run_mode::paper, 2, nullptr});
    auto [listener, log] = probe();
    self->send(ind, subscribe_indicators{caf::actor_cast<indicator_listener_actor>(listener)});
    for (int i = 0; i < 2; ++i)
      self->send(ind, bar_batch{t0, t0, {symbol_bar{"AAA", make_bar(i, closes[i])}}});
    run();
    auto got = log->all<indicator_update>();
    REQUIRE(got.size() == 1);
    CHECK(got[0].spec == "sma:2");
    CHECK(got[0].values[0] == doctest::Approx(10.5));
  }
}
