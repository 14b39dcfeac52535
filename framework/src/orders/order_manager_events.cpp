// The order manager core: venue events, reference prices, the end of the run, and queries.
#include <map>
#include <type_traits>
#include <utility>

#include "bourse/orders/order_manager_core.hpp"

namespace bourse::orders {

namespace {

using int128 = bourse::detail::int128;

// The exact midpoint of two positive prices (one more decimal when needed).
price midpoint(price a, price b) noexcept {
  const int p = a.precision() > b.precision() ? a.precision() : b.precision();
  std::int64_t ra = 0;
  std::int64_t rb = 0;
  if (!bourse::detail::rescale_exact(a.raw(), a.precision(), p, ra) ||
      !bourse::detail::rescale_exact(b.raw(), b.precision(), p, rb))
    return a;
  const int128 sum = int128{ra} + rb;
  if (sum % 2 == 0)
    return price::from_raw(static_cast<std::int64_t>(sum / 2), p);
  if (p < max_precision && sum * 5 <= INT64_MAX)
    return price::from_raw(static_cast<std::int64_t>(sum * 5), p + 1);
  return price::from_raw(static_cast<std::int64_t>(sum / 2), p);
}

const char* kind_name(const execution_event& e) noexcept {
  static const char* const names[] = {"accepted",  "rejected", "fill",    "fill",
                                      "cancelled", "replaced", "expired", "triggered"};
  return names[e.index()];
}

} // namespace

order_event_header order_manager_core::header_of_order(const order& o, timestamp now) const {
  return order_event_header{now, now, o.id, o.strategy_id, o.account_id, o.symbol};
}

void order_manager_core::reject(const order_event_header& h, command_kind command,
                                order_reject_reason reason, std::string detail) {
  actions_.push_back(
      strategy_event{h.strategy, order_rejected{h, command, reason, std::move(detail)}});
}

void order_manager_core::forward(const order& o, execution_event event, timestamp now) {
  std::visit(
      [&](auto& e) {
        order_event_header& h = header_of(e);
        h.id = o.id;
        h.strategy = o.strategy_id;
        h.account = o.account_id;
        h.symbol = o.symbol;
        h.ts_init = now;
      },
      event);
  actions_.push_back(strategy_event{o.strategy_id, std::move(event)});
}

void order_manager_core::book_fill(const order& o, const fill& f) {
  const quantity signed_qty = f.fill_side == side::buy ? f.fill_qty : -f.fill_qty;
  for (owner_ref owner : {owner_ref{owner_kind::strategy, o.strategy_id},
                          owner_ref{owner_kind::account, o.account_id}}) {
    quantity& net = positions_[position_key{owner.kind, owner.id, o.symbol}];
    net = net + signed_qty;
  }
}

void order_manager_core::restore_position(strategy_id strategy, account_id account,
                                          std::string_view symbol, quantity net) {
  for (owner_ref owner :
       {owner_ref{owner_kind::strategy, strategy}, owner_ref{owner_kind::account, account}}) {
    quantity& held = positions_[position_key{owner.kind, owner.id, std::string{symbol}}];
    held = held + net;
  }
}

void order_manager_core::on_venue_event(execution_event event, timestamp now) {
  const order_id id = orders::header_of(event).id;
  const order* o = tracker_.find(id);
  if (o == nullptr) {
    warn("Venue event for an unknown order id=" + std::to_string(id) + " kind=" + kind_name(event));
    return;
  }
  order_info& info = info_[id];
  quantity fill_qty;
  if (auto* pf = std::get_if<order_partially_filled>(&event))
    fill_qty = pf->execution.fill_qty;
  else if (auto* ff = std::get_if<order_filled>(&event))
    fill_qty = ff->execution.fill_qty;
  // The venue answers every cancel (cancelled on request, or refused) and every replace
  // (replaced, or refused) once: forget_finished waits for those answers.
  const bool answer = std::visit(
      [](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, order_rejected>)
          return e.command != command_kind::submit;
        else if constexpr (std::is_same_v<T, order_cancelled>)
          return e.reason == order_cancel_reason::user;
        else
          return std::is_same_v<T, order_replaced>;
      },
      event);
  if (answer && info.requests_out > 0)
    --info.requests_out;
  // Applies a lifecycle event; a refusal is noted and the venue event dropped (not forwarded).
  auto step = [&](const order_event& e) {
    if (auto problem = tracker_.apply(id, e, now)) {
      warn("Venue event refused kind=" + std::string(kind_name(event)) + " " + problem->message);
      return false;
    }
    return true;
  };
  std::visit(
      [&](auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, order_accepted>) {
          // A triggered trailing stop was accepted here already: the venue's word adds nothing.
          if (info.emulated_sent)
            return;
          if (step(order_event::accept()))
            forward(*o, std::move(e), now);
        } else if constexpr (std::is_same_v<T, order_rejected>) {
          if (e.command == command_kind::submit && info.emulated_sent) {
            // The market order of a triggered trailing stop was refused: the order ends.
            if (step(order_event::cancel()))
              forward(*o, std::move(e), now);
          } else if (e.command == command_kind::submit) {
            if (step(order_event::reject()))
              forward(*o, std::move(e), now);
          } else if (e.command == command_kind::cancel) {
            const bool ours = info.shutdown;
            info.cancel_in_flight = false;
            if (o->state == order_state::pending_cancel)
              (void)step(order_event::cancel_reject());
            if (!ours) // a refused shutdown cancel (the order ended meanwhile) concerns nobody
              forward(*o, std::move(e), now);
          } else {
            // A replace refused because the order finished meanwhile (e.g. filled) is still
            // reported; the lifecycle has nothing left to undo then.
            if (is_terminal(o->state) || step(order_event::replace_reject()))
              forward(*o, std::move(e), now);
          }
        } else if constexpr (carries_fill_v<T>) {
          // A fill happened at the venue whatever the lifecycle says: it is always reported, as
          // order_filled when the lifecycle says it completed the order (as the venue said when
          // the lifecycle refused it).
          const bool applied =
              step(order_event::fill(e.execution.fill_qty, e.execution.fill_price));
          const bool complete =
              applied ? o->state == order_state::filled : std::is_same_v<T, order_filled>;
          book_fill(*o, e.execution);
          auto report_fill = [&](auto out) {
            forward(*o, out, now);
            const timestamp ts_event = out.execution.header.ts_event;
            out.execution.header = header_of_order(*o, now);
            out.execution.header.ts_event = ts_event;
            actions_.push_back(fill_report{std::move(out)});
          };
          if (complete)
            report_fill(order_filled{std::move(e.execution)});
          else
            report_fill(order_partially_filled{std::move(e.execution)});
        } else if constexpr (std::is_same_v<T, order_cancelled>) {
          if (step(order_event::cancel())) {
            if (info.shutdown && e.reason == order_cancel_reason::user)
              e.reason = order_cancel_reason::shutdown;
            else if (info.cancel_reason && e.reason == order_cancel_reason::user)
              e.reason = *info.cancel_reason;
            info.cancel_in_flight = false;
            forward(*o, std::move(e), now);
          }
        } else if constexpr (std::is_same_v<T, order_replaced>) {
          order_changes applied = o->requested_changes.value_or(order_changes{});
          if (step(order_event::replace(applied)))
            forward(*o, std::move(e), now);
        } else if constexpr (std::is_same_v<T, order_expired>) {
          if (step(order_event::expire())) {
            info.cancel_in_flight = false;
            forward(*o, std::move(e), now);
          }
        } else {
          if (step(order_event::trigger()))
            forward(*o, std::move(e), now);
        }
      },
      event);
  after_event(id, fill_qty, now);
}

