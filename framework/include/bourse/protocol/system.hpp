#pragma once
// System protocol: run control and the deterministic time-slice stepping every participant speaks.
//
// In backtest mode the sequencer steps the participants in sweeps (sim/sequencer_core.hpp): a
// participant buffers the messages other participants send it and handles them only when stepped, in
// (stamp, sender rank, FIFO) order up to the step's bound. A step's reply says how many messages the
// participant sent to whom at which stamp, so the sequencer can tell each receiver what it gets.
// Handling order therefore depends on data and ranks only, never on threads. In paper mode nothing is
// buffered and messages are handled on arrival.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/latency_histogram.hpp"
#include "bourse/core/time.hpp"
#include "bourse/sim/step.hpp"

namespace bourse {

/// Serializes an interned name as its text (interned again when loaded), so that messages that
/// carry symbols and venue names cross the middleman and print as text.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, interned_string& x) {
  std::string text = x.str();
  auto load = [&]() -> caf::error {
    x = interned_string{text};
    return caf::none;
  };
  return f(text, caf::meta::load_callback(load));
}

/// How the system runs.
enum class run_mode : std::uint8_t {
  backtest, ///< Data time, as fast as the pipeline allows, deterministic.
  paper     ///< Wall-clock paced data against the simulated venue.
};

/// Returns "backtest" or "paper".
[[nodiscard]] std::string to_string(run_mode mode);

/// Command from the sequencer: handle inputs and timers up to `bound` (see sim/sequencer_core.hpp).
struct sim_step {
  /// Handle inputs and timers stamped at or before this data time (ns).
  timestamp bound = 0;
  /// Messages sent to the participant since its last step, per sender and stamp, in sending order
  /// (wait for them if not all arrived).
  std::vector<stamped_count> inputs;
  /// While not quiet, handle nothing stamped after this (answers may still come up to it); once
  /// quiet, go on to `bound`. no_wakeup: no hold.
  timestamp hold = std::numeric_limits<timestamp>::max();
};

/// Reply to sim_step (and to stop_run): what the participant sent, how far it got, whether it is
/// quiet (the plain struct of sim/step.hpp; its inspect() is below).
using sim_step_done = step_report;

/// Event: the sequencer finished a slice (all waves settled).
struct slice_settled {
  /// The slice's data time.
  timestamp ts_event = 0;
  /// How many slices have settled so far.
  std::uint64_t slices = 0;
};

/// Command: stop the participant's activity for the end of the run (strategies get on_stop, the order
/// manager cancels open orders).
struct stop_run {
  /// Data time of the stop.
  timestamp ts_event = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sim_step& x) {
  return f(caf::meta::type_name("bourse::sim_step"), x.bound, x.inputs, x.hold);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, stamped_count& x) {
  return f(caf::meta::type_name("bourse::stamped_count"), x.rank, x.stamp, x.count);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, step_report& x) {
  return f(caf::meta::type_name("bourse::sim_step_done"), x.sent, x.reach, x.next_input,
           x.next_wakeup, x.quiet, x.answers_from, x.messages);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, slice_settled& x) {
  return f(caf::meta::type_name("bourse::slice_settled"), x.ts_event, x.slices);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, stop_run& x) {
  return f(caf::meta::type_name("bourse::stop_run"), x.ts_event);
}

/// Command to the sequencer: run until the feeds are exhausted, then stop every participant.
struct start_run {};

/// What supervision did about a participant that failed (docs/operations.md, "Supervision").
struct supervision_event {
  participant_rank rank = 0; ///< The participant's rank.
  std::string participant;   ///< Who: "strategy sma (id 1)", "order_manager", ...
  std::string what;          ///< What happened: "died: ...", "no answer within 30s", "halted: ...".
  timestamp data_time = 0;   ///< The data time at which it was noticed (deterministic, see docs).
  std::string action;        ///< What was done: "isolated, open orders cancelled", "run failed".
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, supervision_event& x) {
  return f(caf::meta::type_name("bourse::supervision_event"), x.rank, x.participant, x.what,
           x.data_time, x.action);
}

