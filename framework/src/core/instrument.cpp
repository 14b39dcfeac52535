// Tick and lot grid checks for instruments.
#include "bourse/core/instrument.hpp"

#include <cmath>

namespace bourse {

std::optional<price> instrument::on_tick(price p) const noexcept {
  auto at = p.rescaled(price_precision());
  if (!at || tick_size.raw() <= 0 || at->raw() % tick_size.raw() != 0)
    return std::nullopt;
  return at;
}

std::optional<quantity> instrument::on_lot(quantity q) const noexcept {
  auto at = q.rescaled(size_precision());
  if (!at || lot_size.raw() <= 0 || at->raw() % lot_size.raw() != 0)
    return std::nullopt;
  return at;
}

price instrument::round_to_tick(double value) const noexcept {
  double ticks = std::round(value / tick_size.to_double());
  return price::from_raw(static_cast<std::int64_t>(ticks) * tick_size.raw(), price_precision());
}

std::optional<instrument> instrument::make(std::string symbol, std::string_view tick,
                                           std::string_view lot, std::string currency) {
  auto t = price::parse(tick);
  auto l = quantity::parse(lot);
  if (!t || !l || !t->is_positive() || !l->is_positive() || symbol.empty())
    return std::nullopt;
  instrument i;
  i.symbol = std::move(symbol);
  i.tick_size = *t;
  i.lot_size = *l;
  i.currency = std::move(currency);
  return i;
}

} // namespace bourse
