#pragma once
// The demo's scenarios: the example strategies on daily bars, and the cross-venue spread strategy
// on a synthetic two-venue tick set. Each runs as its own trading system.

#include <functional>
#include <string>
#include <vector>

#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "options.hpp"

namespace bourse::demo {

/// One scenario's name, result and event count.
struct scenario_result {
  std::string name;      ///< "bars" or "ticks".
  run_result result;     ///< What the run produced.
};

/// Returns what is wrong with the --strategy specs ("--strategy SPEC: problem"), all at once.
[[nodiscard]] std::vector<std::string> strategy_problems(const options& opts);

/// Runs every scenario the options ask for; `problems` collects configuration errors (nothing runs
/// then). `on_progress` is called with (scenario name, progress).
[[nodiscard]] std::vector<scenario_result>
run_scenarios(const options& opts, system_config& cfg, std::vector<std::string>& problems,
              const std::function<void(const std::string&, const run_progress&)>& on_progress);

} // namespace bourse::demo
