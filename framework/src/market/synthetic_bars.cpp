// GBM bar generator: intrabar GBM path, OHLC on the tick grid, volume tied to the bar's move.
#include <algorithm>
#include <cmath>
#include <limits>

#include "bourse/market/synthetic.hpp"

#include "fp_contract_off.hpp"

namespace bourse {

namespace {

// E|Z| for a standard normal Z: sqrt(2 / pi).
constexpr double mean_abs_normal = 0.79788456080286535588;
// Keeps rounded prices and volumes far from int64 overflow.
constexpr double max_grid_steps = 1e15;

bool finite_and(double value, bool condition) {
  return std::isfinite(value) && condition;
}

// Returns the day of the week of a timestamp, 0 = Sunday (1970-01-01 was a Thursday).
int weekday(timestamp ts) {
  std::int64_t days = ts / ns_per_day - (ts % ns_per_day < 0 ? 1 : 0);
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

// Returns a time on a Saturday or Sunday moved by whole days to the Monday after.
timestamp skip_weekend(timestamp ts) {
  if (ts > std::numeric_limits<timestamp>::max() - 2 * ns_per_day)
    return ts; // saturated (see next())
  int day = weekday(ts);
  return day == 6 ? ts + 2 * ns_per_day : day == 0 ? ts + ns_per_day : ts;
}

// Returns value on the grid of `step` (raw units at `precision`): rounded half up, at least
// `lowest` steps, and small enough that steps * step_raw fits in an int64.
std::int64_t to_grid(double value, std::int64_t step_raw, int precision, double lowest) {
  double step = static_cast<double>(step_raw) / static_cast<double>(pow10(precision));
  double highest = std::min(max_grid_steps, 9e18 / static_cast<double>(step_raw));
  double steps = std::floor(value / step + 0.5);
  return static_cast<std::int64_t>(std::clamp(steps, lowest, highest));
}

} // namespace

std::vector<std::string> gbm_bar_config::validate() const {
  std::vector<std::string> problems;
  if (interval <= 0)
    problems.emplace_back("interval must be positive");
  if (!finite_and(start_price, start_price > 0))
    problems.emplace_back("start_price must be positive");
  if (!std::isfinite(drift) || std::fabs(drift) > 10)
    problems.emplace_back("drift must be within [-10, 10]");
  if (!finite_and(volatility, volatility >= 0 && volatility <= 10))
    problems.emplace_back("volatility must be within [0, 10]");
  if (!finite_and(bars_per_year, bars_per_year > 0))
    problems.emplace_back("bars_per_year must be positive");
  if (steps_per_bar < 1 || steps_per_bar > 100'000)
    problems.emplace_back("steps_per_bar must be within [1, 100000]");
  if (!tick_size.is_positive())
    problems.emplace_back("tick_size must be positive");
  if (!lot_size.is_positive())
    problems.emplace_back("lot_size must be positive");
  if (!finite_and(mean_volume, mean_volume >= 0))
    problems.emplace_back("mean_volume must not be negative");
  if (!finite_and(volume_dispersion, volume_dispersion >= 0 && volume_dispersion <= 5))
    problems.emplace_back("volume_dispersion must be within [0, 5]");
  return problems;
}

gbm_bar_generator::gbm_bar_generator(const gbm_bar_config& config)
    : config_(config), random_(config.seed), ts_(config.start) {
  // Clamp what validate() would refuse, so that a bad config cannot crash or loop.
  if (config_.interval <= 0)
    config_.interval = ns_per_day;
  if (!finite_and(config_.start_price, config_.start_price > 0))
    config_.start_price = 100;
  if (!std::isfinite(config_.drift))
    config_.drift = 0;
  config_.drift = std::clamp(config_.drift, -10.0, 10.0);
  config_.volatility =
      std::isfinite(config_.volatility) ? std::clamp(config_.volatility, 0.0, 10.0) : 0;
  if (!finite_and(config_.bars_per_year, config_.bars_per_year > 0))
    config_.bars_per_year = 252;
  config_.steps_per_bar = std::clamp(config_.steps_per_bar, 1, 100'000);
  if (!config_.tick_size.is_positive())
    config_.tick_size = price::from_raw(1, 2);
  if (!config_.lot_size.is_positive())
    config_.lot_size = quantity::from_units(1);
  if (!finite_and(config_.mean_volume, config_.mean_volume >= 0))
    config_.mean_volume = 0;
  if (!std::isfinite(config_.volume_dispersion))
    config_.volume_dispersion = 0;
  config_.volume_dispersion = std::clamp(config_.volume_dispersion, 0.0, 5.0);

  const double step_years = 1.0 / config_.bars_per_year / config_.steps_per_bar;
  const double sigma = config_.volatility;
  step_mean_ = (config_.drift - sigma * sigma / 2) * step_years;
  step_sigma_ = sigma * std::sqrt(step_years);
  bar_sigma_ = sigma * std::sqrt(1.0 / config_.bars_per_year);
  log_price_ = portable_log(config_.start_price);
  if (config_.weekdays_only)
    ts_ = skip_weekend(ts_);
}

price gbm_bar_generator::to_price(double value) const noexcept {
  std::int64_t ticks = to_grid(value, config_.tick_size.raw(), config_.tick_size.precision(), 1);
  return price::from_raw(ticks * config_.tick_size.raw(), config_.tick_size.precision());
}

bar gbm_bar_generator::next() {
  bar out;
  out.ts = ts_;
  const double open_log = log_price_;
  double high = portable_exp(open_log);
  double low = high;
  out.open = to_price(high);
  for (int step = 0; step < config_.steps_per_bar; ++step) {
    log_price_ += step_mean_ + step_sigma_ * random_.normal();
    double p = portable_exp(log_price_);
    high = std::max(high, p);
    low = std::min(low, p);
  }
  out.high = to_price(high);
  out.low = to_price(low);
  out.close = to_price(portable_exp(log_price_));

  double move = bar_sigma_ > 0 ? std::fabs(log_price_ - open_log) / bar_sigma_ : mean_abs_normal;
  double d = config_.volume_dispersion;
  double noise = portable_exp(d * random_.normal() - d * d / 2);
  double volume = config_.mean_volume * noise * (1 + move) / (1 + mean_abs_normal);
  std::int64_t lots = to_grid(volume, config_.lot_size.raw(), config_.lot_size.precision(), 0);
  out.volume = quantity::from_raw(lots * config_.lot_size.raw(), config_.lot_size.precision());

  // Saturates at the last representable time instead of overflowing (bourse-gen refuses counts
  // that would get there).
  if (__builtin_add_overflow(ts_, config_.interval, &ts_))
    ts_ = std::numeric_limits<timestamp>::max();
  if (config_.weekdays_only)
    ts_ = skip_weekend(ts_);
  return out;
}

} // namespace bourse
