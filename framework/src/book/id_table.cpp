// Sizing, growth and reset of the order id table.
#include "bourse/book/id_table.hpp"

namespace bourse::book::detail {

namespace {

// Returns the smallest power of two >= n (at least 16).
std::size_t power_of_two_at_least(std::size_t n) noexcept {
  std::size_t p = 16;
  while (p < n)
    p *= 2;
  return p;
}

} // namespace

id_table::id_table(std::size_t expected) {
  resize(power_of_two_at_least(expected + expected / 2 + 1));
}

void id_table::clear() noexcept {
  for (auto& s : slots_)
    s = slot{};
  size_ = 0;
}

void id_table::grow() {
  ++grows_;
  resize(slots_.size() * 2);
}

void id_table::resize(std::size_t slot_count) {
  std::vector<slot> old;
  old.swap(slots_);
  slots_.assign(slot_count, slot{});
  mask_ = slot_count - 1;
  unsigned bits = 0;
  while ((std::size_t{1} << bits) < slot_count)
    ++bits;
  shift_ = 64 - bits;
  for (const auto& s : old) {
    if (s.value == empty)
      continue;
    std::size_t i = home(s.key);
    while (slots_[i].value != empty)
      i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

} // namespace bourse::book::detail
