// latency.paper: tick -> order latency of a paper-mode run paced at 1,000 ticks/s, as the system
// measures it itself (the venues' histograms: wall-clock arrival of the quote the strategy acted on
// -> its submit reaching the venue), against the same six hops through raw CAF actors forwarding a
// wall-clock stamp, paced the same way, with the same scheduler configuration, in the same run.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/latency_histogram.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/system/wall_clock.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/actors/market_data/memory_feed.hpp"
#include "system_benchmarks.hpp"
#include "tick_scenario.hpp"

namespace bourse::bench::detail {

namespace {

constexpr timestamp tick_interval = 1'000'000; // 1 ms of data time = 1 ms of wall time at speed 1

// The demo's cross-venue tick set, one quote (tick) per slice, re-stamped 1 ms apart.
std::vector<market_slice> paced_slices(std::uint64_t ticks) {
  std::vector<market_slice> out;
  out.reserve(ticks);
  for (auto& s : cross_venue_slices(42, ticks))
    for (auto& q : s.quotes) {
      const timestamp ts = out.empty() ? s.ts_event : out.back().ts_event + tick_interval;
      market_slice one;
      one.ts_event = one.ts_init = q.ts = ts;
      one.quotes.push_back(std::move(q));
      out.push_back(std::move(one));
    }
  return out;
}

struct system_run {
  latency_histogram tick_to_order;
  std::uint64_t slices = 0;
  std::int64_t journaled = 0;
  double seconds = 0;
  std::string problem;
};

system_run run_system(std::uint64_t ticks, const std::string& journal_path = {}) {
  system_config cfg{run_mode::paper};
  trading_system ts{cfg, run_mode::paper};
  ts.add_slices(paced_slices(ticks));
  add_tick_scenario(ts);
  if (!journal_path.empty()) {
    journal_config jc;
    jc.path = journal_path;
    ts.set_journal(jc);
  }
  sequencer_config seq;
  seq.speed = 1.0;
  ts.set_sequencer(seq);
  if (std::getenv("BOURSE_BENCH_METRICS") != nullptr) { // measures the cost of --metrics
    metrics_options m;
    m.enabled = true;
    ts.set_metrics(m);
  }
  auto result = ts.run();
  system_run out;
  out.tick_to_order = result.tick_to_order;
  out.journaled = result.journal.committed;
  out.slices = result.summary.slices;
  out.seconds = result.wall_seconds;
  if (!result.ok)
    out.problem = result.problems.empty() ? "run failed" : result.problems.front();
  return out;
}

// The baseline: a pacer and five forwarding actors; a stamp travels pacer -> a -> b -> c -> d ->
// d (self) -> e, the shape of sequencer -> hub -> aggregator -> strategy -> order manager -> (drain,
// a self-message) -> venue. `e` records monotonic_now() - stamp.
struct pace {};
struct finished {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, pace&) {
  return f(caf::meta::type_name("bourse::bench::pace"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, finished&) {
  return f(caf::meta::type_name("bourse::bench::finished"));
}

using route = std::vector<caf::actor>;

// Receives (stamp, step): forwards to the route's next actor, or records at the end of the route.
caf::behavior hop(caf::event_based_actor* self, std::shared_ptr<route> path,
                  std::shared_ptr<latency_histogram> into, std::uint64_t expected,
                  caf::actor report) {
  auto seen = std::make_shared<std::uint64_t>(0);
  return {[=](std::int64_t stamp, std::int32_t step) {
    const auto next = static_cast<std::size_t>(step) + 1;
    if (next < path->size()) {
      self->send((*path)[next], stamp, static_cast<std::int32_t>(next));
      return;
    }
    into->record(monotonic_now() - stamp);
    if (++*seen == expected) {
      self->send(report, finished{});
      path->clear(); // the route holds every hop; drop the cycle
    }
  }};
}

// Releases `ticks` stamps 1 ms apart by the wall clock, like the sequencer: a delayed message to
// itself for the next tick, set before the stamp is taken and sent (the timer wakes CAF's clock
// thread, which must not sit inside the measured path).
caf::behavior pacer(caf::event_based_actor* self, std::shared_ptr<route> path,
                    std::uint64_t ticks) {
  auto next = std::make_shared<std::uint64_t>(0);
  auto start = std::make_shared<std::chrono::steady_clock::time_point>();
  return {[=](pace) {
    const auto now = std::chrono::steady_clock::now();
    if (*next == 0)
      *start = now;
    auto due = [&](std::uint64_t i) {
      return *start + std::chrono::nanoseconds(static_cast<std::int64_t>(i) * tick_interval);
    };
    const bool release = *next < ticks && due(*next) <= now;
    if (release)
      ++*next;
    if (*next < ticks)
      self->delayed_send(self, std::max(due(*next) - now, std::chrono::steady_clock::duration{0}),
                         pace{});
    if (release)
      self->send(path->front(), monotonic_now(), std::int32_t{0});
  }};
}

latency_histogram run_baseline(std::uint64_t ticks) {
  system_config cfg{run_mode::paper};
  cfg.add_message_type<pace>("bourse::bench::pace");
  cfg.add_message_type<finished>("bourse::bench::finished");
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto path = std::make_shared<route>();
  auto hist = std::make_shared<latency_histogram>();
  std::vector<caf::actor> hops;
  for (int i = 0; i < 5; ++i)
    hops.push_back(sys.spawn(hop, path, hist, ticks, caf::actor{self}));
  *path = {hops[0], hops[1], hops[2], hops[3], hops[3], hops[4]};
  auto p = sys.spawn(pacer, path, ticks);
  self->send(p, pace{});
  self->receive([](finished) {});
  self->send_exit(p, caf::exit_reason::user_shutdown);
  for (auto& h : hops)
    self->send_exit(h, caf::exit_reason::user_shutdown);
  return *hist;
}

double us(std::int64_t ns) { return static_cast<double>(ns) / 1e3; }

void print(const char* what, const latency_histogram& h) {
  const auto s = summarize(h);
  std::fprintf(stderr,
               "latency.paper: %-22s count=%llu p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus "
               "max=%.1fus\n",
               what, static_cast<unsigned long long>(s.count), us(s.p50), us(s.p90), us(s.p99),
               us(s.p999), us(s.max));
}

} // namespace

void latency_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                        std::vector<std::string>& problems) {
  const std::uint64_t ticks = opts.quick ? 12'000 : 60'000;
  const std::uint64_t baseline_ticks = opts.quick ? 5'000 : 20'000;
  std::fprintf(stderr, "latency.paper: paper run, %llu ticks at 1,000/s\n",
               static_cast<unsigned long long>(ticks));
  auto sys = run_system(ticks);
  if (!sys.problem.empty()) {
    problems.push_back("latency.paper: " + sys.problem);
    return;
  }
  if (sys.tick_to_order.count() < 100) {
    problems.push_back("latency.paper: only " + std::to_string(sys.tick_to_order.count()) +
                       " orders in " + std::to_string(sys.slices) + " ticks");
    return;
  }
  std::fprintf(stderr, "latency.paper: raw CAF baseline, %llu stamps at 1,000/s through 6 hops\n",
               static_cast<unsigned long long>(baseline_ticks));
  auto base = run_baseline(baseline_ticks);
  std::fprintf(stderr, "latency.paper: the paper run released %llu ticks in %.1f s\n",
               static_cast<unsigned long long>(sys.slices), sys.seconds);
  print("tick->order (system)", sys.tick_to_order);
  print("6 raw CAF hops", base);
  const double p50 = us(sys.tick_to_order.percentile(50));
  const double p99 = us(sys.tick_to_order.percentile(99));
  const double base50 = us(base.percentile(50));
  const double base99 = us(base.percentile(99));
  rows.push_back({"latency.paper", p50, "us p50", "raw_caf_6hops", base50, p50 / base50});
  rows.push_back({"latency.paper.p99", p99, "us p99", "raw_caf_6hops", base99, p99 / base99});
}

void journal_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                        std::vector<std::string>& problems) {
  const std::uint64_t ticks = opts.quick ? 12'000 : 60'000;
  const auto path = (std::filesystem::temp_directory_path() /
                     ("bourse-bench-journal-" + std::to_string(::getpid()) + ".sqlite"))
                        .string();
  auto remove_journal = [&] {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path + suffix, ignored);
  };
  remove_journal();
  std::fprintf(stderr, "latency.journal: paper run without a journal, %llu ticks at 1,000/s\n",
               static_cast<unsigned long long>(ticks));
  auto plain = run_system(ticks);
  std::fprintf(stderr, "latency.journal: the same run journaling to %s\n", path.c_str());
  auto journaled = run_system(ticks, path);
  remove_journal();
  for (const auto* r : {&plain, &journaled})
    if (!r->problem.empty()) {
      problems.push_back("latency.journal: " + r->problem);
      return;
    }
  if (journaled.journaled == 0 || plain.tick_to_order.count() < 100) {
    problems.push_back("latency.journal: nothing was journaled or too few orders");
    return;
  }
  print("tick->order (no journal)", plain.tick_to_order);
  print("tick->order (journal)", journaled.tick_to_order);
  std::fprintf(stderr, "latency.journal: %lld records journaled\n",
               static_cast<long long>(journaled.journaled));
  const double p50 = us(journaled.tick_to_order.percentile(50));
  const double p99 = us(journaled.tick_to_order.percentile(99));
  const double base50 = us(plain.tick_to_order.percentile(50));
  const double base99 = us(plain.tick_to_order.percentile(99));
  rows.push_back({"latency.journal", p50, "us p50", "no_journal", base50, p50 / base50});
  rows.push_back({"latency.journal.p99", p99, "us p99", "no_journal", base99, p99 / base99});
}

} // namespace bourse::bench::detail
