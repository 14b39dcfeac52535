// The cross-venue generator as a lazy slice source, and the demo's configuration of it.
#include "bourse/market/cross_venue_source.hpp"

#include <utility>

namespace bourse {

std::vector<std::string> cross_venue_source_config::validate() const {
  std::vector<std::string> problems;
  for (auto& p : generator.validate())
    problems.push_back("generator: " + p);
  return problems;
}

cross_venue_source_config demo_cross_venue(std::uint64_t seed, std::uint64_t ticks) {
  cross_venue_source_config config;
  config.generator.base.seed = seed;
  config.generator.dislocation_ticks = 6;
  synthetic_symbol eth;
  eth.spec = *instrument::make("ETH", "0.01", "1");
  eth.start_price = 2000;
  eth.volatility = 0.6;
  eth.events_per_second = 2;
  config.generator.base.symbols = {eth};
  config.tick_count = ticks;
  return config;
}

cross_venue_source::cross_venue_source(const cross_venue_source_config& config)
    : tick_count_(config.tick_count), gen_(config.generator) {
  for (const auto& sym : config.generator.base.symbols)
    for (const auto& v : config.generator.venues)
      symbols_.push_back(venue_symbol(std::string(sym.spec.symbol), v));
}

std::optional<served_data> cross_venue_source::serves() const {
  served_data out;
  for (const auto& s : symbols_)
    out[s].quotes = tick_count_ > 0;
  return out;
}

bool cross_venue_source::next(data_slice& out) {
  while (ticks_ < tick_count_) {
    gen_.next(scratch_);
    ++ticks_;
    if (grouper_.add(scratch_, out))
      return true;
  }
  return grouper_.flush(out);
}

double cross_venue_source::progress() {
  if (tick_count_ == 0)
    return 1.0;
  return static_cast<double>(ticks_) / static_cast<double>(tick_count_);
}

} // namespace bourse
