// The scheduling study (study_benchmarks.hpp, docs/scheduling.md). Every figure is measured in this
// process against a baseline measured in the same run; --plots DIR writes the SVGs.
#include "study_benchmarks.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include <malloc.h>

#include "study_chart.hpp"
#include "study_kit.hpp"
#include "study_models.hpp"

namespace bourse::bench::detail {

namespace {

using namespace study;

double us(std::int64_t ns) {
  return static_cast<double>(ns) / 1e3;
}

void plot(const bench_options& opts, const std::string& file, const xy_chart& chart,
          std::vector<std::string>& problems) {
  if (opts.plots.empty())
    return;
  if (auto problem = write_chart(opts.plots, file, chart); !problem.empty())
    problems.push_back("--plots: " + problem);
  else
    std::fprintf(stderr, "study: wrote %s/%s\n", opts.plots.c_str(), file.c_str());
}

} // namespace

// ---- study.tipping ---------------------------------------------------------------------------

void study_tipping(const bench_options& opts, std::vector<bench_row>& rows,
                   std::vector<std::string>& problems) {
  const auto bars = make_bars(4096, 7);
  tipping_params p;
  p.tasks = opts.quick ? 100 : 1000;
  p.steps = 4;
  p.wait = std::chrono::microseconds(1000);
  p.updates_per_step = calibrate_updates(std::chrono::microseconds(1000), bars);
  p.workers = static_cast<std::size_t>(cores());
  p.pool_size = static_cast<std::size_t>(cores());
  const std::vector<int> ratios =
      opts.quick ? std::vector<int>{0, 50, 100} : std::vector<int>{0, 25, 50, 75, 100};
  const exec_model models[] = {exec_model::cooperative, exec_model::detached, exec_model::pool,
                               exec_model::thread};
  std::fprintf(stderr,
               "study.tipping: %zu tasks x %d steps; a wait step is a %lld us timer (sleep for "
               "threads), a compute step %zu RSI(14) updates (~1 ms here); %d cores; CAF: %s; "
               "pool of %zu detached actors\n",
               p.tasks, p.steps, static_cast<long long>(p.wait.count()), p.updates_per_step,
               cores(), describe_config(p.workers).c_str(), p.pool_size);
  std::map<std::string, std::vector<std::pair<double, double>>> rate, p90, rss, threads;
  std::vector<std::string> winners;
  for (const int& ratio : ratios) {
    p.cpu_steps = ratio * p.steps / 100;
    std::vector<std::pair<exec_model, tipping_result>> results;
    // The models in a rotated order at each ratio, so that none always runs first (a shared
    // machine's load drifts); the results are kept in model order.
    const std::size_t first = static_cast<std::size_t>(&ratio - ratios.data()) % 4;
    for (std::size_t k = 0; k < 4; ++k) {
      const auto m = models[(first + k) % 4];
      std::fprintf(stderr, "study.tipping: cpu=%d%% %-11s ...", ratio, name_of(m));
      auto r = run_tipping(m, p, bars);
      const auto s = summarize(r.ping);
      std::fprintf(stderr,
                   " wall=%.3fs %.0f tasks/s ping p50=%.0fus p90=%.0fus p99=%.0fus (n=%llu) "
                   "peak_rss=+%.1fMB threads=%ld (base %ld)\n",
                   r.wall_seconds, r.tasks_per_second, us(s.p50), us(s.p90), us(s.p99),
                   static_cast<unsigned long long>(s.count), r.peak_rss_delta_mb, r.peak_threads,
                   r.base_threads);
      results.emplace_back(m, std::move(r));
    }
    std::sort(results.begin(), results.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const double check = results.front().second.checksum;
    for (const auto& [m, r] : results)
      if (r.checksum != check)
        problems.push_back(std::string{"study.tipping: cpu="} + std::to_string(ratio) + "% " +
                           name_of(m) + " computed a different checksum than cooperative");
    auto best_rate = std::max_element(results.begin(), results.end(), [](auto& a, auto& b) {
      return a.second.tasks_per_second < b.second.tasks_per_second;
    });
    auto best_p90 = std::min_element(results.begin(), results.end(), [](auto& a, auto& b) {
      return a.second.ping.percentile(90) < b.second.ping.percentile(90);
    });
    const double best_p90_us = std::max(1e-3, us(best_p90->second.ping.percentile(90)));
    const std::string cpu = "cpu" + std::to_string(ratio);
    for (const auto& [m, r] : results) {
      const std::string name = std::string{"study.tipping."} + cpu + "." + name_of(m);
      rows.push_back({name, r.tasks_per_second, "tasks/s", name_of(best_rate->first),
                      best_rate->second.tasks_per_second,
                      r.tasks_per_second / best_rate->second.tasks_per_second});
      const double v = us(r.ping.percentile(90));
      rows.push_back({name + ".p90", v, "us ping p90", name_of(best_p90->first), best_p90_us,
                      v / best_p90_us});
      rate[name_of(m)].emplace_back(ratio, r.tasks_per_second);
      p90[name_of(m)].emplace_back(ratio, v);
      rss[name_of(m)].emplace_back(ratio, r.peak_rss_delta_mb);
      threads[name_of(m)].emplace_back(ratio, static_cast<double>(r.peak_threads));
    }
    winners.push_back(name_of(best_rate->first));
    std::fprintf(stderr,
                 "study.tipping: cpu=%d%%: throughput winner %s (%.0f tasks/s), ping p90 winner "
                 "%s (%.0f us)\n",
                 ratio, name_of(best_rate->first), best_rate->second.tasks_per_second,
                 name_of(best_p90->first), best_p90_us);
  }
  // The tipping points: where the throughput winner changes, the crossing of the two models' lines
  // (linear between the measured ratios).
  for (std::size_t i = 1; i < ratios.size(); ++i)
    if (winners[i] != winners[i - 1]) {
      const auto& a = rate[winners[i - 1]];
      const auto& b = rate[winners[i]];
      const double d0 = a[i - 1].second - b[i - 1].second, d1 = a[i].second - b[i].second;
      const double x = ratios[i - 1] + (ratios[i] - ratios[i - 1]) * d0 / (d0 - d1);
      std::fprintf(stderr, "study.tipping: tipping point %s -> %s at about %.0f%% cpu\n",
                   winners[i - 1].c_str(), winners[i].c_str(), x);
    }
  auto to_series = [](const std::map<std::string, std::vector<std::pair<double, double>>>& m) {
    std::vector<chart_series> out;
    for (const char* name : {"cooperative", "detached", "pool", "thread"})
      if (auto it = m.find(name); it != m.end())
        out.push_back({name, it->second, false});
    return out;
  };
  const std::string n = std::to_string(p.tasks);
  plot(opts, "tipping_throughput.svg",
       {n + " tasks: throughput by compute share", "compute share of each task (%)",
        "tasks per second", true, to_series(rate)},
       problems);
  plot(opts, "tipping_ping_p90.svg",
       {"Unrelated I/O actor: ping delay p90", "compute share of each task (%)",
        "p90 ping delay (us)", true, to_series(p90)},
       problems);
  plot(opts, "tipping_memory.svg",
       {n + " tasks: peak RSS added by the run", "compute share of each task (%)", "MB", false,
        to_series(rss)},
       problems);
  plot(opts, "tipping_threads.svg",
       {n + " tasks: threads of the process", "compute share of each task (%)", "threads", true,
        to_series(threads)},
       problems);
}

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
  double rss_mb = 0;  // RSS added by the n idle units
  double heap_mb = 0; // malloc'd bytes in use added by them (stacks are not malloc'd)
  long threads = 0;   // threads added
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
  for (std::size_t i = 0; i < n; ++i)
    threads.emplace_back([&] {
      ++started;
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return release; });
    });
  wait_started(started, n);
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

