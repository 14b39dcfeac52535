#pragma once
// A feed that serves slices held in memory (tests, and systems composed around generated data).

#include <cstdint>
#include <vector>

#include <caf/all.hpp>

#include "bourse/protocol/market_data.hpp"

namespace bourse {

/// Returns the demo's synthetic cross-venue tick set: `ticks` quotes of ETH on venues A and B
/// (symbols ETH.A, ETH.B; tick 0.01, start 2000, volatility 0.6, 2 events/s, dislocation 6 ticks)
/// from `seed`, grouped into slices of equal time, all in memory. Runs of any length should stream
/// the same slices instead: `cross_venue_source(demo_cross_venue(seed, ticks))` through
/// trading_system::add_source (bourse/market/cross_venue_source.hpp).
[[nodiscard]] std::vector<market_slice> cross_venue_slices(std::uint64_t seed, std::uint64_t ticks);

/// Spawns a feed that serves `slices` (ascending by ts_event) in chunks, then reports finished.
[[nodiscard]] feed_actor spawn_memory_feed(caf::actor_system& sys, std::vector<market_slice> slices);

} // namespace bourse
