// study.parallel and study.memory: parallel indicators per worker count, and the memory of a
// thread vs an actor (study_benchmarks.hpp, docs/scheduling.md).
#include "study_benchmarks.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <system_error>
#include <thread>
#include <tuple>

#include <malloc.h>

#include "study_chart.hpp"
#include "study_kit.hpp"
#include "study_models.hpp"

namespace bourse::bench::detail {

using namespace study;

// ---- study.parallel --------------------------------------------------------------------------

namespace {

const char* const parallel_specs[] = {"sma:20", "rsi:14", "bbands:20:2"};

// SMA(20), RSI(14) and BBANDS(20, 2) over one symbol's bars; returns the sum of every output.
double symbol_work(const std::vector<indicators::ohlcv>& bars) {
  double acc = 0;
  for (const char* spec : parallel_specs) {
    auto ind = std::move(*indicators::make_indicator(spec).value);
    for (const auto& b : bars) {
      ind.update(b);
      if (ind.ready())
        for (std::size_t i = 0; i < ind.output_count(); ++i)
          acc += ind.value(i);
    }
  }
  return acc;
}

using per_symbol = std::vector<std::vector<indicators::ohlcv>>;

double sum_in_order(const std::vector<double>& v) {
  double s = 0;
  for (double x : v)
    s += x;
  return s;
}

// `workers` std::threads taking symbols from a shared counter.
double parallel_threads(const per_symbol& data, std::size_t workers) {
  std::vector<double> out(data.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (std::size_t w = 0; w < workers; ++w)
    pool.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < data.size();)
        out[i] = symbol_work(data[i]);
    });
  for (auto& t : pool)
    t.join();
  return sum_in_order(out);
}

using work_atom = caf::atom_constant<caf::atom("stwork")>;

// One cooperative actor per symbol on `workers` CAF workers.
double parallel_actors(const per_symbol& data, std::size_t workers) {
  std::vector<double> out(data.size());
  auto cfg = make_config(workers);
  {
    caf::actor_system sys{*cfg};
    caf::scoped_actor self{sys};
    for (std::size_t i = 0; i < data.size(); ++i) {
      auto a = sys.spawn(
          [&data, &out](caf::event_based_actor* me, std::size_t index) -> caf::behavior {
            return {[&data, &out, me, index](work_atom) {
              out[index] = symbol_work(data[index]);
              me->quit();
              return index;
            }};
          },
          i);
      self->send(a, work_atom::value);
    }
    for (std::size_t i = 0; i < data.size(); ++i)
      self->receive([](std::size_t) {});
  }
  return sum_in_order(out);
}

