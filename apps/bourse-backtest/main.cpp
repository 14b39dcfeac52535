// bourse-backtest: runs the backtest (or paper run) a TOML file describes (docs/backtest-config.md).
#include "bourse/actors/builder/runner.hpp"

int main(int argc, char** argv) {
  return bourse::run_main(argc, argv, bourse::builtin_strategies());
}
