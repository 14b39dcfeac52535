#pragma once
// Moving averages: simple, exponential, weighted, double and triple exponential (TA-Lib's SMA,
// EMA, WMA, DEMA, TEMA). Each takes one value per update; value() is defined once ready().

#include <limits>

#include "bourse/indicators/window.hpp"

namespace bourse::indicators {

/// Simple moving average of the last N values (TA_SMA); first value after N inputs.
class simple_moving_average {
public:
  /// Creates an SMA over `period` values (clamped to [1, max_period]).
  explicit simple_moving_average(int period) : window_(period) {}

  /// Adds the next value.
  void update(double value) noexcept { window_.push(value); }
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  /// Returns the average; NaN before ready().
  [[nodiscard]] double value() const noexcept {
    return ready() ? window_.mean() : std::numeric_limits<double>::quiet_NaN();
  }
  /// Returns how many inputs come before the first value (TA-Lib's lookback: N - 1).
  [[nodiscard]] int lookback() const noexcept {
    return static_cast<int>(window_.window().capacity()) - 1;
  }

private:
  rolling_sum window_;
};

/// Exponential moving average with k = 2 / (N + 1), seeded with the SMA of the first N values
/// (TA_EMA, TA-Lib's default compatibility); first value after N inputs.
class exponential_moving_average {
public:
  /// Creates an EMA over `period` values (clamped to [1, max_period]).
  explicit exponential_moving_average(int period);

  /// Adds the next value.
  void update(double value) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return count_ >= period_; }
  /// Returns the average; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value (N - 1).
  [[nodiscard]] int lookback() const noexcept { return period_ - 1; }

private:
  int period_;
  int count_ = 0;
  double k_;
  double seed_sum_ = 0.0;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Weighted moving average with weights 1..N, newest heaviest (TA_WMA); first value after N
/// inputs. Running sums as TA-Lib, recomputed from the window every N values; exact when flat.
class weighted_moving_average {
public:
  /// Creates a WMA over `period` values (clamped to [1, max_period]).
  explicit weighted_moving_average(int period);

  /// Adds the next value.
  void update(double value) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  /// Returns the average; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value (N - 1).
  [[nodiscard]] int lookback() const noexcept { return static_cast<int>(window_.capacity()) - 1; }

private:
  ring_buffer window_;
  double divider_;
  double weighted_sum_ = 0.0; // sum of i * x_i with weights already stepped down for the next value
  double plain_sum_ = 0.0;    // sum of the window
  std::size_t since_recompute_ = 0;
  equal_run run_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Double exponential moving average 2 * EMA - EMA(EMA) (TA_DEMA); first value after
/// 2 * (N - 1) + 1 inputs.
class double_exponential_moving_average {
public:
  /// Creates a DEMA over `period` values (clamped to [1, max_period]).
  explicit double_exponential_moving_average(int period) : first_(period), second_(period) {}

  /// Adds the next value.
  void update(double value) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return second_.ready(); }
  /// Returns the average; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value (2 * (N - 1)).
  [[nodiscard]] int lookback() const noexcept { return 2 * first_.lookback(); }

private:
  exponential_moving_average first_;
  exponential_moving_average second_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Triple exponential moving average 3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA)) (TA_TEMA); first
/// value after 3 * (N - 1) + 1 inputs.
class triple_exponential_moving_average {
public:
  /// Creates a TEMA over `period` values (clamped to [1, max_period]).
  explicit triple_exponential_moving_average(int period)
      : first_(period), second_(period), third_(period) {}

  /// Adds the next value.
  void update(double value) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return third_.ready(); }
  /// Returns the average; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value (3 * (N - 1)).
  [[nodiscard]] int lookback() const noexcept { return 3 * first_.lookback(); }

private:
  exponential_moving_average first_;
  exponential_moving_average second_;
  exponential_moving_average third_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

} // namespace bourse::indicators
