#pragma once
// The scheduling study's rows (bourse-bench study.*, docs/scheduling.md): the tipping point between
// waiting and computing for four execution models, parallel indicators per worker count, the memory
// of a thread vs an actor, and detached heavy indicators protecting an I/O actor's latency.

#include <string>
#include <vector>

#include <cstdint>

#include "study_chart.hpp"
#include "system_benchmarks.hpp"

namespace bourse::bench::detail {

/// study.tipping: N tasks from pure waiting to pure computing, as cooperative actors, detached
/// actors, a pool and std::threads; wall time, throughput, ping latency, memory, threads.
void study_tipping(const bench_options& opts, std::vector<bench_row>& rows,
                   std::vector<std::string>& problems);
/// study.parallel: SMA/RSI/BBANDS over many symbols, parallel per worker count vs sequential.
void study_parallel(const bench_options& opts, std::vector<bench_row>& rows,
                    std::vector<std::string>& problems);
/// study.memory: RSS and threads of 1,000 idle detached actors, cooperative actors, std::threads.
void study_memory(const bench_options& opts, std::vector<bench_row>& rows,
                  std::vector<std::string>& problems);
/// study.protect_io: an I/O actor's ping latency and the indicator throughput with heavy indicator
/// actors cooperative vs detached.
void study_protect_io(const bench_options& opts, std::vector<bench_row>& rows,
                      std::vector<std::string>& problems);

/// study.hot_switch: an indicator pool's bars/s with the automatic hot-switch policy vs static
/// placement, by the number and placement of heavy indicator sets.
void study_hot_switch(const bench_options& opts, std::vector<bench_row>& rows,
                      std::vector<std::string>& problems);

/// Returns `ns` nanoseconds in microseconds.
[[nodiscard]] double us(std::int64_t ns);
/// Writes `chart` to --plots DIR as `file` when a folder was given; appends a problem naming the
/// file when it cannot be written.
void plot(const bench_options& opts, const std::string& file, const study::xy_chart& chart,
          std::vector<std::string>& problems);

} // namespace bourse::bench::detail
