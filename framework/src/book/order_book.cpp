// The book's requests: submit, cancel, replace, expire_day and clear.
#include "bourse/book/order_book.hpp"

#include <algorithm>
#include <utility>

namespace bourse::book {

order_book::order_book(instrument instr, listener& out, book_config config)
    : instrument_(std::move(instr)), out_(&out), tick_raw_(instrument_.tick_size.raw()),
      lot_raw_(instrument_.lot_size.raw()), price_precision_(instrument_.price_precision()),
      size_precision_(instrument_.size_precision()), pool_(config.order_capacity),
      ids_(config.id_capacity), bids_(bourse::side::buy, config.level_capacity),
      asks_(bourse::side::sell, config.level_capacity),
      buy_stops_(bourse::side::buy, config.stop_capacity),
      sell_stops_(bourse::side::sell, config.stop_capacity) {
  // A tick or lot that is not positive would make every order off-grid; treat it as one raw unit.
  if (tick_raw_ <= 0)
    tick_raw_ = 1;
  if (lot_raw_ <= 0)
    lot_raw_ = 1;
  elected_.reserve(config.stop_capacity);
  scratch_.reserve(config.stop_capacity);
}

void order_book::submit(const new_order& order, timestamp ts) {
  std::int64_t limit = 0;
  std::int64_t stop = 0;
  std::int64_t qty = 0;
  if (auto reason = check(order, limit, stop, qty)) {
    out_->on_rejected(order.id, request_kind::submit, *reason, ts);
    return;
  }
  std::uint32_t index = pool_.allocate();
  if (!ids_.insert(order.id, index)) {
    pool_.release(index);
    out_->on_rejected(order.id, request_kind::submit, reject_reason::duplicate_id, ts);
    return;
  }
  detail::order_node& node = pool_[index];
  node.id = order.id;
  node.price = limit;
  node.stop = stop;
  node.open = qty;
  node.filled = 0;
  node.seq = 0;
  node.ts = ts;
  node.side = order.side;
  node.type = order.type;
  node.tif = order.tif;
  node.state = detail::node_state::active;
  node.triggered = false;
  out_->on_accepted(order.id, ts);
  execute(index, ts);
  run_elected(ts);
}

bool order_book::forget(order_id id) noexcept {
  const std::uint32_t* slot = ids_.find(id);
  if (slot == nullptr || *slot != detail::id_table::finished)
    return false;
  return ids_.erase(id);
}

void order_book::cancel(order_id id, timestamp ts) {
  const std::uint32_t* slot = ids_.find(id);
  if (slot == nullptr || *slot == detail::id_table::finished) {
    out_->on_rejected(id, request_kind::cancel,
                      slot == nullptr ? reject_reason::unknown_id : reject_reason::order_finished,
                      ts);
    return;
  }
  std::uint32_t index = *slot;
  remove_live(index);
  end_with(index, cancel_reason::user, ts);
}

void order_book::replace(order_id id, const order_changes& changes, timestamp ts) {
  const std::uint32_t* slot = ids_.find(id);
  if (slot == nullptr || *slot == detail::id_table::finished) {
    out_->on_rejected(id, request_kind::replace,
                      slot == nullptr ? reject_reason::unknown_id : reject_reason::order_finished,
                      ts);
    return;
  }
  std::uint32_t index = *slot;
  detail::order_node& node = pool_[index];
  std::int64_t open = node.open;
  std::int64_t limit = node.price;
  std::int64_t stop = node.stop;
  std::optional<reject_reason> reason;
  if (changes.open_qty)
    reason = check_qty(*changes.open_qty, open);
  if (!reason && changes.limit_price) {
    bool has_limit = node.type == order_type::limit || node.type == order_type::stop_limit;
    reason = has_limit ? check_price(*changes.limit_price, limit) : reject_reason::unexpected_price;
  }
  if (!reason && changes.stop_price) {
    bool pending = node.state == detail::node_state::pending_stop;
    reason =
        pending ? check_price(*changes.stop_price, stop) : reject_reason::unexpected_stop_price;
  }
  if (reason) {
    out_->on_rejected(id, request_kind::replace, *reason, ts);
    return;
  }
  order_status before = view(node).status;
  bool loses_priority = limit != node.price || stop != node.stop || open > node.open;
  if (!loses_priority) {
    // A pure decrease (or no change): adjust in place, keep the queue position.
    if (node.state == detail::node_state::resting) {
      detail::price_ladder& ladder = node.side == bourse::side::buy ? bids_ : asks_;
      if (detail::price_level* level = ladder.find(node.price))
        level->open -= node.open - open;
    }
    node.open = open;
    out_->on_replaced(view(node), ts);
    return;
  }
  remove_live(index);
  node.price = limit;
  node.stop = stop;
  node.open = open;
  order_view after = view(node);
  after.status = before;
  out_->on_replaced(after, ts);
  execute(index, ts);
  run_elected(ts);
}

void order_book::expire_day(timestamp ts) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> day_orders;
  for (const detail::price_ladder* ladder : {&bids_, &asks_})
    for (std::size_t rank = 0; rank < ladder->size(); ++rank)
      for (auto i = ladder->at_rank(rank).head; i != detail::nil; i = pool_[i].next)
        if (pool_[i].tif == time_in_force::day)
          day_orders.emplace_back(pool_[i].seq, i);
  for (const detail::stop_list* list : {&buy_stops_, &sell_stops_})
    for (const auto& entry : list->entries())
      if (pool_[entry.node].tif == time_in_force::day)
        day_orders.emplace_back(entry.seq, entry.node);
  std::sort(day_orders.begin(), day_orders.end());
  for (const auto& [seq, index] : day_orders) {
    remove_live(index);
    end_with(index, cancel_reason::expired, ts);
  }
}

void order_book::clear() noexcept {
  pool_.clear();
  ids_.clear();
  bids_.clear();
  asks_.clear();
  buy_stops_.clear();
  sell_stops_.clear();
  elected_.clear();
  scratch_.clear();
  last_ = 0;
  has_last_ = false;
  next_seq_ = 1;
  next_trade_ = 1;
}

} // namespace bourse::book
