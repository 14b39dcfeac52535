#pragma once
// A strategy's pending timers ordered by (due time, id): what a backtest driver fires when data time
// reaches them.

#include <cstddef>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "bourse/core/time.hpp"
#include "bourse/sim/step.hpp"
#include "bourse/strategy/context.hpp"

namespace bourse {

/// A timer that is due: its id and the time it was due at.
struct due_timer {
  /// The timer.
  timer_id id = 0;
  /// When it was due (ns).
  timestamp due = 0;
};

/// Pending timers, earliest first; ties fire in id order (the order they were set).
class timer_queue {
public:
  /// Adds timer `id` due at `due`, replacing an earlier schedule of the same id.
  void schedule(timer_id id, timestamp due);

  /// Removes timer `id`; returns false when it was not pending.
  bool cancel(timer_id id);

  /// Removes and returns every timer due at or before `now`, ascending by (due, id).
  [[nodiscard]] std::vector<due_timer> take_due(timestamp now);

  /// Drops every pending timer.
  void clear() noexcept {
    by_due_.clear();
    by_id_.clear();
  }

  /// Returns the earliest due time, or no_wakeup when nothing is pending.
  [[nodiscard]] timestamp next_due() const noexcept;

  /// Returns true when timer `id` is pending.
  [[nodiscard]] bool pending(timer_id id) const { return by_id_.count(id) != 0; }

  /// Returns how many timers are pending.
  [[nodiscard]] std::size_t size() const noexcept { return by_id_.size(); }

private:
  std::set<std::pair<timestamp, timer_id>> by_due_;
  std::map<timer_id, timestamp> by_id_;
};

} // namespace bourse
