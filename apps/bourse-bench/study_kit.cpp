// Shared pieces of the scheduling study (study_kit.hpp).
#include "study_kit.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include <unistd.h>

namespace bourse::bench::study {

namespace {
using ping_atom = caf::atom_constant<caf::atom("stping")>;
} // namespace

proc_status read_proc_status() {
  proc_status out;
  if (std::FILE* f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f) != nullptr) {
      long v = 0;
      if (std::sscanf(line, "VmRSS: %ld kB", &v) == 1)
        out.rss_kb = v;
      else if (std::sscanf(line, "VmHWM: %ld kB", &v) == 1)
        out.hwm_kb = v;
      else if (std::sscanf(line, "Threads: %ld", &v) == 1)
        out.threads = v;
    }
    std::fclose(f);
  }
  return out;
}

bool reset_peak_rss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

int cores() {
  const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<int>(n) : 1;
}

std::unique_ptr<system_config> make_config(std::size_t workers, bool fair) {
  auto cfg = std::make_unique<system_config>(run_mode::paper);
  cfg->set("scheduler.policy", caf::atom("stealing"));
  cfg->set("scheduler.max-threads", workers);
  cfg->set("work-stealing.moderate-poll-attempts", std::size_t{0});
  if (fair) {
    cfg->set("scheduler.policy", caf::atom("sharing"));
    cfg->set("scheduler.max-throughput", std::size_t{10});
  }
  return cfg;
}

std::string describe_config(std::size_t workers) {
  return "scheduler.policy=stealing scheduler.max-threads=" + std::to_string(workers) +
         " work-stealing.aggressive-poll-attempts=100 (default) "
         "work-stealing.moderate-poll-attempts=0 (idle workers wait on the notified condition "
         "variable, relaxed-sleep-duration=10ms default) scheduler.max-throughput=unlimited "
         "(default)";
}

std::vector<indicators::ohlcv> make_bars(std::size_t n, std::uint64_t seed) {
  std::vector<indicators::ohlcv> out(n);
  double px = 100;
  std::uint64_t x = 88172645463325252ULL ^ (seed * 0x9E3779B97F4A7C15ULL);
  if (x == 0)
    x = 1;
  for (auto& b : out) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const double step = (static_cast<double>(x % 2001) - 1000.0) / 1000.0 * 0.5;
    b.open = px;
    px = std::max(1.0, px + step);
    b.close = px;
    b.high = std::max(b.open, b.close) + 0.25;
    b.low = std::min(b.open, b.close) - 0.25;
    b.volume = 1000 + static_cast<double>(x % 500);
  }
  return out;
}

double indicator_work(indicators::indicator& ind, const std::vector<indicators::ohlcv>& bars,
                      std::size_t& cursor, std::size_t updates) {
  double acc = 0;
  for (std::size_t i = 0; i < updates; ++i) {
    ind.update(bars[cursor]);
    if (++cursor == bars.size())
      cursor = 0;
    if (ind.ready())
      acc += ind.value(0);
  }
  return acc;
}

std::size_t calibrate_updates(std::chrono::microseconds target,
                              const std::vector<indicators::ohlcv>& bars) {
  auto ind = std::move(*indicators::make_indicator("rsi:14").value);
  std::size_t cursor = 0;
  const std::size_t probe = 200'000;
  std::vector<double> ns;
  volatile double sink = 0;
  // The fastest of 7 (a shared machine only ever makes a run slower).
  for (int r = 0; r < 7; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    sink = sink + indicator_work(ind, bars, cursor, probe);
    ns.push_back(
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() /
        static_cast<double>(probe));
  }
  const double per = std::max(0.1, *std::min_element(ns.begin(), ns.end()));
  return std::max<std::size_t>(
      1, static_cast<std::size_t>(std::chrono::duration<double, std::nano>(target).count() / per));
}

ping_monitor::ping_monitor(caf::actor_system& sys, std::chrono::microseconds interval) : sys_(sys) {
  // The I/O actor: records how long each ping took to reach its handler (a spawn argument is
  // required, see the CAF notes); a stop request is answered once every earlier ping is handled.
  auto hist = hist_;
  io_ = sys.spawn(
      [](caf::event_based_actor*, std::shared_ptr<latency_histogram> into) -> caf::behavior {
        return {[into](ping_atom, std::int64_t stamp) {
                  into->record(std::chrono::steady_clock::now().time_since_epoch().count() - stamp);
                },
                [](caf::get_atom) { return true; }};
      },
      hist);
  thread_ = std::thread([this, interval] { loop(interval); });
}

ping_monitor::~ping_monitor() {
  stop();
}

void ping_monitor::stop() {
  if (!thread_.joinable())
    return;
  stop_ = true;
  thread_.join();
  {
    caf::scoped_actor self{sys_};
    // Every ping was sent before this request: once answered, the histogram is complete.
    self->request(io_, caf::infinite, caf::get_atom_v).receive([](bool) {}, [](caf::error&) {});
  }
  caf::anon_send_exit(io_, caf::exit_reason::user_shutdown);
  io_ = nullptr;
}

void ping_monitor::loop(std::chrono::microseconds interval) {
  auto last_sample = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  auto next = std::chrono::steady_clock::now();
  while (!stop_.load()) {
    // Fire and forget at a fixed rate: a ping stuck behind busy workers does not hold back the
    // next ones (no coordinated omission).
    const auto now = std::chrono::steady_clock::now();
    caf::anon_send(io_, ping_atom::value, std::int64_t{now.time_since_epoch().count()});
    if (now - last_sample >= std::chrono::milliseconds(5)) {
      last_sample = now;
      const auto s = read_proc_status();
      max_threads_ = std::max(max_threads_, s.threads);
      max_rss_kb_ = std::max(max_rss_kb_, s.rss_kb);
    }
    next += interval;
    std::this_thread::sleep_until(next);
  }
  const auto s = read_proc_status();
  max_threads_ = std::max(max_threads_, s.threads);
  max_rss_kb_ = std::max(max_rss_kb_, s.rss_kb);
}

void await_all(caf::actor_system& sys, std::vector<caf::actor>& actors) {
  if (actors.empty())
    return;
  {
    caf::scoped_actor self{sys};
    self->wait_for(actors);
  }
  actors.clear();
  // Terminated is not finished: a detached actor's cleanup ends by pushing to the actor clock,
  // after its down message. CAF 0.17 stops the clock before it waits for detached threads, and its
  // clock queue holds 64 events: with more detached actors still cleaning up, the system's
  // destructor hangs for ever. Wait (at most 10 s) until this process's thread count has been
  // steady for 50 ms, i.e. the exiting threads are gone, while the clock still runs.
  long last = read_proc_status().threads;
  for (int i = 0, steady = 0; i < 2000 && steady < 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const long now = read_proc_status().threads;
    steady = now == last ? steady + 1 : 0;
    last = now;
  }
}

double median_of(std::vector<double> v) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

} // namespace bourse::bench::study
