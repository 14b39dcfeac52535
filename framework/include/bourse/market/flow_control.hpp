#pragma once
// Flow control between a producer of market data batches and one slow consumer (paper/live mode):
// credit-based, one batch in flight per subscription; while the consumer has not acknowledged the
// batch in flight, new batches are either conflated (the newest record per symbol is kept, the
// "watch" channel) or held in a bounded buffer that drops its oldest batch when full. Plain C++: the
// market data hub owns one flow_queue per (listener, kind) and the tests drive it directly.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bourse {

/// How market data reaches a consumer that is slower than the feed.
enum class flow_mode : std::uint8_t {
  /// Every batch is sent at once (no flow control; the consumer's mailbox grows without bound when
  /// it is slow). The default, and what a backtest always does.
  unbounded,
  /// Credit-based; while a batch is in flight only the newest record per symbol is kept.
  conflate,
  /// Credit-based; while a batch is in flight up to `buffer` batches are held, the oldest dropped.
  buffer,
};

/// Returns "unbounded", "conflate" or "buffer".
[[nodiscard]] inline std::string to_string(flow_mode mode) {
  switch (mode) {
    case flow_mode::conflate:
      return "conflate";
    case flow_mode::buffer:
      return "buffer";
    case flow_mode::unbounded:
      break;
  }
  return "unbounded";
}

/// Returns the mode named `text` ("unbounded", "conflate", "buffer"), or nullopt.
[[nodiscard]] inline std::optional<flow_mode> parse_flow_mode(std::string_view text) {
  if (text == "unbounded")
    return flow_mode::unbounded;
  if (text == "conflate")
    return flow_mode::conflate;
  if (text == "buffer")
    return flow_mode::buffer;
  return std::nullopt;
}

/// A subscription's flow-control policy.
struct flow_policy {
  /// The mode.
  flow_mode mode = flow_mode::unbounded;
  /// buffer mode: the most batches held while one is in flight (at least 1).
  std::uint32_t buffer = 1024;

  /// Returns true when the consumer must acknowledge every batch (conflate or buffer).
  [[nodiscard]] bool credit_based() const noexcept { return mode != flow_mode::unbounded; }

  /// Returns every problem with the policy (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (mode == flow_mode::buffer && buffer == 0)
      problems.emplace_back("buffer: must be at least 1");
    return problems;
  }

  friend bool operator==(const flow_policy& a, const flow_policy& b) noexcept {
    return a.mode == b.mode && a.buffer == b.buffer;
  }
  friend bool operator!=(const flow_policy& a, const flow_policy& b) noexcept { return !(a == b); }
};

/// What a flow_queue did so far (records are quotes, trades or bars; a batch holds several).
struct flow_counters {
  /// Batches handed out to be sent.
  std::uint64_t sent = 0;
  /// Acknowledgements taken.
  std::uint64_t acks = 0;
  /// Records replaced by a newer record of the same symbol (conflate).
  std::uint64_t conflated = 0;
  /// Records dropped with the oldest batch of a full buffer, or held when the queue was cleared.
  std::uint64_t dropped = 0;
  /// Records held now (waiting for credit).
  std::uint64_t held = 0;
  /// The most records held at once.
  std::uint64_t max_held = 0;
};

/// Credit-based flow of `Batch`es to one consumer. `Traits` gives access to a batch's records and a
/// record's symbol: `static std::vector<Record>& items(Batch&)` and `static Key key(const Record&)`
/// (Key hashable). A batch's other fields (times) are taken from the newest batch offered.
template <class Batch, class Traits>
class flow_queue {
public:
  /// Creates a queue with `policy` (unbounded: offer() always returns the batch).
  explicit flow_queue(flow_policy policy = {}) : policy_(policy) {}

  /// Returns the policy.
  [[nodiscard]] const flow_policy& policy() const noexcept { return policy_; }
  /// Returns the counters.
  [[nodiscard]] const flow_counters& counters() const noexcept { return counters_; }
  /// Returns true while a batch is sent and not acknowledged.
  [[nodiscard]] bool in_flight() const noexcept { return in_flight_; }

