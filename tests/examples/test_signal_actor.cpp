// The signal-actor example of docs/writing-a-strategy.md: a user's own actor takes part in a
// deterministic backtest (identical fills with 1, 2 and 4 threads), its strategy trades on the
// signal, and a strategy that asks for a signal nobody provides is a problem before the run.
#include <doctest/doctest.h>

#include <string>

#include "momentum_signal.hpp"
#include "momentum_strategy.hpp"
#include "bourse/actors/builder/bar_scenarios.hpp"
#include "bourse/actors/builder/trading_system.hpp"

using namespace bourse;

namespace {

void compose(trading_system& ts, bool with_signal) {
  csv_bar_feed_config bars;
  bars.path = BOURSE_DATA_DIR "/sp500_daily.csv";
  bars.symbol = "SPX";
  ts.add_csv_bars(bars);
  venue_config venue;
  venue.name = "SIM";
  venue.settings.instruments.push_back(*instrument::make("SPX", "0.01", "1"));
  ts.add_venue(venue);
  if (with_signal) {
    signal_actor_config signal;
    signal.name = "momentum";
    signal.data.push_back({"SPX", market_stream::bars});
    signal.spawn = [](caf::actor_system& sys, const participant_setup& setup) {
      return sys.spawn(example::momentum_signal, std::string("SPX"), std::size_t{20}, setup);
    };
    ts.add_signal_actor(signal);
  }
  strategy_actor_config who;
  who.name = "momentum";
  ts.add_strategy<example::momentum_strategy>(who, "SPX", 0.02, quantity::from_units(10));
}

std::string run_with(int threads) {
  system_config cfg;
  cfg.set("scheduler.max-threads", threads);
  trading_system ts{cfg};
  compose(ts, true);
  auto result = ts.run();
  REQUIRE(result.ok);
  return fills_csv(result);
}

} // namespace

TEST_CASE("a user's signal actor takes part in a deterministic backtest") {
  auto one = run_with(1);
  CHECK(std::count(one.begin(), one.end(), '\n') > 10); // the strategy traded on the signal
  CHECK(run_with(2) == one);
  CHECK(run_with(4) == one);
}

TEST_CASE("a strategy that asks for a missing signal is a problem before the run") {
  system_config cfg;
  trading_system ts{cfg};
  compose(ts, false);
  auto problems = ts.validate();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "strategy momentum: asks for signal 'momentum', but no signal actor has "
                       "that name");
}
