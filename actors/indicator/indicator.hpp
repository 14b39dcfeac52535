#pragma once
// The indicator actor: hosts indicators (built from spec strings) for one symbol's bar stream and
// publishes indicator_update (bourse/strategy/events.hpp) to its subscribers after every bar, once an indicator is ready.
//
// It is a participant (see bourse/system/participant.hpp): bar batches from the hub go through its
// participant (buffered and stepped in backtests), updates go out through it (counted). It
// implements indicator_actor from bourse/protocol/indicators.hpp; subscribe it to the hub for the
// symbol's bars (`subscribe{symbol, data_kind::bars, actor}`). Quote and trade batches are accepted
// and ignored (indicators are computed on bars only).

#include <caf/all.hpp>

#include "bourse/protocol/indicators.hpp"
#include "bourse/system/participant.hpp"
#include "bourse/actors/indicator/indicator_config.hpp"

namespace bourse {

/// Spawns an indicator actor, detached (own thread) unless config.detached is false. Call
/// config.validate() first; specs that do not parse are left out with an error log line.
[[nodiscard]] indicator_actor spawn_indicator(caf::actor_system& sys,
                                              const indicator_actor_config& config,
                                              participant_setup setup);

} // namespace bourse
