#pragma once
// Volume indicators: on-balance volume, VWAP and the money flow index (TA-Lib's OBV and MFI;
// VWAP is not in TA-Lib).

#include <cstdint>
#include <limits>

#include "bourse/indicators/window.hpp"

namespace bourse::indicators {

/// On-balance volume (TA_OBV): starts at the first bar's volume, then adds the volume on an up
/// close, subtracts it on a down close and keeps it on an unchanged close. Defined from bar 1.
class on_balance_volume {
public:
  /// Adds the next bar.
  void update(double close, double volume) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return started_; }
  /// Returns the OBV; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many bars come before the first value (0).
  [[nodiscard]] static constexpr int lookback() noexcept { return 0; }

private:
  bool started_ = false;
  double previous_close_ = 0.0;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

/// A sum that carries the rounding error of each addition (Neumaier), for long cumulative sums.
class compensated_sum {
public:
  /// Adds a value.
  void add(double value) noexcept;
  /// Returns the sum.
  [[nodiscard]] double value() const noexcept { return sum_ + compensation_; }

private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

/// Volume-weighted average price from the start of the series: sum(typical * volume) /
/// sum(volume) with typical = (high + low + close) / 3 (no session reset). Not in TA-Lib.
/// Undefined (not ready) while the cumulative volume is 0.
class volume_weighted_average_price {
public:
  /// Adds the next bar.
  void update(double high, double low, double close, double volume) noexcept;
  /// Returns true once the cumulative volume is positive.
  [[nodiscard]] bool ready() const noexcept { return volume_.value() > 0.0; }
  /// Returns the VWAP; NaN before ready().
  [[nodiscard]] double value() const noexcept;
  /// Returns how many bars come before the first value when the first bar has volume (0).
  [[nodiscard]] static constexpr int lookback() noexcept { return 0; }

private:
  compensated_sum price_volume_;
  compensated_sum volume_;
};

/// Money flow index (TA_MFI): typical price tp = (high + low + close) / 3; a bar's money flow
/// tp * volume is positive when tp rose from the previous bar, negative when it fell, and counts
/// for neither when unchanged; MFI = 100 * positive / (positive + negative) over the last N bars.
/// First value after N + 1 bars. A window without money flow (0/0) gives 50; TA-Lib outputs 0.
class money_flow_index {
public:
  /// Creates an MFI over `period` bars (clamped to [1, max_period]).
  explicit money_flow_index(int period);

  /// Adds the next bar.
  void update(double high, double low, double close, double volume) noexcept;
  /// Returns true once a value is defined.
  [[nodiscard]] bool ready() const noexcept { return positive_.full(); }
  /// Returns the MFI in [0, 100]; NaN before ready().
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Returns how many bars come before the first value (N).
  [[nodiscard]] int lookback() const noexcept {
    return static_cast<int>(positive_.window().capacity());
  }

private:
  rolling_sum positive_;
  rolling_sum negative_;
  ring_buffer flags_; // 1 = positive flow, -1 = negative flow, 0 = none, per bar in the window
  std::size_t positive_count_ = 0;
  std::size_t negative_count_ = 0;
  bool started_ = false;
  double previous_typical_ = 0.0;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

} // namespace bourse::indicators
