#pragma once
// The price a position is marked at from each kind of market data.

#include <optional>

#include "bourse/core/fixed_point.hpp"
#include "bourse/market/types.hpp"

namespace bourse {

/// Returns the quote's mid, (bid + ask) / 2, exact (one more decimal when needed, rounded half away
/// from zero past 9 decimals); the one positive side when the other is missing (zero or negative);
/// nullopt when neither side is positive.
[[nodiscard]] std::optional<price> mark_price(const quote& q) noexcept;

/// Returns the trade's price, or nullopt when it is not positive.
[[nodiscard]] std::optional<price> mark_price(const trade& t) noexcept;

/// Returns the bar's close, or nullopt when it is not positive.
[[nodiscard]] std::optional<price> mark_price(const bar& b) noexcept;

} // namespace bourse
