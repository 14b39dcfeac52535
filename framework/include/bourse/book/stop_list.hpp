#pragma once
// The stop orders of one side, sorted so that the next to trigger is at the back.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bourse/core/enums.hpp"

namespace bourse::book::detail {

/// One pending stop order: its stop price (ticks), its sequence and its node.
struct stop_entry {
  /// The stop price in ticks.
  std::int64_t stop = 0;
  /// The sequence the order got when it entered the list.
  std::uint64_t seq = 0;
  /// The node index.
  std::uint32_t node = 0;
};

/// Pending stops of one side. A buy stop triggers when the last trade price is at or above its
/// stop, a sell stop when it is at or below; entries are kept sorted so that the entries that
/// trigger at a given price are a suffix of the vector.
class stop_list {
public:
  /// Creates an empty list for stops of `side` and reserves `capacity` entries.
  stop_list(bourse::side side, std::size_t capacity);

  /// Returns true when a trade at `last` (ticks) triggers at least one entry.
  [[nodiscard]] bool triggers(std::int64_t last) const noexcept {
    return !entries_.empty() && key(entries_.back().stop) >= key(last);
  }

  /// Returns true when a trade at `last` would trigger a stop at `stop` on this side.
  [[nodiscard]] bool reached(std::int64_t stop, std::int64_t last) const noexcept {
    return key(stop) >= key(last);
  }

  /// Removes every entry a trade at `last` triggers and appends their node indices to `out`.
  void take_triggered(std::int64_t last, std::vector<stop_entry>& out);

  /// Adds an entry.
  void insert(const stop_entry& entry);
  /// Removes the entry with this stop and sequence (no-op when absent).
  void erase(std::int64_t stop, std::uint64_t seq) noexcept;
  /// Removes every entry (keeps the capacity).
  void clear() noexcept { entries_.clear(); }

  /// Returns the entries, from last to first to trigger.
  [[nodiscard]] const std::vector<stop_entry>& entries() const noexcept { return entries_; }

private:
  // Buy stops sort by descending stop price (lowest triggers first, kept at the back),
  // sell stops by ascending stop price (highest at the back).
  [[nodiscard]] std::int64_t key(std::int64_t stop) const noexcept { return buy_ ? -stop : stop; }
  [[nodiscard]] bool before(const stop_entry& a, std::int64_t stop,
                            std::uint64_t seq) const noexcept;

  std::vector<stop_entry> entries_;
  bool buy_;
};

} // namespace bourse::book::detail
