// The simulated venue and the replayed market: outside levels, resting orders the market crosses
// or trades through, and stops triggered by replayed prints and bars.
#include <algorithm>

#include "venue_internal.hpp"

namespace bourse::venue {

namespace {

// The largest grid price strictly below `px`, or nullopt.
std::optional<price> tick_below(const instrument& instr, price px) {
  auto up = ceil_to_tick(instr, px);
  if (!up)
    return std::nullopt;
  return *up - instr.tick_size;
}

// The smallest grid price strictly above `px`, or nullopt.
std::optional<price> tick_above(const instrument& instr, price px) {
  auto down = floor_to_tick(instr, px);
  if (!down)
    return std::nullopt;
  return *down + instr.tick_size;
}

void take(std::optional<outside_level>& level, quantity used) {
  if (level && used.is_positive())
    level->available = level->available - used;
}

} // namespace

void simulated_venue::on_quote(const quote& q) {
  advance_to(q.ts);
  instrument_state* st = instrument_of(q.symbol);
  if (st == nullptr)
    return;
  const timestamp ts = clock_;
  st->market.quoted = true;
  st->market.bid = make_level(st->instr, side::buy, q.bid, q.bid_size);
  st->market.ask = make_level(st->instr, side::sell, q.ask, q.ask_size);
  // Resting buys at or above the new ask (and sells at or below the new bid) fill at their limit.
  if (st->market.ask)
    cross(*st, side::buy, st->market.ask->px, st->market.ask->available, ts);
  if (st->market.bid)
    cross(*st, side::sell, st->market.bid->px, st->market.bid->available, ts);
}

void simulated_venue::on_trade(const trade& t) {
  advance_to(t.ts);
  instrument_state* st = instrument_of(t.symbol);
  if (st == nullptr || !t.last.is_positive())
    return;
  const timestamp ts = clock_;
  quantity buy_budget = floor_to_lot(st->instr, t.size);
  quantity sell_budget = buy_budget;
  // A print trades through resting buys above it and resting sells below it (and those at it,
  // with fill_at_touch).
  const bool touch = settings_.fill_at_touch;
  if (auto above = touch ? std::optional<price>(t.last) : tick_above(st->instr, t.last))
    cross(*st, side::buy, *above, buy_budget, ts);
  if (auto below = touch ? std::optional<price>(t.last) : tick_below(st->instr, t.last))
    cross(*st, side::sell, *below, sell_budget, ts);
  st->market.last = t.last;
  if (!st->market.quoted) {
    st->market.ask = make_level(st->instr, side::sell, t.last, buy_budget);
    st->market.bid = make_level(st->instr, side::buy, t.last, sell_budget);
  }
  trigger_stops(*st, nullptr, t.last, ts);
}

void simulated_venue::on_bar(symbol_id symbol, const bar& b) {
  advance_to(b.ts);
  instrument_state* st = instrument_of(symbol);
  if (st == nullptr || !b.close.is_positive())
    return;
  const timestamp ts = clock_;
  const quantity size =
      b.volume.is_positive() ? floor_to_lot(st->instr, b.volume) : unlimited_quantity(st->instr);
  // The bar's volume is the budget of each side for the whole bar: crossing fills, triggered
  // stops and later incoming orders (at the close) share it.
  st->market.ask = make_level(st->instr, side::sell, b.close, size);
  st->market.bid = make_level(st->instr, side::buy, b.close, size);
  const bool touch = settings_.fill_at_touch;
  if (st->market.ask && b.low.is_positive())
    if (auto above = touch ? std::optional<price>(b.low) : tick_above(st->instr, b.low))
      cross(*st, side::buy, *above, st->market.ask->available, ts);
  if (st->market.bid && b.high.is_positive())
    if (auto below = touch ? std::optional<price>(b.high) : tick_below(st->instr, b.high))
      cross(*st, side::sell, *below, st->market.bid->available, ts);
  st->market.last = b.close;
  trigger_stops(*st, &b, b.close, ts);
}

void simulated_venue::cross(instrument_state& st, side resting, price threshold, quantity& budget,
                            timestamp ts) {
  if (!budget.is_positive() || !threshold.is_positive())
    return;
  if (resting == side::buy) {
    auto best = st.book->best_bid();
    if (!best || *best < threshold)
      return;
  } else {
    auto best = st.book->best_ask();
    if (!best || *best > threshold)
      return;
  }
  // An immediate-or-cancel synthetic order for the budget at the threshold: the book fills the
  // resting simulated orders it reaches in price-time priority, each at its own limit price.
  book::new_order outside;
  outside.id = synthetic_id_base + next_synthetic_++;
  outside.side = opposite(resting);
  outside.type = order_type::limit;
  outside.tif = time_in_force::ioc;
  outside.limit_price = threshold;
  outside.qty = budget;
  synthetic_traded_ = quantity{};
  st.book->submit(outside, ts);
  (void)st.book->forget(outside.id); // an IOC order is finished once submitted
  budget = budget - synthetic_traded_;
}

void simulated_venue::trigger_stops(instrument_state& st, const bar* source, price last,
                                    timestamp ts) {
  if (st.stops.empty())
    return;
  std::vector<order_id> fired;
  std::vector<order_id> keep;
  for (order_id id : st.stops) {
    order_record* rec = find_record(id);
    if (rec == nullptr || rec->status != venue_order_status::pending_stop)
      continue;
    const price stop = *rec->stop;
    bool hit = false;
    if (rec->request.order_side == side::buy)
      hit = source ? source->high.is_positive() && source->high >= stop : last >= stop;
    else
      hit = source ? source->low.is_positive() && source->low <= stop : last <= stop;
    (hit ? fired : keep).push_back(id);
  }
  st.stops = std::move(keep);
  for (order_id id : fired) {
    order_record* rec = find_record(id);
    std::optional<price> at;
    if (source) {
      // Within a bar a stop fills at its stop price, or at the open when the bar gapped past it.
      const price stop = *rec->stop;
      const bool buy = rec->request.order_side == side::buy;
      at = stop;
      if (source->open.is_positive())
        at = buy ? std::max(stop, source->open) : std::min(stop, source->open);
    }
    execute_stop(st, *rec, at, ts);
  }
}

void simulated_venue::execute_stop(instrument_state& st, order_record& rec, std::optional<price> at,
                                   timestamp ts) {
  events_.push_back(order_triggered{header(rec, ts)});
  enter_book(st, rec, ts, at);
}

void simulated_venue::enter_book(instrument_state& st, order_record& rec, timestamp ts,
                                 std::optional<price> at) {
  const side s = rec.request.order_side;
  auto& market_side = s == side::buy ? st.market.ask : st.market.bid;
  std::optional<outside_level> level = market_side;
  if (level && at) {
    auto px = s == side::buy ? ceil_to_tick(st.instr, *at) : floor_to_tick(st.instr, *at);
    if (px && px->is_positive())
      level->px = *px;
  }
  rec.book_id = book_base_ + client_of_book_.size() + 1;
  client_of_book_.push_back(rec.request.id);
  book::new_order o;
  o.id = rec.book_id;
  o.side = s;
  o.type = rec.request.type == order_type::stop         ? order_type::market
           : rec.request.type == order_type::stop_limit ? order_type::limit
                                                        : rec.request.type;
  o.tif = rec.request.tif;
  if (o.type == order_type::limit)
    o.limit_price = rec.limit;
  o.qty = rec.open;
  const quantity used = with_outside(st, s, level, ts, [&] { st.book->submit(o, ts); });
  take(market_side, used);
  refresh_status(st, rec);
}

} // namespace bourse::venue
