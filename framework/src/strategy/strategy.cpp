// The strategy base class: books first, then the user's handler; helpers that emit commands.
#include "bourse/strategy/strategy.hpp"

#include <string>
#include <utility>

#include "bourse/strategy/marks.hpp"
#include "bourse/strategy/order_ids.hpp"
#include "bourse/strategy/sizing.hpp"

namespace bourse {

void strategy::attach(strategy_context& context, strategy_identity identity) {
  context_ = &context;
  identity_ = std::move(identity);
  cash_ = identity_.initial_cash;
}

void strategy::handle_start() {
  if (started_)
    return;
  started_ = true;
  if (active())
    on_start();
}

void strategy::handle_quote(const quote& q) {
  if (auto mark = mark_price(q); mark)
    set_mark(q.symbol, *mark);
  if (active())
    on_quote(q);
}

void strategy::handle_trade(const trade& t) {
  if (auto mark = mark_price(t); mark)
    set_mark(t.symbol, *mark);
  if (active())
    on_trade(t);
}

void strategy::handle_bar(const std::string& symbol, const bar& b) {
  if (auto mark = mark_price(b); mark)
    set_mark(symbol, *mark);
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
  } else if (auto value = notional(fill.fill_price,
                                   fill.fill_side == side::buy ? fill.fill_qty : -fill.fill_qty)) {
    cash_ = cash_ - *value - fill.fee;
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

strategy_books strategy::books() const {
  return strategy_books{sequence_, next_timer_, positions_, marks_, cash_};
}

void strategy::restore(strategy_books books) {
  sequence_ = books.sequence;
  next_timer_ = books.timers;
  positions_ = std::move(books.positions);
  marks_ = std::move(books.marks);
  cash_ = books.cash;
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
  return send(compose_order_id(identity_.id, ++sequence_), request, 0, 0);
}

order_id strategy::send(order_id id, const order_request& request, order_id parent,
                        order_id oco) {
  timestamp ts = now();
  orders_.add(id, request, ts, parent, oco);
  context_->emit(submit_command{ts, id, identity_.id, identity_.account, request, parent, oco});
  return id;
}

order_id strategy::submit_trailing_stop(std::string_view symbol, side order_side, quantity qty,
                                        price offset, std::uint32_t bps, time_in_force tif) {
  order_request r{std::string{symbol}, order_side, order_type::stop, tif, qty, {}, {}};
  r.trail_offset = offset;
  r.trail_bps = bps;
  return submit(r);
}

bracket_ids strategy::submit_bracket(const bracket_request& bracket) {
  bracket_ids ids;
  if (!can_trade())
    return ids;
  const order_request& entry = bracket.entry;
  const bool has_stop =
      !bracket.stop_loss.is_zero() || !bracket.trail_offset.is_zero() || bracket.trail_bps != 0;
  const bool has_target = !bracket.take_profit.is_zero();
  ids.entry = compose_order_id(identity_.id, ++sequence_);
  if (has_stop)
    ids.stop_loss = compose_order_id(identity_.id, ++sequence_);
  if (has_target)
    ids.take_profit = compose_order_id(identity_.id, ++sequence_);
  send(ids.entry, entry, 0, 0);
  const side exit_side = opposite(entry.order_side);
  // Exits rest until one of them fills (a DAY entry gets DAY exits).
  const time_in_force exit_tif =
      entry.tif == time_in_force::day ? time_in_force::day : time_in_force::gtc;
  if (has_stop) {
    order_request stop{entry.symbol, exit_side, order_type::stop, exit_tif, entry.qty, {},
                       bracket.stop_loss};
    stop.trail_offset = bracket.trail_offset;
    stop.trail_bps = bracket.trail_bps;
    send(ids.stop_loss, stop, ids.entry, ids.take_profit);
  }
  if (has_target) {
    order_request target{entry.symbol, exit_side, order_type::limit, exit_tif, entry.qty,
                         bracket.take_profit, {}};
    send(ids.take_profit, target, ids.entry, ids.stop_loss);
  }
  return ids;
}

std::pair<order_id, order_id> strategy::submit_oco(const order_request& first,
                                                   const order_request& second) {
  if (!can_trade())
    return {0, 0};
  const order_id a = compose_order_id(identity_.id, ++sequence_);
  const order_id b = compose_order_id(identity_.id, ++sequence_);
  send(a, first, 0, b);
  send(b, second, 0, a);
  return {a, b};
}

money strategy::equity() const {
  money total = cash_;
  for (const auto& [symbol, pos] : positions_)
    if (!pos.is_flat())
      if (auto px = mark(symbol) ? mark(symbol) : pos.last_price())
        if (auto value = notional(*px, pos.net()))
          total = total + *value;
  return total;
}

money strategy::buying_power() const {
  money reserved;
  for (const auto& o : orders_.list()) {
    if (o.request.order_side != side::buy || !o.leaves.is_positive())
      continue;
    std::optional<price> px;
    if (o.request.type == order_type::limit || o.request.type == order_type::stop_limit)
      px = o.request.limit_price;
    else if (o.request.type == order_type::stop && o.request.stop_price.is_positive())
      px = o.request.stop_price;
    else
      px = mark(o.request.symbol);
    if (px)
      if (auto value = notional(*px, o.leaves))
        reserved = reserved + *value;
  }
  return cash_ - reserved;
}

std::optional<price> strategy::mark(std::string_view symbol) const {
  auto it = marks_.find(symbol);
  if (it == marks_.end())
    return std::nullopt;
  return it->second;
}

quantity strategy::lot_size(std::string_view symbol) const {
  auto it = identity_.lot_sizes.find(symbol);
  return it == identity_.lot_sizes.end() || !it->second.is_positive() ? quantity::from_units(1)
                                                                      : it->second;
}

std::optional<quantity> strategy::quantity_for(std::string_view symbol, money value) const {
  auto px = mark(symbol);
  if (!px)
    return std::nullopt;
  return quantity_for_value(value, *px, lot_size(symbol));
}

order_id strategy::order_target_value(std::string_view symbol, money value) {
  auto target = quantity_for(symbol, value);
  if (!target)
    return 0;
  return order_target(symbol, *target);
}

order_id strategy::order_target_percent(std::string_view symbol, double fraction) {
  auto value = fraction_of(equity(), fraction);
  if (!value)
    return 0;
  return order_target_value(symbol, *value);
}

void strategy::set_mark(std::string_view symbol, price px) {
  auto it = marks_.find(symbol);
  if (it == marks_.end())
    marks_.emplace(std::string{symbol}, px);
  else
    it->second = px;
  if (auto pos = positions_.find(symbol); pos != positions_.end())
    pos->second.mark(px);
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
