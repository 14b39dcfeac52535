#pragma once
// Value types of the matching engine: order requests, reasons, events and read-only views.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"

namespace bourse::book {

/// Why the book refused a request (new order, cancel or replace). The order is left as it was.
enum class reject_reason : std::uint8_t {
  duplicate_id,          ///< A new order reuses an id the book has already accepted.
  unknown_id,            ///< Cancel or replace of an id the book has never accepted.
  order_finished,        ///< Cancel or replace of an order that is already filled or cancelled.
  non_positive_quantity, ///< The quantity is zero or negative.
  off_lot,               ///< The quantity is not a whole number of lots.
  non_positive_price,    ///< A limit or stop price is zero or negative.
  off_tick,              ///< A limit or stop price is not on the tick grid.
  missing_price,         ///< A limit or stop-limit order without a limit price.
  unexpected_price,      ///< A market or stop order (or a replace of one) with a limit price.
  missing_stop_price,    ///< A stop or stop-limit order without a stop price.
  unexpected_stop_price, ///< A stop price on a limit or market order, or on a triggered order.
};

/// Why an accepted order left the book with an open quantity.
enum class cancel_reason : std::uint8_t {
  user,         ///< Cancelled on request.
  no_liquidity, ///< A market (or triggered stop) order's remainder: market orders never rest.
  ioc,          ///< An immediate-or-cancel limit order's remainder.
  fok,          ///< A fill-or-kill order that could not fill completely; it did not trade at all.
  expired,      ///< A DAY order at the end of the session (order_book::expire_day).
};

/// Which request a rejection answers.
enum class request_kind : std::uint8_t { submit, cancel, replace };

/// Where an order id stands in one book.
enum class order_status : std::uint8_t {
  unknown,      ///< Never accepted by this book.
  resting,      ///< Resting in the book with an open quantity.
  pending_stop, ///< A stop or stop-limit order waiting for its trigger.
  finished,     ///< Filled, cancelled or expired; the id stays taken.
};

/// Returns the snake_case name of a reject reason, e.g. "duplicate_id".
[[nodiscard]] std::string_view to_string(reject_reason value) noexcept;
/// Returns the snake_case name of a cancel reason, e.g. "no_liquidity".
[[nodiscard]] std::string_view to_string(cancel_reason value) noexcept;
/// Returns "submit", "cancel" or "replace".
[[nodiscard]] std::string_view to_string(request_kind value) noexcept;
/// Returns "unknown", "resting", "pending_stop" or "finished".
[[nodiscard]] std::string_view to_string(order_status value) noexcept;

/// A request to enter a new order.
struct new_order {
  /// The order's id, unique for the life of the book.
  order_id id = 0;
  /// Buy or sell.
  bourse::side side = bourse::side::buy;
  /// Limit, market, stop or stop-limit.
  order_type type = order_type::limit;
  /// How long the order may rest.
  time_in_force tif = time_in_force::gtc;
  /// The limit price: required for limit and stop-limit orders, absent for market and stop orders.
  std::optional<price> limit_price;
  /// The trigger price: required for stop and stop-limit orders, absent otherwise.
  std::optional<price> stop_price;
  /// The quantity (positive, a whole number of lots).
  quantity qty;
};

/// The new values of a replace; an absent field stays unchanged.
struct order_changes {
  /// The new limit price.
  std::optional<price> limit_price;
  /// The new open (remaining) quantity, not a new total: the filled part is not counted.
  std::optional<quantity> open_qty;
  /// The new stop price (only for a stop order that has not triggered yet).
  std::optional<price> stop_price;
};

/// One execution between an incoming (taker) and a resting (maker) order.
struct trade_event {
  /// The trade's id, counting from 1 in each book.
  trade_id id = 0;
  /// The incoming order.
  order_id taker = 0;
  /// The resting order.
  order_id maker = 0;
  /// The taker's side.
  bourse::side taker_side = bourse::side::buy;
  /// The trade price: always the maker's limit price.
  price px;
  /// The traded quantity.
  quantity qty;
  /// When it happened (the timestamp of the request that caused it).
  timestamp ts = 0;
};

/// A read-only snapshot of one live order.
struct order_view {
  /// The order's id.
  order_id id = 0;
  /// Buy or sell.
  bourse::side side = bourse::side::buy;
  /// The type it was entered with.
  order_type type = order_type::limit;
  /// Its time in force.
  time_in_force tif = time_in_force::gtc;
  /// Its limit price, if it has one.
  std::optional<price> limit_price;
  /// Its stop price, if it has one.
  std::optional<price> stop_price;
  /// The quantity still open.
  quantity open_qty;
  /// The quantity filled so far.
  quantity filled_qty;
  /// Resting or pending_stop.
  order_status status = order_status::resting;
  /// Its time priority: lower is earlier (assigned when it last entered a queue).
  std::uint64_t sequence = 0;
  /// When it last entered a queue.
  timestamp ts = 0;
};

/// A read-only snapshot of one price level.
struct level_view {
  /// The level's price.
  price px;
  /// The total open quantity resting at this price.
  quantity open_qty;
  /// How many orders rest at this price.
  std::size_t orders = 0;
};

/// Sizes the book reserves up front so that the hot path does not allocate. Past these sizes the
/// structures grow by doubling (amortised, never per order). The defaults take about 250 KB.
struct book_config {
  /// Live orders (resting plus pending stops) the node pool holds before it grows (72 B each).
  std::size_t order_capacity = 1024;
  /// Order ids (live and finished) the id table remembers before it grows (about 32 B each).
  std::size_t id_capacity = 4096;
  /// Price levels per side before a level vector grows (48 B each).
  std::size_t level_capacity = 256;
  /// Pending stop orders per side (and stops triggered at once) before a stop vector grows.
  std::size_t stop_capacity = 64;
};

/// Capacity counters, e.g. to show that a run did not allocate.
struct book_stats {
  /// Nodes in the pool.
  std::size_t pool_capacity = 0;
  /// Nodes in use (live orders).
  std::size_t pool_in_use = 0;
  /// How many times the pool grew.
  std::size_t pool_grows = 0;
  /// Slots in the id table.
  std::size_t id_slots = 0;
  /// Ids remembered (live and finished).
  std::size_t ids = 0;
  /// How many times the id table grew.
  std::size_t id_grows = 0;
  /// Reserved price levels on the bid side.
  std::size_t bid_level_capacity = 0;
  /// Reserved price levels on the ask side.
  std::size_t ask_level_capacity = 0;
};

} // namespace bourse::book
