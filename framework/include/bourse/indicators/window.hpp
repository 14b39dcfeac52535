#pragma once
// Fixed-size rolling windows the streaming indicators are built from: a ring buffer, a rolling
// sum/mean, a rolling variance and a rolling maximum/minimum. All memory is taken in the
// constructor; push() never allocates and costs O(1) amortised.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bourse::indicators {

/// The largest period any indicator accepts (TA-Lib's limit as well).
inline constexpr int max_period = 100000;

/// A ring of the last `capacity` doubles; pushing into a full ring drops the oldest value.
class ring_buffer {
public:
  /// Creates an empty ring holding at most `capacity` values (at least 1).
  explicit ring_buffer(std::size_t capacity);

  /// Appends a value, dropping the oldest one when the ring is full.
  void push(double value) noexcept {
    data_[head_] = value;
    head_ = head_ + 1 == data_.size() ? 0 : head_ + 1;
    if (size_ < data_.size())
      ++size_;
  }
  /// Returns how many values the ring holds.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  /// Returns the most values the ring holds.
  [[nodiscard]] std::size_t capacity() const noexcept { return data_.size(); }
  /// Returns true when the ring holds `capacity` values.
  [[nodiscard]] bool full() const noexcept { return size_ == data_.size(); }
  /// Returns the value `index` places after the oldest one (0 is the oldest); index < size().
  [[nodiscard]] double operator[](std::size_t index) const noexcept {
    std::size_t start = full() ? head_ : 0;
    std::size_t at = start + index;
    return data_[at >= data_.size() ? at - data_.size() : at];
  }
  /// Returns the oldest value (the one the next push drops when the ring is full); size() > 0.
  [[nodiscard]] double oldest() const noexcept { return (*this)[0]; }
  /// Returns the newest value; size() > 0.
  [[nodiscard]] double newest() const noexcept {
    return data_[head_ == 0 ? data_.size() - 1 : head_ - 1];
  }

private:
  std::vector<double> data_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

/// Counts how many of the last pushed values equal the newest one exactly, so a window can tell
/// in O(1) that it holds a single repeated value (a flat window).
class equal_run {
public:
  /// Records a value; returns the length of the run of equal values it ends.
  std::size_t push(double value) noexcept {
    run_ = (run_ > 0 && value == last_) ? run_ + 1 : 1;
    last_ = value;
    return run_;
  }
  /// Returns the length of the current run (0 before the first value).
  [[nodiscard]] std::size_t length() const noexcept { return run_; }
  /// Returns the last value pushed.
  [[nodiscard]] double last() const noexcept { return last_; }

private:
  double last_ = 0.0;
  std::size_t run_ = 0;
};

/// The sum and mean of the last `period` values. The sum is kept as a running sum (as TA-Lib
/// does) and recomputed from the window every `period` pushes, so rounding error cannot
/// accumulate over long series (a spike that left the window leaves no residue). A window of
/// one repeated value has that value as its exact mean.
class rolling_sum {
public:
  /// Creates an empty window of `period` values (at least 1).
  explicit rolling_sum(int period);

  /// Appends a value, dropping the oldest once the window is full.
  void push(double value) noexcept;
  /// Returns true once the window holds `period` values.
  [[nodiscard]] bool full() const noexcept { return window_.full(); }
  /// Returns how many values the window holds.
  [[nodiscard]] std::size_t size() const noexcept { return window_.size(); }
  /// Returns the sum of the values in the window.
  [[nodiscard]] double sum() const noexcept { return sum_; }
  /// Returns the mean of a full window (sum / period; exact for a flat window).
  [[nodiscard]] double mean() const noexcept;
  /// Returns the window's values.
  [[nodiscard]] const ring_buffer& window() const noexcept { return window_; }

private:
  void recompute() noexcept;

  ring_buffer window_;
  double sum_ = 0.0;
  std::size_t since_recompute_ = 0;
  equal_run run_;
};

/// The population variance of the last `period` values, from running sums of the values minus a
/// shift near their mean (re-centred and recomputed from the window every `period` pushes, so the
/// sums neither lose digits to a large price level nor drift). A flat window has variance exactly
/// 0, and rounding can never make the variance negative.
class rolling_variance {
public:
  /// Creates an empty window of `period` values (at least 1).
  explicit rolling_variance(int period);

  /// Appends a value, dropping the oldest once the window is full.
  void push(double value) noexcept;
  /// Returns true once the window holds `period` values.
  [[nodiscard]] bool full() const noexcept { return window_.full(); }
  /// Returns the population variance of a full window (>= 0; exactly 0 when flat).
  [[nodiscard]] double variance() const noexcept;

private:
  void recompute() noexcept;

  ring_buffer window_;
  double shift_ = 0.0;
  double sum_ = 0.0;
  double sum_squares_ = 0.0;
  std::size_t since_recompute_ = 0;
  equal_run run_;
};

/// Which extreme a rolling_extremum tracks.
enum class extremum : std::uint8_t {
  max, ///< The largest value of the window.
  min  ///< The smallest value of the window.
};

/// The largest (or smallest) of the last `period` values, with a monotonic queue: each value is
/// queued and dropped once, so push() is O(1) amortised.
class rolling_extremum {
public:
  /// Creates an empty window of `period` values (at least 1) tracking `which` extreme.
  rolling_extremum(int period, extremum which);

  /// Appends a value, dropping the oldest once the window holds `period` values.
  void push(double value) noexcept;
  /// Returns the extreme of the values in the window; at least one value was pushed.
  [[nodiscard]] double value() const noexcept { return values_[front_]; }
  /// Returns true once `period` values were pushed.
  [[nodiscard]] bool full() const noexcept { return count_ >= period_; }

private:
  [[nodiscard]] std::size_t next(std::size_t at) const noexcept {
    return at + 1 == values_.size() ? 0 : at + 1;
  }
  [[nodiscard]] std::size_t prev(std::size_t at) const noexcept {
    return at == 0 ? values_.size() - 1 : at - 1;
  }

  std::vector<double> values_;
  std::vector<std::uint64_t> indexes_;
  std::size_t front_ = 0;
  std::size_t size_ = 0;
  std::uint64_t count_ = 0;
  std::uint64_t period_;
  extremum which_;
};

/// Clamps a period to [minimum, max_period]; constructors use it so that a bad period can never
/// size a buffer wrongly (validate user input with parse_indicator_spec first).
[[nodiscard]] constexpr int clamp_period(int period, int minimum) noexcept {
  return period < minimum ? minimum : period > max_period ? max_period : period;
}

} // namespace bourse::indicators
