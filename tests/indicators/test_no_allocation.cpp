// Shows that updating any indicator and reading its outputs, as the indicator actor does after each
// bar, does not allocate: all buffers are taken in the constructor.
// Calls of operator new are counted with counting_new.hpp.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>

#include "bourse/indicators/indicator.hpp"
#include "counting_new.hpp"

using bourse::testing::heap_allocations;

TEST_CASE("updating an indicator never allocates") {
  const char* specs[] = {
      "sma:20",      "ema:12", "wma:10", "dema:10",      "tema:10",     "rsi:14",   "macd:12:26:9",
      "bbands:20:2", "atr:14", "trange", "stoch:14:3:3", "stochf:14:3", "willr:14", "cci:20",
      "roc:10",      "mom:10", "obv",    "vwap",         "stddev:20",   "adx:14",   "mfi:14"};
  for (const char* spec : specs) {
    CAPTURE(spec);
    auto made = bourse::indicators::make_indicator(spec);
    REQUIRE(made);
    auto& ind = *made.value;
    double price = 100.0;
    std::size_t before = heap_allocations();
    double sink = 0.0;
    for (int i = 0; i < 1000; ++i) {
      price += (i % 7) - 3.0 + 0.01 * (i % 3);
      ind.update({price, price + 1.0, price - 1.0, price + 0.25, 1000.0 + i});
      // What the indicator actor reads after each bar.
      if (ind.ready())
        for (std::size_t k = 0; k < ind.output_count(); ++k)
          sink += ind.value(k);
    }
    CHECK(heap_allocations() == before);
    CHECK(std::isfinite(sink));
  }
}
