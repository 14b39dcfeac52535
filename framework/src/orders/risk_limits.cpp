// Validation of risk limits and the fraction-to-basis-points conversion.
#include "bourse/orders/risk_limits.hpp"

#include "arithmetic.hpp"

namespace bourse::orders {

std::vector<std::string> risk_limits::validate() const {
  std::vector<std::string> problems;
  if (max_order_quantity && !max_order_quantity->is_positive())
    problems.push_back("max_order_quantity must be positive, got " +
                       max_order_quantity->to_string());
  if (max_order_notional && !max_order_notional->is_positive())
    problems.push_back("max_order_notional must be positive, got " +
                       max_order_notional->to_string());
  if (max_position && max_position->is_negative())
    problems.push_back("max_position must not be negative, got " + max_position->to_string());
  if (price_band_bps && *price_band_bps <= 0)
    problems.push_back("price_band_bps must be positive, got " + std::to_string(*price_band_bps));
  if (order_rate) {
    if (order_rate->capacity <= 0)
      problems.push_back("order_rate.capacity must be positive, got " +
                         std::to_string(order_rate->capacity));
    if (order_rate->refill_tokens <= 0)
      problems.push_back("order_rate.refill_tokens must be positive, got " +
                         std::to_string(order_rate->refill_tokens));
    if (order_rate->refill_period <= 0)
      problems.push_back("order_rate.refill_period must be positive, got " +
                         std::to_string(order_rate->refill_period) + " ns");
  }
  return problems;
}

std::optional<std::int64_t> basis_points_from_fraction(std::string_view text) noexcept {
  std::int64_t raw = 0;
  int precision = 0;
  if (!bourse::detail::parse_decimal(text, raw, precision))
    return std::nullopt;
  // bps = raw / 10^precision * 10^4
  detail::int128 bps = 0;
  if (precision <= 4) {
    bps = detail::widen(raw, precision, 4);
  } else {
    const detail::int128 den = detail::pow10_wide(precision - 4);
    if (detail::int128{raw} % den != 0)
      return std::nullopt;
    bps = detail::int128{raw} / den;
  }
  if (!detail::fits(bps))
    return std::nullopt;
  return static_cast<std::int64_t>(bps);
}

} // namespace bourse::orders
