// The strategy base class: books first, then the user's handler; helpers that emit commands.
#include "bourse/strategy/strategy.hpp"

#include <string>
#include <utility>

#include "bourse/strategy/marks.hpp"
#include "bourse/strategy/order_ids.hpp"

namespace bourse {

void strategy::attach(strategy_context& context, strategy_identity identity) {
  context_ = &context;
  identity_ = std::move(identity);
}

void strategy::handle_start() {
  if (started_)
    return;
  started_ = true;
  if (active())
    on_start();
}

void strategy::handle_quote(const quote& q) {
  if (auto mark = mark_price(q); mark) {
    if (auto it = positions_.find(q.symbol); it != positions_.end())
      it->second.mark(*mark);
  }
  if (active())
    on_quote(q);
}

void strategy::handle_trade(const trade& t) {
  if (auto mark = mark_price(t); mark) {
    if (auto it = positions_.find(t.symbol); it != positions_.end())
      it->second.mark(*mark);
  }
  if (active())
    on_trade(t);
}

void strategy::handle_bar(const std::string& symbol, const bar& b) {
  if (auto mark = mark_price(b); mark) {
    if (auto it = positions_.find(symbol); it != positions_.end())
      it->second.mark(*mark);
  }
  if (active())
    on_bar(symbol, b);
}

void strategy::handle_indicator(const indicator_update& update) {
  if (active())
    on_indicator(update);
}

void strategy::handle_aggregated_quote(const cross_venue_quote& q) {
  if (active())
    on_aggregated_quote(q);
}

void strategy::handle_order_update(const order_update& update) {
  if (order_strategy(update.id) != identity_.id) {
    log(log_level::warn, "Order update for another strategy ignored order=" +
                             std::to_string(update.id));
    return;
  }
  orders_.apply(update);
  if (active())
    on_order_update(update);
}

void strategy::handle_fill(const fill_event& fill) {
  if (order_strategy(fill.id) != identity_.id) {
    log(log_level::warn, "Fill for another strategy ignored order=" + std::to_string(fill.id));
    return;
  }
  orders_.apply(fill);
  if (auto error = position_for(fill.symbol).apply_fill(fill.fill_side, fill.fill_qty,
                                                          fill.fill_price, fill.fee)) {
    log(log_level::error, "Fill not booked order=" + std::to_string(fill.id) +
                              " error=" + error->message);
  }
  if (active())
    on_fill(fill);
}

void strategy::handle_timer(timer_id id, timestamp now) {
  auto it = timers_.find(id);
  if (it == timers_.end())
    return;
  timers_.erase(it);
  if (active())
    on_timer(id, now);
}

void strategy::handle_stop() {
  if (stopped_)
    return;
  bool was_active = active();
  stopped_ = true;
  if (was_active)
    on_stop();
}

void strategy::halt(std::string_view reason) {
  if (halted_)
    return;
  halted_ = true;
  log(log_level::error, "Strategy halted reason=" + std::string{reason});
  cancel_open({});
  for (const auto& [id, due] : timers_)
    if (context_ != nullptr)
      context_->cancel_timer(id);
  timers_.clear();
}

orders::position strategy::position(std::string_view symbol) const {
  auto it = positions_.find(symbol);
  return it == positions_.end() ? orders::position{std::string{symbol}} : it->second;
}

quantity strategy::exposure(std::string_view symbol) const {
  quantity net;
  if (auto it = positions_.find(symbol); it != positions_.end())
    net = it->second.net();
  return net + orders_.net_open(symbol);
}

timestamp strategy::now() const { return context_ != nullptr ? context_->now() : 0; }

order_id strategy::submit(const order_request& request) {
  if (!can_trade())
    return 0;
  order_id id = compose_order_id(identity_.id, ++sequence_);
  timestamp ts = now();
  orders_.add(id, request, ts);
  context_->emit(submit_command{ts, id, identity_.id, identity_.account, request});
  return id;
}

order_id strategy::submit_market(std::string_view symbol, side order_side, quantity qty,
                                 time_in_force tif) {
  return submit(order_request{std::string{symbol}, order_side, order_type::market, tif, qty, {}, {}});
}

order_id strategy::submit_limit(std::string_view symbol, side order_side, quantity qty,
                                price limit, time_in_force tif) {
  return submit(
      order_request{std::string{symbol}, order_side, order_type::limit, tif, qty, limit, {}});
}

order_id strategy::submit_stop(std::string_view symbol, side order_side, quantity qty, price stop,
                               time_in_force tif) {
  return submit(
      order_request{std::string{symbol}, order_side, order_type::stop, tif, qty, {}, stop});
}

order_id strategy::submit_stop_limit(std::string_view symbol, side order_side, quantity qty,
                                     price stop, price limit, time_in_force tif) {
  return submit(order_request{std::string{symbol}, order_side, order_type::stop_limit, tif, qty,
                              limit, stop});
}

order_id strategy::order_target(std::string_view symbol, quantity target) {
  quantity delta = target - exposure(symbol);
  if (delta.is_zero())
    return 0;
  return delta.is_positive() ? submit_market(symbol, side::buy, delta)
                             : submit_market(symbol, side::sell, -delta);
}

bool strategy::cancel(order_id id) {
  if (!can_trade() || !orders_.request_cancel(id))
    return false;
  context_->emit(cancel_command{now(), id, identity_.id});
  return true;
}

std::size_t strategy::cancel_all(std::string_view symbol) {
  std::size_t n = 0;
  for (const auto& o : orders_.list(symbol))
    n += cancel(o.id) ? 1 : 0;
  return n;
}

void strategy::cancel_open(std::string_view symbol) {
  if (context_ == nullptr)
    return;
  for (const auto& o : orders_.list(symbol))
    if (orders_.request_cancel(o.id))
      context_->emit(cancel_command{now(), o.id, identity_.id});
}

bool strategy::replace(order_id id, price new_price, quantity new_qty) {
  if (!can_trade() || (new_price.is_zero() && new_qty.is_zero()) ||
      !orders_.request_replace(id))
    return false;
  context_->emit(replace_command{now(), id, identity_.id, new_price, new_qty});
  return true;
}

timer_id strategy::set_timer_at(timestamp at) {
  if (!can_trade())
    return 0;
  timer_id id = ++next_timer_;
  timers_[id] = at;
  context_->schedule_timer(id, at);
  return id;
}

timer_id strategy::set_timer_after(duration_ns delay) { return set_timer_at(now() + delay); }

bool strategy::cancel_timer(timer_id id) {
  if (timers_.erase(id) == 0)
    return false;
  if (context_ != nullptr)
    context_->cancel_timer(id);
  return true;
}

void strategy::log(log_level level, std::string_view message) const {
  if (context_ != nullptr)
    context_->log(level, message);
}

orders::position& strategy::position_for(std::string_view symbol) {
  auto it = positions_.find(symbol);
  if (it == positions_.end())
    it = positions_.emplace(std::string{symbol}, orders::position{std::string{symbol}}).first;
  return it->second;
}

} // namespace bourse
