// Control for strategy_sends_wrong_message.cpp (must compile, and does in the normal build): the
// same strategy sends the order manager a cancel_order, which order_manager_actor accepts.
#include <caf/all.hpp>

#include "bourse/protocol/all.hpp"
#include "bourse/actors/order_manager/order_manager.hpp"

namespace {

caf::behavior strategy(caf::event_based_actor* self, bourse::order_manager_actor om) {
  self->send(om, bourse::cancel_order{0, 0, 1, 7}); // part of order_manager_actor
  return {[](caf::unit_t) {}};
}

} // namespace

/// Spawns the strategy (keeps the function in use).
void spawn_accepted_strategy(caf::actor_system& sys, bourse::order_manager_actor om);

void spawn_accepted_strategy(caf::actor_system& sys, bourse::order_manager_actor om) {
  sys.spawn(strategy, std::move(om));
}
