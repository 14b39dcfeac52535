#pragma once
// The config-driven runner: bourse-backtest's whole program, and a user's own in five lines.
//
//   int main(int argc, char** argv) {
//     auto registry = bourse::builtin_strategies();
//     registry.add(my_strategy_entry());            // your strategy, usable by name in configs
//     return bourse::run_main(argc, argv, registry);
//   }
//
// run_main reads the command line (--config run.toml, --out, --strategy, --check, ...), parses the
// TOML run configuration (docs/backtest-config.md), builds each scenario's strategies from the
// registry, checks every setting and the wiring of every scenario before anything is spawned
// (every problem at once, each naming the file, line and key), checks and locks the output folder,
// runs the scenarios (SIGINT/SIGTERM stop the running one), prints the summary and writes
// trades.csv, report.html, stats.json and the manifest run.json — also the partial results of a
// stopped or failed run. Exit codes: 0 ok, 1 data or run error, 2 usage or configuration error,
// 130/143 stopped by SIGINT/SIGTERM (docs/operations.md).

#include <functional>
#include <string>
#include <vector>

#include "bourse/actors/builder/run_config.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/strategy/registry.hpp"

namespace bourse {

/// An extra command-line option of a program built on run_main (e.g. the demo's --data): it
/// changes the plan after the configuration is read and before it is checked.
struct runner_flag {
  /// The option, e.g. "--data".
  std::string name;
  /// Its argument in the usage text, e.g. "SYMBOL=FILE" (empty: the option takes none).
  std::string argument;
  /// One line of help.
  std::string help;
  /// Applies one occurrence (in command-line order); returns a problem sentence or "".
  std::function<std::string(run_plan& plan, const std::string& value)> apply;
};

/// What differs between programs built on run_main.
struct runner_options {
  /// The program's name in usage and messages (empty: the file name of argv[0]).
  std::string program;
  /// One line saying what it does (first line of --help).
  std::string description = "run the backtest (or paper run) a TOML file describes";
  /// A TOML configuration used when --config is not given (empty: --config is required).
  std::string default_config;
  /// Its name in messages (e.g. "<built-in demo.toml>").
  std::string default_config_name = "<built-in config>";
  /// Folders where data files are looked for last, by file name (e.g. the bundled data folder).
  std::vector<std::string> data_dirs;
  /// Extra options.
  std::vector<runner_flag> flags;
};

/// Problems of one scenario, each naming its place in the configuration where it can.
struct scenario_check {
  /// Every problem, as "file:line: key: message" text.
  std::vector<std::string> problems;
};

/// Builds `scenario`'s strategies from `registry` and adds everything to `ts` (nothing is spawned);
/// returns every problem: strategies that cannot be built (naming the parameter's line), and
/// ts.validate()'s, mapped back to the configuration. `ts` can run() when none was returned.
[[nodiscard]] std::vector<std::string> build_scenario(const run_plan& plan,
                                                      const scenario_plan& scenario,
                                                      const strategy_registry& registry,
                                                      trading_system& ts);

/// The whole program: see the top of this header. `registry` names the strategies configs may
/// use. Returns the exit code.
[[nodiscard]] int run_main(int argc, char** argv, const strategy_registry& registry,
                           const runner_options& options = {});

} // namespace bourse
