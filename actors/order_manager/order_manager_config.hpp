#pragma once
// Configuration of the order manager actor: the pre-trade risk limits per strategy and account
// (docs/order-manager.md).

#include <string>
#include <vector>

#include "bourse/orders/order_manager_settings.hpp"

namespace bourse {

/// Everything the order manager actor needs to start besides its routes and listeners.
struct order_manager_config {
  /// Risk limits per strategy and per account, and defaults for the others.
  orders::order_manager_settings settings;

  /// Returns every problem at once (empty when usable): each invalid limit, named by its owner.
  [[nodiscard]] std::vector<std::string> validate() const { return settings.validate(); }
};

} // namespace bourse
