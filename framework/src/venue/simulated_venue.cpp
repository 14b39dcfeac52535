// The simulated venue: commands, the latency queue, session closes and the end of the run.
#include <algorithm>
#include <utility>

#include "venue_internal.hpp"

namespace bourse::venue {

namespace {

std::string order_text(order_id id) {
  return "order " + std::to_string(id);
}

order_event_header request_header(const submit_order& r, timestamp ts) {
  return order_event_header{ts, ts, r.id, r.strategy, r.account, r.symbol};
}

// Checks a new order against its instrument; returns the reason and a sentence, or nullopt.
std::optional<std::pair<order_reject_reason, std::string>> check_request(const instrument& instr,
                                                                         const submit_order& r) {
  const std::string who = order_text(r.id) + " (" + r.symbol + "): ";
  auto bad = [&](order_reject_reason reason, std::string text) {
    return std::make_optional(std::make_pair(reason, who + std::move(text)));
  };
  if (!r.qty.is_positive())
    return bad(order_reject_reason::invalid_order,
               "quantity " + r.qty.to_string() + " is not positive");
  if (r.post_only && r.type != order_type::limit)
    return bad(order_reject_reason::invalid_order,
               "post-only applies to limit orders, not " + std::string(to_string(r.type)));
  if (r.trailing())
    return bad(order_reject_reason::invalid_order,
               "the venue holds no trailing stops (the order manager does)");
  if (!instr.on_lot(r.qty))
    return bad(order_reject_reason::off_lot, "quantity " + r.qty.to_string() +
                                                 " is not a multiple of the lot " +
                                                 instr.lot_size.to_string());
  const bool wants_limit = r.type == order_type::limit || r.type == order_type::stop_limit;
  const bool wants_stop = r.type == order_type::stop || r.type == order_type::stop_limit;
  struct field {
    const char* name;
    price value;
    bool wanted;
  };
  for (const field& f : {field{"limit price", r.limit_price, wants_limit},
                         field{"stop price", r.stop_price, wants_stop}}) {
    if (f.wanted && f.value.is_zero())
      return bad(order_reject_reason::invalid_order,
                 std::string("a ") + std::string(to_string(r.type)) + " order needs a " + f.name);
    if (!f.wanted && !f.value.is_zero())
      return bad(order_reject_reason::invalid_order,
                 std::string("a ") + std::string(to_string(r.type)) + " order takes no " + f.name +
                     ", got " + f.value.to_string());
    if (f.wanted && f.value.is_negative())
      return bad(order_reject_reason::invalid_order,
                 std::string(f.name) + " " + f.value.to_string() + " is not positive");
    if (f.wanted && !instr.on_tick(f.value))
      return bad(order_reject_reason::off_tick, std::string(f.name) + " " + f.value.to_string() +
                                                    " is not a multiple of the tick " +
                                                    instr.tick_size.to_string());
  }
  return std::nullopt;
}

// Returns the best price `taker` would trade against now: the outside level or a simulated
// resting order on the other side, whichever is better.
std::optional<price> best_opposite(const book::order_book& book, const outside_market& market,
                                   side taker) {
  const auto& level = taker == side::buy ? market.ask : market.bid;
  std::optional<price> best = taker == side::buy ? book.best_ask() : book.best_bid();
  if (level && level->available.is_positive() &&
      (!best || (taker == side::buy ? level->px < *best : level->px > *best)))
    best = level->px;
  return best;
}

// Returns a sentence when a post-only order at `limit` would trade on arrival.
std::optional<std::string> crosses(const book::order_book& book, const outside_market& market,
                                   side taker, price limit, order_id id) {
  auto best = best_opposite(book, market, taker);
  if (!best || (taker == side::buy ? limit < *best : limit > *best))
    return std::nullopt;
  return order_text(id) + ": post-only " + std::string(to_string(taker)) + " at " +
         limit.to_string() + " would trade against the " +
         (taker == side::buy ? "ask " : "bid ") + best->to_string();
}

} // namespace

simulated_venue::simulated_venue(venue_settings settings)
    : settings_(std::move(settings)), latency_(settings_.latency),
      listener_(std::make_unique<book_events>(*this)) {
  for (const instrument& instr : settings_.instruments) {
    if (instr.symbol.empty() || !instr.tick_size.is_positive() || !instr.lot_size.is_positive() ||
        by_symbol_.count(instr.symbol) != 0)
      continue;
    auto st = std::make_unique<instrument_state>();
    st->instr = instr;
    st->book = std::make_unique<book::order_book>(instr, *listener_);
    by_symbol_.emplace(instr.symbol, instruments_.size());
    instruments_.push_back(std::move(st));
  }
}

simulated_venue::~simulated_venue() = default;

void simulated_venue::submit(submit_order request, timestamp arrival) {
  enqueue(std::move(request), arrival);
}

void simulated_venue::cancel(cancel_order request, timestamp arrival) {
  enqueue(std::move(request), arrival);
}

void simulated_venue::replace(replace_order request, timestamp arrival) {
  enqueue(std::move(request), arrival);
}

void simulated_venue::enqueue(orders::order_command command, timestamp arrival) {
  advance_to(arrival);
  if (stopped_) {
    activate(command, clock_);
    return;
  }
  // Commands take effect in arrival order: a later command never overtakes an earlier one, even
  // when it draws a shorter latency (the venue's link is FIFO).
  timestamp active_at = clock_ + latency_.next();
  active_at = std::max(active_at, last_activation_);
  last_activation_ = active_at;
  queue_.push_back(queued_command{active_at, std::move(command)});
  advance_to(clock_);
}

void simulated_venue::advance_to(timestamp now) {
  if (!clock_started_) {
    clock_ = now;
    clock_started_ = true;
  }
  for (;;) {
    const timestamp command_at = queue_.empty() ? no_wakeup : queue_.front().active_at;
    const timestamp close_at = next_close();
    const timestamp next = std::min(command_at, close_at);
    if (next == no_wakeup || next > now)
      break;
    clock_ = std::max(clock_, next);
    if (close_at <= command_at) {
      close_session(clock_);
    } else {
      queued_command c = std::move(queue_.front());
      queue_.pop_front();
      activate(c.command, clock_);
    }
  }
  clock_ = std::max(clock_, now);
}

timestamp simulated_venue::next_close() const noexcept {
  if (!settings_.session_close || live_day_orders_ == 0)
    return no_wakeup;
  timestamp day = clock_ / ns_per_day;
  if (clock_ < 0 && clock_ % ns_per_day != 0)
    --day;
  timestamp close = day * ns_per_day + *settings_.session_close;
  if (close <= clock_)
    close += ns_per_day;
  return close;
}

timestamp simulated_venue::next_wakeup() const noexcept {
  const timestamp command_at = queue_.empty() ? no_wakeup : queue_.front().active_at;
  return std::min(command_at, next_close());
}

void simulated_venue::close_session(timestamp ts) {
  for (auto& st : instruments_) {
    st->book->expire_day(ts);
    std::vector<order_id> keep;
    for (order_id id : st->stops) {
      order_record* rec = find_record(id);
      if (rec == nullptr || rec->status == venue_order_status::done)
        continue;
      if (rec->request.tif != time_in_force::day) {
        keep.push_back(id);
        continue;
      }
      events_.push_back(order_expired{header(*rec, ts), rec->open});
      set_status(*rec, venue_order_status::done);
    }
    st->stops = std::move(keep);
  }
}

void simulated_venue::stop(timestamp now) {
  advance_to(now);
  auto in_flight = std::exchange(queue_, {});
  for (auto& q : in_flight) {
    if (auto* r = std::get_if<submit_order>(&q.command)) {
      // It never reached the market: it ends as cancelled, and its id stays taken.
      if (orders_.count(r->id) == 0 && !finished_.contains(r->id)) {
        auto rec = std::make_unique<order_record>();
        rec->request = *r;
        rec->open = r->qty;
        rec->status = venue_order_status::done;
        orders_.emplace(r->id, std::move(rec));
        done_.push_back(r->id);
      }
      events_.push_back(
          order_cancelled{request_header(*r, clock_), r->qty, order_cancel_reason::shutdown});
    } else if (auto* c = std::get_if<cancel_order>(&q.command)) {
      activate_cancel(*c, clock_);
    } else if (auto* p = std::get_if<replace_order>(&q.command)) {
      const order_record* rec = find_record(p->id);
      auto forgotten = rec ? std::nullopt : forgotten_header(p->id, clock_);
      order_event_header h = rec ? header(*rec, clock_)
                             : forgotten
                                 ? *forgotten
                                 : order_event_header{clock_, clock_, p->id, p->strategy, 0, {}};
      reject(h, command_kind::replace, order_reject_reason::shutting_down,
             order_text(p->id) + ": replace not done: the venue stopped");
    }
  }
  close_session(clock_);
  stopped_ = true;
}

void simulated_venue::activate(const orders::order_command& command, timestamp ts) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, submit_order>)
          activate_submit(c, ts);
        else if constexpr (std::is_same_v<T, cancel_order>)
          activate_cancel(c, ts);
        else
          activate_replace(c, ts);
      },
      command);
}

