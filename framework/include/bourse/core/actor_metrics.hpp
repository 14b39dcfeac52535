#pragma once
// Per-actor metrics: counters an actor keeps in its own state (messages received and sent, inputs
// handled, records dropped or conflated, mailbox depth, a handling-time histogram), the board the
// actors publish copies to and a sampler reads, and the two renderings of a sample (a fixed-width
// table for stderr, one JSON object per actor and sample for metrics.jsonl). Plain C++: the
// participant (bourse/system/participant.hpp) updates the counters, the tests drive them directly.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bourse/core/latency_histogram.hpp"

namespace bourse {

/// What one actor did so far. Counting is always on (plain increments); the mailbox depth and the
/// handling times are measured only when metrics are enabled (they read the mailbox and the steady
/// clock per handled input).
struct actor_metrics {
  /// Messages taken from the mailbox that carried inputs (a batch message counts once).
  std::uint64_t received = 0;
  /// Inputs handled (a batch of N inputs counts N).
  std::uint64_t handled = 0;
  /// Messages sent to other actors.
  std::uint64_t sent = 0;
  /// Records dropped on the way to a consumer (a full bounded buffer, or held at the end).
  std::uint64_t dropped = 0;
  /// Records replaced by a newer record of the same symbol on the way to a consumer.
  std::uint64_t conflated = 0;
  /// Records held for consumers that have not acknowledged their last batch.
  std::uint64_t held = 0;
  /// The most records held at once.
  std::uint64_t max_held = 0;
  /// Messages waiting in the mailbox at the latest measurement (metrics enabled only).
  std::uint64_t mailbox_depth = 0;
  /// The most messages waiting in the mailbox at any measurement (metrics enabled only).
  std::uint64_t max_mailbox_depth = 0;
  /// Worker pools (the indicator pool): threads and actors computing for it now; 0 for other
  /// actors.
  std::uint64_t workers = 0;
  /// Worker pools: the work items (bars) queued behind the pool's shared workers at the latest
  /// step.
  std::uint64_t queue_depth = 0;
  /// Time to handle one input, ns (metrics enabled only).
  latency_histogram handling;

  /// Records a mailbox depth measurement.
  void note_mailbox(std::uint64_t depth) noexcept {
    mailbox_depth = depth;
    if (depth > max_mailbox_depth)
      max_mailbox_depth = depth;
  }
};

/// One actor's metrics at one moment, with the actor's label.
struct actor_metrics_sample {
  /// The actor ("hub", "strategy sma", "venue SIM-A", ...), unique in a run.
  std::string actor;
  /// Its counters.
  actor_metrics metrics;
};

/// Where actors publish copies of their metrics and a sampler reads them: one slot per actor, each
/// written by its actor only, guarded by a mutex (actors publish at most every publish_interval_ns
/// of steady time, and at the end of the run).
class metrics_board {
public:
  /// The least steady time between two publications of one actor (ns).
  static constexpr std::int64_t publish_interval_ns = 50'000'000;

  /// Adds a slot for the actor labelled `label`; returns its index.
  std::size_t add(std::string label);
  /// Replaces the metrics of slot `slot` (ignored for an unknown slot).
  void publish(std::size_t slot, const actor_metrics& metrics);
  /// Returns every slot's latest metrics, in the order the slots were added.
  [[nodiscard]] std::vector<actor_metrics_sample> read() const;
  /// Returns the number of slots.
  [[nodiscard]] std::size_t size() const;

private:
  mutable std::mutex mutex_;
  std::vector<actor_metrics_sample> slots_;
};

/// Returns one JSON object on one line (no newline) for `sample`, taken `elapsed_s` seconds into the
/// run named `run`: {"run":..,"t":..,"actor":..,"received":..,"handled":..,"sent":..,"dropped":..,
/// "conflated":..,"held":..,"max_held":..,"mailbox":..,"max_mailbox":..,"handling_ns":{"count":..,
/// "mean":..,"p50":..,"p99":..,"max":..}}.
[[nodiscard]] std::string metrics_json_line(const std::string& run, double elapsed_s,
                                            const actor_metrics_sample& sample);

/// Returns a fixed-width table of `samples` (a header line, then one line per actor), each line
/// ending in a newline.
[[nodiscard]] std::string metrics_table(const std::vector<actor_metrics_sample>& samples);

} // namespace bourse
