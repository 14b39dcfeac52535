#pragma once
// Restart with backoff: how many times a failed part (a strategy, a feed) is re-created, and how
// long it waits before each attempt. Plain data and arithmetic; the actor that restarts decides
// which clock the waits run on (data time for strategies, so that a backtest stays deterministic;
// wall time for feeds, whose data is the same whenever it arrives).

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "bourse/core/duration.hpp"
#include "bourse/core/time.hpp"

namespace bourse {

/// How a failed part is restarted (docs/operations.md, "Restart policy").
struct restart_policy {
  /// Restarts allowed over the whole run; 0 (the default) never restarts.
  std::uint32_t max_restarts = 0;
  /// The wait before the first restart.
  duration_ns backoff = ns_per_second;
  /// Each further restart waits this many times longer than the one before (1: always `backoff`).
  double multiplier = 2.0;
  /// The longest wait.
  duration_ns max_backoff = 60 * ns_per_second;

  /// Returns true when the policy restarts at all.
  [[nodiscard]] bool enabled() const noexcept { return max_restarts > 0; }

  /// Returns the wait before restart number `attempt` (1 for the first): backoff ×
  /// multiplier^(attempt − 1), at most max_backoff. Depends on its arguments only.
  [[nodiscard]] duration_ns delay(std::uint32_t attempt) const noexcept {
    if (attempt <= 1 || multiplier == 1.0)
      return backoff < max_backoff ? backoff : max_backoff;
    double d = static_cast<double>(backoff) * std::pow(multiplier, static_cast<double>(attempt - 1));
    if (!(d < static_cast<double>(max_backoff)))
      return max_backoff;
    return static_cast<duration_ns>(d);
  }

  /// Returns every problem with the policy (empty when valid), each starting with the field name.
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (max_restarts > 1'000'000)
      problems.push_back("max_restarts: must be at most 1000000 (got " +
                         std::to_string(max_restarts) + ")");
    if (backoff < 0)
      problems.emplace_back("backoff: must not be negative");
    if (max_backoff < backoff)
      problems.push_back("max_backoff: must be at least backoff (" + format_duration(backoff) +
                         ", got " + format_duration(max_backoff) + ")");
    if (!std::isfinite(multiplier) || multiplier < 1.0 || multiplier > 1000.0)
      problems.push_back("multiplier: must be a number from 1 to 1000 (got " +
                         std::to_string(multiplier) + ")");
    return problems;
  }
};

/// Counts a part's restarts against its policy: failed() says whether (and when) to restart.
class restart_budget {
public:
  /// Follows `policy`.
  explicit restart_budget(restart_policy policy = {}) noexcept : policy_(policy) {}

  /// Records a failure at time `now` (on the caller's clock); returns the time at which to restart,
  /// or -1 when the policy allows no more restarts (the part stays down).
  [[nodiscard]] timestamp failed(timestamp now) noexcept {
    if (restarts_ >= policy_.max_restarts)
      return -1;
    ++restarts_;
    auto wait = policy_.delay(restarts_);
    return now > max_timestamp - wait ? max_timestamp : now + wait;
  }
  /// Returns how many restarts failed() granted so far.
  [[nodiscard]] std::uint32_t restarts() const noexcept { return restarts_; }
  /// Returns the policy.
  [[nodiscard]] const restart_policy& policy() const noexcept { return policy_; }

private:
  static constexpr timestamp max_timestamp = INT64_MAX;
  restart_policy policy_;
  std::uint32_t restarts_ = 0;
};

} // namespace bourse