template <class F> double timed(F&& f, double& result) {
  const auto t0 = std::chrono::steady_clock::now();
  result = f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

void study_parallel(const bench_options& opts, std::vector<bench_row>& rows,
                    std::vector<std::string>& problems) {
  const std::size_t symbols = opts.quick ? 50 : 100;
  const std::size_t bars_per = 10'000;
  const int repeats = opts.quick ? 3 : 7;
  const std::vector<std::size_t> counts =
      opts.quick ? std::vector<std::size_t>{1, 2, 4} : std::vector<std::size_t>{1, 2, 4, 8};
  per_symbol data;
  for (std::size_t s = 0; s < symbols; ++s)
    data.push_back(make_bars(bars_per, s + 1));
  const double updates = static_cast<double>(symbols * bars_per * 3);
  std::fprintf(stderr,
               "study.parallel: %zu symbols x %zu bars, SMA(20) RSI(14) BBANDS(20,2) each; %d "
               "cores; median of %d\n",
               symbols, bars_per, cores(), repeats);
  // Interleaved: each round times the sequential loop, then every parallel variant once, so that
  // a shared machine's drifting load hits all of them alike; each figure is the median of its
  // rounds.
  auto sequential = [&] {
    std::vector<double> out;
    for (const auto& d : data)
      out.push_back(symbol_work(d));
    return sum_in_order(out);
  };
  double expected = 0;
  std::vector<double> seq_s;
  std::vector<std::vector<double>> secs(counts.size() * 2);
  for (int r = 0; r < repeats; ++r) {
    std::fprintf(stderr, "study.parallel: round %d/%d\n", r + 1, repeats);
    seq_s.push_back(timed(sequential, expected));
    for (std::size_t c = 0; c < counts.size(); ++c)
      for (int kind = 0; kind < 2; ++kind) {
        double got = 0;
        const std::size_t w = counts[c];
        secs[c * 2 + static_cast<std::size_t>(kind)].push_back(timed(
            [&] { return kind == 0 ? parallel_threads(data, w) : parallel_actors(data, w); }, got));
        if (got != expected)
          problems.push_back("study.parallel: the parallel results differ from the sequential "
                             "ones");
      }
  }
  const double seq_rate = updates / median_of(seq_s);
  std::fprintf(stderr, "study.parallel: sequential %.3f s (%.3g updates/s)\n", median_of(seq_s),
               seq_rate);
  std::vector<chart_series> series{{"std::thread workers", {}, false},
                                   {"cooperative actors (1 per symbol)", {}, false},
                                   {"cores limit", {}, true}};
  for (std::size_t c = 0; c < counts.size(); ++c) {
    const std::size_t w = counts[c];
    for (int kind = 0; kind < 2; ++kind) {
      const auto& t = secs[c * 2 + static_cast<std::size_t>(kind)];
      const double rate = updates / median_of(t);
      const std::string name = std::string{"study.parallel."} + (kind == 0 ? "threads" : "actors") +
                               ".w" + std::to_string(w);
      std::fprintf(stderr, "study.parallel: %-24s %.3f s speedup %.2fx\n", name.c_str(),
                   median_of(t), rate / seq_rate);
      rows.push_back({name, rate, "updates/s", "sequential", seq_rate, rate / seq_rate});
      series[static_cast<std::size_t>(kind)].points.emplace_back(static_cast<double>(w),
                                                                 rate / seq_rate);
    }
    series[2].points.emplace_back(static_cast<double>(w),
                                  static_cast<double>(std::min<std::size_t>(w, cores())));
  }
  plot(opts, "parallel_speedup.svg",
       {std::to_string(symbols) + " symbols x " + std::to_string(bars_per) +
            " bars: speedup vs sequential (" + std::to_string(cores()) + " cores)",
        "workers", "speedup", false, series},
       problems);
}

// ---- study.memory ----------------------------------------------------------------------------

namespace {

struct footprint {
  double rss_mb = 0;   // RSS added by the n idle units
  double heap_mb = 0;  // malloc'd bytes in use added by them (stacks are not malloc'd)
  long threads = 0;    // threads added
  std::string problem; // why the units could not all be started
};

double heap_in_use_mb() {
  const auto m = ::mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd) / (1024.0 * 1024.0);
}

// Returns free heap memory to the system first, so that what the units allocate shows in the RSS
// (otherwise they reuse pages the earlier benchmarks freed).
proc_status baseline_status(double& heap) {
  // Threads of earlier runs (detached actors) may still be exiting: wait until the count is steady.
  for (int i = 0, steady = 0; i < 200 && steady < 3; ++i) {
    const long before = read_proc_status().threads;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    steady = read_proc_status().threads == before ? steady + 1 : 0;
  }
  ::malloc_trim(0);
  heap = heap_in_use_mb();
  return read_proc_status();
}

// Waits until `started` reaches n (at most ~10 s).
void wait_started(const std::atomic<std::size_t>& started, std::size_t n) {
  for (int i = 0; i < 10'000 && started.load() < n; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

footprint actors_footprint(std::size_t n, bool detached) {
  footprint out;
  auto cfg = make_config(static_cast<std::size_t>(cores()));
  caf::actor_system sys{*cfg};
  std::atomic<std::size_t> started{0};
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  double heap = 0;
  const auto before = baseline_status(heap);
  std::vector<caf::actor> actors;
  auto idle = [&started](caf::event_based_actor*, int) -> caf::behavior {
    ++started;
    return {[](std::int32_t x) { return x; }};
  };
  for (std::size_t i = 0; i < n; ++i)
    actors.push_back(detached ? sys.spawn<caf::detached>(idle, 0) : sys.spawn(idle, 0));
  wait_started(started, n);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto after = read_proc_status();
  out.rss_mb = static_cast<double>(after.rss_kb - before.rss_kb) / 1024.0;
  out.heap_mb = heap_in_use_mb() - heap;
  out.threads = after.threads - before.threads;
  for (auto& a : actors)
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  await_all(sys, actors);
  return out;
}

footprint threads_footprint(std::size_t n) {
  footprint out;
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  std::atomic<std::size_t> started{0};
  double heap = 0;
  const auto before = baseline_status(heap);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < n; ++i) {
    try {
      threads.emplace_back([&] {
        ++started;
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return release; });
      });
    } catch (const std::system_error& e) { // e.g. a process or thread limit
      out.problem = "could not start thread " + std::to_string(i + 1) + " of " + std::to_string(n) +
                    ": " + e.what();
      break;
    }
  }
  wait_started(started, threads.size());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto after = read_proc_status();
  out.rss_mb = static_cast<double>(after.rss_kb - before.rss_kb) / 1024.0;
  out.heap_mb = heap_in_use_mb() - heap;
  out.threads = after.threads - before.threads;
  {
    std::lock_guard<std::mutex> lock(m);
    release = true;
  }
  cv.notify_all();
  for (auto& t : threads)
    t.join();
  return out;
}

} // namespace

