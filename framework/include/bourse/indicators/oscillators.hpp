#pragma once
// Range oscillators on high/low/close: slow and fast stochastic, Williams %R and CCI (TA-Lib's
// STOCH, STOCHF, WILLR, CCI).

#include <limits>

#include "bourse/indicators/window.hpp"

namespace bourse::indicators {

/// The %K and %D lines of a stochastic.
struct stochastic_value {
  /// The %K line.
  double k = std::numeric_limits<double>::quiet_NaN();
  /// The %D line (an SMA of %K).
  double d = std::numeric_limits<double>::quiet_NaN();
};

/// Raw %K = 100 * (close - lowest low) / (highest high - lowest low) over the last N bars, the
/// building block of both stochastics. A window whose high equals its low (zero range) gives 50;
/// TA-Lib outputs 0 there.
class fast_k {
public:
  /// Creates %K over `period` bars (clamped to [1, max_period]).
  explicit fast_k(int period) : highest_(period, extremum::max), lowest_(period, extremum::min) {}

  /// Adds the next bar.
  void update(double high, double low, double close) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return highest_.full(); }
  /// Returns %K in [0, 100]; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }

private:
  rolling_extremum highest_;
  rolling_extremum lowest_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Slow stochastic (TA_STOCH with SMA smoothing, TA-Lib's default): slow %K = SMA(SK) of raw %K
/// over FK bars, slow %D = SMA(SD) of slow %K. As TA-Lib, both lines start on the same row, after
/// (FK - 1) + (SK - 1) + (SD - 1) + 1 bars.
class stochastic {
public:
  /// Creates a slow stochastic (periods clamped to [1, max_period]).
  stochastic(int fast_k_period, int slow_k_period, int slow_d_period)
      : raw_(fast_k_period), slow_k_(slow_k_period), slow_d_(slow_d_period),
        lookback_(clamp_period(fast_k_period, 1) + clamp_period(slow_k_period, 1) +
                  clamp_period(slow_d_period, 1) - 3) {}

  /// Adds the next bar.
  void update(double high, double low, double close) noexcept;
  /// Returns true once both lines are defined.
  [[nodiscard]] bool ready() const noexcept { return slow_d_.full(); }
  /// Returns slow %K and slow %D; NaN before ready().
  [[nodiscard]] const stochastic_value& value() const noexcept { return value_; }
  /// Returns how many bars come before the first value.
  [[nodiscard]] int lookback() const noexcept { return lookback_; }

private:
  fast_k raw_;
  rolling_sum slow_k_;
  rolling_sum slow_d_;
  int lookback_;
  stochastic_value value_;
};

/// Fast stochastic (TA_STOCHF with SMA smoothing): fast %K = raw %K over FK bars, fast %D =
/// SMA(FD) of fast %K. Both lines start after (FK - 1) + (FD - 1) + 1 bars, as TA-Lib.
class stochastic_fast {
public:
  /// Creates a fast stochastic (periods clamped to [1, max_period]).
  stochastic_fast(int fast_k_period, int fast_d_period)
      : raw_(fast_k_period), fast_d_(fast_d_period),
        lookback_(clamp_period(fast_k_period, 1) + clamp_period(fast_d_period, 1) - 2) {}

  /// Adds the next bar.
  void update(double high, double low, double close) noexcept;
  /// Returns true once both lines are defined.
  [[nodiscard]] bool ready() const noexcept { return fast_d_.full(); }
  /// Returns fast %K and fast %D; NaN before ready().
  [[nodiscard]] const stochastic_value& value() const noexcept { return value_; }
  /// Returns how many bars come before the first value.
  [[nodiscard]] int lookback() const noexcept { return lookback_; }

private:
  fast_k raw_;
  rolling_sum fast_d_;
  int lookback_;
  stochastic_value value_;
};

/// Williams %R = -100 * (highest high - close) / (highest high - lowest low) over the last N bars
/// (TA_WILLR); first value after N bars. A zero range gives -50; TA-Lib outputs 0 there.
class williams_r {
public:
  /// Creates a %R over `period` bars (clamped to [1, max_period]).
  explicit williams_r(int period)
      : highest_(period, extremum::max), lowest_(period, extremum::min),
        lookback_(clamp_period(period, 1) - 1) {}

  /// Adds the next bar.
  void update(double high, double low, double close) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return highest_.full(); }
  /// Returns %R in [-100, 0]; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many bars come before the first value (N - 1).
  [[nodiscard]] int lookback() const noexcept { return lookback_; }

private:
  rolling_extremum highest_;
  rolling_extremum lowest_;
  int lookback_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Commodity channel index (TA_CCI): typical price tp = (high + low + close) / 3,
/// CCI = (tp - SMA(tp)) / (0.015 * mean absolute deviation of tp about that SMA), over N bars;
/// first value after N bars. A flat window (zero mean deviation) gives 0, as TA-Lib.
/// The mean deviation is about the current mean, so each update visits the window: O(N), the one
/// indicator here that is not O(1) (TA-Lib does the same; no allocation).
class commodity_channel_index {
public:
  /// Creates a CCI over `period` bars (clamped to [1, max_period]).
  explicit commodity_channel_index(int period)
      : window_(static_cast<std::size_t>(clamp_period(period, 1))) {}

  /// Adds the next bar.
  void update(double high, double low, double close) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  /// Returns the CCI; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many bars come before the first value (N - 1).
  [[nodiscard]] int lookback() const noexcept { return static_cast<int>(window_.capacity()) - 1; }

private:
  ring_buffer window_;
  equal_run run_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

} // namespace bourse::indicators