void study_memory(const bench_options&, std::vector<bench_row>& rows, std::vector<std::string>&) {
  const std::size_t n = 1000;
  std::fprintf(stderr, "study.memory: %zu idle units of each kind (VmRSS and Threads deltas)\n", n);
  const auto coop = actors_footprint(n, false);
  const auto det = actors_footprint(n, true);
  const auto thr = threads_footprint(n);
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

// ---- study.protect_io ------------------------------------------------------------------------

namespace {

using batch_atom = caf::atom_constant<caf::atom("stbatch")>;

struct heavy_result {
  double updates_per_second = 0;
  latency_histogram ping;
};

// `actors` indicator actors, each working through `batches` batches of `updates` RSI(14) updates
// (one message per batch, as a hub would send them), cooperative or detached, while the I/O actor
// is pinged.
heavy_result run_heavy(bool detached, bool fair, std::size_t actors, std::size_t batches,
                       std::size_t updates, const std::vector<indicators::ohlcv>& bars) {
  heavy_result out;
  auto cfg = make_config(static_cast<std::size_t>(cores()), fair);
  std::mutex m;
  std::condition_variable cv;
  std::size_t left = actors;
  std::vector<double> sums(actors);
  {
    caf::actor_system sys{*cfg};
    ping_monitor monitor{sys, std::chrono::microseconds(1000)};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto heavy = [&](caf::event_based_actor* self, std::size_t index) -> caf::behavior {
      auto ind = std::make_shared<indicators::indicator>(
          std::move(*indicators::make_indicator("rsi:14").value));
      auto cursor = std::make_shared<std::size_t>((index * 7919) % bars.size());
      auto done = std::make_shared<std::size_t>(0);
      return {[&, self, ind, cursor, done, index](batch_atom) {
        sums[index] += indicator_work(*ind, bars, *cursor, updates);
        if (++*done < batches) {
          self->send(self, batch_atom::value);
          return;
        }
        std::lock_guard<std::mutex> lock(m);
        if (--left == 0)
          cv.notify_all();
        self->quit();
      }};
    };
    std::vector<caf::actor> spawned;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < actors; ++i) {
      auto a = detached ? sys.spawn<caf::detached>(heavy, i) : sys.spawn(heavy, i);
      caf::anon_send(a, batch_atom::value);
      spawned.push_back(std::move(a));
    }
    {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return left == 0; });
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    monitor.stop();
    await_all(sys, spawned);
    out.ping = monitor.latencies();
    out.updates_per_second = static_cast<double>(actors * batches * updates) / secs;
  }
  return out;
}

} // namespace

