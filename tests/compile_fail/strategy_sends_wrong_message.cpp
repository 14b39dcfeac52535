// Compile-fail test (must NOT compile): a strategy sends the order manager a message that its
// typed interface (order_manager_actor) does not accept, here a timer_fired, which only
// strategies accept. CAF refuses it at compile time with "static assertion failed: receiver does
// not accept given message". strategy_sends_accepted_message.cpp is the same file with a
// cancel_order instead, and compiles in the normal build: the failure comes from the type check.
#include <caf/all.hpp>

#include "bourse/protocol/all.hpp"
#include "bourse/actors/order_manager/order_manager.hpp"

namespace {

caf::behavior strategy(caf::event_based_actor* self, bourse::order_manager_actor om) {
  self->send(om, bourse::timer_fired{1, 0}); // not part of order_manager_actor
  return {[](caf::unit_t) {}};
}

} // namespace

/// Spawns the strategy (keeps the function in use).
void spawn_wrong_strategy(caf::actor_system& sys, bourse::order_manager_actor om);

void spawn_wrong_strategy(caf::actor_system& sys, bourse::order_manager_actor om) {
  sys.spawn(strategy, std::move(om));
}
