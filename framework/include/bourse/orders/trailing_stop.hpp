#pragma once
// A trailing stop's arithmetic: the best price seen and a stop that follows it at a fixed distance
// (a price offset, basis points of the best price, or both) and never moves back. The order
// manager keeps one per trailing stop order and feeds it the reference prices it already tracks;
// plain C++, exact integers.

#include <cstdint>
#include <optional>

#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"

namespace bourse::orders {

/// A trailing stop of one order. A sell stop (protecting a long) follows the highest price seen
/// and triggers when the price falls to or below the stop; a buy stop (protecting a short) follows
/// the lowest price and triggers at or above it.
class trailing_stop {
public:
  /// Creates an untracked stop; start() it before use.
  trailing_stop() = default;

  /// Starts at `reference` (the market now): the stop is `initial_stop` when given, else the
  /// reference minus (sell) or plus (buy) the distance. Returns false (and stays unstarted) when
  /// the distance is not positive, the reference is not positive, or a sell stop would not be
  /// positive.
  [[nodiscard]] bool start(side order_side, price offset, std::uint32_t bps, price reference,
                           std::optional<price> initial_stop = std::nullopt) noexcept;

  /// Takes a price (a quote's mid, a trade): moves the best price and the stop, then returns true
  /// when the price reached the stop.
  [[nodiscard]] bool on_price(price px) noexcept;

  /// Takes a bar: first checks the bar's adverse extreme against the stop as it was (the path
  /// inside the bar is unknown: conservative), then moves with the favourable extreme and checks
  /// the close. Returns true when the stop was reached.
  [[nodiscard]] bool on_bar(price high, price low, price close) noexcept;

  /// Returns the stop price now.
  [[nodiscard]] price stop() const noexcept { return stop_; }
  /// Returns the best price seen (the highest for a sell stop, the lowest for a buy stop).
  [[nodiscard]] price best() const noexcept { return best_; }
  /// Returns the side of the order the stop sends.
  [[nodiscard]] side order_side() const noexcept { return side_; }
  /// Returns true after a successful start().
  [[nodiscard]] bool started() const noexcept { return started_; }

  /// Returns the distance of the stop from `best`: offset + best * bps / 10000 (the basis-point
  /// part exact to at most 9 decimals, rounded half away from zero beyond).
  [[nodiscard]] static price distance(price best, price offset, std::uint32_t bps) noexcept;

private:
  [[nodiscard]] bool reached(price px) const noexcept;
  void follow(price px) noexcept;

  side side_ = side::sell;
  price offset_;
  std::uint32_t bps_ = 0;
  price best_;
  price stop_;
  bool started_ = false;
};

} // namespace bourse::orders
