// Multi-symbol quote/trade tick generator: per-symbol GBM mid, spreads and sizes on the grids,
// events merged in time order with ties broken by symbol index.
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "bourse/market/synthetic.hpp"

#include "fp_contract_off.hpp"

namespace bourse {

namespace {

// Nanoseconds in a year of 365.25 days (volatility is annualised in calendar time).
constexpr double ns_per_year = 365.25 * 86'400 * 1e9;
// Bounds keeping grid counts far from int64 overflow.
constexpr double max_ticks = 1e15;
constexpr double max_lots = 1e12;
// Gaps between events are capped at one day so that a tiny rate cannot overflow the clock.
constexpr double max_gap_ns = 86'400 * 1e9;

bool finite_positive(double value) {
  return std::isfinite(value) && value > 0;
}

} // namespace

std::vector<std::string> tick_generator_config::validate() const {
  std::vector<std::string> problems;
  if (symbols.empty())
    problems.emplace_back("symbols must not be empty");
  if (!std::isfinite(trade_probability) || trade_probability < 0 || trade_probability > 1)
    problems.emplace_back("trade_probability must be within [0, 1]");
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const auto& s = symbols[i];
    std::string name = "symbols[" + std::to_string(i) + "] (" + s.spec.symbol + "): ";
    if (s.spec.symbol.empty())
      problems.push_back(name + "symbol must not be empty");
    if (!s.spec.tick_size.is_positive())
      problems.push_back(name + "tick size must be positive");
    if (!s.spec.lot_size.is_positive())
      problems.push_back(name + "lot size must be positive");
    if (!finite_positive(s.start_price))
      problems.push_back(name + "start_price must be positive");
    if (!std::isfinite(s.volatility) || s.volatility < 0 || s.volatility > 10)
      problems.push_back(name + "volatility must be within [0, 10]");
    if (s.max_spread_ticks < 1 || s.max_spread_ticks > 1000)
      problems.push_back(name + "max_spread_ticks must be within [1, 1000]");
    if (!std::isfinite(s.mean_size_lots) || s.mean_size_lots < 0 || s.mean_size_lots > 1e9)
      problems.push_back(name + "mean_size_lots must be within [0, 1e9]");
    if (!std::isfinite(s.events_per_second) || s.events_per_second < 1e-3 ||
        s.events_per_second > 1e9)
      problems.push_back(name + "events_per_second must be within [0.001, 1e9]");
    for (std::size_t j = 0; j < i; ++j)
      if (symbols[j].spec.symbol == s.spec.symbol)
        problems.push_back(name + "symbol appears twice");
  }
  return problems;
}

tick_generator::tick_generator(tick_generator_config config) : config_(std::move(config)) {
  // Clamp what validate() would refuse, so that a bad config cannot crash or loop.
  if (config_.symbols.empty())
    config_.symbols.push_back(
        synthetic_symbol{*instrument::make("SYN", "0.01"), 100, 0.3, 3, 5, 1});
  if (!std::isfinite(config_.trade_probability))
    config_.trade_probability = 0;
  config_.trade_probability = std::clamp(config_.trade_probability, 0.0, 1.0);
  std::uint64_t seeder = config_.seed;
  for (auto& s : config_.symbols) {
    if (!s.spec.tick_size.is_positive())
      s.spec.tick_size = price::from_raw(1, 2);
    if (!s.spec.lot_size.is_positive())
      s.spec.lot_size = quantity::from_units(1);
    if (!finite_positive(s.start_price))
      s.start_price = 100;
    s.volatility = std::isfinite(s.volatility) ? std::clamp(s.volatility, 0.0, 10.0) : 0;
    s.max_spread_ticks = std::clamp(s.max_spread_ticks, 1, 1000);
    s.mean_size_lots = std::isfinite(s.mean_size_lots) ? std::clamp(s.mean_size_lots, 0.0, 1e9) : 0;
    s.events_per_second =
        std::isfinite(s.events_per_second) ? std::clamp(s.events_per_second, 1e-3, 1e9) : 1;
    symbol_state state{random_source(splitmix64(seeder))};
    state.next_ts = config_.start;
    state.mid_ts = config_.start;
    state.log_mid = portable_log(s.start_price);
    states_.push_back(state);
  }
}

quantity tick_generator::draw_size(std::size_t index) {
  const auto& lot = config_.symbols[index].spec.lot_size;
  double extra =
      std::floor(states_[index].random.exponential() * config_.symbols[index].mean_size_lots);
  double limit = std::min(max_lots, 9e18 / static_cast<double>(lot.raw()));
  auto lots = static_cast<std::int64_t>(std::min(1 + extra, limit));
  return quantity::from_raw(lots * lot.raw(), lot.precision());
}

void tick_generator::next(tick& out) {
  std::size_t index = 0;
  for (std::size_t i = 1; i < states_.size(); ++i)
    if (states_[i].next_ts < states_[index].next_ts)
      index = i;
  symbol_state& state = states_[index];
  const synthetic_symbol& spec = config_.symbols[index];
  const price& tick_size = spec.spec.tick_size;

  out.ts = state.next_ts;
  out.symbol = spec.spec.symbol;
  out.has_quote = false;
  out.has_trade = false;

  if (state.quoted && state.random.uniform() < config_.trade_probability) {
    bool at_ask = state.random.below(2) == 1;
    std::int64_t ticks = at_ask ? state.ask_ticks : state.bid_ticks;
    out.has_trade = true;
    out.last = price::from_raw(ticks * tick_size.raw(), tick_size.precision());
    out.last_size = draw_size(index);
  } else {
    // Move the mid over the time since its last move (driftless GBM), then quote around it.
    double years = static_cast<double>(out.ts - state.mid_ts) / ns_per_year;
    double sigma = spec.volatility;
    state.log_mid += -sigma * sigma / 2 * years + sigma * std::sqrt(years) * state.random.normal();
    state.mid_ts = out.ts;
    auto spread = static_cast<std::int64_t>(
        1 + state.random.below(static_cast<std::uint64_t>(spec.max_spread_ticks)));
    double tick_value =
        static_cast<double>(tick_size.raw()) / static_cast<double>(pow10(tick_size.precision()));
    double center = portable_exp(state.log_mid) / tick_value;
    double highest = std::min(max_ticks, 9e18 / static_cast<double>(tick_size.raw())) -
                     static_cast<double>(spread);
    double bid = std::floor(center + 0.5 - static_cast<double>(spread) / 2);
    state.bid_ticks = static_cast<std::int64_t>(std::clamp(bid, 1.0, highest));
    state.ask_ticks = state.bid_ticks + spread;
    state.quoted = true;
    out.has_quote = true;
    out.bid = price::from_raw(state.bid_ticks * tick_size.raw(), tick_size.precision());
    out.ask = price::from_raw(state.ask_ticks * tick_size.raw(), tick_size.precision());
    out.bid_size = draw_size(index);
    out.ask_size = draw_size(index);
  }

  double gap = std::floor(state.random.exponential() * 1e9 / spec.events_per_second);
  // Saturates at the last representable time instead of overflowing (bourse-gen refuses counts
  // that would get there).
  if (__builtin_add_overflow(
          state.next_ts, static_cast<timestamp>(std::clamp(gap, 1.0, max_gap_ns)), &state.next_ts))
    state.next_ts = std::numeric_limits<timestamp>::max();
}

} // namespace bourse
