// The log-linear latency histogram.
#include "bourse/core/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace bourse {

namespace {

constexpr int sub_bits = 6; // log2(sub_buckets)

int highest_bit(std::uint64_t v) noexcept { return 63 - __builtin_clzll(v); }

} // namespace

std::size_t latency_histogram::bucket_of(std::int64_t value) noexcept {
  if (value < exact_limit)
    return value < 0 ? 0 : static_cast<std::size_t>(value);
  const auto v = static_cast<std::uint64_t>(value);
  const int e = highest_bit(v); // 7..62
  const int shift = e - sub_bits;
  const auto sub = static_cast<std::size_t>(v >> shift) - sub_buckets;
  return 2 * sub_buckets + static_cast<std::size_t>(e - 7) * sub_buckets + sub;
}

std::int64_t latency_histogram::bucket_lowest(std::size_t bucket) noexcept {
  if (bucket < static_cast<std::size_t>(exact_limit))
    return static_cast<std::int64_t>(bucket);
  const std::size_t k = bucket - 2 * sub_buckets;
  const int e = 7 + static_cast<int>(k / sub_buckets);
  const std::uint64_t sub = sub_buckets + k % sub_buckets;
  return static_cast<std::int64_t>(sub << (e - sub_bits));
}

std::int64_t latency_histogram::bucket_highest(std::size_t bucket) noexcept {
  if (bucket < static_cast<std::size_t>(exact_limit))
    return static_cast<std::int64_t>(bucket);
  const std::size_t k = bucket - 2 * sub_buckets;
  const int e = 7 + static_cast<int>(k / sub_buckets);
  const auto low = static_cast<std::uint64_t>(bucket_lowest(bucket));
  return static_cast<std::int64_t>(low + ((std::uint64_t{1} << (e - sub_bits)) - 1));
}

void latency_histogram::record_n(std::int64_t value, std::uint64_t n) noexcept {
  if (n == 0)
    return;
  value = std::max<std::int64_t>(value, 0);
  counts_[bucket_of(value)] += n;
  if (count_ == 0) {
    min_ = value;
    max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  count_ += n;
  sum_ += static_cast<double>(value) * static_cast<double>(n);
}

void latency_histogram::merge(const latency_histogram& other) noexcept {
  if (other.count_ == 0)
    return;
  for (std::size_t i = 0; i < bucket_count; ++i)
    counts_[i] += other.counts_[i];
  if (count_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  count_ += other.count_;
  sum_ += other.sum_;
}

void latency_histogram::reset() noexcept { *this = latency_histogram{}; }

double latency_histogram::mean() const noexcept {
  return count_ == 0 ? 0.0 : sum_ / static_cast<double>(count_);
}

std::int64_t latency_histogram::percentile(double p) const noexcept {
  if (count_ == 0)
    return 0;
  p = std::clamp(p, 0.0, 100.0);
  // The rank of the value asked for, 1-based; the small epsilon keeps 99.9 % of 1,000 at 999.
  const double exact = p / 100.0 * static_cast<double>(count_);
  auto rank = static_cast<std::uint64_t>(std::ceil(exact - 1e-9 * std::max(1.0, exact)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    seen += counts_[i];
    if (seen >= rank)
      return std::clamp(bucket_highest(i), min_, max_);
  }
  return max_;
}

std::vector<std::pair<std::uint32_t, std::uint64_t>> latency_histogram::nonzero_buckets() const {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
  for (std::size_t i = 0; i < bucket_count; ++i)
    if (counts_[i] != 0)
      out.emplace_back(static_cast<std::uint32_t>(i), counts_[i]);
  return out;
}

latency_histogram latency_histogram::from_buckets(
    const std::vector<std::pair<std::uint32_t, std::uint64_t>>& buckets, std::int64_t min,
    std::int64_t max, double sum) noexcept {
  latency_histogram h;
  for (const auto& [index, n] : buckets)
    if (index < bucket_count) {
      h.counts_[index] += n;
      h.count_ += n;
    }
  if (h.count_ > 0) {
    h.min_ = min;
    h.max_ = max;
    h.sum_ = sum;
  }
  return h;
}

latency_summary summarize(const latency_histogram& h) noexcept {
  latency_summary s;
  s.count = h.count();
  s.p50 = h.percentile(50);
  s.p90 = h.percentile(90);
  s.p99 = h.percentile(99);
  s.p999 = h.percentile(99.9);
  s.max = h.max();
  s.mean = h.mean();
  return s;
}

} // namespace bourse
