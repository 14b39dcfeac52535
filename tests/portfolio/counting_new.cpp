// Replaces the global operator new of the test_portfolio executable with one that counts calls
// (memory still comes from malloc), so that a test can prove a path makes no heap allocation. In
// its own file so that no test code is inlined next to the replacement.
#include <cstddef>
#include <cstdlib>
#include <new>

namespace {
std::size_t allocation_count = 0;
} // namespace

/// Returns how many heap allocations the executable made so far.
std::size_t portfolio_test_allocations() noexcept {
  return allocation_count;
}

void* operator new(std::size_t size) {
  ++allocation_count;
  if (void* p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  ++allocation_count;
  if (void* p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
