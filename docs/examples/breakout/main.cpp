// Runs the breakout strategy of docs/writing-a-strategy.md on the bundled S&P 500 daily bars through
// a trading system composed in C++, writes trades.csv, report.html and stats.json into
// ./breakout-out, and prints its fills and PnL.
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "breakout.hpp"
#include "bourse/actors/builder/run_outputs.hpp"
#include "bourse/actors/builder/trading_system.hpp"

int main(int argc, char** argv) {
  // [compose]
  bourse::system_config cfg;
  if (auto err = cfg.parse_options(argc, argv, ""); !err.empty()) {
    std::fprintf(stderr, "breakout: %s\n", err.c_str());
    return 2;
  }
  bourse::trading_system ts{cfg, bourse::run_mode::backtest};

  bourse::csv_bar_feed_config bars;
  bars.path = BOURSE_DATA_DIR "/sp500_daily.csv";
  bars.symbol = "SPX";
  ts.add_csv_bars(bars);

  bourse::venue_config venue;
  venue.name = "SIM";
  venue.settings.instruments.push_back(*bourse::instrument::make("SPX", "0.01", "1"));
  ts.add_venue(venue);

  bourse::strategy_actor_config who;
  who.id = 1;
  who.name = "breakout";
  who.type = "breakout";
  who.params = "lookback=55,qty=10";
  ts.add_strategy<example::breakout>(who, "SPX", std::size_t{55}, bourse::quantity::from_units(10));

  bourse::run_result result = ts.run();
  // [compose]
  if (!result.ok) {
    for (const auto& p : result.problems)
      std::fprintf(stderr, "breakout: %s\n", p.c_str());
    return 1;
  }
  // [outputs]
  std::vector<bourse::named_run> runs;
  runs.push_back({"breakout", std::move(result)});
  bourse::output_options options;
  options.directory = "breakout-out";
  options.title = "breakout on the S&P 500";
  bourse::run_outputs outputs = bourse::write_run_outputs(runs, options);
  bourse::print_run_summary(stdout, runs, outputs);
  if (!outputs.error.empty()) {
    std::fprintf(stderr, "breakout: %s\n", outputs.error.c_str());
    return 1;
  }
  // [outputs]
  const auto& stats = outputs.runs.at(0).series.at(0).stats; // the strategy with id 1
  std::printf("bars=%llu fills=%zu round_trips=%zu net_pnl=%.2f\n",
              static_cast<unsigned long long>(runs[0].result.summary.bars),
              runs[0].result.fill_count(), stats.round_trips, stats.net_pnl);
  return 0;
}
