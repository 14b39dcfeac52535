#pragma once
// Test kit for actor tests: a deterministic CAF fixture (testing scheduler) and a recording probe
// actor that stands in for any typed listener and keeps every message it gets.

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include "bourse/protocol/all.hpp"

namespace bourse::testing {

/// The messages a probe received, in arrival order.
struct probe_log {
  /// Every message received (the items of a batch message one by one, see probe_behavior).
  std::vector<caf::message> messages;
  /// How many batch messages (market_window, indicator_updates, aggregator_updates,
  /// order_events) arrived.
  std::size_t batches = 0;

  /// Returns every received message that holds exactly one `T`, as T values.
  template <class T>
  [[nodiscard]] std::vector<T> all() const {
    std::vector<T> out;
    for (const auto& m : messages)
      if (m.match_elements<T>())
        out.push_back(m.get_as<T>(0));
    return out;
  }

  /// Returns how many received messages hold exactly one `T`.
  template <class T>
  [[nodiscard]] std::size_t count() const {
    std::size_t n = 0;
    for (const auto& m : messages)
      n += m.match_elements<T>() ? 1 : 0;
    return n;
  }
};

/// The behavior of a probe: records every message into `log` and replies with nothing; cast a
/// probe's handle to any typed listener interface with `caf::actor_cast<Handle>(probe)`. A
/// market_window is recorded as the batches it carries, in input order (what a listener handles),
/// and an indicator_updates, aggregator_updates or order_events as its items (`batches` counts
/// the batch messages).
inline caf::behavior probe_behavior(caf::event_based_actor* self, std::shared_ptr<probe_log> log) {
  self->set_default_handler(
      [log](caf::scheduled_actor*, caf::message_view& view) -> caf::result<caf::message> {
        auto msg = view.move_content_to_message();
        if (msg.match_elements<market_window>() || msg.match_elements<indicator_updates>() ||
            msg.match_elements<aggregator_updates>() || msg.match_elements<order_events>())
          ++log->batches;
        if (msg.match_elements<order_events>()) {
          for (const auto& e : msg.get_as<order_events>(0).events)
            caf::visit([&](const auto& x) { log->messages.push_back(caf::make_message(x)); }, e);
        } else if (msg.match_elements<market_window>()) {
          auto window = msg.get_as<market_window>(0);
          for_each_batch(window,
                         [&](auto& batch) { log->messages.push_back(caf::make_message(batch)); });
        } else if (msg.match_elements<aggregator_updates>()) {
          for (const auto& u : msg.get_as<aggregator_updates>(0).updates)
            caf::visit([&](const auto& x) { log->messages.push_back(caf::make_message(x)); }, u);
        } else if (msg.match_elements<indicator_updates>()) {
          for (const auto& u : msg.get_as<indicator_updates>(0).updates)
            log->messages.push_back(caf::make_message(u));
        } else {
          log->messages.push_back(std::move(msg));
        }
        return caf::message{};
      });
  return {[](caf::unit_t) {}};
}

/// Spawns a probe (see probe_behavior). The log is a spawn argument rather than a lambda capture:
/// CAF 0.17 binds a null reference for argument-less spawn functions, which UBSan reports.
inline caf::actor spawn_probe(caf::actor_system& sys, std::shared_ptr<probe_log> log) {
  return sys.spawn(probe_behavior, std::move(log));
}

/// Builds an actor system config with bourse's types registered and the deterministic scheduler.
struct coordinator_config : caf::actor_system_config {
  coordinator_config() {
    register_protocol_types(*this);
    set("scheduler.policy", caf::atom("testing"));
    set("logger.inline-output", true);
  }
};

/// A fixture with a deterministic scheduler: nothing runs until the test calls run().
struct coordinator_fixture {
  coordinator_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys, true};
  caf::scheduler::test_coordinator& sched =
      dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());

  /// Runs every pending job; returns how many ran.
  std::size_t run() { return sched.run(); }

  /// Spawns a probe with a fresh log; returns both.
  std::pair<caf::actor, std::shared_ptr<probe_log>> probe() {
    auto log = std::make_shared<probe_log>();
    return {spawn_probe(sys, log), log};
  }

  ~coordinator_fixture() { sched.run(); }
};

} // namespace bourse::testing
