// Shows the streaming behaviour: each indicator's first defined bar is TA-Lib's lookback,
// hand-computed seeds (SMA, EMA, WMA, MACD), rolling extremes equal a naive scan, and running
// sums do not drift: after a huge spike leaves the window the values are exact again, where a
// plain running sum (TA-Lib's method) keeps the spike's rounding residue forever.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "bourse/indicators/indicator.hpp"
#include "bourse/indicators/momentum.hpp"
#include "bourse/indicators/moving_average.hpp"
#include "bourse/indicators/volatility.hpp"
#include "bourse/indicators/window.hpp"

using namespace bourse::indicators;

namespace {

// A deterministic pseudo-random walk around 100 (xorshift64).
struct walk {
  unsigned long long state = 88172645463325252ULL;
  double price = 100.0;
  double uniform() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  }
  double next() {
    price += uniform() - 0.5;
    return std::round(price * 100.0) / 100.0;
  }
};

} // namespace

TEST_CASE("every indicator becomes defined on TA-Lib's first row") {
  struct expectation {
    const char* spec;
    int lookback; // TA-Lib's TA_*_Lookback for the same parameters
  };
  const expectation table[] = {
      {"sma:20", 19},
      {"ema:12", 11},
      {"wma:10", 9},
      {"dema:10", 18},
      {"tema:10", 27},
      {"rsi:14", 14},
      {"macd:12:26:9", 33},
      {"bbands:20:2", 19},
      {"atr:14", 14},
      {"trange", 1},
      {"stoch:14:3:3", 17},
      {"stochf:14:3", 15},
      {"willr:14", 13},
      {"cci:20", 19},
      {"roc:10", 10},
      {"mom:10", 10},
      {"obv", 0},
      {"vwap", 0},
      {"stddev:20", 19},
      {"adx:14", 27},
      {"mfi:14", 14},
      {"stoch:5:1:1", 4},
      {"atr:1", 1},
      // TA-Lib's TA_MACD_Lookback says 11 here (its EMA lookback for period 1 is -1) and its first
      // row is garbage; the signal EMA of period 1 needs no extra row: (13 - 1) + (1 - 1).
      {"macd:5:13:1", 12},
  };
  for (const auto& e : table) {
    CAPTURE(e.spec);
    auto made = make_indicator(e.spec);
    REQUIRE(made);
    indicator& ind = *made.value;
    CHECK(ind.lookback() == e.lookback);
    walk w;
    int first_ready = -1;
    for (int row = 0; row < 100 && first_ready < 0; ++row) {
      double c = w.next();
      ind.update({c, c + 0.5, c - 0.5, c, 1000.0});
      if (ind.ready())
        first_ready = row;
    }
    CHECK(first_ready == e.lookback);
  }
}

TEST_CASE("hand-computed values of the moving averages") {
  simple_moving_average sma(3);
  exponential_moving_average ema(3);
  weighted_moving_average wma(3);
  for (double x : {1.0, 2.0, 3.0})
    sma.update(x), ema.update(x), wma.update(x);
  CHECK(sma.value() == 2.0);
  CHECK(ema.value() == 2.0);                                        // seeded with the SMA
  CHECK(wma.value() == doctest::Approx(14.0 / 6.0).epsilon(1e-15)); // (1 + 2*2 + 3*3) / 6
  sma.update(7.0), ema.update(7.0), wma.update(7.0);
  CHECK(sma.value() == 4.0);
  CHECK(ema.value() == 4.5);                                        // 2 + (7 - 2) * 2/4
  CHECK(wma.value() == doctest::Approx(29.0 / 6.0).epsilon(1e-15)); // (2 + 3*2 + 7*3) / 6
}

