// study.tipping: the tipping point between waiting and computing (study_benchmarks.hpp,
// docs/scheduling.md), and the helpers every study row shares.
#include "study_benchmarks.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include "study_chart.hpp"
#include "study_kit.hpp"
#include "study_models.hpp"

namespace bourse::bench::detail {

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
      if (!r.problem.empty()) {
        std::fprintf(stderr, " failed\n");
        problems.push_back(std::string{"study.tipping: "} + name_of(m) + ": " + r.problem);
        return;
      }
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

} // namespace bourse::bench::detail
