#pragma once
// Internal to the order manager core: the order record a submit command makes (shared by the core
// and its order links: brackets, one-cancels-other pairs, trailing stops).

#include "bourse/orders/order.hpp"
#include "bourse/orders/order_flow.hpp"

namespace bourse::orders {

/// Returns the record of the order `r` asks for, created and updated at `now` (zero prices absent).
inline order make_order(const submit_order& r, timestamp now) {
  order o;
  o.id = r.id;
  o.strategy_id = r.strategy;
  o.account_id = r.account;
  o.symbol = r.symbol;
  o.side = r.order_side;
  o.type = r.type;
  o.tif = r.tif;
  if (!r.limit_price.is_zero())
    o.limit_price = r.limit_price;
  if (!r.stop_price.is_zero())
    o.stop_price = r.stop_price;
  o.quantity = r.qty;
  o.ts_created = now;
  o.ts_updated = now;
  return o;
}

} // namespace bourse::orders