void simulated_venue::activate_submit(const submit_order& r, timestamp ts) {
  const auto h = request_header(r, ts);
  if (stopped_)
    return reject(h, command_kind::submit, order_reject_reason::shutting_down,
                  order_text(r.id) + ": the venue is stopped");
  if (orders_.count(r.id) != 0 || finished_.contains(r.id))
    return reject(h, command_kind::submit, order_reject_reason::duplicate_id,
                  order_text(r.id) + ": the id was used before at this venue");
  instrument_state* st = instrument_of(r.symbol);
  if (st == nullptr)
    return reject(h, command_kind::submit, order_reject_reason::unknown_symbol,
                  order_text(r.id) + ": the venue does not trade " +
                      (r.symbol.empty() ? std::string("an empty symbol") : r.symbol.str()));
  if (auto problem = check_request(st->instr, r))
    return reject(h, command_kind::submit, problem->first, std::move(problem->second));

  auto owned = std::make_unique<order_record>();
  order_record& rec = *owned;
  rec.request = r;
  rec.instrument = by_symbol_.find(r.symbol)->second;
  rec.open = r.qty;
  if (!r.limit_price.is_zero())
    rec.limit = r.limit_price;
  if (!r.stop_price.is_zero())
    rec.stop = r.stop_price;
  orders_.emplace(r.id, std::move(owned));

  if (r.type == order_type::stop || r.type == order_type::stop_limit) {
    rec.accepted_reported = true;
    events_.push_back(order_accepted{h});
    const auto& last = st->market.last;
    const bool buy = r.order_side == side::buy;
    if (last && (buy ? *last >= *rec.stop : *last <= *rec.stop)) {
      execute_stop(*st, rec, std::nullopt, ts);
    } else {
      st->stops.push_back(r.id);
      set_status(rec, venue_order_status::pending_stop);
    }
    return;
  }
  if (r.post_only)
    if (auto problem = crosses(*st->book, st->market, r.order_side, *rec.limit, r.id)) {
      reject(h, command_kind::submit, order_reject_reason::would_cross, *problem);
      set_status(rec, venue_order_status::done);
      return;
    }
  enter_book(*st, rec, ts, std::nullopt);
}

