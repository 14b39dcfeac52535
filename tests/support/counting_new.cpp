// The replacement of the global operator new behind counting_new.hpp. In a library of its own so
// that no test code is inlined next to the replacement; referencing heap_allocations() links it in.
#include "counting_new.hpp"

#include <cstdlib>
#include <new>

namespace {
std::size_t allocation_count = 0;
} // namespace

std::size_t bourse::testing::heap_allocations() noexcept {
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
