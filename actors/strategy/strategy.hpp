#pragma once
// The strategy actor: hosts one bourse::strategy (plain C++, see bourse/strategy/strategy.hpp),
// decodes market data, indicator updates, aggregated quotes and order events into its handlers,
// sends its commands to the order manager, runs its timers on data time, and guards every call
// into user code.
//
// It is a participant (bourse/system/participant.hpp) implementing strategy_actor from
// bourse/protocol/strategy.hpp. Backtest: on_start runs in the first step (the sequencer steps
// every participant in the first slice), timers fire at the start of the step whose time reaches
// them. Paper: on_start runs just before the first input is handled (or at stop_run when none
// came), timers are delayed messages to itself.
//
// Wiring is the builder's job: subscribe the actor at the hub, indicator actors and aggregator as
// logic->requirements() says, and register it with the order manager (register_strategy) for the
// events of its orders.

#include <memory>

#include <caf/all.hpp>

#include "bourse/protocol/strategy.hpp"
#include "bourse/strategy/strategy.hpp"
#include "bourse/system/participant.hpp"
#include "bourse/actors/strategy/strategy_config.hpp"

namespace bourse {

/// Spawns a strategy actor on the cooperative pool hosting `logic`; its commands go to
/// `order_manager`. Call config.validate() first.
[[nodiscard]] strategy_actor spawn_strategy(caf::actor_system& sys,
                                            std::unique_ptr<strategy> logic,
                                            const strategy_actor_config& config,
                                            participant_setup setup,
                                            order_command_actor order_manager);

} // namespace bourse
