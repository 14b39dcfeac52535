// Conversions between the order protocol's messages and the cores' plain structs.
#include "order_manager/order_flow_convert.hpp"

namespace bourse::order_convert {

// The core enums mirror the protocol's enumerators one to one, so conversions are casts; these
// checks catch an enumerator added on one side only.
static_assert(static_cast<int>(orders::reject_reason::shutting_down) ==
              static_cast<int>(order_reject_reason::shutting_down));
static_assert(static_cast<int>(orders::reject_reason::unknown_symbol) ==
              static_cast<int>(order_reject_reason::unknown_symbol));
static_assert(static_cast<int>(orders::cancel_reason::shutdown) ==
              static_cast<int>(order_cancel_reason::shutdown));
static_assert(static_cast<int>(orders::command_type::replace) ==
              static_cast<int>(command_kind::replace));
static_assert(static_cast<int>(orders::liquidity_role::taker) ==
              static_cast<int>(liquidity::taker));

namespace {

orders::event_header to_core(const order_event_header& h) {
  return orders::event_header{h.ts_event, h.ts_init, h.id, h.strategy, h.account, h.symbol};
}

orders::fill_event to_core_fill(const fill& f, bool complete) {
  orders::fill_event out;
  out.header = to_core(f.header);
  out.trade = f.trade;
  out.fill_side = f.fill_side;
  out.fill_price = f.fill_price;
  out.fill_qty = f.fill_qty;
  out.leaves_qty = f.leaves_qty;
  out.fee = f.fee;
  out.role = static_cast<orders::liquidity_role>(f.role);
  out.complete = complete;
  return out;
}

} // namespace

orders::new_order_request to_core(const submit_order& m) {
  return orders::new_order_request{m.ts_event, m.ts_init,     m.id,         m.strategy,
                                   m.account,  m.symbol,      m.order_side, m.type,
                                   m.tif,      m.limit_price, m.stop_price, m.qty,
                                   m.ts_trigger};
}

orders::cancel_request to_core(const cancel_order& m) {
  return orders::cancel_request{m.ts_event, m.ts_init, m.id, m.strategy};
}

orders::replace_request to_core(const replace_order& m) {
  return orders::replace_request{m.ts_event, m.ts_init, m.id, m.strategy, m.new_price, m.new_qty};
}

submit_order to_protocol(const orders::new_order_request& c) {
  return submit_order{c.ts_event,   c.ts_init, c.id,  c.strategy,    c.account,    c.symbol,
                      c.order_side, c.type,    c.tif, c.limit_price, c.stop_price, c.qty,
                      c.ts_trigger};
}

cancel_order to_protocol(const orders::cancel_request& c) {
  return cancel_order{c.ts_event, c.ts_init, c.id, c.strategy};
}

replace_order to_protocol(const orders::replace_request& c) {
  return replace_order{c.ts_event, c.ts_init, c.id, c.strategy, c.new_price, c.new_qty};
}

orders::execution_event to_core(const order_accepted& m) {
  return orders::accepted_event{to_core(m.header)};
}

orders::execution_event to_core(const order_rejected& m) {
  return orders::rejected_event{to_core(m.header), static_cast<orders::command_type>(m.command),
                                static_cast<orders::reject_reason>(m.reason), m.detail};
}

orders::execution_event to_core(const order_partially_filled& m) {
  return to_core_fill(m.execution, false);
}

orders::execution_event to_core(const order_filled& m) {
  return to_core_fill(m.execution, true);
}

orders::execution_event to_core(const order_cancelled& m) {
  return orders::cancelled_event{to_core(m.header), m.remaining,
                                 static_cast<orders::cancel_reason>(m.reason)};
}

orders::execution_event to_core(const order_replaced& m) {
  return orders::replaced_event{to_core(m.header), m.new_price, m.new_qty};
}

orders::execution_event to_core(const order_expired& m) {
  return orders::expired_event{to_core(m.header), m.remaining};
}

orders::execution_event to_core(const order_triggered& m) {
  return orders::triggered_event{to_core(m.header)};
}

fill to_protocol(const orders::fill_event& f) {
  fill out;
  out.header = order_event_header{f.header.ts_event, f.header.ts_init, f.header.id,
                                  f.header.strategy, f.header.account, f.header.symbol};
  out.trade = f.trade;
  out.fill_side = f.fill_side;
  out.fill_price = f.fill_price;
  out.fill_qty = f.fill_qty;
  out.leaves_qty = f.leaves_qty;
  out.fee = f.fee;
  out.role = static_cast<liquidity>(f.role);
  return out;
}

open_orders to_protocol(const std::vector<orders::order>& list) {
  open_orders out;
  out.orders.reserve(list.size());
  for (const auto& o : list)
    out.orders.push_back(open_order{o.id, o.strategy_id, o.account_id, o.symbol, o.side, o.type,
                                    o.tif, o.limit_price.value_or(price{}),
                                    o.stop_price.value_or(price{}), o.quantity, o.filled, o.state});
  return out;
}

} // namespace bourse::order_convert
