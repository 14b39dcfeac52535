#pragma once
// The plan of the indicator worker pool: which worker computes which symbol's indicator set, how
// many workers there are (fixed, or sized by the work queued behind the pool) and which symbols run
// on a thread of their own (hot switching, by measured cost per update or forced every k bars).
// Plain C++: the pool actor (actors/indicator/indicator_pool.cpp) asks it where to send each
// symbol's bars and tells it, between steps, what a step queued and cost.
//
// Determinism: the plan only says where work runs. Each symbol's set is owned by exactly one
// worker while a step is computed, and the host changes the plan only between steps (when nothing
// of any symbol is in flight), so a symbol's bars are applied in order whatever the plan says.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bourse::indicators {

/// How the pool is sized.
struct pool_sizing {
  /// The workers the pool starts with (at least 1).
  std::size_t workers = 1;
  /// Grows and shrinks the pool with its queue (between min_workers and max_workers); false keeps
  /// `workers`.
  bool by_load = false;
  /// The fewest workers when sized by load (at least 1).
  std::size_t min_workers = 1;
  /// The most workers when sized by load (at least min_workers).
  std::size_t max_workers = 1;
  /// Grows by one worker when the bars queued per worker at a step stayed above this for
  /// `patience` steps in a row.
  double grow_above = 64.0;
  /// Shrinks by one worker when the bars queued per worker stayed below this for `patience` steps
  /// in a row (0: never below, so shrink only when idle, i.e. no bars at all).
  double shrink_below = 1.0;
  /// Consecutive steps a condition must hold before the pool is resized.
  std::size_t patience = 8;

  /// Returns every problem with the settings (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// When a symbol's set moves between the pool and a thread of its own.
struct switch_policy {
  /// Moves sets by their measured cost per update.
  bool by_cost = false;
  /// A set in the pool whose mean cost per bar reached this (ns) moves to its own thread.
  double heavy_ns = 20'000.0;
  /// A set on its own thread whose mean cost per bar fell to this (ns) moves back to the pool.
  double light_ns = 5'000.0;
  /// The judging window: a set is judged on the mean cost of its latest min_bars (or more) bars,
  /// then measured again from zero, so a set that becomes heavy (an indicator warming up, a
  /// regime change) is noticed within a window, whatever its history.
  std::uint64_t min_bars = 64;
  /// Tests and demonstrations: toggles a set's placement every this many of its bars (0: never).
  std::uint64_t force_every = 0;

  /// Returns every problem with the settings (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Where a symbol's set runs.
enum class placement : std::uint8_t {
  /// On one of the pool's shared workers.
  pool,
  /// On a detached thread of its own.
  own_thread,
};

/// Returns "pool" or "own_thread".
[[nodiscard]] const char* to_string(placement p) noexcept;

/// One change of the plan, with the reason (for the log).
struct pool_change {
  /// What changed.
  enum class kind : std::uint8_t { grow, shrink, to_own_thread, to_pool } what = kind::grow;
  /// The symbol index moved (to_own_thread, to_pool).
  std::size_t symbol = 0;
  /// The pool's worker count after the change.
  std::size_t workers = 0;
  /// Why, as key=value fields.
  std::string reason;
};

/// Returns "grow", "shrink", "to_own_thread" or "to_pool".
[[nodiscard]] const char* to_string(pool_change::kind k) noexcept;

/// The plan for `symbols` symbol sets (indexed 0..symbols-1 in publication order).
class pool_plan {
public:
  /// Starts with sizing.workers workers (clamped to the sizing bounds when by load) and every set
  /// in the pool.
  pool_plan(std::size_t symbols, pool_sizing sizing, switch_policy policy);

  /// Returns the number of symbol sets.
  [[nodiscard]] std::size_t symbols() const noexcept { return placement_.size(); }
  /// Returns the pool's current worker count.
  [[nodiscard]] std::size_t workers() const noexcept { return workers_; }
  /// Returns where symbol `s` runs.
  [[nodiscard]] placement placement_of(std::size_t s) const { return placement_[s]; }
  /// Returns the pool worker of symbol `s` (< workers(); meaningful when it is in the pool):
  /// symbols in the pool are dealt to the workers in index order.
  [[nodiscard]] std::size_t worker_of(std::size_t s) const { return worker_[s]; }
  /// Returns the number of sets on threads of their own.
  [[nodiscard]] std::size_t own_threads() const noexcept;
  /// Returns the bars queued per pool worker at the latest step.
  [[nodiscard]] double queue_per_worker() const noexcept { return queue_per_worker_; }
  /// Returns the bars queued at the latest step (all workers).
  [[nodiscard]] std::uint64_t queue_depth() const noexcept { return queue_depth_; }

  /// Reports a finished step: `bars[s]` bars of symbol s were computed, costing `cost_ns[s]` ns of
  /// computation (either may be empty: no measurement). Call only when nothing is in flight.
  /// Returns the changes made (resizes, moves), in a fixed order: resize first, then moves by
  /// symbol index.
  std::vector<pool_change> end_step(const std::vector<std::uint64_t>& bars,
                                    const std::vector<std::int64_t>& cost_ns);

private:
  void deal();

  pool_sizing sizing_;
  switch_policy policy_;
  std::size_t workers_ = 1;
  std::vector<placement> placement_;
  std::vector<std::size_t> worker_;
  // Per symbol since its last move: bars and their cost; bars since the last forced toggle.
  std::vector<std::uint64_t> measured_bars_;
  std::vector<std::int64_t> measured_ns_;
  std::vector<std::uint64_t> since_toggle_;
  std::size_t busy_steps_ = 0;
  std::size_t idle_steps_ = 0;
  double queue_per_worker_ = 0.0;
  std::uint64_t queue_depth_ = 0;
};

} // namespace bourse::indicators
