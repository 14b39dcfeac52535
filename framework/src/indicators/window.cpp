// Rolling windows: ring buffer, rolling sum, rolling variance, rolling extremum.
#include "bourse/indicators/window.hpp"

namespace bourse::indicators {

ring_buffer::ring_buffer(std::size_t capacity) : data_(capacity == 0 ? 1 : capacity, 0.0) {}

// --- rolling_sum ------------------------------------------------------------------------------

rolling_sum::rolling_sum(int period) : window_(static_cast<std::size_t>(clamp_period(period, 1))) {}

void rolling_sum::push(double value) noexcept {
  // Same order as TA-Lib's running sum: drop the value leaving the window, then add the new one.
  // The sum stays in a local: the store into the ring could alias sum_, which would otherwise be
  // stored and loaded again between the two steps, on the chain from one update to the next.
  double sum = sum_;
  if (window_.full())
    sum -= window_.oldest();
  window_.push(value);
  sum += value;
  sum_ = sum;
  run_.push(value);
  if (window_.full() && ++since_recompute_ >= window_.capacity())
    recompute();
}

double rolling_sum::mean() const noexcept {
  if (run_.length() >= window_.capacity())
    return run_.last();
  return sum_ / static_cast<double>(window_.capacity());
}

void rolling_sum::recompute() noexcept {
  double sum = 0.0;
  for (std::size_t i = 0; i < window_.size(); ++i)
    sum += window_[i];
  sum_ = sum;
  since_recompute_ = 0;
}

// --- rolling_variance -------------------------------------------------------------------------

rolling_variance::rolling_variance(int period)
    : window_(static_cast<std::size_t>(clamp_period(period, 1))) {}

void rolling_variance::push(double value) noexcept {
  if (window_.size() == 0)
    shift_ = value;
  // Local copies, as in rolling_sum::push.
  const double shift = shift_;
  double sum = sum_;
  double sum_squares = sum_squares_;
  if (window_.full()) {
    double d = window_.oldest() - shift;
    sum -= d;
    sum_squares -= d * d;
  }
  window_.push(value);
  double d = value - shift;
  sum += d;
  sum_squares += d * d;
  sum_ = sum;
  sum_squares_ = sum_squares;
  run_.push(value);
  if (window_.full() && ++since_recompute_ >= window_.capacity())
    recompute();
}

double rolling_variance::variance() const noexcept {
  if (run_.length() >= window_.capacity())
    return 0.0;
  double n = static_cast<double>(window_.capacity());
  double mean = sum_ / n;
  double variance = sum_squares_ / n - mean * mean;
  return variance > 0.0 ? variance : 0.0;
}

void rolling_variance::recompute() noexcept {
  double n = static_cast<double>(window_.size());
  double total = 0.0;
  for (std::size_t i = 0; i < window_.size(); ++i)
    total += window_[i];
  shift_ = total / n;
  double sum = 0.0;
  double sum_squares = 0.0;
  for (std::size_t i = 0; i < window_.size(); ++i) {
    double d = window_[i] - shift_;
    sum += d;
    sum_squares += d * d;
  }
  sum_ = sum;
  sum_squares_ = sum_squares;
  since_recompute_ = 0;
}

// --- rolling_extremum -------------------------------------------------------------------------

rolling_extremum::rolling_extremum(int period, extremum which)
    : values_(static_cast<std::size_t>(clamp_period(period, 1)) + 1, 0.0),
      indexes_(values_.size(), 0), period_(static_cast<std::uint64_t>(clamp_period(period, 1))),
      which_(which) {}

void rolling_extremum::push(double value) noexcept {
  ++count_;
  // Drop the queued value that leaves the window.
  if (size_ > 0 && indexes_[front_] + period_ <= count_) {
    front_ = next(front_);
    --size_;
  }
  // Drop queued values the new one dominates; they can never be the extreme again.
  while (size_ > 0) {
    std::size_t back = prev((front_ + size_) % values_.size());
    double queued = values_[back];
    bool dominated = which_ == extremum::max ? queued <= value : queued >= value;
    if (!dominated)
      break;
    --size_;
  }
  std::size_t at = (front_ + size_) % values_.size();
  values_[at] = value;
  indexes_[at] = count_;
  ++size_;
}

} // namespace bourse::indicators
