#pragma once
// Shared by the fuzz targets: a check that stops the run (libFuzzer reports it as a crash and keeps
// the input) when a property the code under test promises does not hold.
#include <cstdio>
#include <cstdlib>

/// Aborts with `what` on standard error when `condition` is false.
#define BOURSE_FUZZ_CHECK(condition, what)                                                         \
  do {                                                                                             \
    if (!(condition)) {                                                                            \
      std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, __FILE__, __LINE__);           \
      std::abort();                                                                                \
    }                                                                                              \
  } while (false)
