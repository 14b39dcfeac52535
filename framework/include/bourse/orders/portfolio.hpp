#pragma once
// One owner's positions over all symbols, its cash, and totals of PnL, fees and equity.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/orders/position.hpp"

namespace bourse::orders {

/// Marks by symbol: the prices totals() values positions at.
using mark_map = std::map<std::string, price, std::less<>>;

/// A portfolio's totals at a set of marks. All amounts in the one currency of the portfolio.
struct portfolio_totals {
  /// Sum of realised PnL (fees excluded).
  money realised;
  /// Sum of unrealised PnL at the marks.
  money unrealised;
  /// Sum of fees.
  money fees;
  /// realised + unrealised - fees.
  money net_pnl;
  /// Sum of net * mark (long positive, short negative).
  money market_value;
  /// Cash: the initial cash minus what buys cost, plus what sells brought, minus fees.
  money cash;
  /// cash + market_value; equals initial cash + net_pnl.
  money equity;
};

/// One owner's (a strategy's or an account's) positions by symbol (std::map: totals and listings in
/// symbol order) and its cash. One currency is assumed for everything in it.
class portfolio {
public:
  /// Returns an empty portfolio with zero cash.
  portfolio() = default;

  /// Returns an empty portfolio holding `initial_cash`.
  explicit portfolio(money initial_cash) noexcept
      : initial_cash_(initial_cash), cash_(initial_cash) {}

  /// Books a fill in `symbol` (opening the position on first use) and moves cash by the fill's
  /// value and fee; returns the problem and changes nothing on refusal.
  [[nodiscard]] std::optional<position_error>
  apply_fill(std::string_view symbol, side fill_side, quantity qty, price px, money fee = money{});

  /// Sets the last price of the position in `symbol`; returns false (and stores nothing) when the
  /// portfolio has no position in it.
  bool mark(std::string_view symbol, price px);

  /// Returns the position in `symbol`, or nullptr.
  [[nodiscard]] const position* find(std::string_view symbol) const;

  /// Returns every position by symbol (including flat ones that traded).
  [[nodiscard]] const std::map<std::string, position, std::less<>>& positions() const noexcept {
    return positions_;
  }

  /// Returns the cash the portfolio started with.
  [[nodiscard]] money initial_cash() const noexcept { return initial_cash_; }
  /// Returns the cash now.
  [[nodiscard]] money cash() const noexcept { return cash_; }

  /// Returns the totals with each position marked at its last price; nullopt on overflow.
  [[nodiscard]] std::optional<portfolio_totals> totals() const;

  /// Returns the totals with positions marked at `marks` (a position whose symbol is missing there
  /// uses its last price); nullopt on overflow.
  [[nodiscard]] std::optional<portfolio_totals> totals(const mark_map& marks) const;

private:
  money initial_cash_;
  money cash_;
  std::map<std::string, position, std::less<>> positions_;
};

} // namespace bourse::orders
