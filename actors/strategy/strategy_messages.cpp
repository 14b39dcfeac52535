// Protocol <-> strategy core conversions.
#include "bourse/actors/strategy/strategy_messages.hpp"

namespace bourse {

namespace {

order_update header_update(order_update_kind kind, const order_event_header& h) {
  order_update u;
  u.kind = kind;
  u.ts = h.ts_event;
  u.id = h.id;
  u.symbol = h.symbol;
  return u;
}

order_request_kind to_core(command_kind kind) {
  switch (kind) {
    case command_kind::submit:
      return order_request_kind::submit;
    case command_kind::cancel:
      return order_request_kind::cancel;
    case command_kind::replace:
      return order_request_kind::replace;
  }
  return order_request_kind::submit;
}

} // namespace

cross_venue_quote to_core(const aggregated_quote& msg) {
  cross_venue_quote q;
  q.ts = msg.ts_event;
  q.instrument = msg.instrument;
  q.best_bid = venue_quote{msg.best_bid_venue, msg.best_bid_symbol, msg.best_bid,
                           msg.best_bid_size};
  q.best_ask = venue_quote{msg.best_ask_venue, msg.best_ask_symbol, msg.best_ask,
                           msg.best_ask_size};
  return q;
}

fill_event to_core(const fill& msg) {
  fill_event f;
  f.ts = msg.header.ts_event;
  f.id = msg.header.id;
  f.symbol = msg.header.symbol;
  f.fill_side = msg.fill_side;
  f.fill_price = msg.fill_price;
  f.fill_qty = msg.fill_qty;
  f.leaves_qty = msg.leaves_qty;
  f.fee = msg.fee;
  f.maker = msg.role == liquidity::maker;
  f.trade = msg.trade;
  return f;
}

order_update to_core(const order_accepted& msg) {
  return header_update(order_update_kind::accepted, msg.header);
}

order_update to_core(const order_rejected& msg) {
  auto u = header_update(order_update_kind::rejected, msg.header);
  u.command = to_core(msg.command);
  u.reason = to_string(msg.reason);
  u.detail = msg.detail;
  return u;
}

order_update to_core(const order_cancelled& msg) {
  auto u = header_update(order_update_kind::cancelled, msg.header);
  u.remaining = msg.remaining;
  u.reason = to_string(msg.reason);
  return u;
}

order_update to_core(const order_replaced& msg) {
  auto u = header_update(order_update_kind::replaced, msg.header);
  u.new_price = msg.new_price;
  u.new_qty = msg.new_qty;
  return u;
}

order_update to_core(const order_expired& msg) {
  auto u = header_update(order_update_kind::expired, msg.header);
  u.remaining = msg.remaining;
  return u;
}

order_update to_core(const order_triggered& msg) {
  return header_update(order_update_kind::triggered, msg.header);
}

submit_order to_protocol(const submit_command& cmd, timestamp ts_init) {
  submit_order out;
  out.ts_event = cmd.ts;
  out.ts_init = ts_init;
  out.id = cmd.id;
  out.strategy = cmd.strategy;
  out.account = cmd.account;
  out.symbol = cmd.order.symbol;
  out.order_side = cmd.order.order_side;
  out.type = cmd.order.type;
  out.tif = cmd.order.tif;
  out.limit_price = cmd.order.limit_price;
  out.stop_price = cmd.order.stop_price;
  out.qty = cmd.order.qty;
  out.post_only = cmd.order.post_only;
  out.reduce_only = cmd.order.reduce_only;
  out.parent = cmd.parent;
  out.oco = cmd.oco;
  out.trail_offset = cmd.order.trail_offset;
  out.trail_bps = cmd.order.trail_bps;
  return out;
}

cancel_order to_protocol(const cancel_command& cmd, timestamp ts_init) {
  return cancel_order{cmd.ts, ts_init, cmd.id, cmd.strategy};
}

replace_order to_protocol(const replace_command& cmd, timestamp ts_init) {
  return replace_order{cmd.ts, ts_init, cmd.id, cmd.strategy, cmd.new_price, cmd.new_qty};
}

} // namespace bourse
