#pragma once
// A feed that serves slices held in memory (tests, and systems composed around generated data).

#include <vector>

#include <caf/all.hpp>

#include "bourse/protocol/market_data.hpp"

namespace bourse {

/// Spawns a feed that serves `slices` (ascending by ts_event) in chunks, then reports finished.
[[nodiscard]] feed_actor spawn_memory_feed(caf::actor_system& sys, std::vector<market_slice> slices);

} // namespace bourse
