#pragma once
// Stub builders shared by the orders tests: fixed-point values from text, sample orders, and an
// order driven into any state through legal events.

#include <doctest/doctest.h>

#include <string_view>

#include "bourse/core/fixed_point.hpp"
#include "bourse/orders/order.hpp"
#include "bourse/orders/order_state_machine.hpp"

namespace orders_kit {

using namespace bourse;
using namespace bourse::orders;

/// Returns a price parsed from text (the test fails on bad text).
inline price px(std::string_view text) {
  auto v = price::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns a quantity parsed from text.
inline quantity qty(std::string_view text) {
  auto v = quantity::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns an amount of money parsed from text.
inline money cash(std::string_view text) {
  auto v = money::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns a GTC limit order: id 1, strategy 7, account 70, AAPL, buy 100 at 10.00, created at
/// 1000.
inline order limit_order(order_id id = 1, side s = side::buy, std::string_view q = "100",
                         std::string_view limit = "10.00") {
  return make_limit_order(id, 7, 70, "AAPL", s, qty(q), px(limit), 1000);
}

/// Returns a stop-limit order: buy 100, stop 10.50, limit 10.60.
inline order stop_limit_order(order_id id = 2) {
  order o = limit_order(id);
  o.type = order_type::stop_limit;
  o.stop_price = px("10.50");
  o.limit_price = px("10.60");
  return o;
}

/// Applies an event that must be legal, at time `ts`.
inline void must(order& o, const order_event& e, timestamp ts = 2000) {
  auto refusal = apply(o, e, ts);
  INFO((refusal ? refusal->message : std::string()));
  REQUIRE_FALSE(refusal);
}

/// Returns `o` driven into `target` by legal events: partially_filled has 40 of 100 filled at
/// 10.00; pending_cancel and pending_replace come from accepted (replace asks for quantity 150);
/// triggered needs a stop order.
inline order in_state(order o, order_state target) {
  using st = order_state;
  if (target == st::new_order)
    return o;
  must(o, order_event::submit(), 1100);
  if (target == st::pending_submit)
    return o;
  if (target == st::rejected) {
    must(o, order_event::reject(), 1200);
    return o;
  }
  must(o, order_event::accept(), 1200);
  switch (target) {
  case st::partially_filled:
    must(o, order_event::fill(qty("40"), px("10.00")), 1300);
    break;
  case st::filled:
    must(o, order_event::fill(o.quantity, px("10.00")), 1300);
    break;
  case st::pending_cancel:
    must(o, order_event::request_cancel(), 1300);
    break;
  case st::cancelled:
    must(o, order_event::cancel(), 1300);
    break;
  case st::pending_replace:
    must(o, order_event::request_replace(order_changes{{}, {}, qty("150")}), 1300);
    break;
  case st::expired:
    must(o, order_event::expire(), 1300);
    break;
  case st::triggered:
    must(o, order_event::trigger(), 1300);
    break;
  default:
    break;
  }
  REQUIRE(o.state == target);
  return o;
}

/// Returns true when every field of two orders is equal.
inline bool same(const order& a, const order& b) {
  auto same_changes = [](const std::optional<order_changes>& x,
                         const std::optional<order_changes>& y) {
    if (!x || !y)
      return !x && !y;
    return x->limit_price == y->limit_price && x->stop_price == y->stop_price &&
           x->quantity == y->quantity;
  };
  return a.id == b.id && a.strategy_id == b.strategy_id && a.account_id == b.account_id &&
         a.symbol == b.symbol && a.side == b.side && a.type == b.type && a.tif == b.tif &&
         a.limit_price == b.limit_price && a.stop_price == b.stop_price &&
         a.quantity == b.quantity && a.filled == b.filled &&
         a.filled_notional == b.filled_notional && a.state == b.state &&
         a.resume_state == b.resume_state &&
         same_changes(a.requested_changes, b.requested_changes) && a.ts_created == b.ts_created &&
         a.ts_submitted == b.ts_submitted && a.ts_accepted == b.ts_accepted &&
         a.ts_updated == b.ts_updated && a.ts_closed == b.ts_closed;
}

} // namespace orders_kit
