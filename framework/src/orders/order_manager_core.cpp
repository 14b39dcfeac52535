// The order manager core: lanes, and the handling of submit, cancel and replace commands.
#include "bourse/orders/order_manager_core.hpp"

#include <utility>

#include "bourse/orders/order_state_machine.hpp"
#include "order_records.hpp"

namespace bourse::orders {

namespace {

std::string order_text(order_id id) {
  return "order " + std::to_string(id);
}

order_reject_reason map_denial(risk_denial_reason reason) noexcept {
  switch (reason) {
  case risk_denial_reason::invalid_order:
    return order_reject_reason::invalid_order;
  case risk_denial_reason::no_reference_price:
    return order_reject_reason::no_reference_price;
  case risk_denial_reason::max_order_quantity:
    return order_reject_reason::max_order_quantity;
  case risk_denial_reason::max_order_notional:
    return order_reject_reason::max_order_notional;
  case risk_denial_reason::price_band:
    return order_reject_reason::price_band;
  case risk_denial_reason::max_position:
    return order_reject_reason::max_position;
  case risk_denial_reason::rate_limit:
    return order_reject_reason::rate_limit;
  case risk_denial_reason::overflow:
    return order_reject_reason::overflow;
  }
  return order_reject_reason::invalid_order;
}


order_event_header request_header(const submit_order& r, timestamp now) {
  return order_event_header{now, now, r.id, r.strategy, r.account, r.symbol};
}

bool is_working(order_state s) noexcept {
  return s == order_state::accepted || s == order_state::triggered ||
         s == order_state::partially_filled;
}

} // namespace

bool is_priority(const order_command& command) noexcept {
  if (std::holds_alternative<cancel_order>(command))
    return true;
  if (auto* r = std::get_if<submit_order>(&command))
    return r->type == order_type::market;
  return false;
}

order_manager_core::order_manager_core(const order_manager_settings& settings)
    : settings_(settings) {
  for (const auto& [id, limits] : settings_.strategy_limits) {
    (void)risk_.set_strategy_limits(id, limits);
    limits_set_strategy_[id] = true;
  }
  for (const auto& [id, limits] : settings_.account_limits) {
    (void)risk_.set_account_limits(id, limits);
    limits_set_account_[id] = true;
  }
}

bool order_manager_core::add_route(symbol_id symbol, std::size_t venue) {
  return routes_.emplace(symbol, venue).second;
}

void order_manager_core::enqueue(order_command command) {
  if (is_priority(command)) {
    priority_.push_back(std::move(command));
    return;
  }
  const bool submit = std::holds_alternative<submit_order>(command);
  const order_id id = id_of(command);
  normal_.push_back(std::move(command));
  if (submit)
    queued_submits_.emplace(id, std::prev(normal_.end())); // a duplicate keeps the first
}

void order_manager_core::drain(timestamp now) {
  while (!priority_.empty()) {
    order_command c = std::move(priority_.front());
    priority_.pop_front();
    handle(c, now);
  }
  while (!normal_.empty()) {
    auto q = queued_submits_.find(id_of(normal_.front()));
    if (q != queued_submits_.end() && q->second == normal_.begin())
      queued_submits_.erase(q);
    order_command c = std::move(normal_.front());
    normal_.pop_front();
    handle(c, now);
  }
}

void order_manager_core::handle(order_command& command, timestamp now) {
  std::visit(
      [&](auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, submit_order>)
          handle_submit(c, now);
        else if constexpr (std::is_same_v<T, cancel_order>)
          handle_cancel(c, now);
        else
          handle_replace(c, now);
      },
      command);
}

