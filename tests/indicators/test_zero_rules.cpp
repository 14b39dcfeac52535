// Shows the documented rules for flat windows and 0/0 cases (docs/indicators.md), with values
// derived by hand: RSI 50 without any change, stochastic %K 50 and Williams %R -50 on a zero
// range, CCI 0 and sigma exactly 0 on a flat window, Bollinger bands collapsing onto the price,
// MFI 50 without money flow, VWAP undefined until some volume traded, ROC 0 on a zero base.
#include <doctest/doctest.h>

#include <cmath>

#include "bourse/indicators/momentum.hpp"
#include "bourse/indicators/moving_average.hpp"
#include "bourse/indicators/oscillators.hpp"
#include "bourse/indicators/trend.hpp"
#include "bourse/indicators/volatility.hpp"
#include "bourse/indicators/volume.hpp"

using namespace bourse::indicators;

TEST_CASE("a series that never moves gives the neutral value of each oscillator") {
  const double p = 100.1; // not exactly representable, so a naive mean would be off by an ulp
  relative_strength_index rsi(5);
  fast_k k(5);
  stochastic slow(5, 3, 3);
  stochastic_fast fast(5, 3);
  williams_r willr(5);
  commodity_channel_index cci(5);
  money_flow_index mfi(5);
  average_directional_index adx(3);
  for (int i = 0; i < 30; ++i) {
    rsi.update(p);
    k.update(p, p, p);
    slow.update(p, p, p);
    fast.update(p, p, p);
    willr.update(p, p, p);
    cci.update(p, p, p);
    mfi.update(p, p, p, 1000.0);
    adx.update(p, p, p);
  }
  CHECK(rsi.value() == 50.0);
  CHECK(k.value() == 50.0);
  CHECK(slow.value().k == 50.0);
  CHECK(slow.value().d == 50.0);
  CHECK(fast.value().k == 50.0);
  CHECK(fast.value().d == 50.0);
  CHECK(willr.value() == -50.0);
  CHECK(cci.value() == 0.0);
  CHECK(mfi.value() == 50.0);
  CHECK(adx.value() == 0.0); // no true range: no directional movement, no trend
}

TEST_CASE("a flat window has a standard deviation of exactly zero and collapsed bands") {
  standard_deviation sigma(4);
  bollinger_bands bands(4, 2.0);
  simple_moving_average sma(4);
  weighted_moving_average wma(4);
  SUBCASE("after moving prices the flat window still gives exactly zero") {
    for (double x : {101.37, 99.91, 100.44, 102.03, 98.76})
      sigma.update(x), bands.update(x), sma.update(x), wma.update(x);
    CHECK(sigma.value() > 0.0);
  }
  for (int i = 0; i < 4; ++i)
    sigma.update(100.1), bands.update(100.1), sma.update(100.1), wma.update(100.1);
  CHECK(sigma.value() == 0.0);
  CHECK(sma.value() == 100.1);
  CHECK(wma.value() == 100.1);
  CHECK(bands.value().middle == 100.1);
  CHECK(bands.value().upper == 100.1);
  CHECK(bands.value().lower == 100.1);
}

TEST_CASE("a zero-range window gives stochastic 50 and Williams %R -50 until the range opens") {
  stochastic_fast fast(3, 1);
  williams_r willr(3);
  for (int i = 0; i < 3; ++i)
    fast.update(50.0, 50.0, 50.0), willr.update(50.0, 50.0, 50.0);
  CHECK(fast.value().k == 50.0);
  CHECK(willr.value() == -50.0);
  // Now a bar up to 52 closing at 51.5: highest 52, lowest 50.
  fast.update(52.0, 51.0, 51.5);
  willr.update(52.0, 51.0, 51.5);
  CHECK(fast.value().k == doctest::Approx(75.0).epsilon(1e-15)); // (51.5 - 50) / 2 * 100
  CHECK(willr.value() == doctest::Approx(-25.0).epsilon(1e-15)); // -(52 - 51.5) / 2 * 100
}

TEST_CASE("RSI is 50 only while there was no change at all, then follows Wilder") {
  relative_strength_index rsi(2);
  rsi.update(10.0);
  rsi.update(10.0);
  rsi.update(10.0);
  REQUIRE(rsi.ready());
  CHECK(rsi.value() == 50.0);
  rsi.update(11.0); // gain (0 * 1 + 1) / 2 = 0.5, loss 0
  CHECK(rsi.value() == 100.0);
  rsi.update(10.5); // gain 0.25, loss (0 + 0.5) / 2 = 0.25
  CHECK(rsi.value() == doctest::Approx(50.0).epsilon(1e-15));
}

TEST_CASE("MFI is 50 when its window carries no money flow and exactly 100 with inflow only") {
  money_flow_index mfi(3);
  mfi.update(11.0, 9.0, 10.0, 500.0);
  SUBCASE("zero volume") {
    for (int i = 0; i < 3; ++i)
      mfi.update(11.0 + i, 9.0 + i, 10.0 + i, 0.0);
    CHECK(mfi.value() == 50.0);
  }
  SUBCASE("inflow only, after outflow left the window") {
    mfi.update(10.0, 8.0, 9.0, 700.0); // outflow
    for (int i = 1; i <= 3; ++i)
      mfi.update(10.0 + i, 8.0 + i, 9.0 + i, 300.0);
    CHECK(mfi.value() == 100.0);
    mfi.update(11.0, 9.0, 10.0, 600.0); // tp 10 after 12: outflow 6000 vs inflow 3300 + 3600
    CHECK(mfi.value() == doctest::Approx(100.0 * 6900.0 / 12900.0).epsilon(1e-14));
  }
}

TEST_CASE("VWAP is undefined until volume trades, then ignores zero-volume bars") {
  volume_weighted_average_price vwap;
  vwap.update(12.0, 9.0, 9.0, 0.0);
  CHECK_FALSE(vwap.ready());
  CHECK(std::isnan(vwap.value()));
  vwap.update(12.0, 9.0, 12.0, 100.0); // typical 11
  REQUIRE(vwap.ready());
  CHECK(vwap.value() == 11.0);
  vwap.update(50.0, 50.0, 50.0, 0.0); // no volume: no weight
  CHECK(vwap.value() == 11.0);
  vwap.update(20.0, 20.0, 20.0, 300.0); // (11 * 100 + 20 * 300) / 400
  CHECK(vwap.value() == 17.75);
}

TEST_CASE("ROC from a zero base is 0, as TA-Lib") {
  rate_of_change roc(1);
  roc.update(0.0);
  roc.update(5.0);
  REQUIRE(roc.ready());
  CHECK(roc.value() == 0.0);
  roc.update(6.0);
  CHECK(roc.value() == doctest::Approx(20.0).epsilon(1e-15));
}

TEST_CASE("sigma of two close prices is exact where TA-Lib's one-pass formula loses digits") {
  // Rows 201-202 of tests/data/talib/ohlcv.csv close at 83.96 and 83.97; TA-Lib's STDDEV gives
  // 0.0050000009372887719 there (mean of squares minus squared mean cancels 7 digits).
  standard_deviation sigma(2);
  sigma.update(83.96);
  sigma.update(83.97);
  CHECK(sigma.value() == doctest::Approx(0.005).epsilon(1e-11));
  CHECK(std::fabs(sigma.value() - 0.0050000009372887719) > 9e-10);
}
