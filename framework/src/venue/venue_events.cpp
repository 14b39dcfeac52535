// The simulated venue's events: book reports turned into execution events, fees, and bookkeeping.
#include <utility>

#include "venue_internal.hpp"

namespace bourse::venue {

namespace {

order_reject_reason map_reason(book::reject_reason reason) noexcept {
  switch (reason) {
  case book::reject_reason::duplicate_id:
    return order_reject_reason::duplicate_id;
  case book::reject_reason::unknown_id:
    return order_reject_reason::unknown_order;
  case book::reject_reason::order_finished:
    return order_reject_reason::order_finished;
  case book::reject_reason::off_lot:
    return order_reject_reason::off_lot;
  case book::reject_reason::off_tick:
    return order_reject_reason::off_tick;
  default:
    return order_reject_reason::invalid_order;
  }
}

order_cancel_reason map_reason(book::cancel_reason reason) noexcept {
  switch (reason) {
  case book::cancel_reason::no_liquidity:
    return order_cancel_reason::no_liquidity;
  case book::cancel_reason::ioc:
    return order_cancel_reason::ioc;
  case book::cancel_reason::fok:
    return order_cancel_reason::fok;
  default:
    return order_cancel_reason::user;
  }
}

command_kind map_kind(book::request_kind kind) noexcept {
  switch (kind) {
  case book::request_kind::cancel:
    return command_kind::cancel;
  case book::request_kind::replace:
    return command_kind::replace;
  default:
    return command_kind::submit;
  }
}

bool is_live(venue_order_status s) noexcept {
  return s == venue_order_status::pending_stop || s == venue_order_status::working;
}

} // namespace

void simulated_venue::book_events::on_accepted(order_id id, timestamp ts) {
  if (is_synthetic(id))
    return;
  order_record* rec = venue_.record_of_book_id(id);
  if (rec == nullptr || rec->accepted_reported)
    return;
  rec->accepted_reported = true;
  venue_.events_.push_back(order_accepted{venue_.header(*rec, ts)});
}

void simulated_venue::book_events::on_rejected(order_id id, book::request_kind kind,
                                               book::reject_reason reason, timestamp ts) {
  if (is_synthetic(id))
    return;
  order_record* rec = venue_.record_of_book_id(id);
  if (rec == nullptr)
    return;
  venue_.reject(venue_.header(*rec, ts), map_kind(kind), map_reason(reason),
                "order " + std::to_string(rec->request.id) + ": " +
                    std::string(book::to_string(kind)) + " refused by the " + rec->request.symbol +
                    " book: " + std::string(book::to_string(reason)));
  if (kind == book::request_kind::submit)
    venue_.set_status(*rec, venue_order_status::done);
}

void simulated_venue::book_events::on_trade(const book::trade_event& trade) {
  const trade_id venue_trade = venue_.next_trade_++;
  if (is_synthetic(trade.taker) || is_synthetic(trade.maker))
    venue_.synthetic_traded_ = venue_.synthetic_traded_ + trade.qty;
  if (!is_synthetic(trade.taker))
    fill(trade.taker, trade, venue_trade);
  if (!is_synthetic(trade.maker))
    fill(trade.maker, trade, venue_trade);
}

void simulated_venue::book_events::fill(order_id book_id, const book::trade_event& trade,
                                        trade_id venue_trade) {
  order_record* rec = venue_.record_of_book_id(book_id);
  if (rec == nullptr)
    return;
  const auto role = book_id == trade.maker ? liquidity::maker : liquidity::taker;
  rec->filled = rec->filled + trade.qty;
  rec->open = rec->open - trade.qty;
  bourse::fill f;
  f.header = venue_.header(*rec, trade.ts);
  f.trade = venue_trade;
  f.fill_side = rec->request.order_side;
  f.fill_price = trade.px;
  f.fill_qty = trade.qty;
  f.leaves_qty = rec->open;
  f.fee = compute_fee(venue_.settings_.fees, role, trade.px, trade.qty);
  f.role = role;
  if (rec->open.is_positive())
    venue_.events_.push_back(order_partially_filled{std::move(f)});
  else
    venue_.events_.push_back(order_filled{std::move(f)});
  if (!rec->open.is_positive())
    venue_.set_status(*rec, venue_order_status::done);
}

void simulated_venue::book_events::on_cancelled(order_id id, quantity remaining,
                                                book::cancel_reason reason, timestamp ts) {
  if (is_synthetic(id))
    return;
  order_record* rec = venue_.record_of_book_id(id);
  if (rec == nullptr)
    return;
  rec->open = remaining;
  if (reason == book::cancel_reason::expired)
    venue_.events_.push_back(order_expired{venue_.header(*rec, ts), remaining});
  else
    venue_.events_.push_back(
        order_cancelled{venue_.header(*rec, ts), remaining, map_reason(reason)});
  venue_.set_status(*rec, venue_order_status::done);
}

void simulated_venue::book_events::on_replaced(const book::order_view& order, timestamp ts) {
  if (is_synthetic(order.id))
    return;
  order_record* rec = venue_.record_of_book_id(order.id);
  if (rec == nullptr)
    return;
  rec->open = order.open_qty;
  if (order.limit_price)
    rec->limit = order.limit_price;
  const price shown = order.limit_price ? *order.limit_price : rec->stop ? *rec->stop : price{};
  venue_.events_.push_back(order_replaced{venue_.header(*rec, ts), shown, order.open_qty});
}

order_event_header simulated_venue::header(const order_record& rec, timestamp ts) const {
  return order_event_header{
      ts, ts, rec.request.id, rec.request.strategy, rec.request.account, rec.request.symbol};
}

void simulated_venue::reject(const order_event_header& h, command_kind command,
                             order_reject_reason reason, std::string detail) {
  events_.push_back(order_rejected{h, command, reason, std::move(detail)});
}

void simulated_venue::set_status(order_record& rec, venue_order_status status) {
  if (rec.request.tif == time_in_force::day) {
    const bool was = is_live(rec.status);
    const bool now = is_live(status);
    if (was && !now)
      --live_day_orders_;
    else if (!was && now)
      ++live_day_orders_;
  }
  if (status == venue_order_status::done && rec.status != venue_order_status::done)
    done_.push_back(rec.request.id);
  rec.status = status;
}

void simulated_venue::refresh_status(instrument_state& st, order_record& rec) {
  if (rec.status == venue_order_status::done || rec.book_id == 0)
    return;
  switch (st.book->status(rec.book_id)) {
  case book::order_status::resting:
    set_status(rec, venue_order_status::working);
    break;
  case book::order_status::pending_stop:
    set_status(rec, venue_order_status::pending_stop);
    break;
  default:
    set_status(rec, venue_order_status::done);
    break;
  }
}

simulated_venue::order_record* simulated_venue::find_record(order_id client) noexcept {
  auto it = orders_.find(client);
  return it == orders_.end() ? nullptr : it->second.get();
}

simulated_venue::order_record* simulated_venue::record_of_book_id(order_id book_id) noexcept {
  if (book_id <= book_base_ || book_id - book_base_ > client_of_book_.size())
    return nullptr;
  const order_id client = client_of_book_[book_id - book_base_ - 1];
  return client == forgotten_client ? nullptr : find_record(client);
}

std::optional<order_event_header> simulated_venue::forgotten_header(order_id client,
                                                                    timestamp ts) const {
  auto f = finished_.find(client);
  if (!f)
    return std::nullopt;
  return order_event_header{ts, ts, client, f->strategy, f->account, std::string(f->symbol)};
}

std::size_t simulated_venue::forget_finished() {
  std::size_t forgotten = 0;
  for (order_id id : std::exchange(done_, {})) {
    auto it = orders_.find(id);
    if (it == orders_.end() || it->second->status != venue_order_status::done)
      continue;
    const order_record& rec = *it->second;
    finished_.add(id, rec.request.strategy, rec.request.account, rec.request.symbol, 0);
    if (rec.book_id > book_base_ && rec.book_id - book_base_ <= client_of_book_.size()) {
      client_of_book_[rec.book_id - book_base_ - 1] = forgotten_client;
      (void)instruments_[rec.instrument]->book->forget(rec.book_id);
    }
    orders_.erase(it);
    ++forgotten;
  }
  while (!client_of_book_.empty() && client_of_book_.front() == forgotten_client) {
    client_of_book_.pop_front();
    ++book_base_;
  }
  return forgotten;
}

simulated_venue::instrument_state*
simulated_venue::instrument_of(symbol_id symbol) noexcept {
  auto it = by_symbol_.find(symbol);
  return it == by_symbol_.end() ? nullptr : instruments_[it->second].get();
}

const outside_market* simulated_venue::outside(symbol_id symbol) const noexcept {
  auto it = by_symbol_.find(symbol);
  return it == by_symbol_.end() ? nullptr : &instruments_[it->second]->market;
}

std::vector<venue_order_view> simulated_venue::live_orders() const {
  std::vector<venue_order_view> out;
  for (const auto& [id, rec] : orders_) {
    if (!is_live(rec->status))
      continue;
    out.push_back(venue_order_view{id, rec->request.symbol, rec->request.order_side,
                                   rec->request.type, rec->request.tif, rec->limit, rec->stop,
                                   rec->open, rec->filled, rec->status});
  }
  return out;
}

std::vector<orders::execution_event> simulated_venue::take_events() {
  return std::exchange(events_, {});
}

} // namespace bourse::venue