void order_manager_core::handle_submit(submit_order& r, timestamp now) {
  const order_event_header h = request_header(r, now);
  if (shutting_down_)
    return reject(h, command_kind::submit, order_reject_reason::shutting_down,
                  order_text(r.id) + ": refused: the run is stopping");
  if (const order* seen = tracker_.find(r.id))
    return reject(h, command_kind::submit, order_reject_reason::duplicate_id,
                  order_text(r.id) + ": the id was used before (by strategy " +
                      std::to_string(seen->strategy_id) + ", " + seen->symbol + ")");
  if (auto seen = tracker_.forgotten(r.id))
    return reject(h, command_kind::submit, order_reject_reason::duplicate_id,
                  order_text(r.id) + ": the id was used before (by strategy " +
                      std::to_string(seen->strategy) + ", " + std::string(seen->symbol) + ")");
  if (held_.count(r.id) != 0)
    return reject(h, command_kind::submit, order_reject_reason::duplicate_id,
                  order_text(r.id) + ": the id was used before (a bracket exit held here)");
  if (auto problem = check_links(r))
    return reject(h, command_kind::submit, order_reject_reason::invalid_order, *problem);
  if (r.parent != 0)
    return hold_exit(r, now);
  // A trailing stop starts from the reference price; its stop price is the order manager's.
  trailing_stop trail;
  if (r.trailing()) {
    auto ref = reference_price(r.symbol);
    if (!ref)
      return reject(h, command_kind::submit, order_reject_reason::no_reference_price,
                    order_text(r.id) + ": a trailing stop needs a market price of " + r.symbol +
                        " to start from, and none is known yet");
    const std::optional<price> given =
        r.stop_price.is_zero() ? std::nullopt : std::optional<price>{r.stop_price};
    if (!trail.start(r.order_side, r.trail_offset, r.trail_bps, *ref, given))
      return reject(h, command_kind::submit, order_reject_reason::invalid_order,
                    order_text(r.id) + ": the trailing distance " +
                        trailing_stop::distance(*ref, r.trail_offset, r.trail_bps).to_string() +
                        " leaves no positive stop below the price " + ref->to_string());
    r.stop_price = trail.stop();
  }
  order o = make_order(r, now);
  if (auto refusal = validate_new_order(o))
    return reject(h, command_kind::submit, order_reject_reason::invalid_order, refusal->message);
  auto route = routes_.find(r.symbol);
  std::optional<std::pair<order_reject_reason, std::string>> refused;
  if (route == routes_.end()) {
    refused.emplace(order_reject_reason::unknown_symbol,
                    order_text(r.id) + ": no venue trades " + r.symbol);
  } else if (auto flag = check_flags(r)) {
    refused = std::move(flag);
  } else {
    ensure_limits(o);
    if (auto denial = risk_.check(o, context_for(o, false), now))
      refused.emplace(map_denial(denial->reason), denial->message);
  }
  // The id is taken from here on, also by a refused order.
  if (auto problem = tracker_.add(o)) {
    warn("Order add refused id=" + std::to_string(r.id) + " reason=" + problem->message);
    return reject(h, command_kind::submit, order_reject_reason::invalid_order, problem->message);
  }
  if (refused) {
    if (auto problem = tracker_.apply(r.id, order_event::reject(), now))
      warn(problem->message);
    return reject(h, command_kind::submit, refused->first, std::move(refused->second));
  }
  if (auto problem = tracker_.apply(r.id, order_event::submit(), now))
    warn(problem->message);
  order_info& info = info_[r.id];
  info = order_info{route->second, false, false};
  info.reduce_only = r.reduce_only;
  if (r.reduce_only)
    reduce_only_.insert(r.id);
  const order_id id = r.id;
  const bool paired = r.oco != 0;
  if (paired)
    join_pair(r);
  if (r.trailing()) {
    info.emulated = true;
    trailing_[r.id] = trailing_entry{r.symbol, trail};
    accept_emulated(*tracker_.find(r.id), now);
  } else {
    r.ts_init = now;
    actions_.push_back(venue_command{route->second, std::move(r)});
  }
  // A sibling that filled or ended before this one arrived shrinks or cancels it now.
  if (paired)
    sync_group(group_of_.at(id), now);
}

void order_manager_core::accept_emulated(const order& o, timestamp now) {
  // Held here: the order manager is its venue until it triggers.
  if (auto problem = tracker_.apply(o.id, order_event::accept(), now))
    warn(problem->message);
  actions_.push_back(strategy_event{o.strategy_id, order_accepted{header_of_order(o, now)}});
}

bool order_manager_core::cancel_queued(const cancel_order& c, timestamp now) {
  auto q = queued_submits_.find(c.id);
  if (q == queued_submits_.end())
    return false;
  const submit_order r = std::get<submit_order>(*q->second);
  if (r.strategy != c.strategy) {
    order_event_header h = request_header(r, now);
    h.strategy = c.strategy;
    reject(h, command_kind::cancel, order_reject_reason::not_owner,
           order_text(c.id) + ": cancel refused: it belongs to strategy " +
               std::to_string(r.strategy) + ", not " + std::to_string(c.strategy));
    return true;
  }
  normal_.erase(q->second);
  queued_submits_.erase(q);
  // It never left the order manager: cancelled here, no venue involved. The id is taken.
  order o = make_order(r, now);
  if (tracker_.find(o.id) == nullptr && !tracker_.add(o))
    if (auto problem = tracker_.apply(o.id, order_event::cancel(), now))
      warn(problem->message);
  actions_.push_back(strategy_event{
      r.strategy, order_cancelled{request_header(r, now), r.qty, order_cancel_reason::user}});
  return true;
}

