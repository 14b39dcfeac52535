// Volatility indicators: true range, ATR, standard deviation, Bollinger Bands.
#include "bourse/indicators/volatility.hpp"

#include <cmath>

namespace bourse::indicators {

void true_range::update(double high, double low, double close) noexcept {
  if (count_ < 2)
    ++count_;
  if (count_ > 1) {
    // TA-Lib's form: the bar's range, or the distance from the previous close if larger.
    double greatest = high - low;
    double to_high = std::fabs(previous_close_ - high);
    if (to_high > greatest)
      greatest = to_high;
    double to_low = std::fabs(previous_close_ - low);
    if (to_low > greatest)
      greatest = to_low;
    value_ = greatest;
  }
  previous_close_ = close;
}

void average_true_range::update(double high, double low, double close) noexcept {
  range_.update(high, low, close);
  if (!range_.ready())
    return;
  double range = range_.value();
  double n = static_cast<double>(period_);
  if (count_ < period_) {
    sum_ += range;
    if (++count_ == period_)
      value_ = sum_ / n;
    return;
  }
  // Wilder smoothing, in TA-Lib's order of operations.
  double atr = value_ * (n - 1.0);
  atr += range;
  value_ = atr / n;
}

double standard_deviation::value() const noexcept {
  if (!ready())
    return std::numeric_limits<double>::quiet_NaN();
  return std::sqrt(window_.variance());
}

void bollinger_bands::update(double value) noexcept {
  middle_.push(value);
  variance_.push(value);
  if (!ready())
    return;
  double middle = middle_.mean();
  double width = deviations_ * std::sqrt(variance_.variance());
  value_.upper = middle + width;
  value_.middle = middle;
  value_.lower = middle - width;
}

} // namespace bourse::indicators
