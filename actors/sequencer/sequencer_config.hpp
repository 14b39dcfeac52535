#pragma once
// Configuration of the sequencer.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bourse/protocol/system.hpp"

namespace bourse {

/// Progress of a run, as the sequencer reports it.
struct run_progress {
  double fraction = 0;       ///< How far through the feeds' input, 0..1.
  std::uint64_t slices = 0;  ///< Slices processed so far.
  timestamp data_time = 0;   ///< Data time of the latest slice.
};

/// How the sequencer runs.
struct sequencer_config {
  /// backtest (stepped, data time) or paper (paced by the wall clock, nothing buffered).
  run_mode mode = run_mode::backtest;
  /// Paper mode: data seconds per wall-clock second (1 = real time; 60 = a minute per second).
  double speed = 1.0;
  /// Paper mode: the most slices sent to the hub and not yet handled by it; the replay waits (falls
  /// behind the wall clock) rather than queue more. At least slices_handled::slices_ack_every (64).
  std::uint64_t paper_window = 1024;
  /// How many slices to ask a feed for at a time.
  std::uint32_t chunk = 1024;
  /// Backtest: how many slices the hub gets at a time (market data runs ahead of the order loop by
  /// up to this much; memory grows with it).
  std::uint64_t window = 4096;
  /// Backtest: sweeps at one data time before the run fails as not settling (participants that
  /// keep answering each other, or a timer that never stops being due).
  std::uint64_t max_settle_sweeps = 1'000'000;
  /// Backtest: step participants that cannot affect each other at the same time (strategies and
  /// their indicators, per the builder's wiring; see docs/architecture.md). Results are the same
  /// either way; false steps one participant at a time.
  bool parallel_steps = true;
  /// Called (from the sequencer's thread) at most every `progress_every` slices; may be empty.
  std::function<void(const run_progress&)> on_progress;
  /// Slices at or before this data time are skipped (0: none): a paper run recovered from a journal
  /// carries on after the journal's last record instead of trading the same data again.
  timestamp resume_after = 0;
  /// Slices between progress reports.
  std::uint64_t progress_every = 250;
  /// Supervision: the hang detector. A participant or feed that does not answer a request (a
  /// step, the stop, a chunk of data) within this wall-clock time is taken as stuck: a strategy is
  /// isolated, anything else fails the run. Meant to catch only what is truly stuck, so it is
  /// generous; zero turns it off (requests wait for ever). See docs/operations.md.
  std::chrono::milliseconds deadline = std::chrono::seconds(60);

  /// Returns every problem with the configuration (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (!(speed > 0))
      problems.emplace_back("speed: must be above 0");
    if (chunk == 0)
      problems.emplace_back("chunk: must be at least 1");
    if (paper_window < 64)
      problems.emplace_back("paper_window: must be at least 64");
    if (window == 0)
      problems.emplace_back("window: must be at least 1");
    if (max_settle_sweeps == 0)
      problems.emplace_back("max_settle_sweeps: must be at least 1");
    if (progress_every == 0)
      problems.emplace_back("progress_every: must be at least 1");
    if (deadline.count() < 0)
      problems.emplace_back("deadline: must not be negative (0 turns it off)");
    return problems;
  }
};

} // namespace bourse
