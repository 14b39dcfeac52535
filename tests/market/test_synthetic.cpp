// Shows that the synthetic generators are deterministic (same seed, same data, fixed checksums that
// the Python reference model reproduces) and sane: consistent OHLC on the tick grid, increasing
// weekday timestamps, GBM statistics, and multi-symbol ticks in time order with valid quotes and
// trades at the quoted prices.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <vector>

#include "bourse/market/synthetic.hpp"

using namespace bourse;

namespace {

struct fnv1a {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  void add(std::int64_t value) {
    auto v = static_cast<std::uint64_t>(value);
    for (int b = 0; b < 8; ++b) {
      hash ^= (v >> (8 * b)) & 0xff;
      hash *= 0x100000001b3ULL;
    }
  }
};

bool same(const bar& a, const bar& b) {
  return a.ts == b.ts && a.open.raw() == b.open.raw() && a.high.raw() == b.high.raw() &&
         a.low.raw() == b.low.raw() && a.close.raw() == b.close.raw() &&
         a.volume.raw() == b.volume.raw();
}

tick_generator_config three_symbols(std::uint64_t seed) {
  tick_generator_config c;
  c.seed = seed;
  c.symbols = {synthetic_symbol{*instrument::make("ACME", "0.01", "1"), 50, 0.3, 3, 5, 2},
               synthetic_symbol{*instrument::make("EURUSD", "0.00001", "1000"), 1.1, 0.08, 2, 5, 5},
               synthetic_symbol{*instrument::make("BTC-USD", "0.5", "0.001"), 42000, 0.6, 5, 5, 3}};
  return c;
}

} // namespace

TEST_CASE("gbm_bar_generator matches the Python reference model bar for bar") {
  gbm_bar_config config;
  config.seed = 42;
  gbm_bar_generator generator(config);
  // (open, high, low, close) in cents and volume, from tests/market/reference_model.py.
  const std::int64_t expected[3][5] = {{10000, 10221, 9976, 10189, 1648789},
                                       {10189, 10421, 10123, 10396, 3463208},
                                       {10396, 10458, 10328, 10399, 365882}};
  for (const auto& e : expected) {
    bar b = generator.next();
    CHECK(b.open.raw() == e[0]);
    CHECK(b.high.raw() == e[1]);
    CHECK(b.low.raw() == e[2]);
    CHECK(b.close.raw() == e[3]);
    CHECK(b.volume.raw() == e[4]);
    CHECK(b.open.precision() == 2);
  }
}

TEST_CASE("the first 1000 GBM bars of seed 7 have a fixed checksum on every platform") {
  gbm_bar_config config;
  config.seed = 7;
  gbm_bar_generator generator(config);
  fnv1a h;
  for (int i = 0; i < 1000; ++i) {
    bar b = generator.next();
    for (auto v : {b.open.raw(), b.high.raw(), b.low.raw(), b.close.raw(), b.volume.raw()})
      h.add(v);
  }
  CHECK(h.hash == 0xc2e8f30acc32fe0aULL); // also printed by reference_model.py
}

TEST_CASE("gbm_bar_generator gives the same bars for the same seed and others for another") {
  gbm_bar_config config;
  config.seed = 99;
  gbm_bar_generator a(config), b(config);
  config.seed = 100;
  gbm_bar_generator c(config);
  int differing = 0;
  for (int i = 0; i < 200; ++i) {
    bar x = a.next();
    CHECK(same(x, b.next()));
    differing += same(x, c.next()) ? 0 : 1;
  }
  CHECK(differing > 190);
}

TEST_CASE("GBM bars are consistent, on the tick grid, on weekdays and increasing in time") {
  gbm_bar_config config;
  config.seed = 5;
  config.tick_size = *price::parse("0.05");
  config.lot_size = *quantity::parse("100");
  config.volatility = 0.8;
  gbm_bar_generator generator(config);
  bar previous = generator.next();
  CHECK(previous.ts == 1704153600LL * ns_per_second); // 2024-01-02, a Tuesday
  for (int i = 0; i < 5000; ++i) {
    bar b = generator.next();
    CAPTURE(i);
    REQUIRE(b.low <= b.open);
    REQUIRE(b.low <= b.close);
    REQUIRE(b.open <= b.high);
    REQUIRE(b.close <= b.high);
    REQUIRE(b.low.is_positive());
    REQUIRE(b.open == previous.close);
    for (price p : {b.open, b.high, b.low, b.close}) {
      REQUIRE(p.precision() == 2);
      REQUIRE(p.raw() % 5 == 0);
    }
    REQUIRE(b.volume.raw() % 100 == 0);
    REQUIRE_FALSE(b.volume.is_negative());
    REQUIRE(b.ts > previous.ts);
    std::int64_t days = b.ts / ns_per_day;
    int weekday = static_cast<int>((days + 4) % 7); // 0 = Sunday
    REQUIRE(weekday >= 1);
    REQUIRE(weekday <= 5);
    REQUIRE(b.ts % ns_per_day == 0);
    // Consecutive weekdays are one day apart, Friday to Monday three.
    REQUIRE((b.ts - previous.ts == ns_per_day || b.ts - previous.ts == 3 * ns_per_day));
    previous = b;
  }
}

