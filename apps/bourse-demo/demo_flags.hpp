#pragma once
// bourse-demo: its built-in configuration (data/demo.toml) and its shortcut options.

#include <vector>

#include "bourse/actors/builder/runner.hpp"

namespace bourse::demo {

/// data/demo.toml's text, built into the program.
extern const char* const demo_toml;

/// The demo's shortcuts: --data (bar files to trade instead of the S&P 500), --seed and --ticks
/// (of the cross-venue tick set; --ticks 0 leaves that scenario out).
[[nodiscard]] std::vector<runner_flag> demo_flags(std::vector<std::string> data_dirs);

} // namespace bourse::demo
