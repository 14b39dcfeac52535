// Pending timers by (due, id).
#include "bourse/strategy/timer_queue.hpp"

namespace bourse {

void timer_queue::schedule(timer_id id, timestamp due) {
  cancel(id);
  by_due_.emplace(due, id);
  by_id_.emplace(id, due);
}

bool timer_queue::cancel(timer_id id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end())
    return false;
  by_due_.erase({it->second, id});
  by_id_.erase(it);
  return true;
}

std::vector<due_timer> timer_queue::take_due(timestamp now) {
  std::vector<due_timer> out;
  while (!by_due_.empty() && by_due_.begin()->first <= now) {
    auto [due, id] = *by_due_.begin();
    by_due_.erase(by_due_.begin());
    by_id_.erase(id);
    out.push_back({id, due});
  }
  return out;
}

timestamp timer_queue::next_due() const noexcept {
  return by_due_.empty() ? no_wakeup : by_due_.begin()->first;
}

} // namespace bourse
