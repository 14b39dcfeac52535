#pragma once
// The metrics sampler: every `interval` of wall time it reads the metrics board the participants
// publish to (bourse/core/actor_metrics.hpp) and hands the sample to a callback (the runner prints a
// table to stderr and keeps JSON lines for metrics.jsonl). It touches no other actor: participants
// publish their own figures, so sampling never enters a backtest's stepping.

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/actor_metrics.hpp"

namespace bourse {

/// Internal: the sampler's timer fired.
struct metrics_tick {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, metrics_tick&) {
  return f(caf::meta::type_name("bourse::metrics_tick"));
}

/// The sampler's interface: its own timer only.
using metrics_sampler_actor = caf::typed_actor<caf::reacts_to<metrics_tick>>;

/// Called with the seconds since the sampler started and every actor's latest metrics.
using metrics_callback =
    std::function<void(double elapsed_s, const std::vector<actor_metrics_sample>& samples)>;

/// How the sampler runs.
struct metrics_sampler_config {
  /// The board to read.
  std::shared_ptr<const metrics_board> board;
  /// Wall time between samples.
  std::chrono::milliseconds interval{1000};
  /// Receives each sample (from the sampler's thread); may be empty.
  metrics_callback on_sample;
};

/// Spawns the sampler on the cooperative pool; it samples until it is sent an exit.
[[nodiscard]] metrics_sampler_actor spawn_metrics_sampler(caf::actor_system& sys,
                                                          metrics_sampler_config config);

} // namespace bourse