/// Reply to start_run: what the run did.
struct run_summary {
  std::uint64_t slices = 0;  ///< Time slices processed.
  std::uint64_t waves = 0;   ///< Sweeps over the participants (backtest).
  std::uint64_t steps = 0;   ///< sim_step requests answered (backtest).
  std::uint64_t quotes = 0;  ///< Quotes delivered to the hub.
  std::uint64_t trades = 0;  ///< Trades delivered to the hub.
  std::uint64_t bars = 0;    ///< Bars delivered to the hub.
  std::uint64_t messages = 0; ///< Messages between participants, steps and slices included.
  timestamp first_ts = 0;    ///< Data time of the first slice.
  timestamp last_ts = 0;     ///< Data time of the last slice.
  bool stopped = false;      ///< True when stop_feeds ended the run before the data did.
  /// Participants isolated by supervision (died, or no answer within the deadline), in the order
  /// noticed.
  std::vector<supervision_event> supervision;
};

/// Command to the sequencer (trading_system::stop()): take no more data from the feeds, handle
/// what was released, then stop the participants as at the end of the data.
struct stop_feeds {};

/// Query to the sequencer: the run_summary so far (after a failed run: up to the failure).
struct get_run_summary {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, stop_feeds&) {
  return f(caf::meta::type_name("bourse::stop_feeds"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, get_run_summary&) {
  return f(caf::meta::type_name("bourse::get_run_summary"));
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, start_run&) {
  return f(caf::meta::type_name("bourse::start_run"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_summary& x) {
  return f(caf::meta::type_name("bourse::run_summary"), x.slices, x.waves, x.steps, x.quotes,
           x.trades, x.bars, x.messages, x.first_ts, x.last_ts, x.stopped, x.supervision);
}

/// Query: where does this actor run?
struct get_runtime_info {};

/// Reply to get_runtime_info.
struct runtime_info {
  std::string name;      ///< The actor's name (its state's `name`).
  std::string thread;    ///< The OS thread that answered, as text.
  bool detached = false; ///< True when the actor has a thread of its own.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, get_runtime_info&) {
  return f(caf::meta::type_name("bourse::get_runtime_info"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, runtime_info& x) {
  return f(caf::meta::type_name("bourse::runtime_info"), x.name, x.thread, x.detached);
}

/// Query (paper mode): the latency histogram an actor recorded; venues answer with tick -> order
/// latency (wall-clock arrival of the triggering data -> the submit reaching the venue), strategies
/// with tick -> decision (arrival -> the strategy emitting the order). Empty in a backtest.
struct get_latency {};

/// Reply to get_latency: nanoseconds, one value per order.
struct latency_report {
  /// The values recorded (ns).
  latency_histogram histogram;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, get_latency&) {
  return f(caf::meta::type_name("bourse::get_latency"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, latency_report& x) {
  // Transported as the non-empty buckets plus the exact min, max and sum.
  auto buckets = x.histogram.nonzero_buckets();
  auto min = x.histogram.min();
  auto max = x.histogram.max();
  auto sum = x.histogram.sum();
  return f(caf::meta::type_name("bourse::latency_report"), buckets, min, max, sum,
           caf::meta::load_callback([&]() -> caf::error {
             x.histogram = latency_histogram::from_buckets(buckets, min, max, sum);
             return caf::none;
           }));
}

/// What every participant accepts: stepping, the end-of-run stop, and the runtime query.
using participant_actor = caf::typed_actor<caf::replies_to<sim_step>::with<sim_step_done>,
                                           caf::replies_to<stop_run>::with<sim_step_done>,
                                           caf::replies_to<get_runtime_info>::with<runtime_info>>;

/// Registers the system protocol's message types (needed for remote actors and readable names).
void register_system_types(caf::actor_system_config& cfg);

} // namespace bourse