void study_protect_io(const bench_options& opts, std::vector<bench_row>& rows,
                      std::vector<std::string>& problems) {
  const auto bars = make_bars(4096, 11);
  const std::size_t actors = opts.quick ? 4 : 8;
  const std::size_t batches = opts.quick ? 100 : 500;
  const std::size_t updates = calibrate_updates(std::chrono::microseconds(1000), bars);
  std::fprintf(stderr,
               "study.protect_io: %zu heavy indicator actors x %zu batches of %zu RSI(14) updates "
               "(~1 ms each); the I/O actor pinged every 1 ms; %d cores; CAF: %s\n",
               actors, batches, updates, cores(),
               describe_config(static_cast<std::size_t>(cores())).c_str());
  // Alternating runs (cooperative, detached, cooperative, ...): the pings of every run of a kind
  // go into one histogram, the throughput is the median of its runs.
  const int repeats = opts.quick ? 2 : 3;
  // A third kind: cooperative with scheduler.policy=sharing and max-throughput=10 (one FIFO queue,
  // an actor yields its worker after 10 messages), a fairer cooperative setting, to show how
  // much of the cooperative latency comes from work stealing and the unlimited throughput.
  heavy_result kinds[3];
  std::vector<double> rates[3];
  const char* kind_names[] = {"cooperative", "detached",
                              "cooperative, fair (sharing, max-throughput=10)"};
  for (int r = 0; r < repeats; ++r)
    for (int k = 0; k < 3; ++k) {
      std::fprintf(stderr, "study.protect_io: run %d/%d, heavy actors %s ...", r + 1, repeats,
                   kind_names[k]);
      auto one = run_heavy(k == 1, k == 2, actors, batches, updates, bars);
      std::fprintf(stderr, " %.3g updates/s, ping p90 %.0f us\n", one.updates_per_second,
                   us(one.ping.percentile(90)));
      kinds[k].ping.merge(one.ping);
      rates[k].push_back(one.updates_per_second);
    }
  for (int k = 0; k < 3; ++k)
    kinds[k].updates_per_second = median_of(rates[k]);
  const auto& coop = kinds[0];
  const auto& det = kinds[1];
  const auto& backoff = kinds[2];
  if (coop.ping.count() < 10 || det.ping.count() < 10) {
    problems.push_back("study.protect_io: too few pings answered");
    return;
  }
  const auto c = summarize(coop.ping), d = summarize(det.ping), b = summarize(backoff.ping);
  for (const auto& [name, s, r] :
       {std::tuple<const char*, latency_summary, double>{"cooperative", c, coop.updates_per_second},
        {"detached", d, det.updates_per_second},
        {"coop fair", b, backoff.updates_per_second}})
    std::fprintf(stderr,
                 "study.protect_io: %-11s ping p50=%.0fus p90=%.0fus p99=%.0fus (n=%llu), "
                 "%.3g updates/s\n",
                 name, us(s.p50), us(s.p90), us(s.p99), static_cast<unsigned long long>(s.count),
                 r);
  const double p90_ratio = us(d.p90) / us(c.p90);
  const double rate_ratio = det.updates_per_second / coop.updates_per_second;
  std::fprintf(stderr,
               "study.protect_io: detached p90 = %.3f x cooperative (goal <= 0.2), throughput = "
               "%.3f x (goal >= 0.95): %s\n",
               p90_ratio, rate_ratio,
               p90_ratio <= 0.2 && rate_ratio >= 0.95 ? "holds" : "does NOT hold");
  rows.push_back({"study.protect_io.p50", us(d.p50), "us ping p50", "cooperative", us(c.p50),
                  us(d.p50) / us(c.p50)});
  rows.push_back(
      {"study.protect_io.p90", us(d.p90), "us ping p90", "cooperative", us(c.p90), p90_ratio});
  rows.push_back({"study.protect_io.p99", us(d.p99), "us ping p99", "cooperative", us(c.p99),
                  us(d.p99) / us(c.p99)});
  rows.push_back({"study.protect_io.throughput", det.updates_per_second, "updates/s", "cooperative",
                  coop.updates_per_second, rate_ratio});
  rows.push_back({"study.protect_io.fair.p90", us(d.p90), "us ping p90", "coop_fair", us(b.p90),
                  us(d.p90) / us(b.p90)});
  rows.push_back({"study.protect_io.fair.throughput", det.updates_per_second, "updates/s",
                  "coop_fair", backoff.updates_per_second,
                  det.updates_per_second / backoff.updates_per_second});
  plot(opts, "protect_io.svg",
       {"I/O actor ping delay with " + std::to_string(actors) + " heavy indicator actors",
        "percentile",
        "round trip (us)",
        true,
        {{"heavy actors cooperative", {{50, us(c.p50)}, {90, us(c.p90)}, {99, us(c.p99)}}, false},
         {"heavy actors detached", {{50, us(d.p50)}, {90, us(d.p90)}, {99, us(d.p99)}}, false},
         {"cooperative, fair scheduling",
          {{50, us(b.p50)}, {90, us(b.p90)}, {99, us(b.p99)}},
          true}}},
       problems);
}

} // namespace bourse::bench::detail
