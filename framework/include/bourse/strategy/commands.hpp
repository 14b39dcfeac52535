#pragma once
// The order commands a strategy emits through its context; the strategy actor turns them into the
// order protocol's submit_order, cancel_order and replace_order.

#include <cstdint>
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
  /// Stop price (stop and stop-limit orders), zero otherwise. A trailing stop may leave it zero:
  /// the order manager then starts it at the market price minus (sell) or plus (buy) the trail.
  price stop_price;
  /// Post-only (limit orders): rejected by the venue (reason "would_cross") instead of trading on
  /// arrival.
  bool post_only = false;
  /// Reduce-only: rejected by the order manager (reason "reduce_only") when it could increase
  /// the absolute position; shrunk or cancelled later when fills leave less to reduce.
  bool reduce_only = false;
  /// Trailing stop (stop orders): the stop follows the best price seen at this distance.
  price trail_offset{};
  /// Trailing stop: distance in basis points of the best price seen (added to trail_offset).
  std::uint32_t trail_bps = 0;

  /// Returns true for a trailing stop (trail_offset or trail_bps set).
  [[nodiscard]] bool trailing() const noexcept { return !trail_offset.is_zero() || trail_bps != 0; }
};

/// A bracket: an entry order with a stop-loss and/or a take-profit that the order manager places
/// for the entry's filled quantity and links one-cancels-other (docs/strategy-api.md).
struct bracket_request {
  /// The entry order (any type; usually market or limit).
  order_request entry{};
  /// The stop-loss's stop price (a stop order on the other side); zero: none, unless it trails.
  price stop_loss{};
  /// A trailing stop-loss instead: its distance from the best price seen (zero: none).
  price trail_offset{};
  /// A trailing stop-loss: its distance in basis points of the best price seen (0: none).
  std::uint32_t trail_bps = 0;
  /// The take-profit's limit price (a limit order on the other side); zero: none.
  price take_profit{};
};

/// The ids of a bracket's orders (0 for an exit that was not asked for, or nothing sent).
struct bracket_ids {
  /// The entry order.
  order_id entry = 0;
  /// The stop-loss.
  order_id stop_loss = 0;
  /// The take-profit.
  order_id take_profit = 0;
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
  /// Bracket exit: the entry order whose fills it closes (0: none).
  order_id parent = 0;
  /// One-cancels-other sibling (0: none).
  order_id oco = 0;
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
