#pragma once
// The order manager's settings: pre-trade risk limits per strategy and per account, with defaults
// for owners that have none of their own.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bourse/core/ids.hpp"
#include "bourse/orders/risk_limits.hpp"

namespace bourse::orders {

/// The limits the order manager core enforces (docs/order-manager.md).
struct order_manager_settings {
  /// Limits of individual strategies.
  std::map<strategy_id, risk_limits> strategy_limits;
  /// Limits of individual accounts.
  std::map<account_id, risk_limits> account_limits;
  /// Limits of every strategy not in strategy_limits (absent: such strategies are not checked).
  std::optional<risk_limits> default_strategy_limits;
  /// Limits of every account not in account_limits (absent: such accounts are not checked).
  std::optional<risk_limits> default_account_limits;

  /// Returns every problem at once, each prefixed with the limits it belongs to, e.g.
  /// "strategy_limits[7]: max_order_quantity must be positive, got -1".
  [[nodiscard]] std::vector<std::string> validate() const;
};

} // namespace bourse::orders
