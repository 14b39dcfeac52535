// The tipping-point execution models (study_models.hpp).
#include "study_models.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>

#include "study_kit.hpp"

namespace bourse::bench::study {

namespace {

using step_atom = caf::atom_constant<caf::atom("ststep")>;

// Counts finished tasks; the main thread waits for all of them.
class countdown {
public:
  explicit countdown(std::size_t n) : left_(n) {}
  void arrive() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--left_ == 0)
      done_.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return left_ == 0; });
  }

private:
  std::mutex mutex_;
  std::condition_variable done_;
  std::size_t left_;
};

// One task: its indicator, where it reads the bars, which step is next, what it computed.
struct task {
  indicators::indicator ind;
  std::size_t cursor = 0;
  int next_step = 0;
  double sum = 0;
};

// The shared, read-only inputs of a run plus the tasks (each touched by one actor or thread only).
struct run_context {
  const tipping_params* params = nullptr;
  const std::vector<indicators::ohlcv>* bars = nullptr;
  std::vector<task> tasks;
  countdown done;
  explicit run_context(std::size_t n) : done(n) {}
};

// True when step `s` of `steps` computes: `cpu` of them, spread evenly (Bresenham).
bool computes(int s, int steps, int cpu) {
  return (s + 1) * cpu / steps > s * cpu / steps;
}

// Runs the next step of task `t`: returns false when the task has finished, otherwise whether the
// step just taken was a wait (the caller then delays the next one).
enum class step_outcome { finished, computed, wait };

step_outcome take_step(run_context& ctx, task& t) {
  const auto& p = *ctx.params;
  if (t.next_step >= p.steps)
    return step_outcome::finished;
  const int s = t.next_step++;
  if (computes(s, p.steps, p.cpu_steps)) {
    t.sum += indicator_work(t.ind, *ctx.bars, t.cursor, p.updates_per_step);
    return step_outcome::computed;
  }
  return step_outcome::wait;
}

// A task as an actor: each step a message to itself, delayed for a wait step.
caf::behavior task_actor(caf::event_based_actor* self, std::shared_ptr<run_context> ctx,
                         std::size_t index) {
  return {[=](step_atom) {
    auto& t = ctx->tasks[index];
    switch (take_step(*ctx, t)) {
    case step_outcome::finished:
      ctx->done.arrive();
      self->quit();
      return;
    case step_outcome::computed:
      self->send(self, step_atom::value);
      return;
    case step_outcome::wait:
      self->delayed_send(self, ctx->params->wait, step_atom::value);
      return;
    }
  }};
}

// A pool worker: runs steps of whichever of its tasks a message names.
caf::behavior pool_worker(caf::event_based_actor* self, std::shared_ptr<run_context> ctx) {
  return {[=](step_atom, std::uint64_t index) {
    auto& t = ctx->tasks[index];
    switch (take_step(*ctx, t)) {
    case step_outcome::finished:
      ctx->done.arrive();
      return;
    case step_outcome::computed:
      self->send(self, step_atom::value, index);
      return;
    case step_outcome::wait:
      self->delayed_send(self, ctx->params->wait, step_atom::value, index);
      return;
    }
  }};
}

// The pool model behind one function, so that another pool can replace it: spawns the workers,
// hands out the tasks round-robin, returns the workers (stopped by the caller after the run).
std::vector<caf::actor> start_pool(caf::actor_system& sys, std::shared_ptr<run_context> ctx,
                                   std::size_t size) {
  std::vector<caf::actor> workers;
  for (std::size_t i = 0; i < std::max<std::size_t>(1, size); ++i)
    workers.push_back(sys.spawn<caf::detached>(pool_worker, ctx));
  for (std::size_t i = 0; i < ctx->tasks.size(); ++i)
    caf::anon_send(workers[i % workers.size()], step_atom::value, std::uint64_t{i});
  return workers;
}