TEST_CASE("MACD seeds its fast EMA on the slow EMA's first row") {
  // Fast 2, slow 4, signal 2 over 1, 2, 3, 4, 10: the slow EMA starts at row 3 with
  // (1+2+3+4)/4 = 2.5 and the fast EMA with the mean of rows 2-3 only, (3+4)/2 = 3.5.
  macd m(2, 4, 2);
  for (double x : {1.0, 2.0, 3.0, 4.0})
    m.update(x);
  CHECK_FALSE(m.ready());
  m.update(10.0);
  REQUIRE(m.ready()); // lookback (4 - 1) + (2 - 1) = 4
  // Row 4: fast 3.5 + (10 - 3.5) * 2/3 = 7.833.., slow 2.5 + (10 - 2.5) * 2/5 = 5.5.
  double line4 = (3.5 + 6.5 * 2.0 / 3.0) - 5.5;
  double line3 = 3.5 - 2.5;
  CHECK(m.value().macd == doctest::Approx(line4).epsilon(1e-14));
  CHECK(m.value().signal == doctest::Approx((line3 + line4) / 2.0).epsilon(1e-14));
  CHECK(m.value().histogram == doctest::Approx(line4 - (line3 + line4) / 2.0).epsilon(1e-14));

  SUBCASE("fast and slow given the wrong way round are swapped, as TA-Lib does") {
    macd swapped(4, 2, 2);
    for (double x : {1.0, 2.0, 3.0, 4.0, 10.0})
      swapped.update(x);
    CHECK(swapped.value().macd == m.value().macd);
  }
  SUBCASE("a signal period of 1 makes the signal the MACD line itself") {
    macd one(2, 4, 1);
    CHECK(one.lookback() == 3);
    for (double x : {1.0, 2.0, 3.0, 4.0})
      one.update(x);
    REQUIRE(one.ready());
    CHECK(one.value().macd == 1.0);
    CHECK(one.value().signal == 1.0);
    CHECK(one.value().histogram == 0.0);
  }
}

TEST_CASE("rolling extremes equal a naive scan of the window") {
  for (int period : {1, 2, 3, 7, 20}) {
    CAPTURE(period);
    rolling_extremum highest(period, extremum::max);
    rolling_extremum lowest(period, extremum::min);
    std::vector<double> seen;
    walk w;
    for (int i = 0; i < 500; ++i) {
      double x = (i % 37 == 0) ? 100.0 : w.next(); // repeated values too
      seen.push_back(x);
      highest.push(x);
      lowest.push(x);
      auto from =
          seen.end() - std::min<std::ptrdiff_t>(period, static_cast<std::ptrdiff_t>(seen.size()));
      CHECK(highest.value() == *std::max_element(from, seen.end()));
      CHECK(lowest.value() == *std::min_element(from, seen.end()));
    }
  }
}

TEST_CASE("running sums do not keep the rounding residue of a spike") {
  const int period = 20;
  simple_moving_average sma(period);
  standard_deviation sigma(period);
  weighted_moving_average wma(period);
  double plain_sum = 0.0; // what a plain running sum (TA-Lib's SMA) would hold
  std::vector<double> seen;
  walk w;
  for (int i = 0; i < 200000; ++i) {
    double x = i == 1000 ? 1e12 : w.next();
    seen.push_back(x);
    plain_sum += x;
    if (seen.size() > period)
      plain_sum -= seen[seen.size() - period - 1];
    sma.update(x), sigma.update(x), wma.update(x);
  }
  // Naive two-pass values of the last window.
  double mean = 0.0;
  double weighted = 0.0;
  for (int j = 0; j < period; ++j) {
    double x = seen[seen.size() - period + static_cast<std::size_t>(j)];
    mean += x;
    weighted += x * (j + 1);
  }
  mean /= period;
  double variance = 0.0;
  for (int j = 0; j < period; ++j) {
    double d = seen[seen.size() - period + static_cast<std::size_t>(j)] - mean;
    variance += d * d;
  }
  variance /= period;
  CHECK(sma.value() == doctest::Approx(mean).epsilon(1e-13));
  CHECK(wma.value() == doctest::Approx(weighted / (period * (period + 1) / 2.0)).epsilon(1e-13));
  CHECK(sigma.value() == doctest::Approx(std::sqrt(variance)).epsilon(1e-9));
  // The plain running sum still carries the residue of the 1e12 spike (units of 1e-4).
  CHECK(std::fabs(plain_sum / period - mean) > 1e-7);
}
