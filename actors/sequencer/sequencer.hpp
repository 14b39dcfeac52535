#pragma once
// The sequencer: pulls slices from the feeds, hands them to the hub (in windows of many slices in a
// backtest) and, in backtest mode, steps the participants in sweeps (sim/sequencer_core.hpp) until
// everything is handled; at the end it stops the participants one after another. It monitors the
// participants and feeds and puts a deadline on every request (supervision, docs/operations.md).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "bourse/protocol/market_data.hpp"
#include "bourse/protocol/orders.hpp"
#include "bourse/protocol/system.hpp"
#include "bourse/actors/sequencer/sequencer_config.hpp"

namespace bourse {

/// The sequencer's interface: start_run runs until the data ends (or stop_feeds ends it early);
/// get_run_summary tells how far a run got (also after it failed: the sequencer stays up until
/// its owner stops it).
using sequencer_actor = caf::typed_actor<caf::replies_to<start_run>::with<run_summary>,
                                         caf::reacts_to<stop_feeds>,
                                         caf::replies_to<get_run_summary>::with<run_summary>>;

/// A participant and its rank, as the sequencer steps it.
struct ranked_participant {
  /// The participant's rank (unique, from the builder).
  participant_rank rank = 0;
  /// Its handle.
  participant_actor handle;
  /// Its name in errors and supervision events ("order_manager", "strategy sma (id 1)"); empty:
  /// "participant <rank>".
  std::string name = {};
  /// The strategy it hosts, or 0 for a core participant. Supervision isolates a strategy that dies
  /// or stops answering (its orders are cancelled, the run goes on); a core participant that does
  /// either fails the run.
  strategy_id strategy = 0;
};

/// Who cancels an isolated strategy's orders (the order manager).
using isolation_listener_actor = caf::typed_actor<caf::reacts_to<isolate_strategy>>;

/// Who the sequencer drives.
struct sequencer_wiring {
  /// The sequencer's own rank (messages it sends count as coming from it). The caller must add the
  /// spawned sequencer's id to the rank table under this rank before starting the run.
  participant_rank self_rank = 0;
  /// The hub that receives every slice.
  market_data_hub_actor hub;
  /// The hub's rank.
  participant_rank hub_rank = 0;
  /// The feeds, merged by time; at equal times the earlier feed's events come first.
  std::vector<feed_actor> feeds;
  /// Every participant (including the hub), ascending by rank; stopped in this order at the end.
  std::vector<ranked_participant> participants;
  /// What each participant can affect (bourse/sim/reach.hpp), by rank; a participant not listed
  /// reaches everyone. Participants that cannot affect each other are stepped at the same time.
  std::vector<std::pair<participant_rank, std::vector<participant_rank>>> reach;
  /// The order manager, told to cancel an isolated strategy's orders (may be null: nothing is
  /// cancelled), and its rank.
  isolation_listener_actor order_manager;
  /// The order manager's rank.
  participant_rank order_manager_rank = 0;
};

/// Spawns the sequencer (cooperative; it only waits on messages).
[[nodiscard]] sequencer_actor spawn_sequencer(caf::actor_system& sys, sequencer_config config,
                                              sequencer_wiring wiring);

} // namespace bourse
