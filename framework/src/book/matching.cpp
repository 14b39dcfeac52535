// Matching an incoming order, resting its remainder, and electing and running triggered stops.
#include "bourse/book/order_book.hpp"

#include <algorithm>

namespace bourse::book {

namespace {

bool is_market_like(const detail::order_node& node) noexcept {
  return node.type == order_type::market || node.type == order_type::stop;
}

} // namespace

// Runs one order that has left (or never entered) a queue: a stop that has not triggered is parked,
// anything else trades against the other side and then rests or is cancelled.
void order_book::execute(std::uint32_t index, timestamp ts) {
  detail::order_node& node = pool_[index];
  bool is_stop = node.type == order_type::stop || node.type == order_type::stop_limit;
  if (is_stop && !node.triggered) {
    park_stop(index, ts);
    return;
  }
  if (node.tif == time_in_force::fok && !can_fill(node)) {
    end_with(index, cancel_reason::fok, ts);
    return;
  }
  match(index, ts);
  const detail::order_node& after = pool_[index];
  if (after.open == 0)
    finish(index);
  else if (is_market_like(after))
    end_with(index, cancel_reason::no_liquidity, ts);
  else if (after.tif == time_in_force::ioc)
    end_with(index, cancel_reason::ioc, ts);
  else if (after.tif == time_in_force::fok)
    end_with(index, cancel_reason::fok, ts); // unreachable: can_fill() guaranteed a full fill
  else
    rest(index, ts);
}

void order_book::match(std::uint32_t index, timestamp ts) {
  detail::order_node& taker = pool_[index];
  bool market = is_market_like(taker);
  bool buy = taker.side == bourse::side::buy;
  detail::price_ladder& other = buy ? asks_ : bids_;
  while (taker.open > 0 && !other.empty()) {
    detail::price_level& level = other.best();
    if (!market && (buy ? level.price > taker.price : level.price < taker.price))
      break;
    while (taker.open > 0 && level.head != detail::nil) {
      std::uint32_t maker_index = level.head;
      detail::order_node& maker = pool_[maker_index];
      std::int64_t qty = std::min(taker.open, maker.open);
      taker.open -= qty;
      taker.filled += qty;
      maker.open -= qty;
      maker.filled += qty;
      level.open -= qty;
      last_ = level.price;
      has_last_ = true;
      trade_event trade{next_trade_++,         taker.id,    maker.id, taker.side,
                        to_price(level.price), to_qty(qty), ts};
      if (maker.open == 0) {
        detail::unlink(level, pool_, maker_index);
        finish(maker_index);
      }
      out_->on_trade(trade);
      if (buy_stops_.triggers(last_) || sell_stops_.triggers(last_))
        elect(last_);
    }
    if (level.head == detail::nil)
      other.pop_best();
  }
}

bool order_book::can_fill(const detail::order_node& taker) const noexcept {
  bool market = is_market_like(taker);
  bool buy = taker.side == bourse::side::buy;
  const detail::price_ladder& other = buy ? asks_ : bids_;
  bourse::detail::int128 needed = taker.open;
  for (std::size_t rank = 0; rank < other.size(); ++rank) {
    const detail::price_level& level = other.at_rank(rank);
    if (!market && (buy ? level.price > taker.price : level.price < taker.price))
      break;
    needed -= level.open;
    if (needed <= 0)
      return true;
  }
  return false;
}

void order_book::rest(std::uint32_t index, timestamp ts) {
  detail::order_node& node = pool_[index];
  node.seq = next_seq_++;
  node.ts = ts;
  node.state = detail::node_state::resting;
  detail::price_ladder& ladder = node.side == bourse::side::buy ? bids_ : asks_;
  detail::push_back(ladder.find_or_insert(node.price), pool_, index);
}

// A stop whose trigger the last trade price has already reached is elected at once; any other
// waits in its side's stop list.
void order_book::park_stop(std::uint32_t index, timestamp ts) {
  detail::order_node& node = pool_[index];
  node.seq = next_seq_++;
  node.ts = ts;
  detail::stop_list& list = node.side == bourse::side::buy ? buy_stops_ : sell_stops_;
  detail::stop_entry entry{node.stop, node.seq, index};
  if (has_last_ && list.reached(node.stop, last_)) {
    node.state = detail::node_state::active;
    elected_.push_back(entry);
    return;
  }
  node.state = detail::node_state::pending_stop;
  list.insert(entry);
}

// Moves every stop a trade at `last` triggers to the back of the elected queue, earliest
// sequence first.
void order_book::elect(std::int64_t last) {
  scratch_.clear();
  buy_stops_.take_triggered(last, scratch_);
  sell_stops_.take_triggered(last, scratch_);
  std::sort(scratch_.begin(), scratch_.end(),
            [](const detail::stop_entry& a, const detail::stop_entry& b) { return a.seq < b.seq; });
  for (const auto& entry : scratch_) {
    pool_[entry.node].state = detail::node_state::active;
    elected_.push_back(entry);
  }
}

// Runs elected stops first in, first out; their own trades may append more.
void order_book::run_elected(timestamp ts) {
  for (std::size_t head = 0; head < elected_.size(); ++head) {
    std::uint32_t index = elected_[head].node;
    detail::order_node& node = pool_[index];
    node.triggered = true;
    out_->on_triggered(node.id, ts);
    execute(index, ts);
  }
  elected_.clear();
}

void order_book::finish(std::uint32_t index) noexcept {
  if (std::uint32_t* slot = ids_.find(pool_[index].id))
    *slot = detail::id_table::finished;
  pool_.release(index);
}

void order_book::end_with(std::uint32_t index, cancel_reason reason, timestamp ts) {
  const detail::order_node& node = pool_[index];
  out_->on_cancelled(node.id, to_qty(node.open), reason, ts);
  finish(index);
}

// Takes a live order out of its level or stop list (it becomes active).
void order_book::remove_live(std::uint32_t index) noexcept {
  detail::order_node& node = pool_[index];
  if (node.state == detail::node_state::resting) {
    detail::price_ladder& ladder = node.side == bourse::side::buy ? bids_ : asks_;
    if (detail::price_level* level = ladder.find(node.price)) {
      detail::unlink(*level, pool_, index);
      if (level->count == 0)
        ladder.erase(node.price);
    }
  } else if (node.state == detail::node_state::pending_stop) {
    (node.side == bourse::side::buy ? buy_stops_ : sell_stops_).erase(node.stop, node.seq);
  }
  node.state = detail::node_state::active;
}

} // namespace bourse::book
