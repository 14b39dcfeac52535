#pragma once
// The wall clock paper mode stamps data with, to measure tick -> order latency inside the system.

#include <chrono>

#include "bourse/core/time.hpp"

namespace bourse {

/// Returns the monotonic wall clock in nanoseconds (std::chrono::steady_clock, CLOCK_MONOTONIC on
/// Linux; about 20 ns a read). Only paper mode reads it: its values are comparable with each other
/// within one process, never with data time, and never reach a backtest's decisions.
[[nodiscard]] inline timestamp monotonic_now() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

} // namespace bourse
