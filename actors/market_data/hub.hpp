#pragma once
// The market data hub: receives each slice, keeps the latest quote per symbol, and fans quote, trade
// and bar batches out to the subscribers of each symbol and kind.

#include <memory>

#include <caf/all.hpp>

#include "bourse/protocol/market_data.hpp"
#include "bourse/system/participant.hpp"

namespace bourse {

/// Spawns the hub on the cooperative pool.
[[nodiscard]] market_data_hub_actor spawn_hub(caf::actor_system& sys, participant_setup setup);

} // namespace bourse
