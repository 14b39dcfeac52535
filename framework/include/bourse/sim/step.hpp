#pragma once
// The plain-C++ half of deterministic stepping: ranks, stamped message counts and the stamped inbox.
//
// Every message between participants carries, besides its payload, a stamp: the data time at which
// its sender handled the input that caused it. Senders report how many messages they sent to whom at
// which stamp; the sequencer hands those counts to the receiver, which matches them FIFO per sender
// (CAF keeps the order of messages between two actors) and so knows every input's stamp without the
// payload saying it. A participant handles its inputs in (stamp, sender rank, FIFO) order, its own
// timers first at each stamp. The order in which anything is handled thus depends on data and ranks
// only, never on threads or timing. docs/architecture.md explains the protocol built on this.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <utility>
#include <vector>

#include "bourse/core/time.hpp"

namespace bourse {

/// A participant's place in the system, assigned by the builder in build order.
using participant_rank = std::uint32_t;

/// The rank of senders that are not participants (tests, apps, CAF internals).
inline constexpr participant_rank external_rank = std::numeric_limits<participant_rank>::max();

/// The wakeup value meaning "no timer pending" (also: "no input buffered").
inline constexpr timestamp no_wakeup = std::numeric_limits<timestamp>::max();

/// The stamp before any data: a participant that has handled nothing has reached it.
inline constexpr timestamp before_data = std::numeric_limits<timestamp>::min();

/// A number of messages to or from one participant, all stamped with one data time.
struct stamped_count {
  /// The other participant (receiver in a report of sends, sender in a step's inputs).
  participant_rank rank = 0;
  /// The data time the messages belong to.
  timestamp stamp = 0;
  /// How many messages.
  std::uint64_t count = 0;

  /// Returns true when all fields are equal.
  friend bool operator==(const stamped_count& a, const stamped_count& b) noexcept {
    return a.rank == b.rank && a.stamp == b.stamp && a.count == b.count;
  }
};

/// A participant's answer to a step (and to the end-of-run stop); the protocol sends it as
/// `sim_step_done`.
struct step_report {
  /// Messages sent to other participants while handling the step, ascending by (receiver, stamp).
  std::vector<stamped_count> sent;
  /// The data time up to which the participant has handled everything: the step's bound, or the
  /// stamp after which it stopped because something it did could come back to it.
  timestamp reach = before_data;
  /// The lowest stamp of an input it holds and has not handled yet, or no_wakeup.
  timestamp next_input = no_wakeup;
  /// The earliest data time at which the participant wants to be stepped again without inputs
  /// (timers, latency queues), or no_wakeup.
  timestamp next_wakeup = no_wakeup;
  /// True when nothing the participant did can still come back to it (no order in flight or open).
  bool quiet = true;
  /// When not quiet: nothing can come back to it stamped before this data time (before_data: an
  /// answer can come at any time).
  timestamp answers_from = before_data;
  /// Messages it sent (one message may carry several inputs, see `sent`).
  std::uint64_t messages = 0;
};

/// Message totals per participant, ascending by rank.
using rank_totals = std::vector<std::pair<participant_rank, std::uint64_t>>;

/// Returns `counts` summed per participant (stamps dropped), ascending by rank.
[[nodiscard]] inline rank_totals totals_by_rank(const std::vector<stamped_count>& counts) {
  rank_totals out;
  for (const auto& c : counts) {
    auto it = std::lower_bound(out.begin(), out.end(), c.rank,
                               [](const auto& e, participant_rank r) { return e.first < r; });
    if (it != out.end() && it->first == c.rank)
      it->second += c.count;
    else
      out.insert(it, {c.rank, c.count});
  }
  return out;
}

/// Counts messages sent per (receiver, stamp) during one step. Keeps its buffers between steps:
/// counting allocates nothing in steady state.
class send_counter {
public:
  /// Records one message to `to` at `stamp` (external receivers are not counted).
  void count(participant_rank to, timestamp stamp) {
    if (to == external_rank)
      return;
    if (to >= runs_.size())
      runs_.resize(static_cast<std::size_t>(to) + 1);
    auto& runs = runs_[to];
    if (runs.empty())
      touched_.push_back(to);
    else if (runs.back().first == stamp) {
      ++runs.back().second;
      return;
    }
    runs.emplace_back(stamp, 1);
  }
  /// Returns true when nothing was counted since the last take().
  [[nodiscard]] bool empty() const noexcept { return touched_.empty(); }
  /// Returns the counts so far, ascending by (receiver, stamp), and starts over.
  [[nodiscard]] std::vector<stamped_count> take() {
    std::sort(touched_.begin(), touched_.end());
    std::size_t n = 0;
    for (auto r : touched_)
      n += runs_[r].size();
    std::vector<stamped_count> out;
    out.reserve(n);
    for (auto r : touched_) {
      for (const auto& [stamp, count] : runs_[r])
        out.push_back({r, stamp, count});
      runs_[r].clear();
    }
    touched_.clear();
    return out;
  }

private:
  // By receiver rank: (stamp, count) in sending order; stamps only grow within a step.
  std::vector<std::vector<std::pair<timestamp, std::uint64_t>>> runs_;
  std::vector<participant_rank> touched_;
};

/// Buffers inputs per sender, learns their stamps from the step's counts and hands them out in
/// (stamp, sender rank, FIFO) order.
template <class Input>
class step_inbox {
public:
  /// Adds an input that arrived from `from` (external_rank for non-participants).
  void push(participant_rank from, Input input) {
    if (from == external_rank) {
      external_.push_back(std::move(input));
      return;
    }
    auto& q = queue_of(from);
    q.items.push_back(std::move(input));
    ++q.arrived;
  }

