// Volume indicators: OBV, VWAP, MFI.
#include "bourse/indicators/volume.hpp"

#include <cmath>

namespace bourse::indicators {

void on_balance_volume::update(double close, double volume) noexcept {
  if (!started_) {
    started_ = true;
    value_ = volume;
  } else if (close > previous_close_) {
    value_ += volume;
  } else if (close < previous_close_) {
    value_ -= volume;
  }
  previous_close_ = close;
}

void compensated_sum::add(double value) noexcept {
  double total = sum_ + value;
  if (std::fabs(sum_) >= std::fabs(value))
    compensation_ += (sum_ - total) + value;
  else
    compensation_ += (value - total) + sum_;
  sum_ = total;
}

void volume_weighted_average_price::update(double high, double low, double close,
                                           double volume) noexcept {
  double typical = (high + low + close) / 3.0;
  price_volume_.add(typical * volume);
  volume_.add(volume);
}

double volume_weighted_average_price::value() const noexcept {
  if (!ready())
    return std::numeric_limits<double>::quiet_NaN();
  return price_volume_.value() / volume_.value();
}

money_flow_index::money_flow_index(int period)
    : positive_(period), negative_(period),
      flags_(static_cast<std::size_t>(clamp_period(period, 1))) {}

void money_flow_index::update(double high, double low, double close, double volume) noexcept {
  double typical = (high + low + close) / 3.0;
  if (!started_) {
    started_ = true;
    previous_typical_ = typical;
    return;
  }
  double flow = typical * volume;
  double flag = 0.0;
  if (flow != 0.0)
    flag = typical > previous_typical_ ? 1.0 : typical < previous_typical_ ? -1.0 : 0.0;
  previous_typical_ = typical;

  if (flags_.full()) {
    double leaving = flags_.oldest();
    positive_count_ -= leaving > 0.0 ? 1 : 0;
    negative_count_ -= leaving < 0.0 ? 1 : 0;
  }
  flags_.push(flag);
  positive_count_ += flag > 0.0 ? 1 : 0;
  negative_count_ += flag < 0.0 ? 1 : 0;
  positive_.push(flag > 0.0 ? flow : 0.0);
  negative_.push(flag < 0.0 ? flow : 0.0);
  if (!ready())
    return;

  // A side without any flow in the window sums to exactly 0 (no running-sum residue).
  double positive = positive_count_ > 0 ? positive_.sum() : 0.0;
  double negative = negative_count_ > 0 ? negative_.sum() : 0.0;
  if (positive < 0.0)
    positive = 0.0;
  if (negative < 0.0)
    negative = 0.0;
  double total = positive + negative;
  value_ = total == 0.0 ? 50.0 : 100.0 * (positive / total);
}

} // namespace bourse::indicators
