// Average directional movement index (ADX), step for step as TA-Lib's TA_ADX.
#include "bourse/indicators/trend.hpp"

#include <cmath>

namespace bourse::indicators {

void average_directional_index::update(double high, double low, double close) noexcept {
  if (count_ <= 2 * period_)
    ++count_; // saturates, so endless streams cannot overflow it
  if (count_ == 1) {
    previous_high_ = high;
    previous_low_ = low;
    previous_close_ = close;
    return;
  }
  double n = static_cast<double>(period_);
  double up = high - previous_high_;
  double down = previous_low_ - low;
  double range = high - low;
  double to_high = std::fabs(high - previous_close_);
  if (to_high > range)
    range = to_high;
  double to_low = std::fabs(low - previous_close_);
  if (to_low > range)
    range = to_low;
  previous_high_ = high;
  previous_low_ = low;
  previous_close_ = close;

  bool seeding = count_ <= period_; // bars 2..N are summed
  if (!seeding) {
    minus_dm_ -= minus_dm_ / n;
    plus_dm_ -= plus_dm_ / n;
  }
  if (down > 0 && up < down)
    minus_dm_ += down;
  else if (up > 0 && up > down)
    plus_dm_ += up;
  range_ = seeding ? range_ + range : range_ - range_ / n + range;
  if (seeding)
    return;

  double dx = 0.0; // no true range or no directional movement: no trend
  if (range_ != 0.0) {
    double minus_di = 100.0 * (minus_dm_ / range_);
    double plus_di = 100.0 * (plus_dm_ / range_);
    double sum = minus_di + plus_di;
    if (sum != 0.0)
      dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
  }
  if (count_ < 2 * period_) {
    dx_sum_ += dx;
  } else if (count_ == 2 * period_) {
    dx_sum_ += dx;
    value_ = dx_sum_ / n;
  } else {
    value_ = (value_ * (n - 1.0) + dx) / n;
  }
}

} // namespace bourse::indicators
