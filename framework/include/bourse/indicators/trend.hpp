#pragma once
// Trend strength: the average directional movement index (TA-Lib's ADX).

#include <limits>

#include "bourse/indicators/window.hpp"

namespace bourse::indicators {

/// Average directional movement index with Wilder smoothing (TA_ADX), seeded exactly as TA-Lib:
/// +DM, -DM and TR are summed over bars 2..N, then smoothed as x = x - x / N + today from bar
/// N + 1 on; DX = 100 * |+DI - -DI| / (+DI + -DI) with DI = 100 * DM / TR; the first ADX is the
/// mean of the DX of bars N + 1..2N, then adx = (adx * (N - 1) + dx) / N. First value after 2N
/// bars. DX is 0 when TR or +DI + -DI is 0 (no movement, no trend); see docs/indicators.md for
/// how TA-Lib differs there.
class average_directional_index {
public:
  /// Creates an ADX over `period` bars (clamped to [1, max_period]).
  explicit average_directional_index(int period) : period_(clamp_period(period, 1)) {}

  /// Adds the next bar.
  void update(double high, double low, double close) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return count_ >= 2 * period_; }
  /// Returns the ADX in [0, 100]; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many bars come before the first value (2N - 1).
  [[nodiscard]] int lookback() const noexcept { return 2 * period_ - 1; }

private:
  int period_;
  int count_ = 0;
  double previous_high_ = 0.0;
  double previous_low_ = 0.0;
  double previous_close_ = 0.0;
  double plus_dm_ = 0.0;
  double minus_dm_ = 0.0;
  double range_ = 0.0;
  double dx_sum_ = 0.0;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

} // namespace bourse::indicators