void order_manager_core::handle_cancel(const cancel_order& c, timestamp now) {
  if (cancel_queued(c, now) || cancel_held(c, now))
    return;
  const order* o = tracker_.find(c.id);
  if (o == nullptr && refuse_forgotten(c.id, c.strategy, command_kind::cancel, now))
    return;
  if (o == nullptr)
    return reject(order_event_header{now, now, c.id, c.strategy, 0, {}}, command_kind::cancel,
                  order_reject_reason::unknown_order,
                  order_text(c.id) + ": cancel refused: no such order");
  order_event_header h = header_of_order(*o, now);
  h.strategy = c.strategy;
  if (o->strategy_id != c.strategy)
    return reject(h, command_kind::cancel, order_reject_reason::not_owner,
                  order_text(c.id) + ": cancel refused: it belongs to strategy " +
                      std::to_string(o->strategy_id) + ", not " + std::to_string(c.strategy));
  if (is_terminal(o->state))
    return reject(h, command_kind::cancel, order_reject_reason::order_finished,
                  order_text(c.id) + ": cancel refused: the order is already " +
                      std::string(to_string(o->state)));
  order_info& info = info_[c.id];
  if (info.cancel_in_flight)
    return reject(h, command_kind::cancel, order_reject_reason::request_pending,
                  order_text(c.id) + ": cancel refused: a cancel is already pending");
  // Cancelling a bracket's entry ends the bracket: its exits go too.
  auto group = groups_.find(c.id);
  if (group != groups_.end() && group->second.parent == c.id && !group->second.closed) {
    group->second.closed = true;
    group->second.close_reason = order_cancel_reason::parent;
  }
  if (info.emulated && !info.emulated_sent)
    end_emulated(*o, order_cancel_reason::user, now);
  else
    send_cancel(*o, info, now);
  after_event(c.id, quantity{}, now);
}

void order_manager_core::send_cancel(const order& o, order_info& info, timestamp now) {
  // Before the venue's acknowledgement or while a replace is pending the cancel is forwarded
  // without a state change: the venue handles commands in order and answers both.
  if (is_working(o.state))
    if (auto problem = tracker_.apply(o.id, order_event::request_cancel(), now))
      warn(problem->message);
  info.cancel_in_flight = true;
  ++info.requests_out;
  actions_.push_back(venue_command{info.venue, cancel_order{now, now, o.id, o.strategy_id}});
}

void order_manager_core::handle_replace(const replace_order& p, timestamp now) {
  const order* o = tracker_.find(p.id);
  const std::string who = order_text(p.id) + ": replace refused: ";
  if (o == nullptr && refuse_forgotten(p.id, p.strategy, command_kind::replace, now))
    return;
  if (auto held = held_.find(p.id); o == nullptr && held != held_.end()) {
    order_event_header h = request_header(held->second, now);
    h.strategy = p.strategy;
    if (held->second.strategy != p.strategy)
      return reject(h, command_kind::replace, order_reject_reason::not_owner,
                    who + "it belongs to strategy " + std::to_string(held->second.strategy) +
                        ", not " + std::to_string(p.strategy));
    return reject(h, command_kind::replace, order_reject_reason::request_pending,
                  who + "a bracket exit is held until its entry order " +
                      std::to_string(held->second.parent) + " fills");
  }
  if (o == nullptr)
    return reject(order_event_header{now, now, p.id, p.strategy, 0, {}}, command_kind::replace,
                  order_reject_reason::unknown_order, who + "no such order");
  order_event_header h = header_of_order(*o, now);
  h.strategy = p.strategy;
  if (o->strategy_id != p.strategy)
    return reject(h, command_kind::replace, order_reject_reason::not_owner,
                  who + "it belongs to strategy " + std::to_string(o->strategy_id) + ", not " +
                      std::to_string(p.strategy));
  if (is_terminal(o->state))
    return reject(h, command_kind::replace, order_reject_reason::order_finished,
                  who + "the order is already " + std::string(to_string(o->state)));
  if (shutting_down_)
    return reject(h, command_kind::replace, order_reject_reason::shutting_down,
                  who + "the run is stopping");
  if (info_[p.id].emulated)
    return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                  who + "a trailing stop is moved by the order manager (cancel it and submit a "
                        "new one)");
  if (info_[p.id].cancel_in_flight || !is_working(o->state))
    return reject(h, command_kind::replace, order_reject_reason::request_pending,
                  who + "the order is " + std::string(to_string(o->state)) +
                      (info_[p.id].cancel_in_flight ? " with a cancel pending" : ""));
  if (p.new_price.is_zero() && p.new_qty.is_zero())
    return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                  who + "it changes nothing (new price and new quantity are zero)");
  order_changes changes;
  order candidate = *o;
  if (!p.new_price.is_zero()) {
    if (o->type == order_type::market || o->type == order_type::stop)
      return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                    who + "a " + std::string(to_string(o->type)) + " order has no limit price");
    if (!p.new_price.is_positive())
      return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                    who + "price " + p.new_price.to_string() + " is not positive");
    changes.limit_price = p.new_price;
    candidate.limit_price = p.new_price;
  }
  if (!p.new_qty.is_zero()) {
    if (!p.new_qty.is_positive())
      return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                    who + "quantity " + p.new_qty.to_string() + " is not positive");
    changes.quantity = o->filled + p.new_qty;
  }
  // Risk sees the order as one for its new open quantity at its new price, its own open quantity
  // left out of the exposures.
  candidate.quantity = p.new_qty.is_zero() ? o->remaining() : p.new_qty;
  candidate.filled = quantity{};
  ensure_limits(*o);
  if (auto denial = risk_.check(candidate, context_for(*o, true), now))
    return reject(h, command_kind::replace, map_denial(denial->reason), denial->message);
  if (auto refusal = tracker_.apply(p.id, order_event::request_replace(changes), now))
    return reject(h, command_kind::replace, order_reject_reason::invalid_order, refusal->message);
  order_info& info = info_[p.id];
  ++info.requests_out;
  actions_.push_back(
      venue_command{info.venue, replace_order{now, now, p.id, p.strategy, p.new_price, p.new_qty}});
}

