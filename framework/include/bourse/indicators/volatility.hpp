#pragma once
// Volatility indicators: true range, average true range, standard deviation and Bollinger Bands
// (TA-Lib's TRANGE, ATR, STDDEV, BBANDS).

#include <limits>

#include "bourse/indicators/window.hpp"

namespace bourse::indicators {

/// True range max(high, previous close) - min(low, previous close) (TA_TRANGE); first value on the
/// second bar (the first bar has no previous close).
class true_range {
public:
  /// Adds the next bar.
  void update(double high, double low, double close) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return count_ > 1; }
  /// Returns the true range; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many bars come before the first value (1).
  [[nodiscard]] static constexpr int lookback() noexcept { return 1; }

private:
  int count_ = 0;
  double previous_close_ = 0.0;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Average true range with Wilder smoothing (TA_ATR): the first ATR is the mean of the first N
/// true ranges (bars 2..N+1), then atr = (atr * (N - 1) + tr) / N. First value after N + 1 bars.
class average_true_range {
public:
  /// Creates an ATR over `period` bars (clamped to [1, max_period]).
  explicit average_true_range(int period) : period_(clamp_period(period, 1)) {}

  /// Adds the next bar.
  void update(double high, double low, double close) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return count_ >= period_; }
  /// Returns the ATR; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many bars come before the first value (N).
  [[nodiscard]] int lookback() const noexcept { return period_; }

private:
  true_range range_;
  int period_;
  int count_ = 0; // true ranges seen
  double sum_ = 0.0;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Population standard deviation of the last N values (TA_STDDEV with nbDev 1); first value after
/// N values. Exactly 0 for a flat window; see rolling_variance for the numerics.
class standard_deviation {
public:
  /// Creates a standard deviation over `period` values (clamped to [1, max_period]).
  explicit standard_deviation(int period)
      : window_(period), lookback_(clamp_period(period, 1) - 1) {}

  /// Adds the next value.
  void update(double value) noexcept { window_.push(value); }
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  /// Returns sigma; NaN before ready().
  [[nodiscard]] double value() const noexcept;
  /// Returns how many inputs come before the first value (N - 1).
  [[nodiscard]] int lookback() const noexcept { return lookback_; }

private:
  rolling_variance window_;
  int lookback_;
};

/// The three Bollinger Bands.
struct bollinger_value {
  /// middle + K * sigma.
  double upper = std::numeric_limits<double>::quiet_NaN();
  /// The SMA of the last N values.
  double middle = std::numeric_limits<double>::quiet_NaN();
  /// middle - K * sigma.
  double lower = std::numeric_limits<double>::quiet_NaN();
};

/// Bollinger Bands (TA_BBANDS with an SMA middle band and nbDevUp = nbDevDn = K): middle = SMA(N),
/// bands at K population standard deviations. First value after N values. A flat window gives
/// three equal bands at exactly the price.
class bollinger_bands {
public:
  /// Creates bands over `period` values at `deviations` sigmas (period clamped to [1, max_period]).
  bollinger_bands(int period, double deviations)
      : middle_(period), variance_(period), deviations_(deviations),
        lookback_(clamp_period(period, 1) - 1) {}

  /// Adds the next value.
  void update(double value) noexcept;
  /// Returns true once the bands are defined.
  [[nodiscard]] bool ready() const noexcept { return middle_.full(); }
  /// Returns the bands; NaN before ready().
  [[nodiscard]] const bollinger_value& value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value (N - 1).
  [[nodiscard]] int lookback() const noexcept { return lookback_; }

private:
  rolling_sum middle_;
  rolling_variance variance_;
  double deviations_;
  int lookback_;
  bollinger_value value_;
};

} // namespace bourse::indicators
