#pragma once
// Configuration of a strategy actor.

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/restart_policy.hpp"
#include "bourse/market/flow_control.hpp"
#include "bourse/protocol/system.hpp"
#include "bourse/strategy/strategy.hpp"

namespace bourse {

/// Where a strategy actor records its failures and restarts (supervision events without rank and
/// participant, which the builder fills in). Shared with the builder, so that the record outlives
/// an actor that exits (a strategy_fatal_error with no restart left).
class strategy_event_log {
public:
  /// Appends an event (from the strategy's actor).
  void add(supervision_event event) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(std::move(event));
  }
  /// Returns the events so far, in order.
  [[nodiscard]] std::vector<supervision_event> events() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_;
  }

private:
  mutable std::mutex mutex_;
  std::vector<supervision_event> events_;
};

/// Who the hosted strategy is and how its actor guards it.
struct strategy_actor_config {
  /// The strategy's id (the top bits of its order ids); 0 is reserved for "all strategies".
  strategy_id id = 1;
  /// The account it trades for.
  account_id account = 1;
  /// Its name in logs and reports (two strategies may share it; reports then label them
  /// "name#id").
  std::string name = "strategy";
  /// The registered type it was built from ("sma_cross"), for reports; may be empty.
  std::string type = {};
  /// The parameters it was built with ("fast=10,slow=30"), for reports; may be empty.
  std::string params = {};
  /// How many exceptions its handlers may throw before the actor halts it (cancels its orders and
  /// stops calling it).
  std::uint32_t max_errors = 3;
  /// Paper mode only: data nanoseconds per wall-clock nanosecond (the feed's speed factor), used
  /// to turn a timer's data-time delay into a wall-clock delay.
  double paper_speed = 1.0;
  /// The cash the strategy's account view starts with (strategy::cash()); the system builder sets
  /// it from the portfolio's initial cash for the strategy.
  money initial_cash = money::from_units(100'000);
  /// Lot size by symbol for the sizing helpers; the system builder fills it from the venues'
  /// instruments.
  std::map<std::string, quantity, std::less<>> lot_sizes{};
  /// Paper mode only: how the hub's quotes, trades and bars reach the strategy when it is slower
  /// than the feed (unbounded, conflate, or a bounded buffer). A backtest ignores it.
  flow_policy market_data = {};
  /// What happens after the strategy fails (max_errors exceptions, or strategy_fatal_error): with
  /// restart.max_restarts > 0 the actor cancels its orders, waits restart.delay(k) of *data* time,
  /// then replaces it with a new instance from `factory` that carries over its positions, cash and
  /// order numbering (strategy_books); without, the strategy stays halted (max_errors) or its actor
  /// exits and supervision isolates it (strategy_fatal_error). docs/operations.md, "Restart policy".
  restart_policy restart = {};
  /// Makes a new instance of the strategy for a restart (the same type and parameters as the
  /// first); needed when restart.max_restarts > 0.
  std::function<std::unique_ptr<strategy>()> factory = {};
  /// Receives the actor's failures and restarts (the builder sets one per strategy); may be null.
  std::shared_ptr<strategy_event_log> event_log = {};

  /// Returns every problem with the configuration (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (id == 0)
      problems.emplace_back("id: must not be 0 (reserved for all strategies)");
    if (id >= (1U << 24))
      problems.push_back("id: " + std::to_string(id) + " does not fit the 24 bits order ids keep");
    if (name.empty())
      problems.emplace_back("name: must not be empty");
    if (max_errors == 0)
      problems.emplace_back("max_errors: must be at least 1");
    for (const auto& p : restart.validate())
      problems.push_back("restart." + p);
    if (restart.enabled() && !factory)
      problems.emplace_back("restart: restarts need a factory that makes a new instance "
                            "(strategy_actor_config::factory, or add_strategy with a factory)");
    for (const auto& p : market_data.validate())
      problems.push_back("market_data." + p);
    if (!std::isfinite(paper_speed) || paper_speed <= 0)
      problems.push_back("paper_speed: must be a positive number (got " +
                         std::to_string(paper_speed) + ")");
    return problems;
  }
};

} // namespace bourse
