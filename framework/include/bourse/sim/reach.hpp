#pragma once
// Who can affect whom: the reach of every participant, from the edges the builder wires and the
// flows (strategies) that the order path keeps apart. The sequencer steps participants that
// cannot affect each other at the same time (sequencer_core::set_reach). Plain C++.
//
// Flows. A message sent by a participant of a flow (a strategy) belongs to that flow. A participant
// that keeps flows (the order manager, a venue) answers a message of a flow only with messages of
// the same flow, and sends messages of a flow only to participants of that flow or of none: what
// the order manager does for one strategy's order never reaches another strategy. Everyone else's
// messages belong to no flow and may go to anyone it sends to.

#include <cstdint>
#include <vector>

#include "bourse/sim/step.hpp"

namespace bourse {

/// One participant, as the reach computation sees it.
struct flow_node {
  /// The participant.
  participant_rank rank = 0;
  /// Its flow (e.g. its strategy's id), or 0 for none.
  std::uint64_t flow = 0;
  /// True when it keeps flows apart (see above).
  bool keeps_flows = false;
  /// True when it may send to anyone (an actor whose edges nobody declared).
  bool sends_to_anyone = false;
  /// Whom it sends to (when not sends_to_anyone).
  std::vector<participant_rank> sends_to;
};

/// Returns, for every node (same order), the ranks it can affect directly or through others,
/// ascending; a node reaches itself.
[[nodiscard]] std::vector<std::vector<participant_rank>>
compute_reach(const std::vector<flow_node>& nodes);

} // namespace bourse
