// Sweep planning of the deterministic sequencer.
#include "bourse/sim/sequencer_core.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace bourse {

namespace {
constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
}

sequencer_core::sequencer_core(std::vector<participant_rank> ranks, participant_rank self_rank)
    : self_rank_(self_rank) {
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  for (auto r : ranks) {
    slot s;
    s.rank = r;
    slots_.push_back(std::move(s));
    if (r >= index_.size())
      index_.resize(static_cast<std::size_t>(r) + 1, npos);
    index_[r] = slots_.size() - 1;
  }
}

sequencer_core::slot* sequencer_core::find(participant_rank rank) noexcept {
  if (rank >= index_.size() || index_[rank] == npos)
    return nullptr;
  return &slots_[index_[rank]];
}

void sequencer_core::release(participant_rank receiver, timestamp stamp, std::uint64_t count) {
  route(self_rank_, {stamped_count{receiver, stamp, count}});
}

void sequencer_core::route(participant_rank sender, const std::vector<stamped_count>& sent) {
  for (const auto& s : sent) {
    auto* to = find(s.rank);
    if (to == nullptr || s.count == 0 || to->isolated)
      continue;
    auto& pending = to->pending;
    if (!pending.empty() && pending.back().rank == sender && pending.back().stamp == s.stamp)
      pending.back().count += s.count;
    else
      pending.push_back({sender, s.stamp, s.count});
    to->pending_min = std::min(to->pending_min, s.stamp);
  }
}

void sequencer_core::set_wakeup(participant_rank rank, timestamp wakeup) {
  if (auto* s = find(rank))
    s->wakeup = wakeup;
}

void sequencer_core::set_reach(participant_rank from, const std::vector<participant_rank>& reach) {
  auto* s = find(from);
  if (s == nullptr)
    return;
  s->reaches.assign(slots_.size(), false);
  s->reaches[index_[from]] = true; // its own timers and self-messages
  for (auto r : reach)
    if (r < index_.size() && index_[r] != npos)
      s->reaches[index_[r]] = true;
}

bool sequencer_core::reaches(participant_rank from, participant_rank to) const noexcept {
  if (from >= index_.size() || index_[from] == npos || to >= index_.size() || index_[to] == npos)
    return true;
  return reaches_slot(slots_[index_[from]], index_[to]);
}

void sequencer_core::set_quiet(slot& s, bool quiet) noexcept {
  if (s.quiet == quiet)
    return;
  s.quiet = quiet;
  if (quiet)
    --loud_;
  else
    ++loud_;
}

timestamp sequencer_core::next_time(const slot& s) const noexcept {
  if (s.isolated)
    return no_wakeup;
  timestamp t = std::min(s.pending_min, s.buffered_min);
  // A timer at or before what the participant has reached is due at once.
  timestamp wake = s.wakeup == no_wakeup ? no_wakeup : std::max(s.wakeup, s.reach);
  return std::min(t, wake);
}

bool sequencer_core::needs_settle() const noexcept {
  for (const auto& s : slots_)
    if (next_time(s) <= settled_)
      return true;
  return false;
}

timestamp sequencer_core::next_event() const noexcept {
  timestamp t = no_wakeup;
  for (const auto& s : slots_)
    t = std::min(t, next_time(s));
  return t;
}

void sequencer_core::begin_sweep(timestamp bound) {
  bound_ = bound;
  earliest_ = next_event();
  sweeping_ = true;
  in_flight_ = 0;
  for (auto& s : slots_) {
    s.sweep = slot::phase::waiting;
    s.cap = no_wakeup;
  }
  ++sweeps_;
}

