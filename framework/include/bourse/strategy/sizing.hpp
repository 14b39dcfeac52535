#pragma once
// Position sizing in exact integers: a fraction of an amount, and the quantity an amount buys at a
// price in whole lots. Used by strategy::order_target_value / order_target_percent.

#include <optional>

#include "bourse/core/fixed_point.hpp"

namespace bourse {

/// The decimals a sizing fraction keeps (0.123456 of equity; finer digits are rounded away).
inline constexpr int fraction_precision = 6;

/// Returns `amount * fraction`, the fraction rounded to fraction_precision decimals first and the
/// product rounded toward zero at the amount's precision; nullopt when the fraction is not finite
/// or the product does not fit.
[[nodiscard]] std::optional<money> fraction_of(money amount, double fraction) noexcept;

/// Returns the signed quantity worth `value` at `mark` (value / mark), rounded toward zero to a
/// whole number of `lot`s, at the lot's precision; nullopt when the mark or the lot is not
/// positive or the result does not fit.
[[nodiscard]] std::optional<quantity> quantity_for_value(money value, price mark,
                                                         quantity lot) noexcept;

} // namespace bourse
