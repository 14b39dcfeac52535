// Your own strategy, run by name from a config (docs/writing-a-strategy.md, "Run it from a
// config"): the breakout strategy of docs/examples/breakout registered in one call, then bourse's
// whole runner. `example-runner --config breakout.toml` runs it; --list-strategies shows it.
#include <string>
#include <vector>

#include "breakout.hpp"
#include "bourse/actors/builder/runner.hpp"

// [params]
/// The breakout's parameters as a config or --strategy names them.
struct breakout_params {
  std::string symbol = "SPX";
  int lookback = 55;
  bourse::quantity qty = bourse::quantity::from_units(10);

  void read(bourse::param_reader& r) {
    r.read("symbol", symbol);
    r.read("lookback", lookback);
    r.read("qty", qty);
  }
  std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (lookback < 1)
      problems.push_back("lookback must be at least 1");
    if (!qty.is_positive())
      problems.push_back("qty must be positive");
    return problems;
  }
};

/// The breakout, built from its parameters.
struct breakout_strategy : example::breakout {
  explicit breakout_strategy(const breakout_params& p)
      : example::breakout(p.symbol, static_cast<std::size_t>(p.lookback), p.qty) {}
};
// [params]

// [main]
int main(int argc, char** argv) {
  auto registry = bourse::builtin_strategies();
  registry.add<breakout_params, breakout_strategy>(
      "breakout", "Long above the highest close of the last N bars, flat below the lowest",
      "symbol=SPX,lookback=55,qty=10");
  return bourse::run_main(argc, argv, registry);
}
// [main]
