// Validation of the order manager's settings.
#include "bourse/orders/order_manager_settings.hpp"

namespace bourse::orders {

namespace {

void collect(std::vector<std::string>& out, const std::string& where, const risk_limits& limits) {
  for (auto& problem : limits.validate())
    out.push_back(where + ": " + problem);
}

} // namespace

std::vector<std::string> order_manager_settings::validate() const {
  std::vector<std::string> problems;
  for (const auto& [id, limits] : strategy_limits)
    collect(problems, "strategy_limits[" + std::to_string(id) + "]", limits);
  for (const auto& [id, limits] : account_limits)
    collect(problems, "account_limits[" + std::to_string(id) + "]", limits);
  if (default_strategy_limits)
    collect(problems, "default_strategy_limits", *default_strategy_limits);
  if (default_account_limits)
    collect(problems, "default_account_limits", *default_account_limits);
  return problems;
}

} // namespace bourse::orders
