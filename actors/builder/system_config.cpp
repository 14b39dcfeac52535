// Tuned CAF defaults for bourse programs.
#include "bourse/actors/builder/system_config.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "bourse/protocol/all.hpp"
#include "bourse/system/error_text.hpp"

namespace bourse {

system_config::system_config(run_mode mode) {
  register_protocol_types(*this);
  // CAF 0.17 starts max(4, cores) workers. A backtest is fastest on one: its sweeps are chains of
  // dependent steps through the sequencer, and the work that can run beside them (detached
  // indicator actors) has threads of its own; a second worker mostly adds hand-offs (demo, 200 k
  // ticks: 0.70 s on one worker, 0.97 s on two, 1.13 s on four; docs/operations.md). Runs whose
  // cooperative actors have much work of their own can ask for more (--scheduler.max-threads).
  set("scheduler.max-threads", std::size_t{1});
  // Work stealing stays (the sharing policy measured 2-4x slower for stepped backtests, and more
  // aggressive polling made quote runs slower): docs/operations.md has the numbers.
  set("logger.console", caf::atom("none"));
  if (mode == run_mode::paper) {
    // Paper mode is about latency at a modest rate, not throughput (docs/performance.md,
    // latency.paper). One worker: the path from a tick to an order is a chain of dependent hops,
    // and a second worker, asleep between ticks, only steals parts of it (no better median, a
    // longer tail, 2.3x the CPU). No moderate phase: instead of polling with uninterruptible 50 us
    // sleeps, an idle worker goes from its 100 aggressive polls straight to the condition variable
    // that the clock thread notifies (same latency, 40 % less CPU).
    set("scheduler.max-threads", std::size_t{1});
    set("work-stealing.moderate-poll-attempts", std::size_t{0});
  }
}

std::string system_config::parse_options(int argc, char** argv, const std::string& config_file) {
  // CAF reads ./caf-application.ini when no file is named; name one that is empty unless the user
  // gave one, so that a stray file in the working directory cannot change a run.
  const char* file = config_file.empty() ? "/dev/null" : config_file.c_str();
  if (auto err = parse(argc, argv, file))
    return error_text(err);
  // CAF divides by the worker count (0 ends the program with SIGFPE) and starts as many threads as
  // asked, however many.
  constexpr std::size_t max_threads = 256;
  auto threads = caf::get_or(*this, "scheduler.max-threads", std::size_t{1});
  if (threads < 1 || threads > max_threads)
    return "scheduler.max-threads: must be from 1 to " + std::to_string(max_threads) + " (got " +
           std::to_string(threads) + ")";
  return {};
}

} // namespace bourse
