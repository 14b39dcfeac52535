#pragma once
// INTERIM (replaced by the report helper's version at merge): one call writes a run's outputs.

#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "bourse/report/html_report.hpp"
#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/builder/trading_system.hpp"

namespace bourse {

/// A run and the name it goes by in the outputs.
struct named_run {
  /// Its name.
  std::string name;
  /// What it produced.
  run_result result;
};

/// Where and what write_run_outputs writes.
struct output_options {
  /// The folder (created if missing).
  std::string directory = "bourse-out";
  /// The report's title.
  std::string title = "bourse report";
  /// Facts shown first in the report.
  std::vector<std::pair<std::string, std::string>> summary;
};

/// What write_run_outputs wrote and computed.
struct run_outputs {
  /// The files written.
  std::string trades_path, report_path, stats_path;
  /// The number of fills over all runs.
  std::size_t fills = 0;
  /// The first problem, or empty.
  std::string error;
  /// Per run, in order.
  std::vector<run_report_pass> runs;
};

/// Writes trades.csv and report.html.
[[nodiscard]] run_outputs write_run_outputs(const std::vector<named_run>& runs,
                                            const output_options& options = {});
/// Prints the summary table.
void print_run_summary(std::FILE* out, const std::vector<named_run>& runs,
                       const run_outputs& outputs);
/// Prints which files were written.
void print_written(std::FILE* out, const run_outputs& outputs);

} // namespace bourse