void study_memory(const bench_options&, std::vector<bench_row>& rows,
                  std::vector<std::string>& problems) {
  const std::size_t n = 1000;
  std::fprintf(stderr, "study.memory: %zu idle units of each kind (VmRSS and Threads deltas)\n", n);
  const auto coop = actors_footprint(n, false);
  const auto det = actors_footprint(n, true);
  const auto thr = threads_footprint(n);
  if (!thr.problem.empty()) {
    problems.push_back("study.memory: " + thr.problem);
    return;
  }
  for (const auto& [name, f] :
       {std::pair<const char*, footprint>{"cooperative", coop}, {"detached", det}, {"thread", thr}})
    std::fprintf(stderr,
                 "study.memory: %-11s RSS +%.2f MB (%.1f KB each), heap in use +%.2f MB (%.1f KB "
                 "each), +%ld threads\n",
                 name, f.rss_mb, f.rss_mb * 1024.0 / static_cast<double>(n), f.heap_mb,
                 f.heap_mb * 1024.0 / static_cast<double>(n), f.threads);
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  rows.push_back({"study.memory.cooperative", coop.rss_mb, "MB/1000", "thread", thr.rss_mb,
                  ratio(coop.rss_mb, thr.rss_mb)});
  rows.push_back({"study.memory.detached", det.rss_mb, "MB/1000", "cooperative", coop.rss_mb,
                  ratio(det.rss_mb, coop.rss_mb)});
  rows.push_back({"study.memory.thread", thr.rss_mb, "MB/1000", "cooperative", coop.rss_mb,
                  ratio(thr.rss_mb, coop.rss_mb)});
  rows.push_back({"study.memory.cooperative.heap", coop.heap_mb, "MB/1000", "thread", thr.heap_mb,
                  ratio(coop.heap_mb, thr.heap_mb)});
  rows.push_back({"study.memory.detached.heap", det.heap_mb, "MB/1000", "cooperative", coop.heap_mb,
                  ratio(det.heap_mb, coop.heap_mb)});
  rows.push_back({"study.memory.detached.threads", static_cast<double>(det.threads), "threads/1000",
                  "thread", static_cast<double>(thr.threads),
                  ratio(static_cast<double>(det.threads), static_cast<double>(thr.threads))});
  rows.push_back({"study.memory.cooperative.threads", static_cast<double>(coop.threads),
                  "threads/1000", "thread", static_cast<double>(thr.threads),
                  ratio(static_cast<double>(coop.threads), static_cast<double>(thr.threads))});
}

} // namespace bourse::bench::detail