TEST_CASE("GBM bars have the configured drift, volatility and mean volume") {
  gbm_bar_config config;
  config.seed = 11;
  config.tick_size = price::from_raw(1, 6); // fine grid so rounding does not disturb the statistics
  config.weekdays_only = false;
  constexpr int n = 20'000;
  gbm_bar_generator generator(config);
  double sum = 0, sum2 = 0, volume = 0;
  for (int i = 0; i < n; ++i) {
    bar b = generator.next();
    double r = std::log(b.close.to_double() / b.open.to_double());
    sum += r;
    sum2 += r * r;
    volume += b.volume.to_double();
  }
  double mean = sum / n;
  double sd = std::sqrt(sum2 / n - mean * mean);
  double expected_sd = 0.2 / std::sqrt(252.0);
  double expected_mean = (0.05 - 0.02) / 252;
  CHECK(sd == doctest::Approx(expected_sd).epsilon(0.02));
  // The mean's standard error is sd / sqrt(n) ~ 8.9e-5; allow four of them.
  CHECK(std::fabs(mean - expected_mean) < 4 * expected_sd / std::sqrt(double(n)));
  CHECK(volume / n == doctest::Approx(1'000'000).epsilon(0.03));
}

TEST_CASE("GBM bars without volatility follow the drift exactly") {
  gbm_bar_config config;
  config.volatility = 0;
  config.drift = 0.1;
  config.tick_size = price::from_raw(1, 4);
  config.volume_dispersion = 0;
  config.weekdays_only = false;
  gbm_bar_generator generator(config);
  bar b;
  for (int i = 0; i < 252; ++i) {
    b = generator.next();
    REQUIRE(b.volume.raw() == 1'000'000);
  }
  CHECK(b.close == *price::parse("110.5171")); // 100 e^0.1 = 110.517092
  CHECK(b.high == b.close);
  CHECK(b.ts == 1704153600LL * ns_per_second + 251 * ns_per_day);
}

TEST_CASE("gbm_bar_config::validate lists every problem") {
  gbm_bar_config config;
  CHECK(config.validate().empty());
  config.start_price = -1;
  config.volatility = std::nan("");
  config.steps_per_bar = 0;
  config.tick_size = price{};
  config.interval = 0;
  auto problems = config.validate();
  REQUIRE(problems.size() == 5);
  CHECK(problems[0] == "interval must be positive");
  CHECK(problems[1] == "start_price must be positive");
  CHECK(problems[2] == "volatility must be within [0, 10]");
  CHECK(problems[3] == "steps_per_bar must be within [1, 100000]");
  CHECK(problems[4] == "tick_size must be positive");
  gbm_bar_generator clamped(config); // does not crash or loop; prices stay positive on a grid
  bar b = clamped.next();
  CHECK(b.low.is_positive());
}

TEST_CASE("tick_generator starts every symbol with a quote at the start time, in symbol order") {
  tick_generator generator(three_symbols(1));
  tick t;
  const char* order[] = {"ACME", "EURUSD", "BTC-USD"};
  for (const char* symbol : order) {
    generator.next(t);
    CHECK(t.symbol == symbol);
    CHECK(t.ts == 1704205800LL * ns_per_second);
    CHECK(t.has_quote);
    CHECK_FALSE(t.has_trade);
  }
  generator.next(t);
  CHECK(t.ts > 1704205800LL * ns_per_second);
}

TEST_CASE("tick_generator is deterministic and has a fixed checksum") {
  tick_generator a(three_symbols(3)), b(three_symbols(3)), c(three_symbols(4));
  tick x, y, z;
  fnv1a h;
  int differing = 0;
  for (int i = 0; i < 10'000; ++i) {
    a.next(x);
    b.next(y);
    c.next(z);
    REQUIRE(x.ts == y.ts);
    REQUIRE(x.symbol == y.symbol);
    REQUIRE(x.bid.raw() == y.bid.raw());
    REQUIRE(x.last_size.raw() == y.last_size.raw());
    differing += x.ts != z.ts ? 1 : 0;
    h.add(x.ts);
    h.add(static_cast<std::int64_t>(x.symbol.size()));
    h.add(x.has_quote ? x.bid.raw() * 3 + x.ask.raw() : 0);
    h.add(x.has_quote ? x.bid_size.raw() * 3 + x.ask_size.raw() : 0);
    h.add(x.has_trade ? x.last.raw() * 3 + x.last_size.raw() : 0);
  }
  CHECK(differing > 9000);
  // Also printed by tests/market/reference_model.py; a change means the tick stream changed.
  CHECK(h.hash == 0x43819a24e764ccc4ULL);
}

