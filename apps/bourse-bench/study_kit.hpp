#pragma once
// Shared pieces of the scheduling study (bourse-bench study.*): the process's memory and thread
// count from /proc/self/status, the CAF configuration every study run uses, a deterministic bar
// series, indicator work of a known size, and the "unrelated I/O actor" with its pinger.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <caf/all.hpp>

#include "bourse/actors/builder/system_config.hpp"
#include "bourse/core/latency_histogram.hpp"
#include "bourse/indicators/indicator.hpp"

namespace bourse::bench::study {

/// The process's memory and threads as /proc/self/status reports them (-1 when unreadable).
struct proc_status {
  long rss_kb = -1;  ///< VmRSS.
  long hwm_kb = -1;  ///< VmHWM (peak RSS since start or since reset_peak_rss()).
  long threads = -1; ///< Threads.
};

/// Returns VmRSS, VmHWM and Threads of this process.
[[nodiscard]] proc_status read_proc_status();

/// Resets VmHWM to the current RSS (writes 5 to /proc/self/clear_refs); false when not possible.
bool reset_peak_rss();

/// Returns the number of online cores (at least 1).
[[nodiscard]] int cores();

/// The CAF settings of every study run, written down for the report (docs/scheduling.md).
struct scheduler_settings {
  std::size_t workers = 2; ///< scheduler.max-threads (cooperative workers).
};

/// Returns a bourse system_config for the study: bourse's paper-mode tuning (work stealing, idle
/// workers go from 100 aggressive polls straight to the notified condition variable:
/// work-stealing.moderate-poll-attempts = 0) and scheduler.max-threads = `workers`.
/// scheduler.max-throughput stays unlimited (CAF's and bourse's default: an actor handles every
/// message in its mailbox before it yields its worker). With `fair`, scheduler.policy=sharing (one
/// FIFO queue: work stealing puts a re-scheduled actor at the front of its worker's queue) and
/// scheduler.max-throughput=10 (an actor yields its worker after 10 messages) instead.
[[nodiscard]] std::unique_ptr<system_config> make_config(std::size_t workers, bool fair = false);

/// Returns a line describing the settings make_config() sets, for stderr and the report.
[[nodiscard]] std::string describe_config(std::size_t workers);

/// Returns `n` deterministic OHLCV bars (a bounded random walk from `seed`).
[[nodiscard]] std::vector<indicators::ohlcv> make_bars(std::size_t n, std::uint64_t seed);

/// Indicator work of a known size: `updates` bars of `bars` (wrapping around from `cursor`) through
/// `ind`; returns the sum of its first output once ready (so the work cannot be optimised away)
/// and advances `cursor`.
double indicator_work(indicators::indicator& ind, const std::vector<indicators::ohlcv>& bars,
                      std::size_t& cursor, std::size_t updates);

/// Returns how many RSI(14) updates take about `target` on this machine (measured now).
[[nodiscard]] std::size_t calibrate_updates(std::chrono::microseconds target,
                                            const std::vector<indicators::ohlcv>& bars);

/// The unrelated I/O actor and a thread sending it a ping every `interval` while a run goes on,
/// without waiting for answers: the delay from sending a ping to the actor handling it (both
/// stamped with steady_clock) goes into a histogram; the thread also samples Threads and VmRSS
/// about every 5 ms.
class ping_monitor {
public:
  /// Spawns the I/O actor (cooperative) in `sys` and starts pinging it.
  ping_monitor(caf::actor_system& sys, std::chrono::microseconds interval);
  ~ping_monitor();
  ping_monitor(const ping_monitor&) = delete;
  ping_monitor& operator=(const ping_monitor&) = delete;

  /// Stops pinging, joins the thread, waits for the I/O actor to handle every ping sent and stops
  /// it; idempotent.
  void stop();
  /// Returns the ping delays (ns); complete after stop().
  [[nodiscard]] const latency_histogram& latencies() const noexcept { return *hist_; }
  /// Returns the largest Threads sampled (after stop()).
  [[nodiscard]] long max_threads() const noexcept { return max_threads_; }
  /// Returns the largest VmRSS sampled, kB (after stop()).
  [[nodiscard]] long max_rss_kb() const noexcept { return max_rss_kb_; }

private:
  void loop(std::chrono::microseconds interval);

  caf::actor_system& sys_;
  caf::actor io_;
  std::atomic<bool> stop_{false};
  std::shared_ptr<latency_histogram> hist_ = std::make_shared<latency_histogram>();
  long max_threads_ = 0;
  long max_rss_kb_ = 0;
  std::thread thread_;
};

/// Waits until every actor of `actors` has terminated, then clears it. Detached actors must be gone
/// before their actor_system is destroyed: CAF 0.17 stops its clock first, and a detached actor
/// still cleaning up (cancelling its timeouts) then blocks on the clock forever.
void await_all(caf::actor_system& sys, std::vector<caf::actor>& actors);

/// Returns the median of `v` (0 when empty).
[[nodiscard]] double median_of(std::vector<double> v);

} // namespace bourse::bench::study
