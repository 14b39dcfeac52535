// study.protect_io: heavy indicator actors cooperative vs detached while an I/O actor is pinged
// (study_benchmarks.hpp, docs/scheduling.md).
#include "study_benchmarks.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <tuple>

#include "study_chart.hpp"
#include "study_kit.hpp"
#include "study_models.hpp"

namespace bourse::bench::detail {

using namespace study;

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
