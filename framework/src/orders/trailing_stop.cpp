// A trailing stop's arithmetic: best price seen, a stop at a distance from it, never moving back.
#include "bourse/orders/trailing_stop.hpp"

namespace bourse::orders {

price trailing_stop::distance(price best, price offset, std::uint32_t bps) noexcept {
  if (bps == 0)
    return offset;
  // best * bps / 10000: four more decimals, exact while they fit; rounded at 9 decimals beyond.
  const bourse::detail::int128 product = bourse::detail::int128{best.raw()} * bps;
  int precision = best.precision() + 4;
  bourse::detail::int128 raw = product;
  if (precision > max_precision) {
    bourse::detail::int128 divisor = 1;
    for (int i = max_precision; i < precision; ++i)
      divisor *= 10;
    const bourse::detail::int128 half = divisor / 2;
    raw = raw >= 0 ? (raw + half) / divisor : (raw - half) / divisor;
    precision = max_precision;
  }
  return offset + price::from_raw(static_cast<std::int64_t>(raw), precision);
}

bool trailing_stop::start(side order_side, price offset, std::uint32_t bps, price reference,
                          std::optional<price> initial_stop) noexcept {
  if (offset.is_negative() || (offset.is_zero() && bps == 0) || !reference.is_positive())
    return false;
  const price gap = distance(reference, offset, bps);
  const price computed = order_side == side::sell ? reference - gap : reference + gap;
  const price first = initial_stop && initial_stop->is_positive() ? *initial_stop : computed;
  if (!first.is_positive())
    return false;
  side_ = order_side;
  offset_ = offset;
  bps_ = bps;
  best_ = reference;
  stop_ = first;
  started_ = true;
  return true;
}

bool trailing_stop::reached(price px) const noexcept {
  return side_ == side::sell ? px <= stop_ : px >= stop_;
}

void trailing_stop::follow(price px) noexcept {
  const bool better = side_ == side::sell ? px > best_ : px < best_;
  if (!better)
    return;
  best_ = px;
  const price gap = distance(best_, offset_, bps_);
  const price candidate = side_ == side::sell ? best_ - gap : best_ + gap;
  // The stop only tightens (a given initial stop may be tighter than the trail for a while).
  if (side_ == side::sell ? candidate > stop_ : candidate < stop_)
    stop_ = candidate;
}

bool trailing_stop::on_price(price px) noexcept {
  if (!started_ || !px.is_positive())
    return false;
  follow(px);
  return reached(px);
}

bool trailing_stop::on_bar(price high, price low, price close) noexcept {
  if (!started_)
    return false;
  const price adverse = side_ == side::sell ? low : high;
  if (adverse.is_positive() && reached(adverse))
    return true;
  const price favourable = side_ == side::sell ? high : low;
  if (favourable.is_positive())
    follow(favourable);
  return close.is_positive() && reached(close);
}

} // namespace bourse::orders
