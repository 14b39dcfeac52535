// Shows that updating any indicator does not allocate: all buffers are taken in the constructor.
// This file replaces the global operator new of the test_indicators executable with a counting one.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <new>

#include "bourse/indicators/indicator.hpp"

namespace {
std::size_t allocations = 0;
} // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

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
    std::size_t before = allocations;
    double sink = 0.0;
    for (int i = 0; i < 1000; ++i) {
      price += (i % 7) - 3.0 + 0.01 * (i % 3);
      ind.update({price, price + 1.0, price - 1.0, price + 0.25, 1000.0 + i});
      sink += ind.ready() ? ind.value(0) : 0.0;
    }
    CHECK(allocations == before);
    CHECK(std::isfinite(sink));
  }
}
