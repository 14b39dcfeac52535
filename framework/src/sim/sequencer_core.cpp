// Wave bookkeeping of the deterministic sequencer.
#include "bourse/sim/sequencer_core.hpp"

#include <algorithm>

namespace bourse {

void sequencer_core::begin_slice(timestamp now) {
  now_ = now;
  waves_ = 0;
  due_.clear();
  for (const auto& [rank, wakeup] : wakeups_)
    if (wakeup <= now)
      due_.push_back(rank);
}

void sequencer_core::add_sent(participant_rank sender, participant_rank receiver,
                              std::uint64_t count) {
  if (receiver != external_rank && count > 0)
    in_flight_[receiver][sender] += count;
}

std::vector<step_order> sequencer_core::next_wave() {
  auto wave = std::move(in_flight_);
  in_flight_.clear();
  for (auto rank : due_)
    wave[rank]; // a due participant is stepped even without inputs
  due_.clear();
  std::vector<step_order> out;
  out.reserve(wave.size());
  for (const auto& [rank, senders] : wave) {
    step_order order{rank, {}};
    for (const auto& [sender, count] : senders)
      order.inputs.push_back({sender, count});
    out.push_back(std::move(order));
  }
  if (!out.empty())
    ++waves_;
  return out;
}

void sequencer_core::on_step_done(participant_rank rank, const std::vector<rank_count>& sent,
                                  timestamp wakeup) {
  for (const auto& s : sent)
    add_sent(rank, s.rank, s.count);
  set_wakeup(rank, wakeup);
  if (wakeup <= now_) // a timer set for "now" fires in the next wave of this slice
    due_.push_back(rank);
}

void sequencer_core::set_wakeup(participant_rank rank, timestamp wakeup) {
  if (wakeup == no_wakeup)
    wakeups_.erase(rank);
  else
    wakeups_[rank] = wakeup;
}

timestamp sequencer_core::next_wakeup() const noexcept {
  timestamp earliest = no_wakeup;
  for (const auto& [rank, wakeup] : wakeups_)
    earliest = std::min(earliest, wakeup);
  return earliest;
}

} // namespace bourse
