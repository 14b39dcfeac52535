// bourse-demo: backtests the example strategies on bundled data (daily S&P 500 bars and a synthetic
// two-venue tick set), prints a summary table and writes trades.csv, report.html and stats.json.
// It is bourse::run_main with data/demo.toml built in: `bourse-backtest --config data/demo.toml`
// runs the same.
#include "demo_flags.hpp"

int main(int argc, char** argv) {
  bourse::runner_options options;
  options.program = "bourse-demo";
  options.description =
      "backtest the example strategies on bundled data and write trades.csv, report.html and "
      "stats.json";
  options.default_config = bourse::demo::demo_toml;
  options.default_config_name = "<built-in demo.toml>";
  options.data_dirs = {BOURSE_DATA_DIR};
  options.flags = bourse::demo::demo_flags(options.data_dirs);
  return bourse::run_main(argc, argv, bourse::builtin_strategies(), options);
}
