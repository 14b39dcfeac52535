#pragma once
// The simulated venue actor: a thin shell over bourse::venue::simulated_venue. It takes order
// commands (from the order manager) and replayed market data (from the hub), and sends execution
// events to the order listener attached with attach_order_listener.
//
// It is a participant (bourse/system/participant.hpp) implementing venue_actor from
// bourse/protocol/orders.hpp. Backtest: commands whose latency passes are activated when the
// sequencer steps the venue at its next wakeup (the participant's next_wakeup hook). Paper: the
// venue schedules a delayed message to itself for the next wakeup.

#include <caf/all.hpp>

#include "bourse/protocol/orders.hpp"
#include "bourse/system/participant.hpp"
#include "bourse/actors/venue/venue_config.hpp"

namespace bourse {

/// Spawns a simulated venue on the cooperative pool. Call config.validate() first (instruments
/// that do not validate are left out).
[[nodiscard]] venue_actor spawn_venue(caf::actor_system& sys, const venue_config& config,
                                      participant_setup setup);

} // namespace bourse
