#pragma once
// The indicator pool: one participant ("indicator host") that hosts the indicators of many symbols
// and spreads their computation over N workers (detached actors or cooperative actors), instead of
// one indicator actor per symbol.
//
// The host buffers a step's bars, hands each symbol's bars and its indicator set (the state) to the
// one worker that owns the symbol for that step, waits for all of them (the host has a thread of
// its own, so waiting blocks nothing else), and publishes the updates ordered by (data time,
// symbol, spec): the order a set of one-actor-per-symbol indicators ranked by symbol produces, so
// values and message order do not depend on the worker count, the plan or the scheduler threads.
// Between steps the plan (bourse/indicators/pool_plan.hpp) may resize the pool or move a symbol
// between the pool and a thread of its own; both only change where work runs.
//
// Interface: indicator_pool_actor (bourse/protocol/indicators.hpp). Subscribe it at the hub for each
// symbol's bars, and listeners per symbol with subscribe_symbol_indicators.

#include <caf/all.hpp>

#include "bourse/protocol/indicators.hpp"
#include "bourse/system/participant.hpp"
#include "bourse/actors/indicator/indicator_pool_config.hpp"

namespace bourse {

/// Spawns an indicator pool (the host detached, its workers as config.workers_detached says). Call
/// config.validate() first; specs that do not build are left out with an error log line.
[[nodiscard]] indicator_pool_actor spawn_indicator_pool(caf::actor_system& sys,
                                                        const indicator_pool_config& config,
                                                        participant_setup setup);

} // namespace bourse