bool order_manager_core::refuse_forgotten(order_id id, bourse::strategy_id requester,
                                          command_kind command, timestamp now) {
  auto f = tracker_.forgotten(id);
  if (!f)
    return false;
  // The same answers as for the order while it was held: owner first, then finished.
  const std::string who =
      order_text(id) +
      (command == command_kind::cancel ? ": cancel refused: " : ": replace refused: ");
  const order_event_header h{now, now, id, requester, f->account, std::string(f->symbol)};
  if (f->strategy != requester)
    reject(h, command, order_reject_reason::not_owner,
           who + "it belongs to strategy " + std::to_string(f->strategy) + ", not " +
               std::to_string(requester));
  else
    reject(h, command, order_reject_reason::order_finished,
           who + "the order is already " +
               std::string(to_string(static_cast<order_state>(f->tag))));
  return true;
}

std::size_t order_manager_core::forget_finished() {
  auto fresh = tracker_.take_terminal();
  finished_candidates_.insert(finished_candidates_.end(), fresh.begin(), fresh.end());
  std::size_t forgotten = 0;
  std::size_t kept = 0;
  for (order_id id : finished_candidates_) {
    auto info = info_.find(id);
    if (info != info_.end() && info->second.requests_out > 0) {
      finished_candidates_[kept++] = id; // a venue answer is still to come
      continue;
    }
    if (queued_submits_.count(id) != 0 || group_of_.count(id) != 0) {
      finished_candidates_[kept++] = id; // a duplicate submit waits, or a link still refers to it
      continue;
    }
    if (tracker_.forget(id)) {
      ++forgotten;
      if (info != info_.end())
        info_.erase(info);
    }
  }
  finished_candidates_.resize(kept);
  return forgotten;
}

void order_manager_core::ensure_limits(const order& o) {
  if (!limits_set_strategy_[o.strategy_id]) {
    limits_set_strategy_[o.strategy_id] = true;
    if (settings_.default_strategy_limits)
      (void)risk_.set_strategy_limits(o.strategy_id, *settings_.default_strategy_limits);
  }
  if (!limits_set_account_[o.account_id]) {
    limits_set_account_[o.account_id] = true;
    if (settings_.default_account_limits)
      (void)risk_.set_account_limits(o.account_id, *settings_.default_account_limits);
  }
}

risk_context order_manager_core::context_for(const order& o, bool leave_out_self) const {
  risk_context context;
  context.reference_price = reference_price(o.symbol);
  const owner_ref strategy{owner_kind::strategy, o.strategy_id};
  const owner_ref account{owner_kind::account, o.account_id};
  context.strategy = exposure{position(strategy, o.symbol), tracker_.open(strategy, o.symbol)};
  context.account = exposure{position(account, o.symbol), tracker_.open(account, o.symbol)};
  if (leave_out_self) {
    const quantity own = o.open_quantity();
    for (exposure* e : {&context.strategy, &context.account}) {
      quantity& side_total = o.side == side::buy ? e->open.buy : e->open.sell;
      side_total = side_total - own;
    }
  }
  return context;
}

} // namespace bourse::orders
