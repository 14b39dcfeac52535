#pragma once
// The sequencer's bookkeeping: which participants a wave must step and when a slice has settled.

#include <cstdint>
#include <map>
#include <vector>

#include "bourse/sim/step.hpp"

namespace bourse {

/// One participant to step in a wave, with the inputs (per sender) it must handle.
struct step_order {
  /// The participant.
  participant_rank rank = 0;
  /// How many messages from which sender belong to this step, ascending by sender.
  std::vector<rank_count> inputs;
};

/// Tracks the messages in flight between participants and their wakeups, and turns them into waves.
///
/// Use: begin_slice(now); add_sent(...) for what the sequencer itself sent; then repeatedly
/// next_wave() -> step each participant -> on_step_done(...) for each -> until next_wave() is empty.
class sequencer_core {
public:
  /// Starts a slice at data time `now`: participants whose wakeup is due join the first wave.
  void begin_slice(timestamp now);
  /// Records `count` messages from `sender` to `receiver`.
  void add_sent(participant_rank sender, participant_rank receiver, std::uint64_t count);
  /// Returns the participants to step in the next wave (ascending rank) and clears them; empty when
  /// the slice has settled.
  [[nodiscard]] std::vector<step_order> next_wave();
  /// Records a participant's step reply: what it sent and its next wakeup.
  void on_step_done(participant_rank rank, const std::vector<rank_count>& sent, timestamp wakeup);
  /// Sets a participant's wakeup (e.g. at start-up).
  void set_wakeup(participant_rank rank, timestamp wakeup);
  /// Returns the earliest wakeup of any participant, or no_wakeup.
  [[nodiscard]] timestamp next_wakeup() const noexcept;
  /// Returns the current slice's time.
  [[nodiscard]] timestamp now() const noexcept { return now_; }
  /// Returns how many waves the current slice has started.
  [[nodiscard]] std::uint32_t waves() const noexcept { return waves_; }

private:
  timestamp now_ = 0;
  std::uint32_t waves_ = 0;
  std::map<participant_rank, std::map<participant_rank, std::uint64_t>> in_flight_;
  std::map<participant_rank, timestamp> wakeups_;
  std::vector<participant_rank> due_;
};

} // namespace bourse
