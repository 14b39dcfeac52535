// Equity per owner kept incrementally: exact 128-bit sums at 9 decimals, revalued per symbol.
#include "bourse/strategy/equity_tracker.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace bourse {

namespace {

using int128 = bourse::detail::int128;

// 10^n for n in [0, 9].
constexpr std::array<std::int64_t, max_precision + 1> powers_of_ten = {
    1, 10, 100, 1'000, 10'000, 100'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000};

int128 pow10_wide(int n) noexcept {
  return powers_of_ten[static_cast<std::size_t>(n)];
}

// Returns the value's raw at 9 decimals (exact: every precision is at most 9).
int128 at_nine(money m) noexcept {
  return int128{m.raw()} * pow10_wide(max_precision - m.precision());
}

int128 magnitude_at_nine(money m) noexcept {
  int128 v = at_nine(m);
  return v < 0 ? -v : v;
}

// Returns the largest precision with a nonzero count (0 when none).
int top_precision(const std::array<std::uint32_t, max_precision + 1>& counts) noexcept {
  for (int p = max_precision; p > 0; --p)
    if (counts[static_cast<std::size_t>(p)] != 0)
      return p;
  return 0;
}

} // namespace

std::uint32_t equity_tracker::add_owner() {
  owners_.emplace_back();
  return static_cast<std::uint32_t>(owners_.size() - 1);
}

// Mirrors what orders::portfolio::totals() adds for one position at `mark` (its realised PnL,
// fees, unrealised PnL and market value): the market value exactly, the others as a bound of
// their magnitude (|unrealised| <= |market value| + |cost basis|) and their precisions.
equity_tracker::contribution equity_tracker::value(const orders::position& pos,
                                                   std::optional<price> mark) {
  contribution c;
  const money cost = pos.cost_basis();
  money market_value; // totals() counts money{} (precision 0) for a flat or unpriced position
  int unrealised_precision = cost.precision(); // a flat position's unrealised PnL is 0 at it
  int128 unrealised_bound = 0;
  if (mark && !pos.is_flat()) {
    auto v = notional(*mark, pos.net());
    if (!v) {
      c.unpriced = true;
      return c;
    }
    market_value = *v;
    unrealised_precision = std::max(market_value.precision(), cost.precision());
    unrealised_bound = magnitude_at_nine(market_value) + magnitude_at_nine(cost);
  }
  c.market_value = at_nine(market_value);
  c.magnitude = magnitude_at_nine(pos.realised()) + magnitude_at_nine(pos.fees()) +
                unrealised_bound + magnitude_at_nine(market_value);
  c.value_precision = static_cast<std::uint8_t>(market_value.precision());
  c.amount_precision = static_cast<std::uint8_t>(
      std::max({pos.realised().precision(), pos.fees().precision(), unrealised_precision,
                market_value.precision()}));
  return c;
}

void equity_tracker::revalue(holding& h, std::optional<price> mark) {
  const contribution next = value(h.position, mark);
  owner_sums& sums = owners_[h.owner];
  const contribution& prev = h.counted;
  if (prev.unpriced) {
    --sums.unpriced;
  } else {
    sums.market_value -= prev.market_value;
    sums.magnitude -= prev.magnitude;
    --sums.value_precisions[prev.value_precision];
    --sums.amount_precisions[prev.amount_precision];
  }
  if (next.unpriced) {
    ++sums.unpriced;
  } else {
    sums.market_value += next.market_value;
    sums.magnitude += next.magnitude;
    ++sums.value_precisions[next.value_precision];
    ++sums.amount_precisions[next.amount_precision];
  }
  h.counted = next;
}

void equity_tracker::mark(symbol_id symbol, price px) {
  auto it = symbols_.find(symbol);
  if (it == symbols_.end())
    it = symbols_.emplace(symbol, symbol_entry{}).first;
  it->second.mark = px;
  for (std::uint32_t index : it->second.holdings)
    revalue(holdings_[index], px);
}

const price* equity_tracker::mark_of(symbol_id symbol) const {
  auto it = symbols_.find(symbol);
  return it == symbols_.end() || !it->second.mark ? nullptr : &*it->second.mark;
}

void equity_tracker::update(std::uint32_t owner, const orders::position& pos) {
  auto it = symbols_.find(pos.symbol());
  if (it == symbols_.end())
    it = symbols_.emplace(pos.symbol(), symbol_entry{}).first;
  symbol_entry& entry = it->second;
  holding* h = nullptr;
  for (std::uint32_t index : entry.holdings)
    if (holdings_[index].owner == owner)
      h = &holdings_[index];
  if (h == nullptr) {
    // A new holding first counts as nothing at precision 0, which revalue() then replaces.
    entry.holdings.push_back(static_cast<std::uint32_t>(holdings_.size()));
    h = &holdings_.emplace_back(holding{owner, pos, contribution{}});
    ++owners_[owner].value_precisions[0];
    ++owners_[owner].amount_precisions[0];
  } else {
    h->position = pos;
  }
  revalue(*h, entry.mark ? entry.mark : h->position.last_price());
}

std::optional<money> equity_tracker::equity(std::uint32_t owner, money cash) const {
  const owner_sums& sums = owners_[owner];
  if (sums.unpriced != 0)
    return std::nullopt;
  // Every partial sum totals() forms is at most `magnitude` in size and at most `widest` decimals;
  // when that fits an int64 raw value, totals() cannot overflow and its sums are exact.
  const int widest = std::max(cash.precision(), top_precision(sums.amount_precisions));
  const int128 magnitude = sums.magnitude + magnitude_at_nine(cash);
  if (magnitude > int128{std::numeric_limits<std::int64_t>::max()} *
                      pow10_wide(max_precision - widest))
    return std::nullopt;
  // totals()' equity: cash + market value at the larger of their precisions, exactly.
  const int precision = std::max(cash.precision(), top_precision(sums.value_precisions));
  const int128 equity = at_nine(cash) + sums.market_value;
  return money::from_raw(static_cast<std::int64_t>(equity / pow10_wide(max_precision - precision)),
                         precision);
}

orders::mark_map equity_tracker::marks() const {
  orders::mark_map out;
  for (const auto& [symbol, entry] : symbols_)
    if (entry.mark)
      out.emplace(symbol.str(), *entry.mark);
  return out;
}

} // namespace bourse
