// Shows the curve helpers: the sampling period and annualisation inferred from timestamps, the
// underwater curve, and min/max downsampling that keeps every extreme within the point budget.
#include <doctest/doctest.h>

#include <algorithm>

#include "bourse/report/curve.hpp"
#include "report_kit.hpp"

using namespace report_kit;
using doctest::Approx;

TEST_CASE("infer_sampling takes the lower median gap and knows daily data") {
  SUBCASE("weekday bars are daily: 252 a year") {
    auto s = infer_sampling(curve_weekdays(at("2024-01-01"), std::vector<double>(30, 1.0)));
    REQUIRE(s);
    CHECK(s->daily);
    CHECK(s->period == ns_per_day);
    CHECK(s->periods_per_year == 252.0);
  }
  SUBCASE("hourly samples: 8766 a year") {
    auto s = infer_sampling(curve_every(0, 3600 * ns_per_second, {1, 2, 3, 4}));
    REQUIRE(s);
    CHECK_FALSE(s->daily);
    CHECK(s->periods_per_year == Approx(8766.0));
  }
  SUBCASE("repeated timestamps are not gaps, and the lower median is used") {
    // Gaps 1 s, 0 (ignored), 3 s, 2 s, 10 s: sorted 1, 2, 3, 10 -> lower median 2 s.
    equity_curve curve{{0, 1},
                       {ns_per_second, 1},
                       {ns_per_second, 1},
                       {4 * ns_per_second, 1},
                       {6 * ns_per_second, 1},
                       {16 * ns_per_second, 1}};
    auto s = infer_sampling(curve);
    REQUIRE(s);
    CHECK(s->period == 2 * ns_per_second);
  }
  SUBCASE("fewer than two distinct times: unknown") {
    CHECK_FALSE(infer_sampling({}));
    CHECK_FALSE(infer_sampling({{5, 1.0}, {5, 2.0}}));
  }
}

TEST_CASE("underwater_curve measures the fall from the running peak") {
  auto points = underwater_curve(curve_every(0, 1, {100, 120, 90, 130, 117}));
  REQUIRE(points.size() == 5);
  const double amounts[] = {0, 0, 30, 0, 13};
  const double fractions[] = {0, 0, 0.25, 0, 0.1};
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(points[i].ts == static_cast<timestamp>(i));
    CHECK(points[i].amount == Approx(amounts[i]));
    CHECK(points[i].fraction == Approx(fractions[i]));
  }
  SUBCASE("a non-positive peak gives fraction zero, not a division by zero") {
    auto negative = underwater_curve(curve_every(0, 1, {-10, -20}));
    CHECK(negative[1].amount == Approx(10.0));
    CHECK(negative[1].fraction == 0.0);
  }
}

TEST_CASE("downsample_min_max keeps the first, last and each bucket's extremes") {
  SUBCASE("short lines are returned whole") {
    std::vector<plot_point> points{{0, 1}, {1, 2}, {2, 3}};
    auto out = downsample_min_max(points, 10);
    CHECK(out.size() == 3);
  }
  SUBCASE("ten points into six: two buckets of four") {
    // Inner points 1..8: bucket [1,5) has min 0 at 3 and max 9 at 2; bucket [5,9) min -5 at 8,
    // max 7 at 5.
    std::vector<plot_point> points;
    const double values[] = {5, 4, 9, 0, 6, 7, 1, 2, -5, 3};
    for (int i = 0; i < 10; ++i)
      points.push_back({i, values[i]});
    auto out = downsample_min_max(points, 6);
    REQUIRE(out.size() == 6);
    const timestamp expected[] = {0, 2, 3, 5, 8, 9};
    for (std::size_t i = 0; i < 6; ++i)
      CHECK(out[i].ts == expected[i]);
  }
  SUBCASE("100 000 points fit 2000 and keep the global extremes in time order") {
    std::vector<plot_point> points;
    std::uint64_t state = 12345;
    for (int i = 0; i < 100'000; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      points.push_back({i, static_cast<double>(state >> 40)});
    }
    points[31'337].value = -1.0;
    points[77'777].value = 1e12;
    auto out = downsample_min_max(points, 2000);
    CHECK(out.size() <= 2000);
    CHECK(out.size() >= 1990);
    CHECK(std::is_sorted(out.begin(), out.end(),
                         [](const plot_point& a, const plot_point& b) { return a.ts < b.ts; }));
    auto has = [&](timestamp ts) {
      return std::any_of(out.begin(), out.end(), [&](const plot_point& p) { return p.ts == ts; });
    };
    CHECK(has(0));
    CHECK(has(99'999));
    CHECK(has(31'337));
    CHECK(has(77'777));
  }
}
