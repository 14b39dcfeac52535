// Shows that the cheap update path changes no value: RSI's branch-free split of each change gives
// the branching form (TA-Lib's) bit for bit, also on zero, signed-zero, infinite and NaN changes;
// and the type-erased indicator, which copies readiness and outputs out of its model at each
// update, reports bit for bit what the concrete class reports after the same bars, including an
// indicator that becomes undefined again (VWAP when the cumulative volume falls back to 0).
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

// RSI exactly as it was written before the branch-free split (TA-Lib's order of operations).
class branching_rsi {
public:
  explicit branching_rsi(int period) : period_(period) {}

  void update(double value) {
    if (count_ <= period_ + 1)
      ++count_;
    if (count_ == 1) {
      previous_ = value;
      return;
    }
    double change = value - previous_;
    previous_ = value;
    double n = static_cast<double>(period_);
    if (count_ <= period_ + 1) {
      if (change < 0.0)
        loss_ -= change;
      else
        gain_ += change;
      if (count_ < period_ + 1)
        return;
      loss_ /= n;
      gain_ /= n;
    } else {
      loss_ *= n - 1.0;
      gain_ *= n - 1.0;
      if (change < 0.0)
        loss_ -= change;
      else
        gain_ += change;
      loss_ /= n;
      gain_ /= n;
    }
    double total = gain_ + loss_;
    value_ = total == 0.0 ? 50.0 : 100.0 * (gain_ / total);
  }
  [[nodiscard]] bool ready() const { return count_ > period_; }
  [[nodiscard]] double value() const { return value_; }

private:
  int period_;
  int count_ = 0;
  double previous_ = 0.0;
  double gain_ = 0.0;
  double loss_ = 0.0;
  double value_ = std::numeric_limits<double>::quiet_NaN();
};

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

void check_rsi_matches(int period, const std::vector<double>& series) {
  CAPTURE(period);
  relative_strength_index fast(period);
  branching_rsi reference(period);
  for (std::size_t i = 0; i < series.size(); ++i) {
    CAPTURE(i);
    fast.update(series[i]);
    reference.update(series[i]);
    REQUIRE(fast.ready() == reference.ready());
    // Bit for bit, except that a NaN is any NaN: the sign of a NaN made from infinities or NaN
    // inputs depends on the instruction sequence the optimiser chose (-O1 and -O3 differ), and no
    // NaN reaches an indicator in a run (the readers refuse NaN prices).
    if (std::isnan(fast.value()) && std::isnan(reference.value()))
      continue;
    REQUIRE(bits_of(fast.value()) == bits_of(reference.value()));
  }
}

} // namespace

TEST_CASE("RSI's branch-free split gives the branching form's values bit for bit") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  SUBCASE("a long random walk with zero changes") {
    const auto series = walk(20'000);
    for (int period : {1, 2, 3, 14, 50})
      check_rsi_matches(period, series);
  }
  SUBCASE("flat starts, signed zeros and tiny changes") {
    const std::vector<double> series = {0.0, -0.0, 0.0,    -0.0, -0.0,   1e-300, 0.0,
                                        0.0, -1.0, -0.0,   2.0,  2.0,    2.0,    5e-324,
                                        0.0, 1.0,  1.0001, 1.0,  -1e308, 1e308,  0.0};
    for (int period : {1, 2, 3, 5})
      check_rsi_matches(period, series);
  }
  SUBCASE("infinite and NaN closes") {
    const std::vector<double> series = {1.0, 2.0, 3.0, inf, 4.0, 5.0, -inf, 6.0, 7.0, 8.0,
                                        nan, 9.0, 8.0, 7.0, 6.0, inf, inf,  5.0, 4.0, 3.0};
    for (int period : {1, 2, 3, 4})
      check_rsi_matches(period, series);
  }
}

namespace {

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
