#pragma once
// A strategy_context for tests and offline drivers: it records every command and log line, holds a
// settable clock, and fires timers when told to advance, the way a backtest would.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/strategy/context.hpp"
#include "bourse/strategy/events.hpp"
#include "bourse/strategy/strategy.hpp"
#include "bourse/strategy/timer_queue.hpp"

namespace bourse {

/// One recorded log line.
struct log_entry {
  /// Its level.
  log_level level = log_level::info;
  /// Its text.
  std::string message;
};

/// Records what a strategy does instead of sending it anywhere.
///
/// Typical test: attach the strategy, handle_start(), feed events with handle_*(), then look at
/// commands / submits(); use set_now() before an event to give it a time and advance_to() to fire
/// timers. Feed fills back with make_fill() to see the strategy's position move.
class recording_context final : public strategy_context {
public:
  /// Records the command.
  void emit(strategy_command command) override { commands.push_back(std::move(command)); }
  /// Returns the clock set with set_now() or advance_to().
  [[nodiscard]] timestamp now() const override { return now_; }
  /// Queues the timer.
  void schedule_timer(timer_id id, timestamp due) override { timers_.schedule(id, due); }
  /// Drops the timer.
  void cancel_timer(timer_id id) override { timers_.cancel(id); }
  /// Records the line.
  void log(log_level level, std::string_view message) override {
    logs.push_back({level, std::string{message}});
  }

  /// Sets the clock.
  void set_now(timestamp now) noexcept { now_ = now; }

  /// Sets the clock to `now` and fires every timer due by then on `target`, ascending by (due,
  /// id); timers that those handlers set for `now` or earlier fire too (in later rounds, as in the
  /// next wave of a backtest step). Returns how many fired.
  std::size_t advance_to(strategy& target, timestamp now);

  /// Returns the pending timers.
  [[nodiscard]] const timer_queue& timers() const noexcept { return timers_; }

  /// Returns the recorded submits, in order.
  [[nodiscard]] std::vector<submit_command> submits() const;
  /// Returns the recorded cancels, in order.
  [[nodiscard]] std::vector<cancel_command> cancels() const;
  /// Returns the recorded replaces, in order.
  [[nodiscard]] std::vector<replace_command> replaces() const;
  /// Forgets the recorded commands and log lines.
  void clear() {
    commands.clear();
    logs.clear();
  }

  /// Every command, in emission order.
  std::vector<strategy_command> commands;
  /// Every log line, in order.
  std::vector<log_entry> logs;

private:
  timestamp now_ = 0;
  timer_queue timers_;
};

/// Returns a fill of `qty` of the submitted order at `px` at time `ts`, leaving `leaves` open.
[[nodiscard]] fill_event make_fill(const submit_command& order, price px, quantity qty,
                                   quantity leaves, timestamp ts, money fee = money{});

/// Returns a fill of the whole submitted order at `px` at time `ts`.
[[nodiscard]] fill_event make_fill(const submit_command& order, price px, timestamp ts,
                                   money fee = money{});

/// Returns an update of `kind` for the submitted order at time `ts` (fields beyond kind, id,
/// symbol and ts stay empty; set them on the result when a test needs them).
[[nodiscard]] order_update make_update(const submit_command& order, order_update_kind kind,
                                       timestamp ts);

} // namespace bourse
