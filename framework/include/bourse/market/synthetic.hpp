#pragma once
// Seeded synthetic market data: GBM bars and multi-symbol quote/trade ticks, generated on demand.

#include <cstdint>
#include <string>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/instrument.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/random.hpp"
#include "bourse/market/tick.hpp"
#include "bourse/market/types.hpp"

namespace bourse {

/// Parameters of the GBM bar generator. Rates are annualised; a bar is `1 / bars_per_year` years.
struct gbm_bar_config {
  /// Seed of the random source; the same seed gives the same bars on every platform.
  std::uint64_t seed = 1;
  /// Time of the first bar (2024-01-02T00:00:00Z by default).
  timestamp start = 1'704'153'600 * ns_per_second;
  /// Time between bars.
  duration_ns interval = ns_per_day;
  /// Skips bar times that fall on a Saturday or Sunday (UTC).
  bool weekdays_only = true;
  /// Price before the first bar (the first bar opens here, rounded to the tick grid).
  double start_price = 100.0;
  /// Annualised drift mu of the log-price process.
  double drift = 0.05;
  /// Annualised volatility sigma.
  double volatility = 0.2;
  /// How many bars make a year, e.g. 252 for daily bars.
  double bars_per_year = 252;
  /// GBM steps inside a bar; high and low are the extremes of this path.
  int steps_per_bar = 24;
  /// Prices are multiples of this (at its precision).
  price tick_size = price::from_raw(1, 2);
  /// Volumes are multiples of this (at its precision).
  quantity lot_size = quantity::from_units(1);
  /// Average volume per bar.
  double mean_volume = 1'000'000;
  /// Standard deviation of the lognormal volume noise.
  double volume_dispersion = 0.4;

  /// Returns every problem with the parameters (empty when they are usable).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Generates OHLCV bars from geometric Brownian motion, one bar per next() call, in constant
/// memory. Each bar opens at the previous close; high and low are the extremes of `steps_per_bar`
/// GBM steps; all four prices are rounded to the tick grid (so low <= open, close <= high holds
/// exactly) and are at least one tick. Volume is lognormal noise times (1 + |bar log return| / bar
/// sigma), scaled so that its mean is about mean_volume, rounded to whole lots.
class gbm_bar_generator {
public:
  /// Starts the series; the config must validate (bad values are clamped to usable ones).
  explicit gbm_bar_generator(const gbm_bar_config& config);
  /// Returns the next bar.
  [[nodiscard]] bar next();

private:
  [[nodiscard]] price to_price(double value) const noexcept;

  gbm_bar_config config_;
  random_source random_;
  timestamp ts_ = 0;
  double log_price_ = 0;
  double step_mean_ = 0;
  double step_sigma_ = 0;
  double bar_sigma_ = 0;
};

/// One instrument of the tick generator.
struct synthetic_symbol {
  /// Symbol, tick size (price grid) and lot size (size grid).
  instrument spec;
  /// Mid price at the start.
  double start_price = 100.0;
  /// Annualised volatility of the mid (driftless GBM in calendar time).
  double volatility = 0.3;
  /// Spreads are drawn uniformly from 1 to this many ticks.
  int max_spread_ticks = 3;
  /// Average quote and trade size in lots (sizes are 1 + an exponential draw, in whole lots).
  double mean_size_lots = 5;
  /// Average number of events (quotes and trades) per second; gaps are exponential.
  double events_per_second = 1;
};

/// Parameters of the tick generator.
struct tick_generator_config {
  /// Seed of the random sources; the same seed gives the same ticks on every platform.
  std::uint64_t seed = 1;
  /// Time of the first event of every symbol (2024-01-02T14:30:00Z by default).
  timestamp start = 1'704'205'800 * ns_per_second;
  /// The instruments, in tie-break order.
  std::vector<synthetic_symbol> symbols;
  /// Chance that an event (other than a symbol's first, always a quote) is a trade.
  double trade_probability = 0.3;

  /// Returns every problem with the parameters (empty when they are usable).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Generates quote and trade ticks for several symbols, merged in time order, in constant memory.
/// Each symbol has its own random source (derived from the seed and its index), so adding a symbol
/// does not change the others' paths. Events at the same nanosecond come in symbol order. A quote
/// moves the mid, then sets bid and ask a random 1..max_spread_ticks apart around it; a trade
/// prints at the last quote's bid or ask (chosen at random) with a size on the lot grid.
class tick_generator {
public:
  /// Starts the streams; the config must validate (bad values are clamped to usable ones).
  explicit tick_generator(tick_generator_config config);
  /// Fills `out` with the next event (reusing its symbol string's storage).
  void next(tick& out);

private:
  struct symbol_state {
    random_source random;
    timestamp next_ts = 0;
    timestamp mid_ts = 0;
    double log_mid = 0;
    std::int64_t bid_ticks = 0;
    std::int64_t ask_ticks = 0;
    bool quoted = false;
  };

  [[nodiscard]] quantity draw_size(std::size_t index);

  tick_generator_config config_;
  std::vector<symbol_state> states_;
};

} // namespace bourse
