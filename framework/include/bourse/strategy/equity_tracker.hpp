#pragma once
// Equity kept up to date as marks and fills arrive: per owner, cash + the sum of its positions'
// market values, revalued only for the positions whose symbol got a new mark. Plain C++.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/interned_string.hpp"
#include "bourse/orders/portfolio.hpp"
#include "bourse/orders/position.hpp"

namespace bourse {

/// Marks by symbol plus, per owner (a strategy), the sum of its positions' market values, kept
/// incrementally: mark() revalues only the positions held in that symbol (no allocation once the
/// symbol is known), update() the one position a fill changed, and equity() costs O(1).
///
/// equity(owner, cash) is bit-identical (value and precision) to
/// `orders::portfolio::totals(marks())->equity` of the owner's portfolio: a position is valued at
/// the symbol's mark, or at its last price when the symbol was never marked, exactly as totals()
/// does; the sums are exact (128-bit at 9 decimals) and the result takes totals()' precision.
/// When an amount that totals() adds might overflow (or a position's value does), equity()
/// returns nullopt and the caller recomputes with totals() (which then reports the overflow).
class equity_tracker {
public:
  /// Adds an owner with no positions and returns its slot (0, 1, 2, ...).
  [[nodiscard]] std::uint32_t add_owner();

  /// Sets the mark of `symbol` and revalues every position held in it.
  void mark(symbol_id symbol, price px);

  /// Returns the mark of `symbol`, or nullptr when it was never marked.
  [[nodiscard]] const price* mark_of(symbol_id symbol) const;

  /// Records `pos` (the owner's position in pos.symbol() after a fill) and revalues it.
  void update(std::uint32_t owner, const orders::position& pos);

  /// Returns the owner's equity, `cash` + the market value of its positions, or nullopt when an
  /// amount might overflow (then recompute with orders::portfolio::totals(marks())).
  [[nodiscard]] std::optional<money> equity(std::uint32_t owner, money cash) const;

  /// Returns every mark by symbol (for a full recomputation).
  [[nodiscard]] orders::mark_map marks() const;

private:
  using int128 = bourse::detail::int128;
  using precision_counts = std::array<std::uint32_t, max_precision + 1>;

  // What one position adds to its owner's sums.
  struct contribution {
    int128 market_value = 0;       // net * mark, raw at 9 decimals
    int128 magnitude = 0;          // bound of |every amount totals() adds for it|, at 9 decimals
    std::uint8_t value_precision = 0;  // precision of its market value
    std::uint8_t amount_precision = 0; // the largest precision of those amounts
    bool unpriced = false;             // its market value overflows
  };

  // One owner's position in one symbol: a copy of the position after its latest fill.
  struct holding {
    std::uint32_t owner = 0;
    orders::position position;
    contribution counted;
  };

  // One owner's sums over its holdings.
  struct owner_sums {
    int128 market_value = 0;
    int128 magnitude = 0;
    precision_counts value_precisions{};
    precision_counts amount_precisions{};
    std::uint32_t unpriced = 0;
  };

  struct symbol_entry {
    std::optional<price> mark;
    std::vector<std::uint32_t> holdings; // indices into holdings_
  };

  static contribution value(const orders::position& pos, std::optional<price> mark);
  void revalue(holding& h, std::optional<price> mark);

  std::unordered_map<symbol_id, symbol_entry> symbols_;
  std::vector<holding> holdings_;
  std::vector<owner_sums> owners_;
};

} // namespace bourse
