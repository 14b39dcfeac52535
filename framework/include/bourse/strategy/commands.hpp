#pragma once
// The order commands a strategy emits through its context; the strategy actor turns them into the
// order protocol's submit_order, cancel_order and replace_order.

#include <string>
#include <variant>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"

namespace bourse {

/// What to trade: the fields of a new order that the strategy chooses.
struct order_request {
  /// The instrument.
  symbol_id symbol;
  /// Buy or sell.
  side order_side = side::buy;
  /// Limit, market, stop or stop-limit.
  order_type type = order_type::market;
  /// How long the order may rest (market orders never rest: a remainder is cancelled).
  time_in_force tif = time_in_force::gtc;
  /// Order quantity (positive).
  quantity qty;
  /// Limit price (limit and stop-limit orders), zero otherwise.
  price limit_price;
  /// Stop price (stop and stop-limit orders), zero otherwise.
  price stop_price;
};

/// Command: place a new order.
struct submit_command {
  /// Data time at which the strategy decided (ns).
  timestamp ts = 0;
  /// The order's id (compose_order_id of the strategy and its sequence number).
  order_id id = 0;
  /// The owning strategy.
  strategy_id strategy = 0;
  /// The account it trades for.
  account_id account = 0;
  /// The order.
  order_request order;
};

/// Command: cancel an order.
struct cancel_command {
  /// Data time (ns).
  timestamp ts = 0;
  /// The order to cancel.
  order_id id = 0;
  /// The owning strategy.
  strategy_id strategy = 0;
};

/// Command: change an order's limit price and/or open quantity (zero keeps the field).
struct replace_command {
  /// Data time (ns).
  timestamp ts = 0;
  /// The order to change.
  order_id id = 0;
  /// The owning strategy.
  strategy_id strategy = 0;
  /// The new limit price, or zero to keep it.
  price new_price;
  /// The new open quantity, or zero to keep it.
  quantity new_qty;
};

/// Any command a strategy emits.
using strategy_command = std::variant<submit_command, cancel_command, replace_command>;

} // namespace bourse
