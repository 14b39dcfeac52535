#pragma once
// The order manager actor: a thin shell over bourse::orders::order_manager_core. Strategies send
// it submit_order, cancel_order and replace_order; it checks and routes them to the venue that
// trades the symbol, applies the venues' events to the order lifecycle, forwards them to the
// owning strategy (registered with register_strategy) and fills to the fill listeners (the
// portfolio). It answers get_open_orders. Market data it is subscribed to sets the reference
// prices the risk rules use.
//
// It is a participant (bourse/system/participant.hpp) implementing order_manager_actor from
// bourse/protocol/orders.hpp. Commands are queued into two lanes and drained priority lane first
// (cancels, market orders): backtest, once all inputs of a step are queued; paper, by one message
// the actor sends itself when the first command arrives, so a burst already in the mailbox is
// reordered. At stop_run it cancels every open order (reason shutdown) and refuses new ones.

#include <string>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "bourse/protocol/orders.hpp"
#include "bourse/system/participant.hpp"
#include "bourse/actors/order_manager/order_manager_config.hpp"

namespace bourse {

/// Spawns the order manager on the cooperative pool. `routes` maps each symbol to the venue that
/// trades it (a symbol listed twice keeps its first venue and is logged); fills also go to every
/// `fill_listeners` entry. Call config.validate() first.
[[nodiscard]] order_manager_actor
spawn_order_manager(caf::actor_system& sys, const order_manager_config& config,
                    participant_setup setup,
                    std::vector<std::pair<std::string, venue_actor>> routes,
                    std::vector<fill_listener_actor> fill_listeners);

} // namespace bourse