std::vector<step_order> sequencer_core::ready_steps(std::size_t limit) {
  std::vector<step_order> out;
  if (!sweeping_)
    return out;
  bool waiting = false;
  for (std::size_t j = 0; j < slots_.size() && out.size() < limit; ++j) {
    auto& s = slots_[j];
    if (s.sweep != slot::phase::waiting)
      continue;
    // Every lower rank that can affect this participant must be done: its sends are routed and
    // where it stopped bounds this participant.
    timestamp bound = bound_;
    bool blocked = false;
    for (std::size_t i = 0; i < j && !blocked; ++i) {
      const auto& before = slots_[i];
      if (!reaches_slot(before, j))
        continue;
      if (before.sweep != slot::phase::done)
        blocked = true;
      else
        bound = std::min(bound, before.cap);
    }
    if (blocked) {
      waiting = true;
      continue;
    }
    bound = std::max(bound, settled_);
    // A participant that is not quiet may get answers stamped as early as anyone's next event (or
    // as its oldest order still on its way): while it stays so, it holds there, and so does
    // everyone it reaches (through its reach when stepped, through `cap` when not).
    timestamp hold = no_wakeup;
    if (!s.quiet) {
      hold = std::max(settled_, std::min(bound, std::max(earliest_, s.answers_from)));
      s.cap = hold;
    }
    if (next_time(s) > std::min(bound, hold)) {
      s.sweep = slot::phase::done;
      continue;
    }
    step_order order;
    order.rank = s.rank;
    order.bound = bound;
    order.hold = hold;
    order.inputs = std::exchange(s.pending, {});
    s.buffered_min = std::min(s.buffered_min, s.pending_min);
    s.pending_min = no_wakeup;
    s.sweep = slot::phase::stepping;
    ++in_flight_;
    out.push_back(std::move(order));
  }
  if (out.empty() && in_flight_ == 0 && !waiting)
    end_sweep();
  return out;
}

std::optional<step_order> sequencer_core::next_step() {
  auto steps = ready_steps(1);
  if (steps.empty())
    return std::nullopt;
  return std::move(steps.front());
}

void sequencer_core::end_sweep() {
  timestamp bound = bound_;
  for (const auto& s : slots_)
    bound = std::min(bound, s.cap);
  sweeping_ = false;
  settled_ = std::max(settled_, bound);
}

void sequencer_core::on_step_done(participant_rank rank, const step_report& report) {
  auto* s = find(rank);
  if (s != nullptr && s->isolated)
    return; // a late reply of an isolated participant: what it sent is dropped
  route(rank, report.sent);
  if (s == nullptr)
    return;
  for (const auto& sent : report.sent)
    if (error_.empty() && find(sent.rank) != nullptr && !reaches(rank, sent.rank))
      error_ = "participant " + std::to_string(rank) + " sent to participant " +
               std::to_string(sent.rank) + ", which is outside its declared reach";
  s->reach = std::max(s->reach, report.reach);
  s->buffered_min = report.next_input;
  s->wakeup = report.next_wakeup;
  s->answers_from = report.answers_from;
  set_quiet(*s, report.quiet);
  if (sweeping_ && s->sweep == slot::phase::stepping) {
    s->sweep = slot::phase::done;
    --in_flight_;
    // Nothing it reaches may go past where it stopped (at its hold, if it stayed not quiet).
    s->cap = std::max(report.reach, settled_);
  }
}

void sequencer_core::on_stop_done(participant_rank rank, const step_report& report,
                                  timestamp now) {
  if (isolated(rank))
    return;
  route(rank, report.sent);
  if (auto* s = find(rank)) {
    s->wakeup = report.next_wakeup;
    s->reach = std::max(s->reach, now);
  }
  settled_ = std::max(settled_, now);
}

void sequencer_core::isolate(participant_rank rank) {
  auto* s = find(rank);
  if (s == nullptr || s->isolated)
    return;
  s->isolated = true;
  s->pending.clear();
  s->pending_min = no_wakeup;
  s->buffered_min = no_wakeup;
  s->wakeup = no_wakeup;
  set_quiet(*s, true);
  if (sweeping_ && s->sweep == slot::phase::stepping)
    --in_flight_;
  if (sweeping_)
    s->sweep = slot::phase::done;
  s->cap = no_wakeup; // holds nobody back
}

bool sequencer_core::isolated(participant_rank rank) const noexcept {
  return rank < index_.size() && index_[rank] != npos && slots_[index_[rank]].isolated;
}

timestamp sequencer_core::reach_of(participant_rank rank) const noexcept {
  if (rank >= index_.size() || index_[rank] == npos)
    return before_data;
  return slots_[index_[rank]].reach;
}

} // namespace bourse
