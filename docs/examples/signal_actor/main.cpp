// Runs the momentum signal actor and its strategy (docs/writing-a-strategy.md, "Your own actors")
// on the bundled S&P 500 daily bars and writes the run's outputs.
#include <cstdio>

#include "momentum_signal.hpp"
#include "momentum_strategy.hpp"
#include "bourse/actors/builder/run_outputs.hpp"
#include "bourse/actors/builder/trading_system.hpp"

int main(int argc, char** argv) {
  bourse::system_config cfg;
  if (auto err = cfg.parse_options(argc, argv, ""); !err.empty()) {
    std::fprintf(stderr, "signal_actor: %s\n", err.c_str());
    return 2;
  }
  // [compose]
  bourse::trading_system ts{cfg, bourse::run_mode::backtest};
  bourse::csv_bar_feed_config bars;
  bars.path = BOURSE_DATA_DIR "/sp500_daily.csv";
  bars.symbol = "SPX";
  ts.add_csv_bars(bars);
  bourse::venue_config venue;
  venue.name = "SIM";
  venue.settings.instruments.push_back(*bourse::instrument::make("SPX", "0.01", "1"));
  ts.add_venue(venue);

  bourse::signal_actor_config signal;
  signal.name = "momentum";
  signal.data.push_back({"SPX", bourse::market_stream::bars});
  signal.spawn = [](caf::actor_system& sys, const bourse::participant_setup& setup) {
    return sys.spawn(example::momentum_signal, std::string("SPX"), std::size_t{20}, setup);
  };
  ts.add_signal_actor(signal);

  bourse::strategy_actor_config who;
  who.name = "momentum";
  ts.add_strategy<example::momentum_strategy>(who, "SPX", 0.02, bourse::quantity::from_units(10));
  auto result = ts.run();
  // [compose]
  if (!result.ok) {
    for (const auto& p : result.problems)
      std::fprintf(stderr, "signal_actor: %s\n", p.c_str());
    return 1;
  }
  // [outputs]
  std::vector<bourse::named_run> runs;
  runs.push_back({"momentum", std::move(result)});
  bourse::output_options out;
  out.directory = "signal-out";
  out.title = "Momentum signal actor";
  auto written = bourse::write_run_outputs(runs, out); // trades.csv, report.html, stats.json
  bourse::print_run_summary(stdout, runs, written);
  // [outputs]
  if (!written.error.empty()) {
    std::fprintf(stderr, "signal_actor: %s\n", written.error.c_str());
    return 1;
  }
  return 0;
}
