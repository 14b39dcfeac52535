#pragma once
// The order record and the events that the state machine applies to it.

#include <optional>
#include <string>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"
#include "bourse/orders/order_state.hpp"

namespace bourse::orders {

/// The fields a replace may change; an absent field stays as it is.
struct order_changes {
  /// The new limit price (limit and stop-limit orders only).
  std::optional<price> limit_price;
  /// The new stop price (stop and stop-limit orders before they trigger only).
  std::optional<price> stop_price;
  /// The new total quantity (must stay above the filled quantity).
  std::optional<bourse::quantity> quantity;

  /// Returns true when no field is set.
  [[nodiscard]] bool empty() const noexcept { return !limit_price && !stop_price && !quantity; }
};

/// One order and everything known about it. Plain data: change it only through apply() in
/// order_state_machine.hpp, which refuses illegal events and leaves the order unchanged then.
struct order {
  /// The order's identifier, unique within one order manager.
  order_id id = 0;
  /// The strategy that owns the order.
  bourse::strategy_id strategy_id = 0;
  /// The account the order trades for.
  bourse::account_id account_id = 0;
  /// The instrument's symbol.
  symbol_id symbol;
  /// Buy or sell.
  bourse::side side = bourse::side::buy;
  /// Limit, market, stop or stop-limit.
  order_type type = order_type::limit;
  /// How long the order may rest.
  time_in_force tif = time_in_force::gtc;
  /// The limit price: required for limit and stop-limit orders, absent otherwise.
  std::optional<price> limit_price;
  /// The stop (trigger) price: required for stop and stop-limit orders, absent otherwise.
  std::optional<price> stop_price;
  /// The total quantity ordered (positive).
  bourse::quantity quantity;
  /// The quantity filled so far (never above `quantity`).
  bourse::quantity filled;
  /// The exact sum of price * quantity over all fills; average_fill_price() derives from it.
  money filled_notional;
  /// The current state.
  order_state state = order_state::new_order;
  /// In pending_cancel and pending_replace: the working state (accepted, triggered or
  /// partially_filled) that a refused request returns to. Equal to `state` otherwise.
  order_state resume_state = order_state::new_order;
  /// In pending_replace: the changes asked for. Absent otherwise.
  std::optional<order_changes> requested_changes;
  /// When the order was created (ns).
  timestamp ts_created = 0;
  /// When the order was submitted (ns); 0 until then.
  timestamp ts_submitted = 0;
  /// When the venue accepted the order (ns); 0 until then.
  timestamp ts_accepted = 0;
  /// When the last event was applied (ns).
  timestamp ts_updated = 0;
  /// When the order reached a terminal state (ns); 0 until then.
  timestamp ts_closed = 0;

  /// Returns the quantity still to fill: quantity - filled.
  [[nodiscard]] bourse::quantity remaining() const noexcept { return quantity - filled; }

  /// Returns true for stop and stop-limit orders.
  [[nodiscard]] bool is_stop() const noexcept {
    return type == order_type::stop || type == order_type::stop_limit;
  }

  /// Returns the working state: `resume_state` while a request is pending, `state` otherwise.
  [[nodiscard]] order_state working_state() const noexcept {
    return is_pending_request(state) ? resume_state : state;
  }

  /// Returns the quantity this order may still add to its side's exposure: 0 once terminal,
  /// otherwise the larger of `quantity` and a requested new quantity, minus `filled`.
  [[nodiscard]] bourse::quantity open_quantity() const noexcept;

  /// Returns filled_notional / filled, exact when it has at most 9 decimals and otherwise rounded
  /// half away from zero at 9 decimals, trailing zeros trimmed; nullopt before the first fill.
  [[nodiscard]] std::optional<price> average_fill_price() const noexcept;
};

/// Returns a new limit order (state new, created at `ts`); check it with validate_new_order().
[[nodiscard]] order make_limit_order(order_id id, bourse::strategy_id strategy,
                                     bourse::account_id account, symbol_id symbol,
                                     bourse::side side, bourse::quantity quantity, price limit,
                                     timestamp ts, time_in_force tif = time_in_force::gtc);

/// Returns a new market order (state new, created at `ts`); check it with validate_new_order().
[[nodiscard]] order make_market_order(order_id id, bourse::strategy_id strategy,
                                      bourse::account_id account, symbol_id symbol,
                                      bourse::side side, bourse::quantity quantity, timestamp ts,
                                      time_in_force tif = time_in_force::ioc);

/// One event for the state machine: a kind plus the data fills and replaces carry.
struct order_event {
  /// What happened.
  order_event_kind kind = order_event_kind::submit;
  /// For fill: the quantity traded (positive).
  bourse::quantity fill_quantity;
  /// For fill: the price it traded at (positive).
  price fill_price;
  /// For request_replace and replace: the changed fields.
  order_changes changes;

  /// Returns a submit event.
  [[nodiscard]] static order_event submit() noexcept { return of(order_event_kind::submit); }
  /// Returns an accept event.
  [[nodiscard]] static order_event accept() noexcept { return of(order_event_kind::accept); }
  /// Returns a reject event.
  [[nodiscard]] static order_event reject() noexcept { return of(order_event_kind::reject); }
  /// Returns a trigger event.
  [[nodiscard]] static order_event trigger() noexcept { return of(order_event_kind::trigger); }
  /// Returns a fill of `qty` at `px`.
  [[nodiscard]] static order_event fill(bourse::quantity qty, price px) noexcept {
    order_event e = of(order_event_kind::fill);
    e.fill_quantity = qty;
    e.fill_price = px;
    return e;
  }
  /// Returns a cancel request.
  [[nodiscard]] static order_event request_cancel() noexcept {
    return of(order_event_kind::request_cancel);
  }
  /// Returns a cancel (confirmed or unsolicited).
  [[nodiscard]] static order_event cancel() noexcept { return of(order_event_kind::cancel); }
  /// Returns a refusal of a cancel request.
  [[nodiscard]] static order_event cancel_reject() noexcept {
    return of(order_event_kind::cancel_reject);
  }
  /// Returns a replace request asking for `wanted`.
  [[nodiscard]] static order_event request_replace(order_changes wanted) noexcept {
    order_event e = of(order_event_kind::request_replace);
    e.changes = wanted;
    return e;
  }
  /// Returns a replace confirmation applying `applied`.
  [[nodiscard]] static order_event replace(order_changes applied) noexcept {
    order_event e = of(order_event_kind::replace);
    e.changes = applied;
    return e;
  }
  /// Returns a refusal of a replace request.
  [[nodiscard]] static order_event replace_reject() noexcept {
    return of(order_event_kind::replace_reject);
  }
  /// Returns an expiry.
  [[nodiscard]] static order_event expire() noexcept { return of(order_event_kind::expire); }

private:
  static order_event of(order_event_kind kind) noexcept {
    order_event e;
    e.kind = kind;
    return e;
  }
};

} // namespace bourse::orders
