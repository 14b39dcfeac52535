// Read-only queries: best prices, depth, order lookup and capacity counters.
#include "bourse/book/order_book.hpp"

#include <algorithm>
#include <limits>

namespace bourse::book {

price order_book::to_price(std::int64_t ticks) const noexcept {
  return price::from_raw(ticks * tick_raw_, price_precision_);
}

quantity order_book::to_qty(std::int64_t raw) const noexcept {
  return quantity::from_raw(raw, size_precision_);
}

order_view order_book::view(const detail::order_node& node) const noexcept {
  order_view v;
  v.id = node.id;
  v.side = node.side;
  v.type = node.type;
  v.tif = node.tif;
  if (node.type == order_type::limit || node.type == order_type::stop_limit)
    v.limit_price = to_price(node.price);
  if (node.type == order_type::stop || node.type == order_type::stop_limit)
    v.stop_price = to_price(node.stop);
  v.open_qty = to_qty(node.open);
  v.filled_qty = to_qty(node.filled);
  v.status = node.state == detail::node_state::pending_stop ? order_status::pending_stop
                                                            : order_status::resting;
  v.sequence = node.seq;
  v.ts = node.ts;
  return v;
}

std::optional<price> order_book::best_bid() const noexcept {
  if (bids_.empty())
    return std::nullopt;
  return to_price(bids_.at_rank(0).price);
}

std::optional<price> order_book::best_ask() const noexcept {
  if (asks_.empty())
    return std::nullopt;
  return to_price(asks_.at_rank(0).price);
}

std::optional<price> order_book::last_trade_price() const noexcept {
  if (!has_last_)
    return std::nullopt;
  return to_price(last_);
}

std::size_t order_book::level_count(bourse::side s) const noexcept {
  return (s == bourse::side::buy ? bids_ : asks_).size();
}

namespace {

// Level totals are 128-bit; a view shows at most the largest int64.
std::int64_t clamp_open(bourse::detail::int128 open) noexcept {
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  return open > max ? max : static_cast<std::int64_t>(open);
}

} // namespace

std::optional<level_view> order_book::level(bourse::side s, std::size_t rank) const noexcept {
  const detail::price_ladder& ladder = s == bourse::side::buy ? bids_ : asks_;
  if (rank >= ladder.size())
    return std::nullopt;
  const detail::price_level& l = ladder.at_rank(rank);
  return level_view{to_price(l.price), to_qty(clamp_open(l.open)), l.count};
}

quantity order_book::depth_at(bourse::side s, price px) const noexcept {
  std::int64_t ticks = 0;
  if (!to_ticks(px, ticks))
    return to_qty(0);
  const detail::price_level* l = (s == bourse::side::buy ? bids_ : asks_).find(ticks);
  return to_qty(l == nullptr ? 0 : clamp_open(l->open));
}

std::optional<order_view> order_book::find(order_id id) const noexcept {
  const std::uint32_t* slot = ids_.find(id);
  if (slot == nullptr || *slot == detail::id_table::finished)
    return std::nullopt;
  return view(pool_[*slot]);
}

order_status order_book::status(order_id id) const noexcept {
  const std::uint32_t* slot = ids_.find(id);
  if (slot == nullptr)
    return order_status::unknown;
  if (*slot == detail::id_table::finished)
    return order_status::finished;
  return pool_[*slot].state == detail::node_state::pending_stop ? order_status::pending_stop
                                                                : order_status::resting;
}

std::vector<std::uint32_t> order_book::stops_by_sequence() const {
  std::vector<detail::stop_entry> all(buy_stops_.entries());
  all.insert(all.end(), sell_stops_.entries().begin(), sell_stops_.entries().end());
  std::sort(all.begin(), all.end(),
            [](const detail::stop_entry& a, const detail::stop_entry& b) { return a.seq < b.seq; });
  std::vector<std::uint32_t> nodes;
  nodes.reserve(all.size());
  for (const auto& e : all)
    nodes.push_back(e.node);
  return nodes;
}

book_stats order_book::stats() const noexcept {
  book_stats s;
  s.pool_capacity = pool_.capacity();
  s.pool_in_use = pool_.in_use();
  s.pool_grows = pool_.grows();
  s.id_slots = ids_.slots();
  s.ids = ids_.size();
  s.id_grows = ids_.grows();
  s.bid_level_capacity = bids_.capacity();
  s.ask_level_capacity = asks_.capacity();
  return s;
}

} // namespace bourse::book
