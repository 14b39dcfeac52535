// indicators.*: nanoseconds per update of every indicator through the interface the indicator actor
// uses (indicators::indicator::update, then ready() and every value(i)), against a hand-written
// ring-buffer SMA in the same run.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include "bourse/indicators/indicator.hpp"
#include "study_kit.hpp"
#include "system_benchmarks.hpp"

namespace bourse::bench::detail {

namespace {

template <class Run>
double median_ns_per_update(std::size_t updates, int repeats, Run&& run) {
  std::vector<double> ns;
  for (int r = 0; r < repeats; ++r) {
    auto started = std::chrono::steady_clock::now();
    run();
    ns.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - started)
                     .count() /
                 static_cast<double>(updates));
  }
  std::sort(ns.begin(), ns.end());
  return ns[ns.size() / 2];
}

volatile double sink = 0;

} // namespace

void indicator_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                          std::vector<std::string>& problems) {
  const std::size_t n = opts.quick ? 200'000 : 2'000'000;
  const int repeats = opts.quick ? 3 : 5;
  // Seed 0: the walk starts from 88172645463325252, the series these rows have always used (a
  // deterministic, bounded, wiggly OHLCV series, made before timing).
  const auto bars = study::make_bars(n, 0);
  std::fprintf(stderr, "indicators: %zu updates per indicator, median of %d\n", n, repeats);

  // Baseline: the least an O(1) indicator can do, a ring-buffer SMA(14) written out by hand.
  const double direct = median_ns_per_update(n, repeats, [&] {
    std::array<double, 14> ring{};
    double sum = 0, acc = 0;
    std::size_t i = 0;
    for (const auto& b : bars) {
      sum += b.close - ring[i];
      ring[i] = b.close;
      i = i + 1 == ring.size() ? 0 : i + 1;
      acc += sum / 14;
    }
    sink = acc;
  });

  const char* specs[] = {"sma:14",    "ema:14",       "wma:14",   "dema:14",    "tema:14",
                         "rsi:14",    "macd:12:26:9", "bbands:20:2", "atr:14", "trange",
                         "stoch:14:3:3", "stochf:14:3", "willr:14", "cci:14",    "roc:10",
                         "mom:10",    "obv",          "vwap",     "stddev:20",  "adx:14",
                         "mfi:14"};
  for (const char* spec : specs) {
    auto made = indicators::make_indicator(spec);
    if (!made) {
      problems.push_back(std::string{"indicators: "} + spec + ": " + made.error);
      continue;
    }
    auto ind = std::move(*made.value);
    // What the indicator actor does per bar: update, then read every output once ready.
    const double ns = median_ns_per_update(n, repeats, [&] {
      double acc = 0;
      for (const auto& b : bars) {
        ind.update(b);
        if (ind.ready())
          for (std::size_t i = 0; i < ind.output_count(); ++i)
            acc += ind.value(i);
      }
      sink = acc;
    });
    std::string name = spec;
    name = "indicators." + name.substr(0, name.find(':'));
    rows.push_back({name, ns, "ns/update", "ring_sma_14", direct, ns / direct});
  }
}

} // namespace bourse::bench::detail
