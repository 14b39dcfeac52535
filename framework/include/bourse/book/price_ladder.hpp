#pragma once
// One side of the book: price levels sorted worst to best, each with an intrusive FIFO of nodes.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "bourse/book/order_pool.hpp"
#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"

namespace bourse::book::detail {

/// One price level: the total open quantity and a FIFO (time priority) of the nodes resting there.
struct price_level {
  /// The price in ticks.
  std::int64_t price = 0;
  /// The total open quantity (raw), wide so that no number of orders can overflow it.
  bourse::detail::int128 open = 0;
  /// The first (oldest) node.
  std::uint32_t head = nil;
  /// The last (newest) node.
  std::uint32_t tail = nil;
  /// How many nodes rest here.
  std::uint32_t count = 0;
};

/// Appends node `index` to the back of `level`'s FIFO and adds its open quantity.
inline void push_back(price_level& level, order_pool& pool, std::uint32_t index) noexcept {
  order_node& node = pool[index];
  node.prev = level.tail;
  node.next = nil;
  if (level.tail == nil)
    level.head = index;
  else
    pool[level.tail].next = index;
  level.tail = index;
  level.open += node.open;
  ++level.count;
}

/// Removes node `index` from `level`'s FIFO and subtracts its open quantity.
inline void unlink(price_level& level, order_pool& pool, std::uint32_t index) noexcept {
  order_node& node = pool[index];
  if (node.prev == nil)
    level.head = node.next;
  else
    pool[node.prev].next = node.next;
  if (node.next == nil)
    level.tail = node.prev;
  else
    pool[node.next].prev = node.prev;
  level.open -= node.open;
  --level.count;
}

/// The levels of one side in a vector sorted from worst to best price, so that the best level is
/// the last element: taking or emptying the best level touches only the end of the vector.
class price_ladder {
public:
  /// Creates an empty side and reserves `capacity` levels.
  price_ladder(bourse::side side, std::size_t capacity);

  /// Returns true when no order rests on this side.
  [[nodiscard]] bool empty() const noexcept { return levels_.empty(); }
  /// Returns how many levels there are.
  [[nodiscard]] std::size_t size() const noexcept { return levels_.size(); }
  /// Returns the reserved number of levels.
  [[nodiscard]] std::size_t capacity() const noexcept { return levels_.capacity(); }

  /// Returns the best level (the side must not be empty).
  [[nodiscard]] price_level& best() noexcept { return levels_.back(); }
  /// Returns the level `rank` steps from the best (0 = best).
  [[nodiscard]] const price_level& at_rank(std::size_t rank) const noexcept {
    return levels_[levels_.size() - 1 - rank];
  }
  /// Removes the best level.
  void pop_best() noexcept { levels_.pop_back(); }

  /// Returns the level at `price`, or nullptr when there is none.
  [[nodiscard]] price_level* find(std::int64_t price) noexcept {
    auto it = position(price);
    return it != levels_.end() && it->price == price ? &*it : nullptr;
  }
  /// Returns the level at `price`, or nullptr when there is none.
  [[nodiscard]] const price_level* find(std::int64_t price) const noexcept {
    return const_cast<price_ladder*>(this)->find(price);
  }

  /// Returns the level at `price`, creating an empty one in place when there is none.
  [[nodiscard]] price_level& find_or_insert(std::int64_t price) {
    auto it = position(price);
    if (it != levels_.end() && it->price == price)
      return *it;
    price_level level;
    level.price = price;
    return *levels_.insert(it, level);
  }

  /// Removes the level at `price` (which must exist and be empty).
  void erase(std::int64_t price) noexcept {
    auto it = position(price);
    if (it != levels_.end() && it->price == price)
      levels_.erase(it);
  }

  /// Removes every level (keeps the capacity).
  void clear() noexcept { levels_.clear(); }

private:
  // The first level that is not worse than `price` (worse = lower for bids, higher for asks).
  [[nodiscard]] std::vector<price_level>::iterator position(std::int64_t price) noexcept {
    if (bids_)
      return std::lower_bound(levels_.begin(), levels_.end(), price,
                              [](const price_level& l, std::int64_t p) { return l.price < p; });
    return std::lower_bound(levels_.begin(), levels_.end(), price,
                            [](const price_level& l, std::int64_t p) { return l.price > p; });
  }

  std::vector<price_level> levels_;
  bool bids_;
};

} // namespace bourse::book::detail
