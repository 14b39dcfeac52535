#pragma once
// The baseline of the pipeline benchmarks: the cross-venue tick scenario driven through the same
// framework cores (aggregator, strategy, order manager, venues) by one plain loop, in the order the
// actor system handles them (see docs/architecture.md): per data time, the forward pass in rank
// order, then the answers until nothing is left, then the next data time. No actors, no messages.

#include <string>
#include <vector>

#include "bourse/market/aggregator.hpp"
#include "bourse/orders/order_manager_settings.hpp"
#include "bourse/protocol/market_data.hpp"
#include "bourse/protocol/orders.hpp"
#include "bourse/venue/venue_settings.hpp"

namespace bourse::bench {

/// What the bare loop runs.
struct bare_setup {
  /// The market data, ascending by time.
  const std::vector<market_slice>* slices = nullptr;
  /// The venues, in the order the system adds them (routing by listed symbol).
  std::vector<venue::venue_settings> venues;
  /// The aggregator's listings.
  std::vector<venue_listing> listings;
  /// The order manager's settings.
  orders::order_manager_settings order_manager;
  /// The strategy, as make_strategy() takes it; it runs as id 1, account 1.
  std::string strategy;
  /// The strategy's name (as in the actor system's run).
  std::string strategy_name = "strategy";
};

/// Runs the scenario; returns the fills in the order the portfolio would book them.
[[nodiscard]] std::vector<fill> run_bare_loop(const bare_setup& setup);

} // namespace bourse::bench

namespace bourse::bench {

/// What the bare bar loop runs: several strategies (ids 1, 2, ... in order) on bar data, their
/// indicators computed as the indicator actors do (one per symbol, specs sorted), one venue.
struct bare_bar_setup {
  /// The market data (bars), ascending by time.
  const std::vector<market_slice>* slices = nullptr;
  /// The venue.
  venue::venue_settings venue;
  /// The strategies, as make_strategy() takes them.
  std::vector<std::string> strategies;
  /// The order manager's settings.
  orders::order_manager_settings order_manager;
};

/// Runs the bar scenario; returns the fills in the order the portfolio would book them.
[[nodiscard]] std::vector<fill> run_bare_bar_loop(const bare_bar_setup& setup);

} // namespace bourse::bench
