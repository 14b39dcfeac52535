#pragma once
// The strategy's window on the system: where its commands go, what time it is, its timers and its
// log. The strategy actor implements it on top of CAF; tests use recording_context.

#include <cstdint>
#include <string_view>

#include "bourse/core/time.hpp"
#include "bourse/strategy/commands.hpp"

namespace bourse {

/// Identifies a timer of one strategy (ids count up from 1 per strategy).
using timer_id = std::uint64_t;

/// How important a strategy's log line is.
enum class log_level : std::uint8_t { debug, info, warn, error };

/// Returns "debug", "info", "warn" or "error".
[[nodiscard]] std::string_view to_string(log_level level) noexcept;

/// The services a strategy uses; every call comes from inside one of the strategy's handlers.
class strategy_context {
public:
  /// Destroys the context.
  virtual ~strategy_context() = default;

  /// Sends a command to the order manager.
  virtual void emit(strategy_command command) = 0;

  /// Returns the current time: data time in a backtest (the time of the step being handled),
  /// the latest input's data time in paper mode.
  [[nodiscard]] virtual timestamp now() const = 0;

  /// Arranges for the strategy's handle_timer(id, ...) to be called at data time `due` (at once, in
  /// the next step, when `due` is not in the future).
  virtual void schedule_timer(timer_id id, timestamp due) = 0;

  /// Drops a scheduled timer (nothing happens when it is unknown or already fired).
  virtual void cancel_timer(timer_id id) = 0;

  /// Writes one line of the strategy's log.
  virtual void log(log_level level, std::string_view message) = 0;

protected:
  /// Creates the context.
  strategy_context() = default;
  /// Copies the context.
  strategy_context(const strategy_context&) = default;
  /// Copy-assigns the context.
  strategy_context& operator=(const strategy_context&) = default;
};

} // namespace bourse
