#pragma once
// Seeded, pre-generated order flows for the book benchmarks, so that the timed loops only run the
// engine. Prices are in cents around a mid of 100.00 (tick 0.01), quantities in whole lots.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <bourse/book/order_book.hpp>

namespace bourse_bench {

/// One request of a flow, kept small (the order is built when it is sent).
struct command {
  /// What to do.
  enum class kind : std::uint8_t { add, cancel, replace_qty, replace_price };
  /// The request.
  kind what = kind::add;
  /// Buy or sell (add).
  bourse::side side = bourse::side::buy;
  /// The order id (all kinds).
  bourse::order_id id = 0;
  /// Limit price in cents (add, replace_price).
  std::int64_t cents = 0;
  /// Quantity in lots (add, replace_qty).
  std::int64_t qty = 0;
};

/// Returns a limit order for an add command.
[[nodiscard]] bourse::book::new_order to_order(const command& c) noexcept;

/// Sends one command to a book.
void send(bourse::book::order_book& book, const command& c, bourse::timestamp ts);

/// Returns the instrument of every benchmark (tick 0.01, lot 1).
[[nodiscard]] bourse::instrument bench_instrument();

/// Returns a config with room for `orders` live orders and ids (no growth while timing).
[[nodiscard]] bourse::book::book_config bench_config(std::size_t orders);

/// Returns `count` non-crossing limit adds alternating buy/sell, each at a uniformly random level
/// among `levels` per side (bids 99.99 downwards, asks 100.01 upwards), quantity 1-100.
[[nodiscard]] std::vector<command> resting_adds(std::size_t count, std::size_t levels,
                                                std::uint64_t seed, bourse::order_id first_id = 1);

/// Returns `pairs` add+cancel pairs on top of a background of `background` resting orders (ids 1 to
/// background, over 100 levels per side): each pair adds a new resting order, then cancels a
/// uniformly random live order.
[[nodiscard]] std::vector<command> add_cancel_pairs(std::size_t pairs, std::size_t background,
                                                    std::uint64_t seed);

/// Returns `count` marketable buy limits at 101.00 of 10-50 lots, for a book whose asks hold
/// 100 levels (100.01-101.00) of `per_level` orders of 10 lots.
[[nodiscard]] std::vector<command> aggressive_buys(std::size_t count, std::uint64_t seed,
                                                   bourse::order_id first_id);

/// Returns a mixed flow of `count` requests after a seeded start-up book (the first commands):
/// about 55 % passive adds skewed towards the top of the book, 30 % cancels of live orders, 10 %
/// marketable limit orders that take one to a few levels, and 5 % replaces (half quantity
/// decreases, half price moves). Live orders are tracked by running the flow through a shadow book.
[[nodiscard]] std::vector<command> mixed_flow(std::size_t count, std::uint64_t seed);

} // namespace bourse_bench
