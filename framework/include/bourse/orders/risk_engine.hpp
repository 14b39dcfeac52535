#pragma once
// The pre-trade risk engine: limits per strategy and per account, checked in a fixed order.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"
#include "bourse/orders/exposure.hpp"
#include "bourse/orders/order.hpp"
#include "bourse/orders/risk_limits.hpp"
#include "bourse/orders/risk_rules.hpp"
#include "bourse/orders/token_bucket.hpp"

namespace bourse::orders {

/// What the caller knows about the market and the owners when an order is checked.
struct risk_context {
  /// The reference price for the order's instrument (e.g. last trade or mid); needed by the price
  /// band and by the notional of market orders.
  std::optional<price> reference_price;
  /// The strategy's position and open orders in the order's instrument (without this order).
  exposure strategy;
  /// The account's position and open orders in the order's instrument (without this order).
  exposure account;
};

/// Holds risk limits for each strategy id and account id (std::map) and checks orders against the
/// limits of the order's strategy and of its account. Order of checks, first denial wins:
/// sanity; overflow (always, for both owners); max order quantity; max order notional; price band;
/// max position; rate limit. Each rule checks the strategy's limit first, then the account's. The
/// rate limit takes a token from both buckets only when every other check passed and both have
/// one, so denied orders cost no rate. Owners without limits get only the sanity and overflow
/// checks.
class risk_engine {
public:
  /// Sets a strategy's limits; refuses invalid limits (returns every problem, keeps the old ones).
  /// The strategy's token bucket restarts full only when its rate limit changes.
  [[nodiscard]] std::vector<std::string> set_strategy_limits(strategy_id id,
                                                             const risk_limits& limits);

  /// Sets an account's limits; refuses invalid limits (returns every problem, keeps the old ones).
  /// The account's token bucket restarts full only when its rate limit changes.
  [[nodiscard]] std::vector<std::string> set_account_limits(account_id id,
                                                            const risk_limits& limits);

  /// Removes a strategy's limits and bucket.
  void remove_strategy_limits(strategy_id id) noexcept { strategies_.erase(id); }

  /// Removes an account's limits and bucket.
  void remove_account_limits(account_id id) noexcept { accounts_.erase(id); }

  /// Returns a strategy's limits, or nullptr.
  [[nodiscard]] const risk_limits* strategy_limits(strategy_id id) const noexcept;

  /// Returns an account's limits, or nullptr.
  [[nodiscard]] const risk_limits* account_limits(account_id id) const noexcept;

  /// Checks `candidate` (a new order, or an order with replace changes applied and its own open
  /// quantity left out of the exposures) at time `now`; returns the first denial, or nullopt after
  /// taking a rate-limit token from each bucket that applies.
  [[nodiscard]] std::optional<risk_denial> check(const order& candidate,
                                                 const risk_context& context, timestamp now);

private:
  struct entry {
    risk_limits limits;
    std::optional<token_bucket> bucket;
  };

  static std::vector<std::string> set_limits(std::map<std::uint32_t, entry>& entries,
                                             std::uint32_t id, const risk_limits& limits);

  std::map<std::uint32_t, entry> strategies_;
  std::map<std::uint32_t, entry> accounts_;
};

} // namespace bourse::orders
