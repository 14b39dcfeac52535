#pragma once
// A tradable instrument: symbol, tick size, lot size, currency and the precisions they imply.

#include <optional>
#include <string>
#include <string_view>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/fixed_point.hpp"

namespace bourse {

/// A tradable instrument. Prices of this instrument carry price_precision() decimals and are
/// multiples of tick_size; quantities carry size_precision() decimals and are multiples of lot_size.
struct instrument {
  /// The symbol, e.g. "AAPL" or "BTC-USD".
  symbol_id symbol;
  /// The smallest price increment (positive).
  price tick_size = price::from_raw(1, 2);
  /// The smallest quantity increment (positive).
  quantity lot_size = quantity::from_units(1);
  /// The settlement currency, e.g. "USD".
  std::string currency = "USD";

  /// Returns the number of price decimals (the tick size's precision).
  [[nodiscard]] int price_precision() const noexcept { return tick_size.precision(); }
  /// Returns the number of quantity decimals (the lot size's precision).
  [[nodiscard]] int size_precision() const noexcept { return lot_size.precision(); }

  /// Returns the price at this instrument's precision when it lies on the tick grid, else nullopt.
  [[nodiscard]] std::optional<price> on_tick(price p) const noexcept;
  /// Returns the quantity at this instrument's precision when it is a whole number of lots, else nullopt.
  [[nodiscard]] std::optional<quantity> on_lot(quantity q) const noexcept;
  /// Returns the nearest price on the tick grid (half away from zero).
  [[nodiscard]] price round_to_tick(double value) const noexcept;

  /// Returns an instrument from text, e.g. make("AAPL", "0.01", "1"); nullopt when a size does not
  /// parse or is not positive.
  [[nodiscard]] static std::optional<instrument> make(std::string symbol, std::string_view tick,
                                                      std::string_view lot = "1",
                                                      std::string currency = "USD");
};

} // namespace bourse
