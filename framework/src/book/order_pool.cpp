// Growth and reset of the order node pool.
#include "bourse/book/order_pool.hpp"

#include <stdexcept>

namespace bourse::book::detail {

order_pool::order_pool(std::size_t capacity) {
  nodes_.resize(capacity == 0 ? 1 : capacity);
  link_free(0);
}

void order_pool::clear() noexcept {
  in_use_ = 0;
  free_ = nil;
  link_free(0);
}

void order_pool::grow() {
  std::size_t old_size = nodes_.size();
  std::size_t new_size = old_size * 2;
  if (new_size >= static_cast<std::size_t>(nil - 1))
    throw std::length_error("bourse::book: more than 4 billion live orders in one book");
  nodes_.resize(new_size);
  ++grows_;
  link_free(old_size);
}

// Threads nodes [from, size) onto the free list in index order (lowest index first out).
void order_pool::link_free(std::size_t from) noexcept {
  for (std::size_t i = nodes_.size(); i-- > from;) {
    nodes_[i].next = free_;
    free_ = static_cast<std::uint32_t>(i);
  }
}

} // namespace bourse::book::detail
