#pragma once
// The data time stamped on this thread's log lines: participants set it while they handle a data
// time in a backtest, so that a line says when in the data it happened; without it (paper mode,
// apps, anything outside a step) lines carry the wall clock.

#include <limits>

#include "bourse/core/time.hpp"

namespace bourse {

/// Marks "no data time": log lines written meanwhile carry the wall clock.
inline constexpr timestamp no_log_time = std::numeric_limits<timestamp>::min();

namespace detail {
/// The data time of the step this thread is handling, or no_log_time (a plain thread-local:
/// setting it costs a store, reading it a load).
inline thread_local timestamp log_data_time = no_log_time;
} // namespace detail

/// Returns the data time this thread's log lines are stamped with, or no_log_time.
[[nodiscard]] inline timestamp current_log_time() noexcept {
  return detail::log_data_time;
}

/// Sets the data time of this thread's log lines for as long as it lives, then restores the one
/// before (scopes nest). Cheap enough for every data time a participant handles.
class log_time_scope {
public:
  /// Keeps the current log time; nothing changes until set().
  log_time_scope() noexcept : saved_(detail::log_data_time) {}
  /// Stamps this thread's log lines with `ts` (no_log_time: the wall clock).
  explicit log_time_scope(timestamp ts) noexcept : saved_(detail::log_data_time) {
    detail::log_data_time = ts;
  }
  ~log_time_scope() { detail::log_data_time = saved_; }
  log_time_scope(const log_time_scope&) = delete;
  log_time_scope& operator=(const log_time_scope&) = delete;

  /// Stamps this thread's log lines with `ts` from now on, until the scope ends.
  void set(timestamp ts) noexcept { detail::log_data_time = ts; }

private:
  timestamp saved_;
};

} // namespace bourse
