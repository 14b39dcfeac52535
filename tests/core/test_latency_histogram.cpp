// Shows that the latency histogram counts exactly below 128, keeps every bucket within 1/64 of its
// values above, reports percentiles of known distributions, merges, and survives transport.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "bourse/core/latency_histogram.hpp"

using bourse::latency_histogram;

TEST_CASE("an empty histogram reports zeros") {
  latency_histogram h;
  CHECK(h.empty());
  CHECK(h.count() == 0);
  CHECK(h.min() == 0);
  CHECK(h.max() == 0);
  CHECK(h.mean() == 0.0);
  CHECK(h.percentile(50) == 0);
  CHECK(h.percentile(99.9) == 0);
  CHECK(h.nonzero_buckets().empty());
  auto s = bourse::summarize(h);
  CHECK(s.count == 0);
  CHECK(s.p99 == 0);
}

TEST_CASE("bucket edges: exact below 128, 64 buckets per power of two above") {
  for (std::int64_t v = 0; v < 128; ++v) {
    CHECK(latency_histogram::bucket_of(v) == static_cast<std::size_t>(v));
    CHECK(latency_histogram::bucket_lowest(static_cast<std::size_t>(v)) == v);
    CHECK(latency_histogram::bucket_highest(static_cast<std::size_t>(v)) == v);
  }
  // 128..255 in buckets two wide, 256..511 four wide.
  CHECK(latency_histogram::bucket_of(128) == 128);
  CHECK(latency_histogram::bucket_of(129) == 128);
  CHECK(latency_histogram::bucket_of(130) == 129);
  CHECK(latency_histogram::bucket_of(255) == 191);
  CHECK(latency_histogram::bucket_of(256) == 192);
  CHECK(latency_histogram::bucket_of(259) == 192);
  CHECK(latency_histogram::bucket_of(260) == 193);
  CHECK(latency_histogram::bucket_lowest(192) == 256);
  CHECK(latency_histogram::bucket_highest(192) == 259);
  CHECK(latency_histogram::bucket_of(-5) == 0);
  const auto top = std::numeric_limits<std::int64_t>::max();
  CHECK(latency_histogram::bucket_of(top) == latency_histogram::bucket_count - 1);
  CHECK(latency_histogram::bucket_highest(latency_histogram::bucket_count - 1) == top);

  SUBCASE("buckets tile the number line without gaps, each at most 1/64 of its values wide") {
    for (std::size_t b = 1; b < latency_histogram::bucket_count; ++b) {
      const auto low = latency_histogram::bucket_lowest(b);
      const auto high = latency_histogram::bucket_highest(b);
      REQUIRE(low == latency_histogram::bucket_highest(b - 1) + 1);
      REQUIRE(latency_histogram::bucket_of(low) == b);
      REQUIRE(latency_histogram::bucket_of(high) == b);
      REQUIRE(static_cast<double>(high - low + 1) <= static_cast<double>(low) / 64.0 + 1.0);
    }
  }
}

TEST_CASE("percentiles of 1..1000 are the order statistics within 1/64") {
  latency_histogram h;
  for (std::int64_t v = 1; v <= 1000; ++v)
    h.record(v);
  CHECK(h.count() == 1000);
  CHECK(h.min() == 1);
  CHECK(h.max() == 1000);
  CHECK(h.mean() == doctest::Approx(500.5));
  auto within = [](std::int64_t got, std::int64_t exact) {
    return got >= exact && static_cast<double>(got) <= static_cast<double>(exact) * (1 + 1.0 / 64);
  };
  CHECK(within(h.percentile(50), 500));
  CHECK(within(h.percentile(90), 900));
  CHECK(within(h.percentile(99), 990));
  CHECK(within(h.percentile(99.9), 999));
  CHECK(h.percentile(100) == 1000);
  CHECK(h.percentile(0) == 1);
  // Below 128 the answer is exact: the 10th percentile of 1..1000 is 100.
  CHECK(h.percentile(10) == 100);
}

TEST_CASE("a skewed distribution: the tail shows in p99 and p99.9 only") {
  latency_histogram h;
  h.record_n(5'000, 989);   // 5 µs
  h.record_n(40'000, 10);   // 40 µs
  h.record(2'000'000);      // one 2 ms outlier
  auto s = bourse::summarize(h);
  CHECK(s.count == 1000);
  CHECK(s.p50 >= 5'000);
  CHECK(s.p50 <= 5'000 + 5'000 / 64);
  CHECK(s.p90 == s.p50);
  CHECK(s.p99 >= 40'000);
  CHECK(s.p99 <= 40'000 + 40'000 / 64);
  CHECK(s.p999 == s.p99); // the 999th value is still 40 µs
  CHECK(s.max == 2'000'000);
  CHECK(h.percentile(100) == 2'000'000);
}

TEST_CASE("percentiles never leave [min, max]") {
  latency_histogram h;
  h.record(1'000'001); // in a bucket 16,384 wide
  CHECK(h.percentile(50) == 1'000'001);
  CHECK(h.percentile(0) == 1'000'001);
  h.record(-7); // clamped to 0
  CHECK(h.min() == 0);
  CHECK(h.percentile(50) == 0);
}

TEST_CASE("merging equals recording everything in one histogram") {
  latency_histogram a, b, all;
  for (std::int64_t v = 0; v < 5000; v += 3) {
    a.record(v * 7);
    all.record(v * 7);
  }
  for (std::int64_t v = 0; v < 300; ++v) {
    b.record(v * 1'001);
    all.record(v * 1'001);
  }
  latency_histogram merged = a;
  merged.merge(b);
  CHECK(merged.count() == all.count());
  CHECK(merged.min() == all.min());
  CHECK(merged.max() == all.max());
  CHECK(merged.mean() == doctest::Approx(all.mean()));
  for (double p : {1.0, 50.0, 90.0, 99.0, 99.9, 100.0})
    CHECK(merged.percentile(p) == all.percentile(p));
  SUBCASE("merging into or from an empty histogram") {
    latency_histogram empty;
    empty.merge(b);
    CHECK(empty.count() == b.count());
    CHECK(empty.min() == b.min());
    latency_histogram copy = b;
    copy.merge(latency_histogram{});
    CHECK(copy.count() == b.count());
    CHECK(copy.max() == b.max());
  }
  SUBCASE("reset forgets everything") {
    merged.reset();
    CHECK(merged.empty());
    CHECK(merged.max() == 0);
  }
}

TEST_CASE("the sparse bucket list rebuilds the same histogram") {
  latency_histogram h;
  for (std::int64_t v = 100; v < 100'000; v += 37)
    h.record(v);
  auto buckets = h.nonzero_buckets();
  CHECK(buckets.size() < latency_histogram::bucket_count);
  auto copy = latency_histogram::from_buckets(buckets, h.min(), h.max(), h.sum());
  CHECK(copy.count() == h.count());
  CHECK(copy.min() == h.min());
  CHECK(copy.max() == h.max());
  CHECK(copy.mean() == doctest::Approx(h.mean()));
  for (double p : {50.0, 90.0, 99.0, 99.9})
    CHECK(copy.percentile(p) == h.percentile(p));
  SUBCASE("indices past the end are ignored") {
    auto odd = latency_histogram::from_buckets({{5, 2}, {999'999, 4}}, 5, 5, 10);
    CHECK(odd.count() == 2);
    CHECK(odd.percentile(50) == 5);
  }
}