TEST_CASE("synthetic ticks are in time order with valid quotes and trades at the quoted prices") {
  auto config = three_symbols(8);
  tick_generator generator(config);
  struct seen {
    price bid, ask;
    int quotes = 0, trades = 0;
  };
  std::map<std::string, seen> by_symbol;
  tick t;
  timestamp previous = 0;
  constexpr int n = 60'000;
  for (int i = 0; i < n; ++i) {
    generator.next(t);
    CAPTURE(i);
    REQUIRE(t.ts >= previous);
    previous = t.ts;
    REQUIRE(t.has_quote != t.has_trade);
    std::size_t index = t.symbol == "ACME" ? 0 : t.symbol == "EURUSD" ? 1 : 2;
    const instrument& spec = config.symbols[index].spec;
    seen& s = by_symbol[t.symbol];
    if (t.has_quote) {
      REQUIRE(spec.on_tick(t.bid).has_value());
      REQUIRE(spec.on_tick(t.ask).has_value());
      REQUIRE(t.bid.is_positive());
      auto spread = (t.ask - t.bid).rescaled(spec.price_precision())->raw() / spec.tick_size.raw();
      REQUIRE(spread >= 1);
      REQUIRE(spread <= config.symbols[index].max_spread_ticks);
      REQUIRE(spec.on_lot(t.bid_size).has_value());
      REQUIRE(spec.on_lot(t.ask_size).has_value());
      REQUIRE(t.bid_size >= spec.lot_size);
      s.bid = t.bid;
      s.ask = t.ask;
      ++s.quotes;
    } else {
      REQUIRE(s.quotes > 0);
      REQUIRE((t.last == s.bid || t.last == s.ask));
      REQUIRE(spec.on_lot(t.last_size).has_value());
      REQUIRE(t.last_size >= spec.lot_size);
      ++s.trades;
    }
  }
  // Event counts follow the rates 2 : 5 : 3, and 30% of events are trades.
  double total = n;
  CHECK(by_symbol["ACME"].quotes + by_symbol["ACME"].trades ==
        doctest::Approx(total * 0.2).epsilon(0.03));
  CHECK(by_symbol["EURUSD"].quotes + by_symbol["EURUSD"].trades ==
        doctest::Approx(total * 0.5).epsilon(0.03));
  int trades = 0;
  for (auto& [symbol, s] : by_symbol)
    trades += s.trades;
  CHECK(trades / total == doctest::Approx(0.3).epsilon(0.03));
  // 60000 events at 10 per second last about 6000 s.
  CHECK(double(previous - config.start) / 1e9 == doctest::Approx(6000).epsilon(0.03));
}

TEST_CASE("adding a symbol does not change the other symbols' ticks") {
  auto one = three_symbols(21);
  one.symbols.resize(1);
  auto three = three_symbols(21);
  tick_generator alone(one), together(three);
  tick a, b;
  for (int i = 0; i < 1000; ++i) {
    alone.next(a);
    do
      together.next(b);
    while (b.symbol != "ACME");
    REQUIRE(a.ts == b.ts);
    REQUIRE(a.has_quote == b.has_quote);
    REQUIRE(a.has_trade == b.has_trade);
    if (a.has_quote)
      REQUIRE(a.bid == b.bid);
    if (a.has_trade)
      REQUIRE(a.last == b.last);
  }
}

TEST_CASE("tick_generator_config::validate lists every problem") {
  tick_generator_config config;
  CHECK(config.validate() == std::vector<std::string>{"symbols must not be empty"});
  config = three_symbols(1);
  CHECK(config.validate().empty());
  config.trade_probability = 1.5;
  config.symbols[1].spec.symbol = "ACME";
  config.symbols[2].max_spread_ticks = 0;
  config.symbols[2].events_per_second = 0;
  auto problems = config.validate();
  REQUIRE(problems.size() == 4);
  CHECK(problems[0] == "trade_probability must be within [0, 1]");
  CHECK(problems[1] == "symbols[1] (ACME): symbol appears twice");
  CHECK(problems[2] == "symbols[2] (BTC-USD): max_spread_ticks must be within [1, 1000]");
  CHECK(problems[3] == "symbols[2] (BTC-USD): events_per_second must be within [0.001, 1e9]");
}
