// Momentum indicators: RSI, ROC, MACD (momentum is inline in the header).
#include "bourse/indicators/momentum.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace bourse::indicators {

// --- RSI --------------------------------------------------------------------------------------

void relative_strength_index::update(double value) noexcept {
  if (count_ <= period_ + 1)
    ++count_; // saturates, so endless streams cannot overflow it
  if (count_ == 1) {
    previous_ = value;
    return;
  }
  double change = value - previous_;
  previous_ = value;
  // Branch-free split of the change (a rising or falling close is a coin toss, so a branch would
  // be mispredicted half the time; compilers turn a ternary back into one). Bit-identical to
  // "if (change < 0) loss -= change; else gain += change": adding +0.0 leaves the gain as it is
  // because it is never -0.0, subtracting +0.0 leaves any loss as it is, and a NaN change still
  // goes to the gain only.
  std::uint64_t bits = 0;
  std::memcpy(&bits, &change, sizeof bits);
  const std::uint64_t falling = std::uint64_t{0} - static_cast<std::uint64_t>(change < 0.0);
  const std::uint64_t up_bits = bits & ~falling;  // change < 0 ? +0.0 : change
  const std::uint64_t down_bits = bits & falling; // change < 0 ? change : +0.0
  double up = 0.0;
  double down = 0.0;
  std::memcpy(&up, &up_bits, sizeof up);
  std::memcpy(&down, &down_bits, sizeof down);
  if (count_ <= period_ + 1) {
    // The first N changes are summed, then averaged.
    loss_ -= down;
    gain_ += up;
    if (count_ < period_ + 1)
      return;
    loss_ /= n_;
    gain_ /= n_;
  } else {
    // Wilder smoothing, in TA-Lib's order of operations.
    loss_ *= n_minus_1_;
    gain_ *= n_minus_1_;
    loss_ -= down;
    gain_ += up;
    loss_ /= n_;
    gain_ /= n_;
  }
  double total = gain_ + loss_;
  value_ = total == 0.0 ? 50.0 : 100.0 * (gain_ / total);
}

// --- ROC --------------------------------------------------------------------------------------

void rate_of_change::update(double value) noexcept {
  window_.push(value);
  if (!window_.full())
    return;
  double base = window_.oldest();
  value_ = base != 0.0 ? ((value / base) - 1.0) * 100.0 : 0.0;
}

// --- MACD -------------------------------------------------------------------------------------

macd::macd(int fast_period, int slow_period, int signal_period)
    : fast_(std::min(clamp_period(fast_period, 1), clamp_period(slow_period, 1))),
      slow_(std::max(clamp_period(fast_period, 1), clamp_period(slow_period, 1))),
      signal_(clamp_period(signal_period, 1)), fast_skip_(slow_.lookback() - fast_.lookback()) {}

void macd::update(double value) noexcept {
  if (count_ <= fast_skip_)
    ++count_;
  slow_.update(value);
  // The fast EMA sees only the F values ending where the slow EMA's first value is, so that
  // both are seeded on the same row (TA-Lib's TA_INT_MACD).
  if (count_ > fast_skip_)
    fast_.update(value);
  if (!slow_.ready())
    return;
  double line = fast_.value() - slow_.value();
  signal_.update(line);
  if (!signal_.ready())
    return;
  value_.macd = line;
  value_.signal = signal_.value();
  value_.histogram = line - value_.signal;
}

} // namespace bourse::indicators
