#pragma once
// A counting global operator new for the no-allocation tests: link the test executable with
// bourse_counting_new (tests/CMakeLists.txt) and compare heap_allocations() before and after the
// code that must not allocate. Memory still comes from malloc; only the calls are counted.

#include <cstddef>

namespace bourse::testing {

/// Returns how many times operator new / new[] were called in this executable so far.
[[nodiscard]] std::size_t heap_allocations() noexcept;

} // namespace bourse::testing
