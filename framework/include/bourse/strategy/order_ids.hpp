#pragma once
// Order ids chosen by strategies: the strategy id in the top 24 bits, a per-strategy sequence number
// in the low 40 bits, so every strategy knows the id of each order it sends and ids never collide.

#include <cstdint>

#include "bourse/core/ids.hpp"

namespace bourse {

/// The number of low bits of an order id that hold the strategy's sequence number.
inline constexpr int order_sequence_bits = 40;

/// Returns the id of `strategy`'s order number `sequence` (the sequence is cut to 40 bits).
[[nodiscard]] constexpr order_id compose_order_id(strategy_id strategy,
                                                  std::uint64_t sequence) noexcept {
  return (static_cast<order_id>(strategy) << order_sequence_bits) |
         (sequence & ((order_id{1} << order_sequence_bits) - 1));
}

/// Returns the strategy that an id made by compose_order_id belongs to.
[[nodiscard]] constexpr strategy_id order_strategy(order_id id) noexcept {
  return static_cast<strategy_id>(id >> order_sequence_bits);
}

/// Returns the sequence number of an id made by compose_order_id.
[[nodiscard]] constexpr std::uint64_t order_sequence(order_id id) noexcept {
  return id & ((order_id{1} << order_sequence_bits) - 1);
}

} // namespace bourse
