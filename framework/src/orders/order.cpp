// Names of order states and events, and the order helpers.
#include "bourse/orders/order.hpp"

#include <utility>

#include "arithmetic.hpp"

namespace bourse::orders {

std::string_view to_string(order_state state) noexcept {
  switch (state) {
  case order_state::new_order:
    return "new";
  case order_state::pending_submit:
    return "pending_submit";
  case order_state::accepted:
    return "accepted";
  case order_state::partially_filled:
    return "partially_filled";
  case order_state::filled:
    return "filled";
  case order_state::pending_cancel:
    return "pending_cancel";
  case order_state::cancelled:
    return "cancelled";
  case order_state::pending_replace:
    return "pending_replace";
  case order_state::rejected:
    return "rejected";
  case order_state::expired:
    return "expired";
  case order_state::triggered:
    return "triggered";
  }
  return "unknown";
}

std::string_view to_string(order_event_kind kind) noexcept {
  switch (kind) {
  case order_event_kind::submit:
    return "submit";
  case order_event_kind::accept:
    return "accept";
  case order_event_kind::reject:
    return "reject";
  case order_event_kind::trigger:
    return "trigger";
  case order_event_kind::fill:
    return "fill";
  case order_event_kind::request_cancel:
    return "request_cancel";
  case order_event_kind::cancel:
    return "cancel";
  case order_event_kind::cancel_reject:
    return "cancel_reject";
  case order_event_kind::request_replace:
    return "request_replace";
  case order_event_kind::replace:
    return "replace";
  case order_event_kind::replace_reject:
    return "replace_reject";
  case order_event_kind::expire:
    return "expire";
  }
  return "unknown";
}

quantity order::open_quantity() const noexcept {
  if (is_terminal(state))
    return bourse::quantity::from_raw(0, quantity.precision());
  bourse::quantity total = quantity;
  if (requested_changes && requested_changes->quantity && *requested_changes->quantity > total)
    total = *requested_changes->quantity;
  return total - filled;
}

std::optional<price> order::average_fill_price() const noexcept {
  if (filled.is_zero())
    return std::nullopt;
  return detail::divide_to_price(filled_notional.raw(), filled_notional.precision(), filled.raw(),
                                 filled.precision());
}

order make_limit_order(order_id id, bourse::strategy_id strategy, bourse::account_id account,
                       symbol_id symbol, bourse::side side, bourse::quantity quantity,
                       price limit, timestamp ts, time_in_force tif) {
  order o;
  o.id = id;
  o.strategy_id = strategy;
  o.account_id = account;
  o.symbol = std::move(symbol);
  o.side = side;
  o.type = order_type::limit;
  o.tif = tif;
  o.limit_price = limit;
  o.quantity = quantity;
  o.ts_created = ts;
  o.ts_updated = ts;
  return o;
}

order make_market_order(order_id id, bourse::strategy_id strategy, bourse::account_id account,
                        symbol_id symbol, bourse::side side, bourse::quantity quantity,
                        timestamp ts, time_in_force tif) {
  order o;
  o.id = id;
  o.strategy_id = strategy;
  o.account_id = account;
  o.symbol = std::move(symbol);
  o.side = side;
  o.type = order_type::market;
  o.tif = tif;
  o.quantity = quantity;
  o.ts_created = ts;
  o.ts_updated = ts;
  return o;
}

} // namespace bourse::orders
