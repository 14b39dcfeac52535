// Momentum indicators: RSI, ROC, MACD (momentum is inline in the header).
#include "bourse/indicators/momentum.hpp"

#include <algorithm>

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
  double n = static_cast<double>(period_);
  if (count_ <= period_ + 1) {
    // The first N changes are summed, then averaged.
    if (change < 0.0)
      loss_ -= change;
    else
      gain_ += change;
    if (count_ < period_ + 1)
      return;
    loss_ /= n;
    gain_ /= n;
  } else {
    // Wilder smoothing, in TA-Lib's order of operations.
    loss_ *= n - 1.0;
    gain_ *= n - 1.0;
    if (change < 0.0)
      loss_ -= change;
    else
      gain_ += change;
    loss_ /= n;
    gain_ /= n;
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
