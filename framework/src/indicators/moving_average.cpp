// Moving averages: EMA, WMA, DEMA, TEMA (SMA is inline in the header).
#include "bourse/indicators/moving_average.hpp"

namespace bourse::indicators {

// --- EMA --------------------------------------------------------------------------------------

exponential_moving_average::exponential_moving_average(int period)
    : period_(clamp_period(period, 1)), k_(2.0 / static_cast<double>(period_ + 1)) {}

void exponential_moving_average::update(double value) noexcept {
  if (count_ < period_) {
    seed_sum_ += value;
    if (++count_ == period_)
      value_ = seed_sum_ / static_cast<double>(period_);
    return;
  }
  value_ = ((value - value_) * k_) + value_; // TA-Lib's order of operations
}

// --- WMA --------------------------------------------------------------------------------------

weighted_moving_average::weighted_moving_average(int period)
    : window_(static_cast<std::size_t>(clamp_period(period, 1))) {
  double n = static_cast<double>(window_.capacity());
  divider_ = n * (n + 1.0) / 2.0;
}

void weighted_moving_average::update(double value) noexcept {
  double n = static_cast<double>(window_.capacity());
  run_.push(value);
  if (!window_.full()) {
    window_.push(value);
    if (!window_.full()) {
      // Filling: weights 1, 2, ... in arrival order, as TA-Lib's first loop.
      plain_sum_ += value;
      weighted_sum_ += value * static_cast<double>(window_.size());
      return;
    }
    plain_sum_ += value;
  } else {
    double leaving = window_.oldest();
    window_.push(value);
    plain_sum_ += value;
    plain_sum_ -= leaving;
  }
  weighted_sum_ += value * n;
  if (run_.length() >= window_.capacity()) {
    value_ = value;
  } else if (++since_recompute_ >= window_.capacity()) {
    double weighted = 0.0;
    double plain = 0.0;
    for (std::size_t i = 0; i < window_.size(); ++i) {
      weighted += window_[i] * static_cast<double>(i + 1);
      plain += window_[i];
    }
    weighted_sum_ = weighted;
    plain_sum_ = plain;
    since_recompute_ = 0;
    value_ = weighted_sum_ / divider_;
  } else {
    value_ = weighted_sum_ / divider_;
  }
  // Every weight steps down by one for the next value: subtract the window once.
  weighted_sum_ -= plain_sum_;
}

// --- DEMA / TEMA ------------------------------------------------------------------------------

void double_exponential_moving_average::update(double value) noexcept {
  first_.update(value);
  if (!first_.ready())
    return;
  second_.update(first_.value());
  if (second_.ready())
    value_ = (2.0 * first_.value()) - second_.value();
}

void triple_exponential_moving_average::update(double value) noexcept {
  first_.update(value);
  if (!first_.ready())
    return;
  second_.update(first_.value());
  if (!second_.ready())
    return;
  third_.update(second_.value());
  if (third_.ready())
    value_ = third_.value() + ((3.0 * first_.value()) - (3.0 * second_.value()));
}

} // namespace bourse::indicators
