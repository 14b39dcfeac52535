// Range oscillators: raw %K, slow and fast stochastic, Williams %R, CCI.
#include "bourse/indicators/oscillators.hpp"

#include <cmath>

namespace bourse::indicators {

void fast_k::update(double high, double low, double close) noexcept {
  highest_.push(high);
  lowest_.push(low);
  if (!ready())
    return;
  double highest = highest_.value();
  double lowest = lowest_.value();
  if (highest == lowest) {
    value_ = 50.0; // zero range: the close is both the top and the bottom
    return;
  }
  double diff = (highest - lowest) / 100.0; // TA-Lib's order of operations
  value_ = (close - lowest) / diff;
}

void stochastic::update(double high, double low, double close) noexcept {
  raw_.update(high, low, close);
  if (!raw_.ready())
    return;
  slow_k_.push(raw_.value());
  if (!slow_k_.full())
    return;
  slow_d_.push(slow_k_.mean());
  if (!slow_d_.full())
    return;
  value_.k = slow_k_.mean();
  value_.d = slow_d_.mean();
}

void stochastic_fast::update(double high, double low, double close) noexcept {
  raw_.update(high, low, close);
  if (!raw_.ready())
    return;
  fast_d_.push(raw_.value());
  if (!fast_d_.full())
    return;
  value_.k = raw_.value();
  value_.d = fast_d_.mean();
}

void williams_r::update(double high, double low, double close) noexcept {
  highest_.push(high);
  lowest_.push(low);
  if (!ready())
    return;
  double highest = highest_.value();
  double lowest = lowest_.value();
  if (highest == lowest) {
    value_ = -50.0; // zero range: the close is both the top and the bottom
    return;
  }
  double diff = (highest - lowest) / (-100.0); // TA-Lib's order of operations
  value_ = (highest - close) / diff;
}

void commodity_channel_index::update(double high, double low, double close) noexcept {
  double typical = (high + low + close) / 3.0;
  window_.push(typical);
  run_.push(typical);
  if (!ready())
    return;
  if (run_.length() >= window_.capacity()) {
    value_ = 0.0; // flat window: the price is at its mean and the mean deviation is zero
    return;
  }
  double n = static_cast<double>(window_.capacity());
  double average = 0.0;
  for (std::size_t i = 0; i < window_.size(); ++i)
    average += window_[i];
  average /= n;
  double deviation = 0.0;
  for (std::size_t i = 0; i < window_.size(); ++i)
    deviation += std::fabs(window_[i] - average);
  // Not flat, so the deviation is positive; the guard only protects against a broken input.
  value_ = deviation > 0.0 ? (typical - average) / (0.015 * (deviation / n)) : 0.0;
}

} // namespace bourse::indicators