void simulated_venue::activate_cancel(const cancel_order& c, timestamp ts) {
  order_record* rec = find_record(c.id);
  if (rec == nullptr) {
    // A forgotten order: finished, so the same answers as for its done record.
    if (auto h = forgotten_header(c.id, ts)) {
      if (h->strategy != c.strategy)
        return reject(*h, command_kind::cancel, order_reject_reason::not_owner,
                      order_text(c.id) + ": cancel refused: it belongs to strategy " +
                          std::to_string(h->strategy) + ", not " + std::to_string(c.strategy));
      return reject(*h, command_kind::cancel, order_reject_reason::order_finished,
                    order_text(c.id) + ": cancel refused: the order is finished");
    }
  }
  if (rec == nullptr)
    return reject(order_event_header{ts, ts, c.id, c.strategy, 0, {}}, command_kind::cancel,
                  order_reject_reason::unknown_order,
                  order_text(c.id) + ": cancel refused: the venue does not know the order");
  const auto h = header(*rec, ts);
  if (rec->request.strategy != c.strategy)
    return reject(h, command_kind::cancel, order_reject_reason::not_owner,
                  order_text(c.id) + ": cancel refused: it belongs to strategy " +
                      std::to_string(rec->request.strategy) + ", not " +
                      std::to_string(c.strategy));
  if (rec->status == venue_order_status::done)
    return reject(h, command_kind::cancel, order_reject_reason::order_finished,
                  order_text(c.id) + ": cancel refused: the order is finished");
  if (rec->status == venue_order_status::pending_stop) {
    auto& stops = instruments_[rec->instrument]->stops;
    stops.erase(std::remove(stops.begin(), stops.end(), c.id), stops.end());
    events_.push_back(order_cancelled{h, rec->open, order_cancel_reason::user});
    set_status(*rec, venue_order_status::done);
    return;
  }
  instrument_state& st = *instruments_[rec->instrument];
  st.book->cancel(rec->book_id, ts);
  refresh_status(st, *rec);
}

