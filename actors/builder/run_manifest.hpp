#pragma once
// run.json, the manifest of a run's output folder: which files the run wrote (name, bytes, FNV-1a
// 64 digest), what it read (configuration, data files), when it started and ended (UTC wall
// time), how it ended (exit status, a signal, errors) and whether the outputs are complete.
// Written last and atomically (bourse/core/atomic_file.hpp): a folder whose run.json says
// "complete": true holds the whole result of that run. docs/operations.md has the format.

#include <string>
#include <utility>
#include <vector>

namespace bourse {

/// What run.json says.
struct run_manifest {
  /// The program ("bourse-demo").
  std::string program;
  /// The configuration: a path, or a built-in's name ("<built-in demo.toml>").
  std::string config;
  /// The data files read (paths as configured), without repeats, in configuration order.
  std::vector<std::string> data;
  /// Scenarios in order, each with its status: "complete", "stopped", "failed" or "not run".
  std::vector<std::pair<std::string, std::string>> scenarios;
  /// Wall-clock start and end, UTC, ISO 8601 with microseconds.
  std::string started, finished;
  /// The tool's exit status.
  int exit_status = 0;
  /// The signal that stopped the run ("SIGINT", "SIGTERM"), or "".
  std::string signal;
  /// True when every scenario ran to the end of its data and every output was written.
  bool complete = false;
  /// The errors reported, as printed.
  std::vector<std::string> errors;
  /// The files written, by name inside the folder (e.g. "trades.csv").
  std::vector<std::string> files;
  /// The journals the run appended to (paths as used; docs/operations.md): listed, not digested,
  /// as a journal is appended to in place across runs rather than replaced.
  std::vector<std::string> journals;
};

/// Returns run.json's text for `manifest`, reading each of `manifest.files` in `directory` for its
/// size and digest (a file that cannot be read is listed with "error").
[[nodiscard]] std::string run_manifest_json(const std::string& directory,
                                            const run_manifest& manifest);

/// Writes `<directory>/run.json` whole or not at all; returns the problem naming the file, or "".
[[nodiscard]] std::string write_run_manifest(const std::string& directory,
                                             const run_manifest& manifest);

/// Returns the current UTC wall time as ISO 8601 with microseconds ("2026-12-07T20:15:03.123456Z").
[[nodiscard]] std::string wall_time_now();

} // namespace bourse
