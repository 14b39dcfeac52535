#pragma once
// A position in one instrument with average-cost accounting: net quantity, exact cost basis,
// realised and unrealised PnL, and fees kept apart. docs/orders.md has the method and an example.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "bourse/core/enums.hpp"
#include "bourse/core/interned_string.hpp"
#include "bourse/core/fixed_point.hpp"

namespace bourse::orders {

/// Why a fill was refused by a position or portfolio.
enum class position_error_reason : std::uint8_t {
  non_positive_quantity, ///< The fill quantity is zero or negative.
  non_positive_price,    ///< The fill price is zero or negative.
  overflow,              ///< A result does not fit the fixed-point range.
};

/// Returns the reason's name, e.g. "non_positive_quantity".
[[nodiscard]] std::string_view to_string(position_error_reason reason) noexcept;

/// A refused fill: the reason and a message naming the symbol and the numbers.
struct position_error {
  /// Why.
  position_error_reason reason = position_error_reason::non_positive_quantity;
  /// E.g. "position AAPL: fill quantity 0 is not positive".
  std::string message;
};

/// Returns why a fill of `qty` at `px` in `symbol` cannot be booked (non-positive quantity or
/// price), or nullopt.
[[nodiscard]] std::optional<position_error> check_fill(std::string_view symbol, quantity qty,
                                                       price px);

/// One owner's position in one instrument, average-cost method:
/// - `net` is signed (long positive, short negative); `cost_basis` is the signed exact sum of
///   price * quantity of the open quantity (long positive, short negative).
/// - A fill on the position's side (or when flat) adds quantity and price * quantity to both.
/// - A fill against it closes min(fill, |net|): the closed part carries cost
///   cost_basis * closed / |net|, rounded half away from zero at the cost basis's precision (the
///   whole cost basis when the position closes, so a round trip realises exactly proceeds - cost);
///   realised += sign(net) * closed * price - that cost. A remainder flips the position and opens
///   at the fill price.
/// - Fees accumulate in `fees` (positive paid, negative rebate) and never enter realised.
/// - unrealised(mark) = net * mark - cost_basis; net PnL = realised + unrealised - fees.
class position {
public:
  /// Returns a flat position without a symbol.
  position() = default;

  /// Returns a flat position in `symbol`.
  explicit position(symbol_id symbol) : symbol_(symbol) {}

  /// Books a fill of `qty` (positive) at `px` (positive) on `side`, paying `fee`; returns the
  /// problem and leaves the position unchanged on refusal. The fill price becomes the last price.
  [[nodiscard]] std::optional<position_error> apply_fill(side fill_side, quantity qty, price px,
                                                         money fee = money{});

  /// Sets the last price (the mark unrealised() uses by default).
  void mark(price px) noexcept { last_price_ = px; }

  /// Returns the symbol.
  [[nodiscard]] symbol_id symbol() const noexcept { return symbol_; }
  /// Returns the signed net quantity.
  [[nodiscard]] quantity net() const noexcept { return net_; }
  /// Returns the signed exact cost of the open quantity.
  [[nodiscard]] money cost_basis() const noexcept { return cost_basis_; }
  /// Returns the realised PnL, fees excluded.
  [[nodiscard]] money realised() const noexcept { return realised_; }
  /// Returns the fees paid (negative: rebates received).
  [[nodiscard]] money fees() const noexcept { return fees_; }
  /// Returns the last mark or fill price, whichever came last; nullopt before either.
  [[nodiscard]] std::optional<price> last_price() const noexcept { return last_price_; }
  /// Returns the number of fills booked.
  [[nodiscard]] std::int64_t fill_count() const noexcept { return fill_count_; }
  /// Returns true when the net quantity is zero.
  [[nodiscard]] bool is_flat() const noexcept { return net_.is_zero(); }

  /// Returns |cost_basis| / |net| for display: exact when it has at most 9 decimals, otherwise
  /// rounded half away from zero at 9 decimals, trailing zeros trimmed; nullopt when flat.
  [[nodiscard]] std::optional<price> average_price() const noexcept;

  /// Returns net * mark - cost_basis (zero when flat); nullopt on overflow.
  [[nodiscard]] std::optional<money> unrealised(price mark) const noexcept;

  /// Returns unrealised() at the last price (zero when flat or never priced).
  [[nodiscard]] std::optional<money> unrealised() const noexcept;

  /// Returns realised + unrealised(mark) - fees; nullopt on overflow.
  [[nodiscard]] std::optional<money> net_pnl(price mark) const noexcept;

private:
  symbol_id symbol_;
  quantity net_;
  money cost_basis_;
  money realised_;
  money fees_;
  std::optional<price> last_price_;
  std::int64_t fill_count_ = 0;
};

} // namespace bourse::orders
