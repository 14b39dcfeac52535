// bourse-bench: runs every registered benchmark; pass Google Benchmark flags, e.g.
// --benchmark_repetitions=5 --benchmark_report_aggregates_only=true.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
