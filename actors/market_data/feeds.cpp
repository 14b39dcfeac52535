// The CSV and synthetic feeds: a slice source each, served by the generic slice feed.
#include "bourse/actors/market_data/feeds.hpp"

#include <memory>

#include "bourse/actors/market_data/slice_feed.hpp"

namespace bourse {

feed_actor spawn_csv_bar_feed(caf::actor_system& sys, const csv_bar_feed_config& config) {
  return spawn_slice_feed(
      sys, std::make_unique<csv_bar_source>(config.path, config.symbol, config.csv()),
      config.feed);
}

feed_actor spawn_csv_tick_feed(caf::actor_system& sys, const csv_tick_feed_config& config) {
  std::unique_ptr<slice_source> source =
      std::make_unique<csv_tick_source>(config.path, config.csv());
  if (config.time_bars)
    source = std::make_unique<time_bar_source>(std::move(source), *config.time_bars);
  return spawn_slice_feed(sys, std::move(source), config.feed);
}

feed_actor spawn_synthetic_feed(caf::actor_system& sys, const synthetic_feed_config& config) {
  return spawn_slice_feed(sys, std::make_unique<synthetic_source>(config), config.feed);
}

} // namespace bourse