  /// Records that `count` messages from `from`, after those expected so far, carry `stamp`.
  void expect(participant_rank from, timestamp stamp, std::uint64_t count) {
    if (count == 0)
      return;
    auto& q = queue_of(from);
    if (!q.runs.empty() && q.runs.back().first == stamp)
      q.runs.back().second += count;
    else
      q.runs.emplace_back(stamp, count);
    q.expected += count;
  }

  /// Returns true when every expected input has arrived.
  [[nodiscard]] bool ready() const noexcept {
    for (const auto& q : queues_)
      if (q.arrived < q.expected)
        return false;
    return true;
  }

  /// Returns the lowest stamp of an expected input not handled yet, or no_wakeup.
  [[nodiscard]] timestamp next_stamp() const noexcept {
    timestamp t = no_wakeup;
    for (const auto& q : queues_)
      if (!q.runs.empty())
        t = std::min(t, q.runs.front().first);
    return t;
  }

  /// Calls `handle(input)` for every arrived input stamped at or before `t`: senders ascending by
  /// rank, FIFO per sender.
  template <class Handler>
  void drain_through(timestamp t, Handler&& handle) {
    for (auto& q : queues_) {
      while (!q.runs.empty() && q.runs.front().first <= t && !q.items.empty()) {
        Input input = std::move(q.items.front());
        q.items.pop_front();
        if (--q.runs.front().second == 0)
          q.runs.pop_front();
        handle(input);
      }
    }
  }

  /// Calls `handle(input)` for every input from non-participants buffered so far, in arrival order.
  template <class Handler>
  void drain_external(Handler&& handle) {
    while (!external_.empty()) {
      Input input = std::move(external_.front());
      external_.pop_front();
      handle(input);
    }
  }

  /// Returns true when inputs from non-participants are buffered.
  [[nodiscard]] bool has_external() const noexcept { return !external_.empty(); }

  /// Returns how many inputs are buffered in all.
  [[nodiscard]] std::size_t size() const noexcept {
    std::size_t n = external_.size();
    for (const auto& q : queues_)
      n += q.items.size();
    return n;
  }

private:
  struct sender_queue {
    participant_rank rank = 0;
    std::deque<Input> items;
    std::deque<std::pair<timestamp, std::uint64_t>> runs; // (stamp, inputs left) FIFO
    std::uint64_t arrived = 0;
    std::uint64_t expected = 0;
  };

  sender_queue& queue_of(participant_rank rank) {
    auto it = std::lower_bound(queues_.begin(), queues_.end(), rank,
                               [](const sender_queue& q, participant_rank r) { return q.rank < r; });
    if (it == queues_.end() || it->rank != rank) {
      it = queues_.insert(it, sender_queue{});
      it->rank = rank;
    }
    return *it;
  }

  std::vector<sender_queue> queues_; // ascending by sender rank
  std::deque<Input> external_;
};

} // namespace bourse
