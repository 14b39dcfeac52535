#pragma once
// The plain-C++ half of deterministic stepping: ranks, message counts and the buffered inbox.
//
// A backtest advances data time one slice at a time. Within a slice the sequencer steps participants
// in waves. A participant buffers what other participants send it, one FIFO per sender (CAF keeps
// the order of messages between two actors). A step names, per sender, how many messages belong to
// it; the participant handles exactly those, senders in ascending rank. Its reply says how many
// messages it sent to whom, which is what the next wave delivers. The order in which anything is
// handled thus depends on data and ranks only, never on threads or timing.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <utility>
#include <vector>

#include "bourse/core/time.hpp"

namespace bourse {

/// A participant's place in the system, assigned by the builder in build order.
using participant_rank = std::uint32_t;

/// The rank of senders that are not participants (tests, apps, CAF internals).
inline constexpr participant_rank external_rank = std::numeric_limits<participant_rank>::max();

/// The wakeup value meaning "no timer pending".
inline constexpr timestamp no_wakeup = std::numeric_limits<timestamp>::max();

/// A number of messages to or from one participant.
struct rank_count {
  /// The other participant.
  participant_rank rank = 0;
  /// How many messages.
  std::uint64_t count = 0;

  /// Returns true when both fields are equal.
  friend bool operator==(const rank_count& a, const rank_count& b) noexcept {
    return a.rank == b.rank && a.count == b.count;
  }
};

/// Counts messages sent per receiver during one step.
class send_counter {
public:
  /// Records one message to `to` (external receivers are not counted).
  void count(participant_rank to) {
    if (to != external_rank)
      ++counts_[to];
  }
  /// Returns the counts so far, ascending by receiver, and starts over.
  [[nodiscard]] std::vector<rank_count> take() {
    std::vector<rank_count> out;
    out.reserve(counts_.size());
    for (const auto& [rank, count] : counts_)
      out.push_back({rank, count});
    counts_.clear();
    return out;
  }

private:
  std::map<participant_rank, std::uint64_t> counts_;
};

/// Buffers inputs per sender and hands out exactly the ones a step names.
template <class Input>
class step_inbox {
public:
  /// Adds an input that arrived from `from` (external_rank for non-participants).
  void push(participant_rank from, Input input) { queues_[from].push_back(std::move(input)); }

  /// Returns true when, for every sender named in `inputs`, at least that many inputs arrived.
  [[nodiscard]] bool ready(const std::vector<rank_count>& inputs) const {
    for (const auto& in : inputs) {
      auto it = queues_.find(in.rank);
      if (in.count > 0 && (it == queues_.end() || it->second.size() < in.count))
        return false;
    }
    return true;
  }

  /// Calls `handle(input)` for the inputs a step names (senders ascending, FIFO per sender), then
  /// for every input from non-participants buffered so far.
  template <class Handler>
  void drain(const std::vector<rank_count>& inputs, Handler&& handle) {
    for (const auto& in : inputs) {
      auto it = queues_.find(in.rank);
      for (std::uint64_t i = 0; i < in.count && it != queues_.end() && !it->second.empty(); ++i) {
        Input input = std::move(it->second.front());
        it->second.pop_front();
        handle(input);
      }
    }
    auto ext = queues_.find(external_rank);
    if (ext != queues_.end()) {
      std::deque<Input> batch = std::exchange(ext->second, {});
      for (auto& input : batch)
        handle(input);
    }
  }

  /// Returns how many inputs are buffered in all.
  [[nodiscard]] std::size_t size() const noexcept {
    std::size_t n = 0;
    for (const auto& [rank, queue] : queues_)
      n += queue.size();
    return n;
  }

private:
  std::map<participant_rank, std::deque<Input>> queues_;
};

} // namespace bourse
