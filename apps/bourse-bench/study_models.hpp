#pragma once
// The execution models of the scheduling study's tipping-point sweep (study.tipping): N tasks, each
// a sequence of steps that either wait (simulated I/O) or compute (indicator updates), run as
// cooperative CAF actors, detached CAF actors, a pool of detached actors taking the tasks
// round-robin, or one std::thread per task; an unrelated I/O actor answers pings meanwhile.

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "bourse/core/latency_histogram.hpp"
#include "bourse/indicators/indicator.hpp"

namespace bourse::bench::study {

/// How the tasks run.
enum class exec_model {
  cooperative, ///< One event-based CAF actor per task on the cooperative workers.
  detached,    ///< One detached CAF actor (own thread) per task.
  pool,        ///< `pool_size` detached CAF actors; task i goes to worker i % pool_size.
  thread,      ///< One std::thread per task; a wait step blocks it (sleep_for).
};

/// Returns the model's short name ("cooperative", "detached", "pool", "thread").
[[nodiscard]] const char* name_of(exec_model m) noexcept;

/// The shape of one tipping run.
struct tipping_params {
  std::size_t tasks = 1000;             ///< Tasks run at once.
  int steps = 4;                        ///< Steps per task.
  int cpu_steps = 2;                    ///< Of which compute (the rest wait), spread evenly.
  std::chrono::microseconds wait{1000}; ///< One wait step: a timer (actors) or sleep (threads).
  std::size_t updates_per_step = 1;     ///< RSI(14) updates of one compute step.
  std::size_t workers = 2;              ///< Cooperative workers (scheduler.max-threads).
  std::size_t pool_size = 2;            ///< Detached actors of the pool model.
  std::chrono::microseconds ping_interval{1000}; ///< Between two pings of the I/O actor.
};

/// What one tipping run measured.
struct tipping_result {
  double wall_seconds = 0;      ///< From the first task started to the last finished.
  double tasks_per_second = 0;  ///< tasks / wall_seconds.
  latency_histogram ping;       ///< Round trips to the I/O actor during the run (ns).
  double peak_rss_delta_mb = 0; ///< Peak RSS during the run minus RSS before the tasks.
  long peak_threads = 0;        ///< The most threads seen during the run.
  long base_threads = 0;        ///< Threads before the tasks (CAF system, pinger).
  std::string problem;          ///< Why the run could not start every task ("" when it did).
  double checksum = 0;          ///< Sum of every task's indicator output (same for every model).
};

/// Runs `p.tasks` tasks as `model` in a fresh actor system and returns the measurements.
[[nodiscard]] tipping_result run_tipping(exec_model model, const tipping_params& p,
                                         const std::vector<indicators::ohlcv>& bars);

} // namespace bourse::bench::study
