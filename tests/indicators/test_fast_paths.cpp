// Shows that the cheap update path changes no value: the type-erased indicator, which copies
// readiness and outputs out of its model at each update, reports bit for bit what the concrete
// class reports after the same bars, including an indicator that becomes undefined again (VWAP
// when the cumulative volume falls back to 0).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "bourse/indicators/indicator.hpp"
#include "bourse/indicators/momentum.hpp"
#include "bourse/indicators/moving_average.hpp"
#include "bourse/indicators/oscillators.hpp"
#include "bourse/indicators/volume.hpp"

using namespace bourse::indicators;

namespace {

std::uint64_t bits_of(double x) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

// A deterministic random walk (xorshift64) with flat stretches, for long comparisons.
std::vector<double> walk(std::size_t n) {
  std::vector<double> out;
  std::uint64_t state = 88172645463325252ULL;
  double price = 100.0;
  for (std::size_t i = 0; i < n; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    if (state % 5 != 0) // one bar in five repeats the last close: a zero change
      price += (static_cast<double>(state % 2001) - 1000.0) / 997.0;
    out.push_back(price);
  }
  return out;
}

// Feeds `bars` to the type-erased `spec` and to `concrete` (through `feed`), and checks after
// every bar that readiness and every output agree bit for bit (NaN while not ready).
template <class Concrete, class Feed, class Read>
void check_same_as_concrete(const char* spec, Concrete concrete, const std::vector<ohlcv>& bars,
                            Feed feed, Read read) {
  CAPTURE(spec);
  auto made = make_indicator(spec);
  REQUIRE(made);
  indicator& erased = *made.value;
  CHECK_FALSE(erased.ready());
  for (std::size_t i = 0; i < max_outputs + 1; ++i)
    CHECK(std::isnan(erased.value(i)));
  for (std::size_t row = 0; row < bars.size(); ++row) {
    CAPTURE(row);
    erased.update(bars[row]);
    feed(concrete, bars[row]);
    REQUIRE(erased.ready() == concrete.ready());
    for (std::size_t i = 0; i < erased.output_count(); ++i) {
      CAPTURE(i);
      const double expected =
          concrete.ready() ? read(concrete, i) : std::numeric_limits<double>::quiet_NaN();
      if (std::isnan(expected))
        REQUIRE(std::isnan(erased.value(i)));
      else
        REQUIRE(bits_of(erased.value(i)) == bits_of(expected));
    }
    for (std::size_t i = erased.output_count(); i < max_outputs + 1; ++i)
      REQUIRE(std::isnan(erased.value(i)));
  }
}

std::vector<ohlcv> bars_of(const std::vector<double>& closes) {
  std::vector<ohlcv> out;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    const double c = closes[i];
    out.push_back({c, c + 0.5, c - 0.5, c, 1000.0 + static_cast<double>(i % 7)});
  }
  return out;
}

} // namespace

TEST_CASE("the type-erased indicator reports what the concrete class reports after every bar") {
  const auto bars = bars_of(walk(2'000));
  const auto on_close = [](auto& x, const ohlcv& b) { x.update(b.close); };
  const auto single = [](const auto& x, std::size_t) { return x.value(); };
  check_same_as_concrete("sma:14", simple_moving_average(14), bars, on_close, single);
  check_same_as_concrete("ema:14", exponential_moving_average(14), bars, on_close, single);
  check_same_as_concrete("rsi:14", relative_strength_index(14), bars, on_close, single);
  check_same_as_concrete("macd:12:26:9", macd(12, 26, 9), bars, on_close,
                         [](const macd& x, std::size_t i) {
                           const auto& v = x.value();
                           return i == 0 ? v.macd : i == 1 ? v.signal : v.histogram;
                         });
  check_same_as_concrete(
      "stoch:14:3:3", stochastic(14, 3, 3), bars,
      [](stochastic& x, const ohlcv& b) { x.update(b.high, b.low, b.close); },
      [](const stochastic& x, std::size_t i) { return i == 0 ? x.value().k : x.value().d; });
}

TEST_CASE("a VWAP whose cumulative volume falls back to zero is undefined again") {
  // Volume 0, then +5, then -5 (a correction print): ready only while the cumulative volume is
  // positive, and NaN again afterwards.
  const std::vector<ohlcv> bars = {{10, 11, 9, 10, 0},
                                   {10, 11, 9, 10, 5},
                                   {12, 13, 11, 12, 0},
                                   {12, 13, 11, 12, -5},
                                   {14, 15, 13, 14, 2}};
  check_same_as_concrete(
      "vwap", volume_weighted_average_price(), bars,
      [](volume_weighted_average_price& x, const ohlcv& b) {
        x.update(b.high, b.low, b.close, b.volume);
      },
      [](const volume_weighted_average_price& x, std::size_t) { return x.value(); });
  auto made = make_indicator("vwap");
  REQUIRE(made);
  std::vector<bool> ready;
  for (const auto& b : bars) {
    made.value->update(b);
    ready.push_back(made.value->ready());
  }
  CHECK(ready == std::vector<bool>{false, true, true, false, true});
}