void order_manager_core::on_quote(const quote& q) {
  std::optional<price> ref;
  if (q.bid.is_positive() && q.ask.is_positive())
    ref = midpoint(q.bid, q.ask);
  else if (q.bid.is_positive())
    ref = q.bid;
  else if (q.ask.is_positive())
    ref = q.ask;
  if (ref) {
    reference_[q.symbol] = *ref;
    if (!trailing_.empty())
      on_reference(q.symbol, *ref, q.ts);
  }
}

void order_manager_core::on_trade(const trade& t) {
  if (t.last.is_positive()) {
    reference_[t.symbol] = t.last;
    if (!trailing_.empty())
      on_reference(t.symbol, t.last, t.ts);
  }
}

void order_manager_core::on_bar(symbol_id symbol, const bar& b) {
  if (!b.close.is_positive())
    return;
  auto it = reference_.find(symbol);
  if (it == reference_.end())
    reference_.emplace(symbol, b.close);
  else
    it->second = b.close;
  if (!trailing_.empty())
    on_reference_bar(symbol, b);
}

void order_manager_core::stop(timestamp now) {
  drain(now);
  shutting_down_ = true;
  while (!held_.empty())
    drop_held(held_.begin()->first, order_cancel_reason::shutdown, now);
  std::vector<order_id> live;
  for (const auto& [id, o] : tracker_.orders())
    if (!is_terminal(o.state))
      live.push_back(id);
  for (order_id id : live) {
    const order& o = *tracker_.find(id);
    order_info& info = info_[id];
    info.shutdown = true;
    if (info.emulated && !info.emulated_sent)
      end_emulated(o, order_cancel_reason::shutdown, now);
    else if (!info.cancel_in_flight)
      send_cancel(o, info, now);
  }
}

std::vector<om_action> order_manager_core::take_actions() {
  return std::exchange(actions_, {});
}

std::vector<std::string> order_manager_core::take_warnings() {
  return std::exchange(warnings_, {});
}

std::vector<order> order_manager_core::open_orders(bourse::strategy_id strategy) const {
  std::map<order_id, order> out;
  for (const auto& [id, o] : tracker_.orders())
    if (!is_terminal(o.state) && (strategy == 0 || o.strategy_id == strategy))
      out.emplace(id, o);
  auto add_queued = [&](const order_command& c) {
    if (auto* r = std::get_if<submit_order>(&c))
      if (strategy == 0 || r->strategy == strategy) {
        order o;
        o.id = r->id;
        o.strategy_id = r->strategy;
        o.account_id = r->account;
        o.symbol = r->symbol;
        o.side = r->order_side;
        o.type = r->type;
        o.tif = r->tif;
        if (!r->limit_price.is_zero())
          o.limit_price = r->limit_price;
        if (!r->stop_price.is_zero())
          o.stop_price = r->stop_price;
        o.quantity = r->qty;
        out.emplace(r->id, std::move(o));
      }
  };
  for (const auto& c : priority_)
    add_queued(c);
  for (const auto& c : normal_)
    add_queued(c);
  for (const auto& [id, r] : held_)
    add_queued(order_command{r});
  for (auto& [id, o] : out)
    if (auto stop = trailing_stop_price(id))
      o.stop_price = stop;
  std::vector<order> list;
  list.reserve(out.size());
  for (auto& [id, o] : out)
    list.push_back(std::move(o));
  return list;
}

std::optional<price> order_manager_core::reference_price(symbol_id symbol) const {
  auto it = reference_.find(symbol);
  if (it == reference_.end())
    return std::nullopt;
  return it->second;
}

quantity order_manager_core::position(owner_ref owner, std::string_view symbol) const {
  auto it = positions_.find(std::make_tuple(owner.kind, owner.id, symbol));
  return it == positions_.end() ? quantity{} : it->second;
}

} // namespace bourse::orders
