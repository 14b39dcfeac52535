#pragma once
// An open-addressing table from order id to node index that also remembers finished ids.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bourse/core/ids.hpp"

namespace bourse::book::detail {

/// Maps every order id the book accepted to its node index, or to `finished` once it is done.
/// Linear probing with a multiplicative hash; ids are never erased (a finished id stays taken), so
/// there are no tombstones. Grows by doubling above 70 % load.
class id_table {
public:
  /// The value of an id whose order is filled, cancelled or expired.
  static constexpr std::uint32_t finished = 0xFFFFFFFEu;

  /// Reserves room for `expected` ids without growing.
  explicit id_table(std::size_t expected);

  /// Returns a pointer to the value stored for `id`, or nullptr when the id is unknown.
  [[nodiscard]] std::uint32_t* find(order_id id) noexcept {
    std::size_t i = home(id);
    while (slots_[i].value != empty) {
      if (slots_[i].key == id)
        return &slots_[i].value;
      i = (i + 1) & mask_;
    }
    return nullptr;
  }

  /// Returns a pointer to the value stored for `id`, or nullptr when the id is unknown.
  [[nodiscard]] const std::uint32_t* find(order_id id) const noexcept {
    return const_cast<id_table*>(this)->find(id);
  }

  /// Inserts `id` with `value` and returns true, or returns false (changing nothing) when the id is
  /// already known.
  [[nodiscard]] bool insert(order_id id, std::uint32_t value) {
    if ((size_ + 1) * 10 > slots_.size() * 7)
      grow();
    std::size_t i = home(id);
    while (slots_[i].value != empty) {
      if (slots_[i].key == id)
        return false;
      i = (i + 1) & mask_;
    }
    slots_[i].key = id;
    slots_[i].value = value;
    ++size_;
    return true;
  }

  /// Removes `id` (backward-shift deletion keeps every probe chain intact); returns false when the
  /// id is unknown.
  bool erase(order_id id) noexcept {
    std::size_t i = home(id);
    while (slots_[i].value != empty && slots_[i].key != id)
      i = (i + 1) & mask_;
    if (slots_[i].value == empty)
      return false;
    for (std::size_t j = (i + 1) & mask_; slots_[j].value != empty; j = (j + 1) & mask_) {
      const std::size_t k = home(slots_[j].key);
      // The entry at j may move back to i only if its home is not cyclically in (i, j].
      const bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (stays)
        continue;
      slots_[i] = slots_[j];
      i = j;
    }
    slots_[i] = slot{};
    --size_;
    return true;
  }

  /// Forgets every id (keeps the capacity).
  void clear() noexcept;

  /// Returns how many ids are stored.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  /// Returns the number of slots.
  [[nodiscard]] std::size_t slots() const noexcept { return slots_.size(); }
  /// Returns how many times the table grew.
  [[nodiscard]] std::size_t grows() const noexcept { return grows_; }

private:
  static constexpr std::uint32_t empty = 0xFFFFFFFFu;

  struct slot {
    order_id key = 0;
    std::uint32_t value = empty;
  };

  [[nodiscard]] std::size_t home(order_id id) const noexcept {
    return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void grow();
  void resize(std::size_t slot_count);

  std::vector<slot> slots_;
  std::size_t mask_ = 0;
  unsigned shift_ = 63;
  std::size_t size_ = 0;
  std::size_t grows_ = 0;
};

} // namespace bourse::book::detail
