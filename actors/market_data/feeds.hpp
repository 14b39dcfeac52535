#pragma once
// Feeds: I/O actors on the cooperative pool that read market data in chunks and serve it to the
// sequencer (protocol: feed_actor, next_slices -> feed_chunk). Each reads ahead one chunk in small
// background steps (see slice_feed.hpp); memory stays constant whatever the input size. Each can
// reopen its source after a transient failure as config.feed.restart says (`on_restart` is told).

#include <caf/all.hpp>

#include "bourse/protocol/market_data.hpp"
#include "bourse/actors/market_data/feed_config.hpp"
#include "bourse/actors/market_data/slice_feed.hpp"

namespace bourse {

/// Spawns a feed of one symbol's bar CSV file: one slice per bar. Call config.validate() first; a
/// file that cannot be opened makes the first request fail with an error naming the path.
[[nodiscard]] feed_actor spawn_csv_bar_feed(caf::actor_system& sys,
                                            const csv_bar_feed_config& config,
                                            feed_restart_listener on_restart = {});

/// Spawns a feed of a tick CSV file: consecutive rows with equal timestamps form one slice. Call
/// config.validate() first; a file that cannot be opened makes the first request fail with an
/// error naming the path.
[[nodiscard]] feed_actor spawn_csv_tick_feed(caf::actor_system& sys,
                                             const csv_tick_feed_config& config,
                                             feed_restart_listener on_restart = {});

/// Spawns a feed of seeded synthetic ticks and/or bars (the same config gives the same slices).
[[nodiscard]] feed_actor spawn_synthetic_feed(caf::actor_system& sys,
                                              const synthetic_feed_config& config,
                                              feed_restart_listener on_restart = {});

} // namespace bourse
