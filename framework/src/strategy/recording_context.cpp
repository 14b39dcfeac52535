// The recording context: commands and logs into vectors, timers fired on advance_to().
#include "bourse/strategy/recording_context.hpp"


namespace bourse {

namespace {

template <class T>
std::vector<T> only(const std::vector<strategy_command>& commands) {
  std::vector<T> out;
  for (const auto& c : commands)
    if (const auto* x = std::get_if<T>(&c))
      out.push_back(*x);
  return out;
}

} // namespace

std::size_t recording_context::advance_to(strategy& target, timestamp now) {
  now_ = now;
  std::size_t fired = 0;
  for (auto due = timers_.take_due(now); !due.empty(); due = timers_.take_due(now)) {
    for (const auto& t : due) {
      target.handle_timer(t.id, now);
      ++fired;
    }
  }
  return fired;
}

std::vector<submit_command> recording_context::submits() const {
  return only<submit_command>(commands);
}

std::vector<cancel_command> recording_context::cancels() const {
  return only<cancel_command>(commands);
}

std::vector<replace_command> recording_context::replaces() const {
  return only<replace_command>(commands);
}

fill_event make_fill(const submit_command& order, price px, quantity qty, quantity leaves,
                     timestamp ts, money fee) {
  fill_event f;
  f.ts = ts;
  f.id = order.id;
  f.symbol = order.order.symbol;
  f.fill_side = order.order.order_side;
  f.fill_price = px;
  f.fill_qty = qty;
  f.leaves_qty = leaves;
  f.fee = fee;
  return f;
}

fill_event make_fill(const submit_command& order, price px, timestamp ts, money fee) {
  return make_fill(order, px, order.order.qty, quantity{}, ts, fee);
}

order_update make_update(const submit_command& order, order_update_kind kind, timestamp ts) {
  order_update u;
  u.kind = kind;
  u.ts = ts;
  u.id = order.id;
  u.symbol = order.order.symbol;
  return u;
}

} // namespace bourse
