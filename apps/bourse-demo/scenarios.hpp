#pragma once
// The demo's scenarios: the example strategies on daily bars, and the cross-venue spread strategy
// on a synthetic two-venue tick set. Each runs as its own trading system.

#include <functional>
#include <string>
#include <vector>

#include "bourse/actors/builder/run_outputs.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "options.hpp"

namespace bourse::demo {

/// One scenario's name ("bars" or "ticks") and result.
using scenario_result = named_run;

/// Runs every scenario the options ask for; `problems` collects configuration errors (nothing runs
/// then). `on_progress` is called with (scenario name, progress).
[[nodiscard]] std::vector<scenario_result>
run_scenarios(const options& opts, system_config& cfg, std::vector<std::string>& problems,
              const std::function<void(const std::string&, const run_progress&)>& on_progress);

} // namespace bourse::demo