void simulated_venue::activate_replace(const replace_order& p, timestamp ts) {
  order_record* rec = find_record(p.id);
  if (rec == nullptr) {
    if (auto h = forgotten_header(p.id, ts)) {
      const std::string who = order_text(p.id) + ": replace refused: ";
      if (stopped_)
        return reject(*h, command_kind::replace, order_reject_reason::shutting_down,
                      who + "the venue is stopped");
      if (h->strategy != p.strategy)
        return reject(*h, command_kind::replace, order_reject_reason::not_owner,
                      who + "it belongs to strategy " + std::to_string(h->strategy));
      return reject(*h, command_kind::replace, order_reject_reason::order_finished,
                    who + "the order is finished");
    }
  }
  if (rec == nullptr)
    return reject(order_event_header{ts, ts, p.id, p.strategy, 0, {}}, command_kind::replace,
                  order_reject_reason::unknown_order,
                  order_text(p.id) + ": replace refused: the venue does not know the order");
  const auto h = header(*rec, ts);
  const std::string who = order_text(p.id) + ": replace refused: ";
  if (stopped_)
    return reject(h, command_kind::replace, order_reject_reason::shutting_down,
                  who + "the venue is stopped");
  if (rec->request.strategy != p.strategy)
    return reject(h, command_kind::replace, order_reject_reason::not_owner,
                  who + "it belongs to strategy " + std::to_string(rec->request.strategy));
  if (rec->status == venue_order_status::done)
    return reject(h, command_kind::replace, order_reject_reason::order_finished,
                  who + "the order is finished");
  if (p.new_price.is_zero() && p.new_qty.is_zero())
    return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                  who + "it changes nothing");
  instrument_state& st = *instruments_[rec->instrument];
  if (!p.new_price.is_zero()) {
    if (rec->request.type == order_type::market || rec->request.type == order_type::stop)
      return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                    who + "a " + std::string(to_string(rec->request.type)) +
                        " order has no limit price");
    if (!p.new_price.is_positive())
      return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                    who + "price " + p.new_price.to_string() + " is not positive");
    if (!st.instr.on_tick(p.new_price))
      return reject(h, command_kind::replace, order_reject_reason::off_tick,
                    who + "price " + p.new_price.to_string() + " is not a multiple of the tick " +
                        st.instr.tick_size.to_string());
  }
  if (!p.new_qty.is_zero()) {
    if (!p.new_qty.is_positive())
      return reject(h, command_kind::replace, order_reject_reason::invalid_order,
                    who + "quantity " + p.new_qty.to_string() + " is not positive");
    if (!st.instr.on_lot(p.new_qty))
      return reject(h, command_kind::replace, order_reject_reason::off_lot,
                    who + "quantity " + p.new_qty.to_string() + " is not a multiple of the lot " +
                        st.instr.lot_size.to_string());
  }
  if (rec->status == venue_order_status::pending_stop)
    return replace_stop(*rec, p, ts);
  if (rec->request.post_only && !p.new_price.is_zero())
    if (auto problem = crosses(*st.book, st.market, rec->request.order_side, p.new_price, p.id))
      return reject(h, command_kind::replace, order_reject_reason::would_cross, *problem);

  book::order_changes changes;
  if (!p.new_price.is_zero())
    changes.limit_price = p.new_price;
  if (!p.new_qty.is_zero())
    changes.open_qty = p.new_qty;
  const side s = rec->request.order_side;
  auto& level = s == side::buy ? st.market.ask : st.market.bid;
  // A new price may cross: the order then trades like an incoming one, the outside market too.
  const quantity used =
      with_outside(st, s, level, ts, [&] { st.book->replace(rec->book_id, changes, ts); });
  if (level)
    level->available = level->available - used;
  refresh_status(st, *rec);
}

void simulated_venue::replace_stop(order_record& rec, const replace_order& p, timestamp ts) {
  if (!p.new_price.is_zero())
    rec.limit = p.new_price;
  if (!p.new_qty.is_zero())
    rec.open = p.new_qty;
  const price shown = rec.limit ? *rec.limit : *rec.stop;
  events_.push_back(order_replaced{header(rec, ts), shown, rec.open});
}

} // namespace bourse::venue
