#pragma once
// Command-line options of bourse-ta.

#include <optional>
#include <string>
#include <vector>

#include "bourse/core/time.hpp"

namespace bourse::ta {

/// What bourse-ta was asked to do.
struct options {
  /// The bar CSV to read.
  std::string input;
  /// The indicator specs, in output column order.
  std::vector<std::string> indicators;
  /// Where to write the CSV; standard output when empty.
  std::string output;
  /// The unit of integer timestamps.
  epoch_unit ts_unit = epoch_unit::detect;
  /// Skip bad rows (and report them) instead of stopping at the first.
  bool skip_bad_rows = false;
  /// Print the usage and exit.
  bool help = false;
  /// Log levels (--log-level); nullopt: SPDLOG_LEVEL or warn.
  std::optional<std::string> log_level;
};

/// The outcome of parse_options: options, or what is wrong with the command line.
struct options_result {
  /// The options when the command line is valid.
  std::optional<options> value;
  /// Why the command line was refused; empty on success.
  std::string error;
};

/// Parses the arguments after the program name. Accepts `--name value` and `--name=value`.
[[nodiscard]] options_result parse_options(const std::vector<std::string>& args);

/// Returns the usage text printed by --help.
[[nodiscard]] std::string usage();

} // namespace bourse::ta
