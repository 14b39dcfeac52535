#pragma once
// Every bourse protocol header, and one call that registers all their message types.

#include "bourse/protocol/aggregator.hpp"
#include "bourse/protocol/indicators.hpp"
#include "bourse/protocol/journal.hpp"
#include "bourse/protocol/market_data.hpp"
#include "bourse/protocol/orders.hpp"
#include "bourse/protocol/portfolio.hpp"
#include "bourse/protocol/strategy.hpp"
#include "bourse/protocol/system.hpp"

namespace bourse {

/// Registers every protocol message type with `cfg` (call before creating the actor_system; both
/// sides of a remote connection must do it).
void register_protocol_types(caf::actor_system_config& cfg);

} // namespace bourse
