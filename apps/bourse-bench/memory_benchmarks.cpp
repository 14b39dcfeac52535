// memory.stream: peak RSS of the demo's cross-venue tick backtest (streamed tick set, aggregator,
// spread strategy, two venues, order manager, portfolio; one worker) at 200,000 ticks against
// longer runs. memory.stream runs the strategy with an edge it never sees (no orders: what the data
// costs); memory.stream.trading runs the demo's strategy (what its orders and fills add). Each run
// is a child process (this binary re-executed with a hidden argument), so that its peak RSS
// (the child's VmHWM, which it reports itself) is its own.
#include "system_benchmarks.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/logging/logging.hpp"
#include "bourse/market/cross_venue_source.hpp"
#include "bourse/strategy/registry.hpp"
#include "tick_scenario.hpp"

namespace bourse::bench {

namespace {

// The same strategy with an edge the tick set never offers: every component runs, nothing trades.
constexpr const char* quiet_spec =
    "cross_venue_spread:instrument=ETH,qty=1,min_edge=1000,fee_bps=0.1,max_position=5";

// What a child run reports on its stdout.
struct child_run {
  std::uint64_t ticks = 0;
  long max_rss_kb = 0;      // the child's peak RSS (its VmHWM)
  std::uint64_t fills = 0;  // fills in the run's report
  std::uint64_t equity_points = 0;
  double seconds = 0;       // the backtest's wall time (without start-up)
  std::string problem;
};

// Runs `bourse-bench --memory-child TICKS MODE` and waits for it.
child_run run_child(std::uint64_t ticks, const char* mode) {
  child_run out;
  out.ticks = ticks;
  int fds[2];
  if (::pipe(fds) != 0) {
    out.problem = std::string{"pipe: "} + std::strerror(errno);
    return out;
  }
  const std::string count = std::to_string(ticks);
  pid_t pid = ::fork();
  if (pid < 0) {
    out.problem = std::string{"fork: "} + std::strerror(errno);
    ::close(fds[0]);
    ::close(fds[1]);
    return out;
  }
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    const char* argv[] = {"bourse-bench", "--memory-child", count.c_str(), mode, nullptr};
    ::execv("/proc/self/exe", const_cast<char* const*>(argv));
    std::_Exit(127);
  }
  ::close(fds[1]);
  std::string text;
  char buf[512];
  for (;;) {
    auto n = ::read(fds[0], buf, sizeof buf);
    if (n > 0)
      text.append(buf, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR)
      break;
  }
  ::close(fds[0]);
  int status = 0;
  struct rusage usage {};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    out.problem = "the child run of " + count + " ticks failed: " + text;
    return out;
  }
  unsigned long long fills = 0, points = 0;
  long peak_kb = -1;
  if (std::sscanf(text.c_str(), "fills=%llu equity_points=%llu wall_s=%lf peak_kb=%ld", &fills,
                  &points, &out.seconds, &peak_kb) != 4)
    out.problem = "the child run of " + count + " ticks printed no result: " + text;
  // The child's own VmHWM; wait4's ru_maxrss only when /proc is missing (it also counts the
  // parent's RSS at the fork).
  out.max_rss_kb = peak_kb > 0 ? peak_kb : usage.ru_maxrss;
  out.fills = fills;
  out.equity_points = points;
  return out;
}

double mb(long kb) { return static_cast<double>(kb) / 1024.0; }

} // namespace

namespace detail {

int memory_child(const std::vector<std::string>& args) {
  char* end = nullptr;
  const auto ticks = args.empty() ? 0ULL : std::strtoull(args[0].c_str(), &end, 10);
  if (args.size() != 2 || args[0].empty() || args[0][0] == '-' || *end != '\0' || ticks == 0 ||
      (args[1] != "quiet" && args[1] != "trading")) {
    std::fprintf(stderr, "bourse-bench: --memory-child (internal to memory.stream) takes TICKS "
                         "(a positive number) and quiet|trading\n");
    return 2;
  }
  const bool trading = args[1] == "trading";
  // Levels as the parent's: its --log-level reaches the child as SPDLOG_LEVEL.
  std::vector<std::string> ignored;
  configure_logging(std::nullopt, ignored);
  system_config cfg;
  cfg.set("scheduler.max-threads", 1);
  trading_system ts{cfg};
  ts.add_source(std::make_unique<cross_venue_source>(demo_cross_venue(42, ticks)));
  add_tick_scenario(ts, trading ? spread_spec : quiet_spec);
  auto result = ts.run();
  if (!result.ok) {
    std::printf("%s\n", result.problems.empty() ? "run failed" : result.problems.front().c_str());
    return 1;
  }
  // Read the fills back as the demo does (statistics per strategy in one pass): that is part of
  // what a long run costs.
  auto pass = report_pass(result);
  if (!pass.error.empty()) {
    std::printf("%s\n", pass.error.c_str());
    return 1;
  }
  // The peak RSS of this process image: after fork + exec, wait4's ru_maxrss also counts the
  // parent's RSS at the fork (Linux keeps the larger), which is the previous benchmarks' memory.
  long hwm_kb = -1;
  if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, status) != nullptr)
      if (std::sscanf(line, "VmHWM: %ld kB", &hwm_kb) == 1)
        break;
    std::fclose(status);
  }
  std::printf("fills=%llu equity_points=%llu wall_s=%.3f peak_kb=%ld\n",
              static_cast<unsigned long long>(result.fill_count()),
              static_cast<unsigned long long>(result.report.equity.size()), result.wall_seconds,
              hwm_kb);
  return 0;
}

void memory_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                       std::vector<std::string>& problems) {
  const std::uint64_t base = 200'000;
  std::vector<std::uint64_t> longer = opts.quick ? std::vector<std::uint64_t>{5'000'000}
                                                 : std::vector<std::uint64_t>{2'000'000, 20'000'000};
  for (const char* mode : {"quiet", "trading"}) {
    const std::string prefix =
        std::string{"memory.stream"} + (std::string{mode} == "trading" ? ".trading" : "");
    std::vector<std::uint64_t> sizes{base};
    sizes.insert(sizes.end(), longer.begin(), longer.end());
    std::vector<child_run> runs;
    for (auto ticks : sizes) {
      std::fprintf(stderr, "%s: %llu ticks in a child process ...\n", prefix.c_str(),
                   static_cast<unsigned long long>(ticks));
      auto run = run_child(ticks, mode);
      if (!run.problem.empty()) {
        problems.push_back(prefix + ": " + run.problem);
        return;
      }
      std::fprintf(stderr,
                   "%s: %llu ticks: peak RSS %.1f MB, %llu fills, %llu equity points, %.1f s\n",
                   prefix.c_str(), static_cast<unsigned long long>(ticks), mb(run.max_rss_kb),
                   static_cast<unsigned long long>(run.fills),
                   static_cast<unsigned long long>(run.equity_points), run.seconds);
      runs.push_back(run);
    }
    const auto& first = runs.front();
    for (std::size_t i = 1; i < runs.size(); ++i) {
      const auto& r = runs[i];
      // The longest run is the row itself; shorter ones get their size appended ("….2m").
      std::string name = i + 1 == runs.size()
                             ? prefix
                             : prefix + "." + std::to_string(r.ticks / 1'000'000) + "m";
      rows.push_back({name, mb(r.max_rss_kb), "MB", "200k_ticks", mb(first.max_rss_kb),
                      static_cast<double>(r.max_rss_kb) / static_cast<double>(first.max_rss_kb)});
    }
  }
}

} // namespace detail

} // namespace bourse::bench
