// Mark prices from quotes, trades and bars.
#include "bourse/strategy/marks.hpp"

namespace bourse {

std::optional<price> mark_price(const quote& q) noexcept {
  bool bid = q.bid.is_positive();
  bool ask = q.ask.is_positive();
  if (bid && ask) {
    price sum = q.bid + q.ask;
    if (sum.raw() % 2 == 0)
      return price::from_raw(sum.raw() / 2, sum.precision());
    if (sum.precision() < max_precision)
      return price::from_raw(sum.raw() * 5, sum.precision() + 1);
    // Odd raw at the finest precision: round half away from zero (both sides are positive).
    return price::from_raw(sum.raw() / 2 + 1, sum.precision());
  }
  if (bid)
    return q.bid;
  if (ask)
    return q.ask;
  return std::nullopt;
}

std::optional<price> mark_price(const trade& t) noexcept {
  if (!t.last.is_positive())
    return std::nullopt;
  return t.last;
}

std::optional<price> mark_price(const bar& b) noexcept {
  if (!b.close.is_positive())
    return std::nullopt;
  return b.close;
}

} // namespace bourse
