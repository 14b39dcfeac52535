#pragma once
// The aggregator: best bid and ask of each instrument across the venues that list it, the spread,
// and cross-venue arbitrage opportunities (core: bourse/market/aggregator.hpp).
//
// It is a participant (see bourse/system/participant.hpp) implementing aggregator_actor from
// bourse/protocol/aggregator.hpp. Subscribe it to the hub for the quotes of every listing symbol
// (aggregator_config::symbols()). After each quote batch it sends, for every instrument whose best
// bid or ask changed (instruments in configuration order), an aggregated_quote to each subscriber,
// followed at once by an arbitrage_opportunity when a venue's bid is above another venue's ask.

#include <caf/all.hpp>

#include "bourse/actors/aggregator/aggregator_config.hpp"
#include "bourse/protocol/aggregator.hpp"
#include "bourse/system/participant.hpp"

namespace bourse {

/// Spawns the aggregator (on the cooperative pool unless config.detached). Call config.validate()
/// first.
[[nodiscard]] aggregator_actor spawn_aggregator(caf::actor_system& sys,
                                                const aggregator_config& config,
                                                participant_setup setup);

} // namespace bourse
