// The CSV and synthetic feeds: a slice source each, served by the generic slice feed. Each feed
// gets an opener, so that feed_options::restart can reopen its source after a transient failure.
#include "bourse/actors/market_data/feeds.hpp"

#include <memory>

#include "bourse/actors/market_data/slice_feed.hpp"

namespace bourse {

feed_actor spawn_csv_bar_feed(caf::actor_system& sys, const csv_bar_feed_config& config,
                              feed_restart_listener on_restart) {
  auto open = [path = config.path, symbol = config.symbol,
               csv = config.csv()]() -> std::unique_ptr<slice_source> {
    return std::make_unique<csv_bar_source>(path, symbol, csv);
  };
  return spawn_slice_feed(sys, std::move(open), config.feed, std::move(on_restart));
}

feed_actor spawn_csv_tick_feed(caf::actor_system& sys, const csv_tick_feed_config& config,
                               feed_restart_listener on_restart) {
  auto open = [path = config.path, csv = config.csv(),
               time_bars = config.time_bars]() -> std::unique_ptr<slice_source> {
    std::unique_ptr<slice_source> source = std::make_unique<csv_tick_source>(path, csv);
    if (time_bars)
      source = std::make_unique<time_bar_source>(std::move(source), *time_bars);
    return source;
  };
  return spawn_slice_feed(sys, std::move(open), config.feed, std::move(on_restart));
}

feed_actor spawn_synthetic_feed(caf::actor_system& sys, const synthetic_feed_config& config,
                                feed_restart_listener on_restart) {
  auto open = [config]() -> std::unique_ptr<slice_source> {
    return std::make_unique<synthetic_source>(config);
  };
  return spawn_slice_feed(sys, std::move(open), config.feed, std::move(on_restart));
}

} // namespace bourse
