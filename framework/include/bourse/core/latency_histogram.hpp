#pragma once
// A fixed-size log-linear latency histogram (HdrHistogram-like): record in O(1) without allocating,
// read percentiles, merge histograms of several recorders.
//
// Values are non-negative integers (nanoseconds in bourse; negative values count as 0). Values
// 0..127 each have a bucket of their own (exact); above that every power of two is split into 64
// equal buckets, so a bucket is at most 1/64 (1.6 %) of its values wide, up to the largest int64.
// A percentile is reported as the highest value of its bucket, clamped to the largest value
// recorded: it never under-reports and is at most 1.6 % above the exact order statistic.

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace bourse {

/// Counts of latencies (ns) in log-linear buckets, with count, min, max, mean and percentiles.
class latency_histogram {
public:
  /// Buckets per power of two above the exact range (relative bucket width ≤ 1/64).
  static constexpr std::size_t sub_buckets = 64;
  /// Values below this have a bucket each.
  static constexpr std::int64_t exact_limit = 2 * static_cast<std::int64_t>(sub_buckets);
  /// Number of buckets: 128 exact ones, then 64 for each power of two from 2^7 to 2^62.
  static constexpr std::size_t bucket_count = 2 * sub_buckets + (62 - 7 + 1) * sub_buckets;

  /// Adds one value (negative values are recorded as 0).
  void record(std::int64_t value) noexcept { record_n(value, 1); }
  /// Adds `n` occurrences of a value (negative values are recorded as 0).
  void record_n(std::int64_t value, std::uint64_t n) noexcept;
  /// Adds every value recorded in `other`.
  void merge(const latency_histogram& other) noexcept;
  /// Forgets every value.
  void reset() noexcept;

  /// Returns the number of values recorded.
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  /// Returns true when nothing was recorded.
  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
  /// Returns the smallest value recorded (exact; 0 when empty).
  [[nodiscard]] std::int64_t min() const noexcept { return count_ == 0 ? 0 : min_; }
  /// Returns the largest value recorded (exact; 0 when empty).
  [[nodiscard]] std::int64_t max() const noexcept { return max_; }
  /// Returns the mean of the values recorded (exact up to double rounding; 0 when empty).
  [[nodiscard]] double mean() const noexcept;
  /// Returns the value at percentile `p` (0..100): the highest value of the bucket holding the
  /// ceil(p/100 * count)-th smallest value (at least the first), clamped to [min, max]; 0 when empty.
  [[nodiscard]] std::int64_t percentile(double p) const noexcept;

  /// Returns the bucket a value falls into.
  [[nodiscard]] static std::size_t bucket_of(std::int64_t value) noexcept;
  /// Returns the smallest value of a bucket.
  [[nodiscard]] static std::int64_t bucket_lowest(std::size_t bucket) noexcept;
  /// Returns the largest value of a bucket.
  [[nodiscard]] static std::int64_t bucket_highest(std::size_t bucket) noexcept;

  /// Returns the count of one bucket (0 for an index past the end).
  [[nodiscard]] std::uint64_t bucket_count_at(std::size_t bucket) const noexcept {
    return bucket < bucket_count ? counts_[bucket] : 0;
  }
  /// Returns the non-empty buckets as (index, count), ascending (for transport).
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint64_t>> nonzero_buckets() const;
  /// Rebuilds a histogram from nonzero_buckets() plus the exact min, max and sum; buckets past the
  /// end are ignored.
  [[nodiscard]] static latency_histogram
  from_buckets(const std::vector<std::pair<std::uint32_t, std::uint64_t>>& buckets,
               std::int64_t min, std::int64_t max, double sum) noexcept;

  /// Returns the sum of the values recorded (as a double).
  [[nodiscard]] double sum() const noexcept { return sum_; }

private:
  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t count_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
  double sum_ = 0;
};

/// The usual percentiles of a histogram, in the histogram's unit (ns).
struct latency_summary {
  std::uint64_t count = 0; ///< Values recorded.
  std::int64_t p50 = 0;    ///< Median.
  std::int64_t p90 = 0;    ///< 90th percentile.
  std::int64_t p99 = 0;    ///< 99th percentile.
  std::int64_t p999 = 0;   ///< 99.9th percentile.
  std::int64_t max = 0;    ///< Largest value (exact).
  double mean = 0;         ///< Mean.
};

/// Returns count, p50, p90, p99, p99.9, max and mean of `h`.
[[nodiscard]] latency_summary summarize(const latency_histogram& h) noexcept;

} // namespace bourse
