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
    if (to == nullptr || s.count == 0)
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
  cursor_ = 0;
  sweeping_ = true;
  ++sweeps_;
}

std::optional<step_order> sequencer_core::next_step() {
  if (!sweeping_)
    return std::nullopt;
  while (cursor_ < slots_.size()) {
    auto& s = slots_[cursor_++];
    // A participant that is not quiet may get answers stamped as early as anyone's next event:
    // it, and everyone after it, goes no further than that this sweep.
    if (!s.quiet)
      bound_ = std::max(settled_, std::min(bound_, earliest_));
    if (next_time(s) > bound_)
      continue;
    step_order order;
    order.rank = s.rank;
    order.bound = bound_;
    order.inputs = std::exchange(s.pending, {});
    s.buffered_min = std::min(s.buffered_min, s.pending_min);
    s.pending_min = no_wakeup;
    return order;
  }
  sweeping_ = false;
  settled_ = std::max(settled_, bound_);
  return std::nullopt;
}

void sequencer_core::on_step_done(participant_rank rank, const step_report& report) {
  route(rank, report.sent);
  auto* s = find(rank);
  if (s == nullptr)
    return;
  s->reach = std::max(s->reach, report.reach);
  s->buffered_min = report.next_input;
  s->wakeup = report.next_wakeup;
  set_quiet(*s, report.quiet);
  // Nothing after this participant may go past where it stopped.
  if (sweeping_ && report.reach < bound_)
    bound_ = std::max(report.reach, settled_);
}

void sequencer_core::on_stop_done(participant_rank rank, const step_report& report,
                                  timestamp now) {
  route(rank, report.sent);
  if (auto* s = find(rank)) {
    s->wakeup = report.next_wakeup;
    s->reach = std::max(s->reach, now);
  }
  settled_ = std::max(settled_, now);
}

} // namespace bourse