  /// Offers a new batch: returns it when it may be sent now (taking the credit), else holds it
  /// (conflated or buffered) and returns nullopt.
  [[nodiscard]] std::optional<Batch> offer(Batch batch) {
    if (!policy_.credit_based())
      return hand_out(std::move(batch));
    if (!in_flight_ && !holding())
      return hand_out(std::move(batch));
    if (policy_.mode == flow_mode::conflate)
      conflate(std::move(batch));
    else
      buffer(std::move(batch));
    note_held();
    return std::nullopt;
  }

  /// Takes the consumer's acknowledgement of the batch in flight: returns what is held (the
  /// conflated records as one batch, or the oldest buffered batch), taking the credit again, or
  /// nullopt when nothing is held.
  [[nodiscard]] std::optional<Batch> ack() {
    ++counters_.acks;
    in_flight_ = false;
    if (!holding())
      return std::nullopt;
    if (policy_.mode == flow_mode::conflate) {
      Batch out = std::move(*latest_);
      latest_.reset();
      index_.clear();
      counters_.held = 0;
      return hand_out(std::move(out));
    }
    Batch out = std::move(queue_.front());
    queue_.pop_front();
    counters_.held -= Traits::items(out).size();
    return hand_out(std::move(out));
  }

  /// Drops everything held (counted as dropped) and forgets the batch in flight.
  void clear() {
    counters_.dropped += counters_.held;
    counters_.held = 0;
    latest_.reset();
    index_.clear();
    queue_.clear();
    in_flight_ = false;
  }

private:
  using record_type = typename std::decay_t<decltype(Traits::items(std::declval<Batch&>()))>::value_type;
  using key_type = std::decay_t<decltype(Traits::key(std::declval<const record_type&>()))>;

  bool holding() const noexcept { return latest_.has_value() || !queue_.empty(); }

  std::optional<Batch> hand_out(Batch batch) {
    ++counters_.sent;
    in_flight_ = policy_.credit_based();
    return batch;
  }

  void note_held() {
    if (counters_.held > counters_.max_held)
      counters_.max_held = counters_.held;
  }

  // The newest record per symbol, symbols in the order they first came since the last send.
  void conflate(Batch batch) {
    auto& records = Traits::items(batch);
    if (!latest_) {
      latest_.emplace(std::move(batch));
      auto& kept = Traits::items(*latest_);
      std::vector<record_type> unique;
      unique.reserve(kept.size());
      for (auto& r : kept)
        place(unique, std::move(r));
      kept = std::move(unique);
      return;
    }
    auto& kept = Traits::items(*latest_);
    for (auto& r : records)
      place(kept, std::move(r));
    records.clear();
    // The held batch carries the newest batch's times.
    auto items = std::move(kept);
    *latest_ = std::move(batch);
    Traits::items(*latest_) = std::move(items);
  }

  void place(std::vector<record_type>& kept, record_type&& r) {
    auto [it, inserted] = index_.emplace(Traits::key(r), kept.size());
    if (inserted) {
      kept.push_back(std::move(r));
      ++counters_.held;
    } else {
      kept[it->second] = std::move(r);
      ++counters_.conflated;
    }
  }

  void buffer(Batch batch) {
    counters_.held += Traits::items(batch).size();
    queue_.push_back(std::move(batch));
    while (queue_.size() > policy_.buffer) {
      auto n = Traits::items(queue_.front()).size();
      counters_.dropped += n;
      counters_.held -= n;
      queue_.pop_front();
    }
  }

  flow_policy policy_;
  flow_counters counters_;
  bool in_flight_ = false;
  std::optional<Batch> latest_;                       // conflate: what is held
  std::unordered_map<key_type, std::size_t> index_;   // conflate: symbol -> position in latest_
  std::deque<Batch> queue_;                           // buffer: what is held, oldest first
};

} // namespace bourse
