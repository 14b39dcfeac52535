#pragma once
// Momentum indicators on one value per update: RSI, ROC, momentum and MACD (TA-Lib's RSI, ROC,
// MOM, MACD).

#include <limits>

#include "bourse/indicators/moving_average.hpp"
#include "bourse/indicators/window.hpp"

namespace bourse::indicators {

/// Relative strength index with Wilder smoothing (TA_RSI): the first average gain and loss are
/// the plain means of the first N changes, then avg = (avg * (N - 1) + change) / N;
/// RSI = 100 * gain / (gain + loss). First value after N + 1 inputs. When gain + loss is 0 (no
/// change at all since the start) the value is 50; TA-Lib outputs 0 there.
class relative_strength_index {
public:
  /// Creates an RSI over `period` changes (clamped to [1, max_period]).
  explicit relative_strength_index(int period)
      : period_(clamp_period(period, 1)), n_(static_cast<double>(period_)), n_minus_1_(n_ - 1.0) {}

  /// Adds the next value.
  void update(double value) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return count_ > period_; }
  /// Returns the RSI in [0, 100]; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value (N).
  [[nodiscard]] int lookback() const noexcept { return period_; }

private:
  int period_;
  double n_;         // the period as a double
  double n_minus_1_; // N - 1, the weight of the previous average
  int count_ = 0;
  double previous_ = 0.0;
  double gain_ = 0.0;
  double loss_ = 0.0;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Rate of change in percent, (value / value N ago - 1) * 100 (TA_ROC); first value after N + 1
/// inputs. A zero base value gives 0, as TA-Lib.
class rate_of_change {
public:
  /// Creates a ROC over `period` values (clamped to [1, max_period]).
  explicit rate_of_change(int period)
      : window_(static_cast<std::size_t>(clamp_period(period, 1)) + 1) {}

  /// Adds the next value.
  void update(double value) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  /// Returns the rate of change in percent; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value (N).
  [[nodiscard]] int lookback() const noexcept { return static_cast<int>(window_.capacity()) - 1; }

private:
  ring_buffer window_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// Momentum, value - value N ago (TA_MOM); first value after N + 1 inputs.
class momentum {
public:
  /// Creates a momentum over `period` values (clamped to [1, max_period]).
  explicit momentum(int period) : window_(static_cast<std::size_t>(clamp_period(period, 1)) + 1) {}

  /// Adds the next value.
  void update(double value) noexcept {
    window_.push(value);
    if (window_.full())
      value_ = value - window_.oldest();
  }
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  /// Returns the difference; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value (N).
  [[nodiscard]] int lookback() const noexcept { return static_cast<int>(window_.capacity()) - 1; }

private:
  ring_buffer window_;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// The three MACD lines.
struct macd_value {
  /// Fast EMA minus slow EMA.
  double macd = std::numeric_limits<double>::quiet_NaN();
  /// EMA of the MACD line over the signal period.
  double signal = std::numeric_limits<double>::quiet_NaN();
  /// MACD minus signal.
  double histogram = std::numeric_limits<double>::quiet_NaN();
};

/// Moving average convergence/divergence (TA_MACD). As TA-Lib, the slow EMA is seeded with the SMA
/// of the first S values and the fast EMA with the SMA of the F values ending on the same row,
/// so both start together; the signal EMA then needs G more MACD values. All three lines start
/// after (S - 1) + (G - 1) + 1 inputs. If fast > slow the two are swapped, as TA-Lib does.
class macd {
public:
  /// Creates a MACD with fast, slow and signal periods (clamped to [1, max_period]).
  macd(int fast_period, int slow_period, int signal_period);

  /// Adds the next value.
  void update(double value) noexcept;
  /// Returns true once all three lines are defined.
  [[nodiscard]] bool ready() const noexcept { return signal_.ready(); }
  /// Returns the three lines; NaN before ready().
  [[nodiscard]] const macd_value& value() const noexcept { return value_; }
  /// Returns how many inputs come before the first value ((S - 1) + (G - 1)).
  [[nodiscard]] int lookback() const noexcept { return slow_.lookback() + signal_.lookback(); }

private:
  exponential_moving_average fast_;
  exponential_moving_average slow_;
  exponential_moving_average signal_;
  int fast_skip_;
  int count_ = 0;
  macd_value value_;
};

} // namespace bourse::indicators
