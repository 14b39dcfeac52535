// Insertion, removal and triggering of pending stop orders.
#include "bourse/book/stop_list.hpp"

#include <algorithm>

namespace bourse::book::detail {

stop_list::stop_list(bourse::side side, std::size_t capacity) : buy_(side == bourse::side::buy) {
  entries_.reserve(capacity);
}

// Sort order: ascending key, then descending sequence (so that within one stop price the earliest
// entry sits nearest the back).
bool stop_list::before(const stop_entry& a, std::int64_t stop, std::uint64_t seq) const noexcept {
  std::int64_t ka = key(a.stop);
  std::int64_t kb = key(stop);
  return ka < kb || (ka == kb && a.seq > seq);
}

void stop_list::insert(const stop_entry& entry) {
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), entry,
      [this](const stop_entry& a, const stop_entry& b) { return before(a, b.stop, b.seq); });
  entries_.insert(it, entry);
}

void stop_list::erase(std::int64_t stop, std::uint64_t seq) noexcept {
  stop_entry probe;
  probe.stop = stop;
  probe.seq = seq;
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), probe,
      [this](const stop_entry& a, const stop_entry& b) { return before(a, b.stop, b.seq); });
  if (it != entries_.end() && it->stop == stop && it->seq == seq)
    entries_.erase(it);
}

void stop_list::take_triggered(std::int64_t last, std::vector<stop_entry>& out) {
  while (triggers(last)) {
    out.push_back(entries_.back());
    entries_.pop_back();
  }
}

} // namespace bourse::book::detail
