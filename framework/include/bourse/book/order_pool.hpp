#pragma once
// The pool of order nodes: pre-sized storage with a free list, addressed by 32-bit index.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bourse/core/enums.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"

namespace bourse::book::detail {

/// The index that means "no node".
inline constexpr std::uint32_t nil = 0xFFFFFFFFu;

/// Where a live node currently is.
enum class node_state : std::uint8_t {
  active,       ///< Being processed as an incoming order (not in any queue).
  resting,      ///< In a price level's FIFO.
  pending_stop, ///< In a stop list, waiting for its trigger.
};

/// One live order. Prices are in ticks, quantities in raw units at the instrument's size precision.
struct order_node {
  /// The order's id.
  order_id id = 0;
  /// The limit price in ticks (unused for market and stop orders).
  std::int64_t price = 0;
  /// The stop price in ticks (stop and stop-limit orders).
  std::int64_t stop = 0;
  /// The open quantity (raw).
  std::int64_t open = 0;
  /// The filled quantity (raw).
  std::int64_t filled = 0;
  /// Time priority: assigned when the node enters a queue.
  std::uint64_t seq = 0;
  /// When it entered its queue.
  timestamp ts = 0;
  /// The previous node in its level FIFO (or nil).
  std::uint32_t prev = nil;
  /// The next node in its level FIFO, or the next free node (or nil).
  std::uint32_t next = nil;
  /// Buy or sell.
  bourse::side side = bourse::side::buy;
  /// The type it was entered with.
  order_type type = order_type::limit;
  /// Its time in force.
  time_in_force tif = time_in_force::gtc;
  /// Where it is.
  node_state state = node_state::active;
  /// True once a stop or stop-limit order has triggered.
  bool triggered = false;
};

/// Pre-sized storage of order nodes with a LIFO free list. Indices stay valid when the pool grows;
/// references do not, so callers re-fetch nodes after allocate().
class order_pool {
public:
  /// Reserves `capacity` nodes (at least one).
  explicit order_pool(std::size_t capacity);

  /// Returns a free node's index, growing the pool (doubling) only when it is exhausted.
  [[nodiscard]] std::uint32_t allocate() {
    if (free_ == nil)
      grow();
    std::uint32_t index = free_;
    free_ = nodes_[index].next;
    ++in_use_;
    return index;
  }

  /// Returns a node to the free list.
  void release(std::uint32_t index) noexcept {
    nodes_[index].next = free_;
    free_ = index;
    --in_use_;
  }

  /// Returns the node at `index`.
  [[nodiscard]] order_node& operator[](std::uint32_t index) noexcept { return nodes_[index]; }
  /// Returns the node at `index`.
  [[nodiscard]] const order_node& operator[](std::uint32_t index) const noexcept {
    return nodes_[index];
  }

  /// Frees every node (keeps the capacity).
  void clear() noexcept;

  /// Returns how many nodes the pool holds.
  [[nodiscard]] std::size_t capacity() const noexcept { return nodes_.size(); }
  /// Returns how many nodes are in use.
  [[nodiscard]] std::size_t in_use() const noexcept { return in_use_; }
  /// Returns how many times the pool grew.
  [[nodiscard]] std::size_t grows() const noexcept { return grows_; }

private:
  void grow();
  void link_free(std::size_t from) noexcept;

  std::vector<order_node> nodes_;
  std::uint32_t free_ = nil;
  std::size_t in_use_ = 0;
  std::size_t grows_ = 0;
};

} // namespace bourse::book::detail
