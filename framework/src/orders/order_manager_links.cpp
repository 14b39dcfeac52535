// The order manager core: bracket exits, one-cancels-other pairs, trailing stops held here, and
// reduce-only orders (docs/order-manager.md, "Order links").
#include <algorithm>
#include <utility>

#include "bourse/orders/order_manager_core.hpp"
#include "bourse/orders/order_state_machine.hpp"
#include "order_records.hpp"

namespace bourse::orders {

namespace {

std::string order_text(order_id id) {
  return "order " + std::to_string(id);
}

bool is_working(order_state s) noexcept {
  return s == order_state::accepted || s == order_state::triggered ||
         s == order_state::partially_filled;
}

order_event_header request_header(const submit_order& r, timestamp now) {
  return order_event_header{now, now, r.id, r.strategy, r.account, r.symbol};
}

// The quantity an order asks to have open: its remaining quantity, or what a pending replace asks.
quantity wanted_open(const order& o) {
  if (o.requested_changes && o.requested_changes->quantity)
    return *o.requested_changes->quantity - o.filled;
  return o.remaining();
}

} // namespace

std::optional<std::string> order_manager_core::check_links(const submit_order& r) const {
  const std::string who = order_text(r.id) + ": ";
  if (r.trailing()) {
    if (r.type != order_type::stop)
      return who + "a trailing stop must be a stop order, not " + std::string(to_string(r.type));
    if (r.trail_offset.is_negative())
      return who + "trail offset " + r.trail_offset.to_string() + " is negative";
    if (r.trail_bps >= 10'000)
      return who + "trail of " + std::to_string(r.trail_bps) + " bp is 100% or more";
  }
  if (r.post_only) {
    if (r.type != order_type::limit)
      return who + "post-only applies to limit orders, not " + std::string(to_string(r.type));
    if (r.tif == time_in_force::ioc || r.tif == time_in_force::fok)
      return who + "a post-only order must be able to rest (" + std::string(to_string(r.tif)) +
             " cannot)";
  }
  if (r.parent != 0 && r.oco != 0 && r.oco == r.id)
    return who + "it names itself as its one-cancels-other sibling";
  if ((r.parent != 0 || r.oco != 0) && r.type == order_type::market)
    return who + "a bracket exit or one-cancels-other order must be a limit, stop or stop-limit "
                 "order, not a market order";
  if (r.parent != 0) {
    if (r.parent == r.id)
      return who + "it names itself as its entry";
    const order* entry = tracker_.find(r.parent);
    if (entry == nullptr || entry->strategy_id != r.strategy)
      return who + "its entry order " + std::to_string(r.parent) +
             " is not an order of strategy " + std::to_string(r.strategy) + " seen before it";
    if (group_of_.count(r.parent) != 0 && groups_.at(group_of_.at(r.parent)).parent != r.parent)
      return who + "its entry order " + std::to_string(r.parent) +
             " is itself a one-cancels-other member";
    if (entry->symbol != r.symbol)
      return who + "its symbol " + r.symbol + " differs from its entry's " + entry->symbol;
    if (entry->side == r.order_side)
      return who + "a bracket exit must be on the other side of its entry (both " +
             std::string(to_string(r.order_side)) + ")";
    auto group = groups_.find(r.parent);
    if (group != groups_.end() && group->second.members.size() >= 2)
      return who + "its entry order " + std::to_string(r.parent) + " has two exits already";
    if (group != groups_.end() && group->second.closed)
      return who + "the bracket of entry order " + std::to_string(r.parent) + " is closed";
    if (is_terminal(entry->state) && entry->filled.is_zero())
      return who + "its entry order " + std::to_string(r.parent) + " ended without a fill (" +
             std::string(to_string(entry->state)) + ")";
    return std::nullopt;
  }
  if (r.oco != 0) {
    if (r.oco == r.id)
      return who + "it names itself as its one-cancels-other sibling";
    auto g = group_of_.find(r.oco);
    const bool expected = g != group_of_.end() && groups_.at(g->second).expected == r.id;
    if (!expected && (tracker_.find(r.oco) != nullptr || tracker_.forgotten(r.oco) ||
                      held_.count(r.oco) != 0))
      return who + "its one-cancels-other sibling " + std::to_string(r.oco) +
             " exists and does not name it";
    if (expected) {
      const order* sibling = tracker_.find(r.oco);
      if (sibling != nullptr && sibling->strategy_id != r.strategy)
        return who + "its one-cancels-other sibling " + std::to_string(r.oco) +
               " belongs to strategy " + std::to_string(sibling->strategy_id);
      if (sibling != nullptr && sibling->symbol != r.symbol)
        return who + "its one-cancels-other sibling " + std::to_string(r.oco) + " trades " +
               sibling->symbol + ", not " + r.symbol;
    }
  }
  return std::nullopt;
}

std::optional<std::pair<order_reject_reason, std::string>>
order_manager_core::check_flags(const submit_order& r) const {
  if (!r.reduce_only)
    return std::nullopt;
  const quantity net = position(owner_ref{owner_kind::strategy, r.strategy}, r.symbol);
  const bool reduces = r.order_side == side::sell ? net.is_positive() && r.qty <= net
                                                  : net.is_negative() && r.qty <= -net;
  if (reduces)
    return std::nullopt;
  return std::make_pair(order_reject_reason::reduce_only,
                        order_text(r.id) + ": reduce-only " + std::string(to_string(r.order_side)) +
                            " " + r.qty.to_string() + " could increase the position of strategy " +
                            std::to_string(r.strategy) + " in " + r.symbol + " (position " +
                            net.to_string() + ")");
}

void order_manager_core::hold_exit(submit_order& r, timestamp now) {
  // check_links() vouched for the entry. A trailing exit gets its stop when it is placed.
  order probe = order{};
  probe.id = r.id;
  probe.strategy_id = r.strategy;
  probe.account_id = r.account;
  probe.symbol = r.symbol;
  probe.side = r.order_side;
  probe.type = r.type;
  probe.tif = r.tif;
  if (!r.limit_price.is_zero())
    probe.limit_price = r.limit_price;
  probe.stop_price = r.stop_price.is_zero() && r.trailing() ? price::from_units(1) : r.stop_price;
  if (probe.stop_price->is_zero())
    probe.stop_price.reset();
  probe.quantity = r.qty;
  if (auto refusal = validate_new_order(probe))
    return reject(request_header(r, now), command_kind::submit,
                  order_reject_reason::invalid_order, refusal->message);
  if (routes_.count(r.symbol) == 0)
    return reject(request_header(r, now), command_kind::submit,
                  order_reject_reason::unknown_symbol,
                  order_text(r.id) + ": no venue trades " + r.symbol);
  exit_group& g = groups_[r.parent];
  g.parent = r.parent;
  g.members.push_back(exit_member{r.id, quantity{}});
  group_of_[r.parent] = r.parent;
  group_of_[r.id] = r.parent;
  const order_id key = r.parent;
  held_.emplace(r.id, std::move(r));
  sync_group(key, now);
}

void order_manager_core::join_pair(const submit_order& r) {
  auto g = group_of_.find(r.oco);
  if (g != group_of_.end() && groups_.at(g->second).expected == r.id) {
    exit_group& group = groups_.at(g->second);
    group.expected = 0;
    group.members.push_back(exit_member{r.id, r.qty});
    group_of_[r.id] = g->second;
    return;
  }
  exit_group& group = groups_[r.id];
  group.expected = r.oco;
  group.members.push_back(exit_member{r.id, r.qty});
  group_of_[r.id] = r.id;
}

void order_manager_core::place_exit(order_id id, quantity qty, timestamp now) {
  auto held = held_.find(id);
  submit_order r = std::move(held->second);
  held_.erase(held);
  r.qty = qty;
  trailing_stop trail;
  if (r.trailing()) {
    // From the market now, or the entry's average fill price when no market price is known.
    std::optional<price> from = reference_price(r.symbol);
    if (!from)
      if (const order* entry = tracker_.find(r.parent))
        from = entry->average_fill_price();
    const std::optional<price> given =
        r.stop_price.is_zero() ? std::nullopt : std::optional<price>{r.stop_price};
    if (!from || !trail.start(r.order_side, r.trail_offset, r.trail_bps, *from, given)) {
      reject(request_header(r, now), command_kind::submit, order_reject_reason::invalid_order,
             order_text(r.id) + ": the trailing exit found no positive stop to start from");
      return;
    }
    r.stop_price = trail.stop();
  }
  order o = make_order(r, now); // r.qty is the filled quantity set above
  if (auto problem = tracker_.add(o)) {
    warn("Bracket exit add refused id=" + std::to_string(id) + " reason=" + problem->message);
    return;
  }
  if (auto problem = tracker_.apply(id, order_event::submit(), now))
    warn(problem->message);
  order_info& info = info_[id];
  info = order_info{routes_.at(r.symbol), false, false};
  info.reduce_only = r.reduce_only;
  if (r.reduce_only)
    reduce_only_.insert(id);
  if (r.trailing()) {
    info.emulated = true;
    trailing_[id] = trailing_entry{r.symbol, trail};
    accept_emulated(*tracker_.find(id), now);
    return;
  }
  // Exits only close what the entry opened: no pre-trade risk, no rate token.
  r.ts_event = now;
  r.ts_init = now;
  actions_.push_back(venue_command{info.venue, std::move(r)});
}

void order_manager_core::sync_group(order_id key, timestamp now) {
  auto it = groups_.find(key);
  if (it == groups_.end())
    return;
  // Members are visited by id; the group is looked up again after each step (a local cancel
  // does not change groups_, but be safe against reallocation of the member list).
  const std::vector<exit_member> members = it->second.members;
  for (const exit_member& m : members) {
    exit_group& g = groups_.at(key);
    if (held_.count(m.id) != 0) {
      if (g.closed || shutting_down_) {
        drop_held(m.id, shutting_down_ ? order_cancel_reason::shutdown : g.close_reason, now);
        continue;
      }
      const quantity target = g.entry_filled - g.exit_filled;
      if (target.is_positive())
        place_exit(m.id, target, now);
      continue;
    }
    const order* o = tracker_.find(m.id);
    if (o == nullptr || is_terminal(o->state))
      continue;
    order_info& info = info_[m.id];
    if (info.cancel_in_flight)
      continue;
    if (g.closed) {
      om_cancel(*o, g.close_reason, now);
      continue;
    }
    const quantity base = g.parent != 0 ? g.entry_filled : m.base;
    quantity target = base - g.exit_filled;
    if (target.is_negative())
      target = quantity{};
    if (target == wanted_open(*o))
      continue;
    if (target.is_zero())
      om_cancel(*o, order_cancel_reason::oco, now);
    else
      om_resize(*o, target, now);
  }
  // A group ends when nothing of it is left to link.
  exit_group& g = groups_.at(key);
  bool alive = g.expected != 0;
  for (const exit_member& m : g.members) {
    const order* o = tracker_.find(m.id);
    if (held_.count(m.id) != 0 || (o != nullptr && !is_terminal(o->state)))
      alive = true;
  }
  if (g.parent != 0) {
    const order* entry = tracker_.find(g.parent);
    if (entry != nullptr && !is_terminal(entry->state))
      alive = true;
  }
  if (!alive) {
    if (g.parent != 0)
      group_of_.erase(g.parent);
    for (const exit_member& m : g.members)
      group_of_.erase(m.id);
    groups_.erase(key);
  }
}

void order_manager_core::after_event(order_id id, quantity fill_qty, timestamp now) {
  const order* o = tracker_.find(id);
  if (o == nullptr)
    return;
  if (fill_qty.is_positive())
    check_reduce_only(*o, now);
  const bool ended = is_terminal(o->state);
  if (ended) {
    trailing_.erase(id);
    reduce_only_.erase(id);
  }
  auto link = group_of_.find(id);
  if (link == group_of_.end())
    return;
  const order_id key = link->second;
  exit_group& g = groups_.at(key);
  if (g.parent == id) {
    g.entry_filled += fill_qty;
    if (ended && g.entry_filled.is_zero() && !g.closed) {
      g.closed = true;
      g.close_reason = order_cancel_reason::parent;
    }
  } else {
    g.exit_filled += fill_qty;
    if (ended && !g.closed) {
      g.closed = true;
      g.close_reason = order_cancel_reason::oco;
    }
  }
  sync_group(key, now);
}

void order_manager_core::om_cancel(const order& o, order_cancel_reason reason, timestamp now) {
  order_info& info = info_[o.id];
  if (info.cancel_in_flight)
    return;
  if (info.emulated && !info.emulated_sent)
    return end_emulated(o, reason, now);
  info.cancel_reason = reason;
  send_cancel(o, info, now);
}

void order_manager_core::om_resize(const order& o, quantity open, timestamp now) {
  order_info& info = info_[o.id];
  order_changes changes;
  changes.quantity = o.filled + open;
  if (info.emulated && !info.emulated_sent) {
    // Held here: resized at once, and the strategy told as by a venue.
    if (auto problem = tracker_.apply(o.id, order_event::request_replace(changes), now))
      return warn(problem->message);
    if (auto problem = tracker_.apply(o.id, order_event::replace(changes), now))
      return warn(problem->message);
    const price stop = trailing_stop_price(o.id).value_or(o.stop_price.value_or(price{}));
    actions_.push_back(
        strategy_event{o.strategy_id, order_replaced{header_of_order(o, now), stop, open}});
    return;
  }
  // Not acknowledged yet, or a request is out: the venue's answer brings the next sync.
  if (!is_working(o.state) || info.requests_out > 0)
    return;
  if (auto problem = tracker_.apply(o.id, order_event::request_replace(changes), now))
    return warn(problem->message);
  ++info.requests_out;
  actions_.push_back(venue_command{
      info.venue, replace_order{now, now, o.id, o.strategy_id, price{}, open}});
}

void order_manager_core::end_emulated(const order& o, order_cancel_reason reason, timestamp now) {
  const quantity remaining = o.remaining();
  if (auto problem = tracker_.apply(o.id, order_event::cancel(), now))
    return warn(problem->message);
  trailing_.erase(o.id);
  reduce_only_.erase(o.id);
  actions_.push_back(
      strategy_event{o.strategy_id, order_cancelled{header_of_order(o, now), remaining, reason}});
}

bool order_manager_core::cancel_held(const cancel_order& c, timestamp now) {
  auto held = held_.find(c.id);
  if (held == held_.end())
    return false;
  if (held->second.strategy != c.strategy) {
    order_event_header h = request_header(held->second, now);
    h.strategy = c.strategy;
    reject(h, command_kind::cancel, order_reject_reason::not_owner,
           order_text(c.id) + ": cancel refused: it belongs to strategy " +
               std::to_string(held->second.strategy) + ", not " + std::to_string(c.strategy));
    return true;
  }
  const order_id key = held->second.parent;
  drop_held(c.id, order_cancel_reason::user, now);
  // One cancels the other: the sibling exit goes too.
  if (auto g = groups_.find(key); g != groups_.end() && !g->second.closed) {
    g->second.closed = true;
    g->second.close_reason = order_cancel_reason::oco;
  }
  sync_group(key, now);
  return true;
}

void order_manager_core::drop_held(order_id id, order_cancel_reason reason, timestamp now) {
  auto it = held_.find(id);
  if (it == held_.end())
    return;
  const submit_order r = std::move(it->second);
  held_.erase(it);
  // The id stays taken: the order is kept as cancelled without ever having been placed.
  order o = make_order(r, now);
  // A held trailing exit has no stop yet; the record needs one to be a valid stop order.
  if (r.type == order_type::limit)
    o.stop_price.reset();
  else if (!o.stop_price)
    o.stop_price = price::from_units(1);
  if (!tracker_.add(o))
    if (auto problem = tracker_.apply(id, order_event::cancel(), now))
      warn(problem->message);
  actions_.push_back(
      strategy_event{r.strategy, order_cancelled{request_header(r, now), quantity{}, reason}});
}

void order_manager_core::on_reference(symbol_id symbol, price px, timestamp now) {
  fired_.clear();
  for (auto& [id, entry] : trailing_)
    if (entry.symbol == symbol && entry.stop.on_price(px))
      fired_.push_back(id);
  for (order_id id : fired_)
    fire_trailing(id, now);
}

void order_manager_core::on_reference_bar(symbol_id symbol, const bar& b) {
  fired_.clear();
  for (auto& [id, entry] : trailing_)
    if (entry.symbol == symbol && entry.stop.on_bar(b.high, b.low, b.close))
      fired_.push_back(id);
  for (order_id id : fired_)
    fire_trailing(id, b.ts);
}

void order_manager_core::fire_trailing(order_id id, timestamp now) {
  trailing_.erase(id);
  const order* o = tracker_.find(id);
  if (o == nullptr || is_terminal(o->state))
    return;
  if (auto problem = tracker_.apply(id, order_event::trigger(), now))
    return warn(problem->message);
  order_info& info = info_[id];
  info.emulated_sent = true;
  forward(*o, order_triggered{header_of_order(*o, now)}, now);
  // It trades as a stop-market order: a market order for what is open, at the venue.
  submit_order m;
  m.ts_event = now;
  m.ts_init = now;
  m.id = id;
  m.strategy = o->strategy_id;
  m.account = o->account_id;
  m.symbol = o->symbol;
  m.order_side = o->side;
  m.type = order_type::market;
  m.tif = time_in_force::gtc;
  m.qty = o->remaining();
  actions_.push_back(venue_command{info.venue, std::move(m)});
}

void order_manager_core::check_reduce_only(const order& filled, timestamp now) {
  if (reduce_only_.empty())
    return;
  const quantity net =
      position(owner_ref{owner_kind::strategy, filled.strategy_id}, filled.symbol);
  const std::vector<order_id> ids(reduce_only_.begin(), reduce_only_.end());
  for (order_id id : ids) {
    const order* o = tracker_.find(id);
    if (o == nullptr || is_terminal(o->state) || o->strategy_id != filled.strategy_id ||
        o->symbol != filled.symbol || info_[id].cancel_in_flight)
      continue;
    quantity room = o->side == side::sell ? net : -net;
    if (room.is_negative())
      room = quantity{};
    if (wanted_open(*o) <= room)
      continue;
    if (room.is_zero())
      om_cancel(*o, order_cancel_reason::reduce_only, now);
    else
      om_resize(*o, room, now);
  }
}

std::optional<price> order_manager_core::trailing_stop_price(order_id id) const {
  auto it = trailing_.find(id);
  if (it == trailing_.end())
    return std::nullopt;
  return it->second.stop.stop();
}

} // namespace bourse::orders
