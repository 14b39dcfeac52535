#pragma once
// The matching engine: one instrument's limit order book with price-time priority.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "bourse/book/id_table.hpp"
#include "bourse/book/listener.hpp"
#include "bourse/book/order_pool.hpp"
#include "bourse/book/price_ladder.hpp"
#include "bourse/book/stop_list.hpp"
#include "bourse/book/types.hpp"
#include "bourse/core/instrument.hpp"

namespace bourse::book {

/// A price-time priority limit order book for one instrument. Every request is processed to
/// completion (matching, resting, triggered stops) before the call returns; outcomes go to the
/// listener in the order they happen. Time is an input: each request carries its timestamp.
/// Not thread-safe; the listener must not call back into the book. See docs/matching.md.
class order_book {
public:
  /// Creates an empty book for `instr` that reports to `out` (which must outlive the book).
  order_book(instrument instr, listener& out, book_config config = {});

  /// Enters a new order: validates it, then matches, rests, cancels or parks it as a stop.
  void submit(const new_order& order, timestamp ts);

  /// Cancels a live order (reason user).
  void cancel(order_id id, timestamp ts);

  /// Changes a live order's limit price, open quantity or (untriggered stops only) stop price.
  /// A price change or an open-quantity increase loses time priority; a pure decrease keeps it. A
  /// new limit price that crosses matches like a new incoming order.
  void replace(order_id id, const order_changes& changes, timestamp ts);

  /// Ends the session: cancels every live DAY order (resting or pending stop) with reason expired,
  /// in sequence order.
  void expire_day(timestamp ts);

  /// Forgets the finished order `id` (filled, cancelled or expired): the id becomes unknown, so
  /// the book's memory of ids stays bounded by its live orders. Returns false (and changes
  /// nothing) for a live or unknown id. The simulated venue, which refuses reused ids itself, calls
  /// it for the orders it forgets.
  bool forget(order_id id) noexcept;

  /// Forgets every order, id and the last trade price without reporting anything (keeps capacity).
  void clear() noexcept;

  /// Returns the highest bid price, if any.
  [[nodiscard]] std::optional<price> best_bid() const noexcept;
  /// Returns the lowest ask price, if any.
  [[nodiscard]] std::optional<price> best_ask() const noexcept;
  /// Returns the price of the last trade, if any.
  [[nodiscard]] std::optional<price> last_trade_price() const noexcept;

  /// Returns how many price levels one side has.
  [[nodiscard]] std::size_t level_count(bourse::side s) const noexcept;
  /// Returns the level `rank` steps from the best on one side (0 = best); nullopt past the end.
  [[nodiscard]] std::optional<level_view> level(bourse::side s, std::size_t rank) const noexcept;
  /// Returns the open quantity resting at exactly `px` on one side (zero when none).
  [[nodiscard]] quantity depth_at(bourse::side s, price px) const noexcept;

  /// Returns a live order's view (resting or pending stop); nullopt for unknown and finished ids.
  [[nodiscard]] std::optional<order_view> find(order_id id) const noexcept;
  /// Returns where an id stands.
  [[nodiscard]] order_status status(order_id id) const noexcept;

  /// Calls `visit(const order_view&)` for each resting order on one side: best price first, then
  /// time priority.
  template <class Visitor> void for_each_order(bourse::side s, Visitor&& visit) const {
    const detail::price_ladder& ladder = s == bourse::side::buy ? bids_ : asks_;
    for (std::size_t rank = 0; rank < ladder.size(); ++rank)
      for (auto i = ladder.at_rank(rank).head; i != detail::nil; i = pool_[i].next)
        visit(view(pool_[i]));
  }

  /// Calls `visit(const order_view&)` for each pending stop order, in sequence order.
  template <class Visitor> void for_each_stop(Visitor&& visit) const {
    for (auto i : stops_by_sequence())
      visit(view(pool_[i]));
  }

  /// Returns the instrument.
  [[nodiscard]] const instrument& instr() const noexcept { return instrument_; }
  /// Returns capacity counters.
  [[nodiscard]] book_stats stats() const noexcept;

private:
  // Validation (validate.cpp).
  [[nodiscard]] bool to_ticks(price px, std::int64_t& ticks) const noexcept;
  [[nodiscard]] bool to_raw(quantity qty, std::int64_t& raw) const noexcept;
  [[nodiscard]] std::optional<reject_reason> check_qty(quantity qty,
                                                       std::int64_t& raw) const noexcept;
  [[nodiscard]] std::optional<reject_reason> check_price(price px,
                                                         std::int64_t& ticks) const noexcept;
  [[nodiscard]] std::optional<reject_reason> check(const new_order& order, std::int64_t& limit,
                                                   std::int64_t& stop,
                                                   std::int64_t& qty) const noexcept;

  // Matching (matching.cpp).
  void execute(std::uint32_t index, timestamp ts);
  void match(std::uint32_t index, timestamp ts);
  [[nodiscard]] bool can_fill(const detail::order_node& taker) const noexcept;
  void rest(std::uint32_t index, timestamp ts);
  void park_stop(std::uint32_t index, timestamp ts);
  void elect(std::int64_t last);
  void run_elected(timestamp ts);
  void finish(std::uint32_t index) noexcept;
  void end_with(std::uint32_t index, cancel_reason reason, timestamp ts);
  void remove_live(std::uint32_t index) noexcept;

  // Views (queries.cpp).
  [[nodiscard]] price to_price(std::int64_t ticks) const noexcept;
  [[nodiscard]] quantity to_qty(std::int64_t raw) const noexcept;
  [[nodiscard]] order_view view(const detail::order_node& node) const noexcept;
  [[nodiscard]] std::vector<std::uint32_t> stops_by_sequence() const;

  instrument instrument_;
  listener* out_;
  std::int64_t tick_raw_;
  std::int64_t lot_raw_;
  int price_precision_;
  int size_precision_;
  detail::order_pool pool_;
  detail::id_table ids_;
  detail::price_ladder bids_;
  detail::price_ladder asks_;
  detail::stop_list buy_stops_;
  detail::stop_list sell_stops_;
  std::vector<detail::stop_entry> elected_; // stops triggered, waiting to execute (FIFO)
  std::vector<detail::stop_entry> scratch_; // triggered by one trade, before sorting
  std::int64_t last_ = 0;
  bool has_last_ = false;
  std::uint64_t next_seq_ = 1;
  trade_id next_trade_ = 1;
};

} // namespace bourse::book
