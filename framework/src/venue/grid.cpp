// Rounding replayed prices and sizes onto an instrument's tick and lot grids.
#include <limits>

#include "venue_internal.hpp"

namespace bourse::venue {

namespace {

using int128 = bourse::detail::int128;

// Floor division for a positive divisor.
int128 floor_div(int128 a, int128 b) noexcept {
  int128 q = a / b;
  if ((a % b != 0) && (a < 0))
    --q;
  return q;
}

// Returns how many whole `step`s fit in `value` (rounded down or up), at a common precision.
template <class Tag>
std::optional<int128> steps_of(fixed<Tag> value, fixed<Tag> step, bool up) noexcept {
  const int p = value.precision() > step.precision() ? value.precision() : step.precision();
  std::int64_t v = 0;
  std::int64_t s = 0;
  if (!bourse::detail::rescale_exact(value.raw(), value.precision(), p, v) ||
      !bourse::detail::rescale_exact(step.raw(), step.precision(), p, s) || s <= 0)
    return std::nullopt;
  int128 q = floor_div(v, s);
  if (up && q * s != v)
    ++q;
  return q;
}

template <class Tag> std::optional<fixed<Tag>> times_step(int128 n, fixed<Tag> step) noexcept {
  int128 raw = n * step.raw();
  if (raw > std::numeric_limits<std::int64_t>::max() ||
      raw < std::numeric_limits<std::int64_t>::min())
    return std::nullopt;
  return fixed<Tag>::from_raw(static_cast<std::int64_t>(raw), step.precision());
}

} // namespace

std::optional<price> floor_to_tick(const instrument& instr, price px) noexcept {
  auto n = steps_of(px, instr.tick_size, false);
  return n ? times_step(*n, instr.tick_size) : std::nullopt;
}

std::optional<price> ceil_to_tick(const instrument& instr, price px) noexcept {
  auto n = steps_of(px, instr.tick_size, true);
  return n ? times_step(*n, instr.tick_size) : std::nullopt;
}

quantity floor_to_lot(const instrument& instr, quantity qty) noexcept {
  auto n = steps_of(qty, instr.lot_size, false);
  if (!n || *n <= 0)
    return quantity::from_raw(0, instr.size_precision());
  auto q = times_step(*n, instr.lot_size);
  return q ? *q : unlimited_quantity(instr);
}

quantity unlimited_quantity(const instrument& instr) noexcept {
  int128 lots = 1'000'000'000'000;
  const int128 cap = std::numeric_limits<std::int64_t>::max() / instr.lot_size.raw();
  if (lots > cap)
    lots = cap;
  return quantity::from_raw(static_cast<std::int64_t>(lots * instr.lot_size.raw()),
                            instr.size_precision());
}

std::optional<outside_level> make_level(const instrument& instr, side book_side, price px,
                                        quantity size) noexcept {
  if (!px.is_positive() || !size.is_positive())
    return std::nullopt;
  auto at = book_side == side::sell ? ceil_to_tick(instr, px) : floor_to_tick(instr, px);
  quantity lots = floor_to_lot(instr, size);
  if (!at || !at->is_positive() || !lots.is_positive())
    return std::nullopt;
  return outside_level{*at, lots};
}

} // namespace bourse::venue
