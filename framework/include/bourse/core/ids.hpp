#pragma once
// Identifier types shared by books, orders, strategies and accounts.

#include <cstdint>

namespace bourse {

/// Identifies an order inside one book or order manager.
using order_id = std::uint64_t;
/// Identifies a trade (execution) produced by a matching engine.
using trade_id = std::uint64_t;
/// Identifies a strategy instance.
using strategy_id = std::uint32_t;
/// Identifies a trading account.
using account_id = std::uint32_t;

} // namespace bourse
