#pragma once
// The sequencer's bookkeeping: which participant to step next, up to which data time, with which
// inputs; and when data time has settled. Plain C++ so that the protocol can be tested step by step.
//
// A run is a series of sweeps. A sweep visits the participants in ascending rank and steps every one
// that has something to do up to the sweep's bound: inputs stamped at or before it, or a timer due by
// then. A stepped participant handles its inputs in (stamp, sender rank, FIFO) order up to the bound
// and may stop early, after the first stamp at which something it did could come back to it (an order
// went out, a message went to a lower rank, a timer is due again). Its reply lowers the bound for the
// participants after it. When the sweep ends, everything up to the final bound is settled except for
// messages sent "backwards" (to lower ranks); those are settled by further sweeps at the same time.
// When every participant is quiet (nothing it sent can come back) the bound is the end of all data
// released so far: market data runs ahead in windows of many slices. Otherwise it is the next stamp.

#include <cstdint>
#include <optional>
#include <vector>

#include "bourse/sim/step.hpp"

namespace bourse {

/// One participant to step: the bound it may handle inputs up to, and the new inputs it gets.
struct step_order {
  /// The participant.
  participant_rank rank = 0;
  /// Handle inputs and timers stamped at or before this data time.
  timestamp bound = 0;
  /// Messages sent to it since its last step, per sender and stamp, in sending order.
  std::vector<stamped_count> inputs;
};

/// Plans the sweeps of a backtest.
class sequencer_core {
public:
  /// Sets the participants (`ranks`, any order; stepped ascending) and the sequencer's own rank,
  /// which is the sender of released data.
  sequencer_core(std::vector<participant_rank> ranks, participant_rank self_rank);

  /// Records that the sequencer sent `count` messages stamped `stamp` to `receiver` (data slices).
  void release(participant_rank receiver, timestamp stamp, std::uint64_t count = 1);
  /// Sets a participant's wakeup (e.g. at start-up, so that every participant starts in the first
  /// slice).
  void set_wakeup(participant_rank rank, timestamp wakeup);

  /// Returns the data time up to which everything is settled.
  [[nodiscard]] timestamp settled() const noexcept { return settled_; }
  /// Returns true when some participant has an input or timer at or before settled(): the next
  /// sweep must be at settled() again.
  [[nodiscard]] bool needs_settle() const noexcept;
  /// Returns the earliest input stamp or timer of any participant, or no_wakeup.
  [[nodiscard]] timestamp next_event() const noexcept;
  /// Returns true when every participant said in its last reply that it is quiet.
  [[nodiscard]] bool all_quiet() const noexcept { return loud_ == 0; }

  /// Starts a sweep up to `bound`.
  void begin_sweep(timestamp bound);
  /// Returns the next participant to step in the current sweep (and takes its new inputs), or
  /// nullopt when the sweep is over; then settled() is the sweep's final bound.
  [[nodiscard]] std::optional<step_order> next_step();
  /// Records a participant's reply to a step.
  void on_step_done(participant_rank rank, const step_report& report);
  /// Records a participant's reply to stop_run at data time `now`.
  void on_stop_done(participant_rank rank, const step_report& report, timestamp now);

  /// Returns how many sweeps were started.
  [[nodiscard]] std::uint64_t sweeps() const noexcept { return sweeps_; }

private:
  struct slot {
    participant_rank rank = 0;
    std::vector<stamped_count> pending; // routed, not yet handed over
    timestamp pending_min = no_wakeup;
    timestamp buffered_min = no_wakeup; // handed over, not yet handled (from its last reply)
    timestamp wakeup = no_wakeup;
    timestamp reach = before_data;
    bool quiet = true;
  };

  [[nodiscard]] timestamp next_time(const slot& s) const noexcept;
  slot* find(participant_rank rank) noexcept;
  void route(participant_rank sender, const std::vector<stamped_count>& sent);
  void set_quiet(slot& s, bool quiet) noexcept;

  std::vector<slot> slots_; // ascending by rank
  std::vector<std::size_t> index_; // rank -> position in slots_ (npos when not a participant)
  participant_rank self_rank_ = 0;
  timestamp settled_ = before_data;
  timestamp bound_ = before_data;
  timestamp earliest_ = no_wakeup; // next_event() when the sweep began
  std::size_t cursor_ = 0;
  bool sweeping_ = false;
  std::size_t loud_ = 0;
  std::uint64_t sweeps_ = 0;
};

} // namespace bourse