void thread_task(run_context& ctx, task& t) {
  for (;;)
    switch (take_step(ctx, t)) {
    case step_outcome::finished:
      ctx.done.arrive();
      return;
    case step_outcome::computed:
      break;
    case step_outcome::wait:
      std::this_thread::sleep_for(ctx.params->wait);
      break;
    }
}

} // namespace

const char* name_of(exec_model m) noexcept {
  switch (m) {
  case exec_model::cooperative:
    return "cooperative";
  case exec_model::detached:
    return "detached";
  case exec_model::pool:
    return "pool";
  case exec_model::thread:
    return "thread";
  }
  return "?";
}

tipping_result run_tipping(exec_model model, const tipping_params& p,
                           const std::vector<indicators::ohlcv>& bars) {
  tipping_result out;
  auto ctx = std::make_shared<run_context>(p.tasks);
  ctx->params = &p;
  ctx->bars = &bars;
  ctx->tasks.reserve(p.tasks);
  for (std::size_t i = 0; i < p.tasks; ++i) {
    ctx->tasks.push_back(task{std::move(*indicators::make_indicator("rsi:14").value)});
    ctx->tasks.back().cursor = (i * 7919) % bars.size();
  }
  auto cfg = make_config(p.workers);
  {
    caf::actor_system sys{*cfg};
    ping_monitor monitor{sys, p.ping_interval};
    std::this_thread::sleep_for(std::chrono::milliseconds(20)); // the pinger is running
    const auto before = read_proc_status();
    const bool hwm_reset = reset_peak_rss();
    out.base_threads = before.threads;
    std::vector<caf::actor> pool, detached;
    std::vector<std::thread> threads;
    const auto t0 = std::chrono::steady_clock::now();
    switch (model) {
    case exec_model::cooperative:
    case exec_model::detached:
      for (std::size_t i = 0; i < p.tasks; ++i) {
        auto a = model == exec_model::detached ? sys.spawn<caf::detached>(task_actor, ctx, i)
                                               : sys.spawn(task_actor, ctx, i);
        caf::anon_send(a, step_atom::value);
        if (model == exec_model::detached)
          detached.push_back(std::move(a));
      }
      break;
    case exec_model::pool:
      pool = start_pool(sys, ctx, p.pool_size);
      break;
    case exec_model::thread:
      threads.reserve(p.tasks);
      for (std::size_t i = 0; i < p.tasks; ++i) {
        try {
          threads.emplace_back([&ctx, i] { thread_task(*ctx, ctx->tasks[i]); });
        } catch (const std::system_error& e) { // e.g. a process or thread limit
          out.problem = "could not start thread " + std::to_string(i + 1) + " of " +
                        std::to_string(p.tasks) + ": " + e.what();
          for (std::size_t j = i; j < p.tasks; ++j)
            ctx->done.arrive(); // the tasks never started
          break;
        }
      }
      break;
    }
    ctx->done.wait();
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto after = read_proc_status();
    monitor.stop();
    for (auto& t : threads)
      t.join();
    for (auto& w : pool)
      caf::anon_send_exit(w, caf::exit_reason::user_shutdown);
    // Detached actors must be gone before the system: CAF 0.17 stops its clock first, and a
    // detached actor still cleaning up then blocks forever on it (the system never exits).
    await_all(sys, pool);
    await_all(sys, detached);
    out.ping = monitor.latencies();
    out.peak_threads = std::max(monitor.max_threads(), after.threads);
    const long peak_kb = std::max(hwm_reset ? after.hwm_kb : 0L, monitor.max_rss_kb());
    out.peak_rss_delta_mb = static_cast<double>(std::max(0L, peak_kb - before.rss_kb)) / 1024.0;
  }
  out.tasks_per_second = static_cast<double>(p.tasks) / std::max(1e-9, out.wall_seconds);
  for (const auto& t : ctx->tasks)
    out.checksum += t.sum;
  return out;
}

} // namespace bourse::bench::study
