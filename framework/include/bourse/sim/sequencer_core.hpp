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
//
// Reach. By default a participant may affect everyone, and a sweep steps one participant at a time.
// When the builder declares what each participant can reach (set_reach: everyone that can receive,
// directly or through others, something caused by what it does), a participant waits only for the
// lower ranks that reach it, its bound is lowered only by them, and ready_steps() hands out several
// steps at once: independent strategy chains run concurrently on CAF's workers. The order in which
// each participant handles its inputs is unchanged, so results do not depend on it.

#include <cstdint>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bourse/sim/step.hpp"

namespace bourse {

/// One participant to step: the bound it may handle inputs up to, and the new inputs it gets.
struct step_order {
  /// The participant.
  participant_rank rank = 0;
  /// Handle inputs and timers stamped at or before this data time.
  timestamp bound = 0;
  /// While not quiet, handle nothing after this (no_wakeup: no hold; see sim_step::hold).
  timestamp hold = no_wakeup;
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
  /// Declares everyone `from` can affect (see "Reach" above); unknown ranks are ignored. Without a
  /// declaration a participant reaches everyone. A participant that reports a send to a rank
  /// outside its reach fails the run (error()).
  void set_reach(participant_rank from, const std::vector<participant_rank>& reach);
  /// Returns true when `from` can affect `to` (declared, or by default).
  [[nodiscard]] bool reaches(participant_rank from, participant_rank to) const noexcept;

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
  /// Returns every participant that can be stepped now in the current sweep (and takes their new
  /// inputs), at most `limit`: those whose lower-ranked reachers are all done. Empty while the
  /// steps in flight must finish first, or when the sweep is over (sweeping() is false; then
  /// settled() is the sweep's final bound).
  [[nodiscard]] std::vector<step_order> ready_steps(std::size_t limit = SIZE_MAX);
  /// Returns the next participant to step, one at a time (ready_steps(1)), or nullopt when the
  /// sweep is over. For callers that wait for each step's reply before asking again.
  [[nodiscard]] std::optional<step_order> next_step();
  /// Returns true while the current sweep has participants not yet stepped or steps in flight.
  [[nodiscard]] bool sweeping() const noexcept { return sweeping_; }
  /// Returns how many steps were handed out and not yet reported done.
  [[nodiscard]] std::size_t in_flight() const noexcept { return in_flight_; }
  /// Records a participant's reply to a step.
  void on_step_done(participant_rank rank, const step_report& report);
  /// Records a participant's reply to stop_run at data time `now`.
  void on_stop_done(participant_rank rank, const step_report& report, timestamp now);
  /// Takes a participant out of the run (supervision: it died or stopped answering): it is never
  /// stepped again, what is routed to it is dropped, it holds nobody back, and a step of it in
  /// flight counts as done with nothing sent. Unknown ranks are ignored.
  void isolate(participant_rank rank);
  /// Returns true when `rank` was isolated.
  [[nodiscard]] bool isolated(participant_rank rank) const noexcept;
  /// Returns how far `rank` said it got (its latest reply), or before_data.
  [[nodiscard]] timestamp reach_of(participant_rank rank) const noexcept;

  /// Returns how many sweeps were started.
  [[nodiscard]] std::uint64_t sweeps() const noexcept { return sweeps_; }
  /// Returns the first protocol violation seen (a send outside the sender's declared reach), or
  /// an empty string.
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

private:
  struct slot {
    participant_rank rank = 0;
    std::vector<stamped_count> pending; // routed, not yet handed over
    timestamp pending_min = no_wakeup;
    timestamp buffered_min = no_wakeup; // handed over, not yet handled (from its last reply)
    timestamp wakeup = no_wakeup;
    timestamp reach = before_data;
    bool quiet = true;
    bool isolated = false; // taken out of the run (isolate())
    timestamp answers_from = before_data; // when not quiet: no answer stamped before this
    std::vector<bool> reaches; // by slot position; empty: everyone
    // This sweep: not yet decided, stepping, or done (stepped or skipped).
    enum class phase : std::uint8_t { waiting, stepping, done } sweep = phase::done;
    timestamp cap = no_wakeup; // this sweep: how far it lets those it reaches go
  };

  [[nodiscard]] timestamp next_time(const slot& s) const noexcept;
  [[nodiscard]] bool reaches_slot(const slot& from, std::size_t to) const noexcept {
    return from.reaches.empty() || from.reaches[to];
  }
  void end_sweep();
  slot* find(participant_rank rank) noexcept;
  void route(participant_rank sender, const std::vector<stamped_count>& sent);
  void set_quiet(slot& s, bool quiet) noexcept;

  std::vector<slot> slots_; // ascending by rank
  std::vector<std::size_t> index_; // rank -> position in slots_ (npos when not a participant)
  participant_rank self_rank_ = 0;
  timestamp settled_ = before_data;
  timestamp bound_ = before_data;
  timestamp earliest_ = no_wakeup; // next_event() when the sweep began
  bool sweeping_ = false;
  std::size_t in_flight_ = 0;
  std::string error_;
  std::size_t loud_ = 0;
  std::uint64_t sweeps_ = 0;
};

} // namespace bourse
