#pragma once
// Options every feed shares: how far it reads ahead and how much it reads per background step.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bourse/core/restart_policy.hpp"

namespace bourse {

/// How a feed reads ahead of its consumer.
struct feed_options {
  /// Slices to prepare before the first request; later the feed keeps as many ready as the
  /// latest request asked for (one chunk ahead).
  std::uint32_t read_ahead = 256;
  /// Most records (rows, events) read in one background step, so that a step holds a worker only
  /// briefly; a step always completes the slice it is in.
  std::uint32_t step_records = 4096;
  /// How many skipped-row errors are logged one by one (skip policy); later ones are only counted.
  std::size_t log_errors = 10;
  /// What the feed does when its source fails transiently (an I/O error, an exception from the
  /// source): reopen it after a backoff (wall clock) and carry on after the slices already read.
  /// Needs a feed that can reopen its source (an opener); a bad row is never retried. Off by
  /// default (docs/operations.md, "Restart policy").
  restart_policy restart;

  /// Returns every problem with the options (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (read_ahead == 0)
      problems.emplace_back("read_ahead: must be at least 1");
    if (step_records == 0)
      problems.emplace_back("step_records: must be at least 1");
    for (auto& p : restart.validate())
      problems.push_back("restart." + p);
    return problems;
  }
};

} // namespace bourse
