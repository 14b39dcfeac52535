// Synthetic per-venue quotes around a common mid.
#include "bourse/market/cross_venue.hpp"

#include <cmath>

namespace bourse {

std::vector<std::string> cross_venue_config::validate() const {
  std::vector<std::string> problems;
  for (auto& p : base.validate())
    problems.push_back("base: " + p);
  if (venues.empty())
    problems.emplace_back("venues: at least one venue is needed");
  for (const auto& v : venues)
    if (v.empty())
      problems.emplace_back("venues: a venue name is empty");
  if (!(dislocation_ticks >= 0) || !std::isfinite(dislocation_ticks))
    problems.emplace_back("dislocation_ticks: must be a non-negative number");
  if (!(persistence >= 0 && persistence < 1))
    problems.emplace_back("persistence: must be in [0, 1)");
  return problems;
}

std::string venue_symbol(const std::string& instrument, const std::string& venue) {
  return instrument + "." + venue;
}

cross_venue_generator::cross_venue_generator(cross_venue_config config)
    : config_(std::move(config)), base_(config_.base) {
  std::size_t n = config_.base.symbols.size() * config_.venues.size();
  for (std::size_t i = 0; i < n; ++i)
    noise_.emplace_back(config_.base.seed * 7919 + 104729 * (i + 1));
  dislocation_.assign(n, 0.0);
}

void cross_venue_generator::next(tick& out) {
  while (pending_ == 0) {
    base_.next(current_);
    if (current_.has_quote)
      pending_ = config_.venues.size();
  }
  std::size_t venue = config_.venues.size() - pending_;
  --pending_;
  std::size_t instrument = 0;
  for (std::size_t i = 0; i < config_.base.symbols.size(); ++i)
    if (config_.base.symbols[i].spec.symbol == current_.symbol)
      instrument = i;
  const auto& spec = config_.base.symbols[instrument].spec;
  std::size_t k = instrument * config_.venues.size() + venue;
  double innovation = std::sqrt(1 - config_.persistence * config_.persistence);
  dislocation_[k] = config_.persistence * dislocation_[k] +
                    innovation * config_.dislocation_ticks * noise_[k].normal();
  auto shift = static_cast<std::int64_t>(std::llround(dislocation_[k])) * spec.tick_size.raw();
  out = current_;
  out.symbol = venue_symbol(current_.symbol, config_.venues[venue]);
  out.has_trade = false;
  auto p = spec.price_precision();
  auto bid = current_.bid.rescaled(p).value_or(current_.bid);
  auto ask = current_.ask.rescaled(p).value_or(current_.ask);
  out.bid = price::from_raw(bid.raw() + shift, p);
  out.ask = price::from_raw(ask.raw() + shift, p);
  if (!out.bid.is_positive()) { // keep quotes valid far from zero
    out.bid = spec.tick_size;
    out.ask = spec.tick_size + (ask - bid);
  }
}

} // namespace bourse
