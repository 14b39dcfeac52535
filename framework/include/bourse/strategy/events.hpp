#pragma once
// What a strategy receives besides raw market data: indicator updates, order updates, fills and
// cross-venue best quotes, as plain structs the strategy actor decodes protocol messages into.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/aggregator.hpp"

namespace bourse {

/// A stream of one symbol's market data a strategy can subscribe to.
enum class market_stream : std::uint8_t {
  quotes, ///< Best bid and ask (on_quote).
  trades, ///< Trade prints (on_trade).
  bars    ///< OHLCV bars (on_bar).
};

/// Returns "quotes", "trades" or "bars".
[[nodiscard]] std::string_view to_string(market_stream stream) noexcept;

/// The most outputs one indicator has (macd and bbands have three).
inline constexpr std::size_t max_indicator_outputs = 3;

/// New values of one indicator of one symbol (sent once the indicator is ready). The outputs are
/// stored inline, so an update is built, copied and sent without a heap allocation; the indicator
/// actor sends this struct as it is (bourse/protocol/indicators.hpp).
struct indicator_update {
  /// Data time of the input that produced the values (ns).
  timestamp ts = 0;
  /// When the system created the update (ns).
  timestamp ts_init = 0;
  /// The symbol the indicator follows.
  symbol_id symbol;
  /// The indicator's spec as requested, e.g. "sma:10" or "macd:12:26:9".
  interned_string spec;
  /// How many outputs are set (names[0..count) and values[0..count)).
  std::uint8_t count = 0;
  /// The output names, e.g. {"sma:10"} or {"macd:12:26:9.macd", "macd:12:26:9.signal", ...}.
  std::array<interned_string, max_indicator_outputs> names{};
  /// The values, one per name.
  std::array<double, max_indicator_outputs> values{};
  /// Paper mode: the ts_arrival of the market data that produced it (monotonic ns); 0 in a
  /// backtest.
  timestamp ts_arrival = 0;

  /// Appends an output; returns false (and changes nothing) when all max_indicator_outputs are
  /// taken.
  bool add(interned_string name, double value) noexcept;
  /// Returns the number of outputs.
  [[nodiscard]] std::size_t size() const noexcept { return count; }
  /// Returns the value of output `name`, or nullopt when there is no such output.
  [[nodiscard]] std::optional<double> value(std::string_view name) const;
  /// Returns the first output's value (the only one of single-output indicators), or nullopt when
  /// the update carries no values.
  [[nodiscard]] std::optional<double> value() const;
  /// Returns the output names as strings (for printing and tests).
  [[nodiscard]] std::vector<std::string> output_names() const;
  /// Returns the values as a vector (for printing and tests).
  [[nodiscard]] std::vector<double> output_values() const;
};

/// Which command a rejection answers.
enum class order_request_kind : std::uint8_t { submit, cancel, replace };

/// Returns "submit", "cancel" or "replace".
[[nodiscard]] std::string_view to_string(order_request_kind kind) noexcept;

/// What happened to an order (fills come separately, as fill_event).
enum class order_update_kind : std::uint8_t {
  accepted,  ///< The venue accepted the order; it is working.
  rejected,  ///< A submit, cancel or replace was refused (see `command`, `reason`, `detail`).
  cancelled, ///< The order left the market with `remaining` open (see `reason`).
  replaced,  ///< A replace took effect: `new_price`, `new_qty` (open quantity) now apply.
  expired,   ///< A DAY order expired with `remaining` open.
  triggered  ///< A stop or stop-limit order's stop price was reached.
};

/// Returns "accepted", "rejected", "cancelled", "replaced", "expired" or "triggered".
[[nodiscard]] std::string_view to_string(order_update_kind kind) noexcept;

/// A change in the life of one of the strategy's orders.
struct order_update {
  /// What happened.
  order_update_kind kind = order_update_kind::accepted;
  /// Data time at which it happened (ns).
  timestamp ts = 0;
  /// The order.
  order_id id = 0;
  /// Its instrument.
  symbol_id symbol;
  /// rejected: the refused command.
  order_request_kind command = order_request_kind::submit;
  /// rejected: the reject reason's name (e.g. "max_position"); cancelled: the cancel reason's
  /// name ("user", "no_liquidity", "ioc", "fok", "shutdown", "oco", "parent", "reduce_only");
  /// empty otherwise.
  std::string reason;
  /// rejected: the numbers, in words.
  std::string detail;
  /// cancelled and expired: the open quantity the order had.
  quantity remaining;
  /// replaced: the limit price now.
  price new_price;
  /// replaced: the open quantity now.
  quantity new_qty;
};

/// One execution of one of the strategy's orders.
struct fill_event {
  /// Data time of the execution (ns).
  timestamp ts = 0;
  /// The order.
  order_id id = 0;
  /// Its instrument.
  symbol_id symbol;
  /// The order's side.
  side fill_side = side::buy;
  /// Execution price.
  price fill_price;
  /// Executed quantity.
  quantity fill_qty;
  /// The order's open quantity after this fill (zero: the order is complete).
  quantity leaves_qty;
  /// Fee charged (negative for a rebate).
  money fee;
  /// True when the order added liquidity (maker), false when it took it (taker).
  bool maker = false;
  /// The venue's trade id.
  trade_id trade = 0;
};

/// The best price on one side of one instrument, and the venue that has it.
struct venue_quote {
  /// The venue.
  venue_id venue;
  /// The symbol to trade the instrument under at that venue.
  symbol_id symbol;
  /// The price (zero when no venue quotes this side).
  price px;
  /// The size at that price (zero when the data has no sizes).
  quantity size;
};

/// The best bid and best ask of one instrument across venues (the aggregator's aggregated_quote).
struct cross_venue_quote {
  /// Data time (ns).
  timestamp ts = 0;
  /// The instrument as the aggregator names it.
  symbol_id instrument;
  /// The highest bid of any venue.
  venue_quote best_bid;
  /// The lowest ask of any venue.
  venue_quote best_ask;
};

/// Returns the strategy's view of an aggregated best quote (what the strategy actor builds from the
/// aggregator's message; the bare loops and tests build it from the aggregator core's view).
[[nodiscard]] cross_venue_quote to_cross_venue_quote(const aggregated_view& view);

} // namespace bourse
