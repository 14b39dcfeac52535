// The indicator pool: many symbols' indicators on N workers, published in a fixed order.
#include "bourse/actors/indicator/indicator_pool.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "bourse/actors/indicator/indicator_host.hpp"
#include "bourse/indicators/indicator_set.hpp"
#include "bourse/logging/logging.hpp"

namespace bourse {

namespace {

using indicator_input = indicator_host::input;

// One bar waiting to be computed, with the stamps its updates carry.
struct pending_bar {
  bar data;
  timestamp ts_init = 0;
  timestamp ts_arrival = 0;
};

// One symbol's share of a step: its set (owned by the worker the job is sent to until the host's
// wait returns), its bars in arrival order, the updates they produced and what they cost.
struct pool_job {
  indicators::indicator_set* set = nullptr;
  std::vector<pending_bar> bars;
  std::vector<indicator_update> out;
  std::int64_t cost_ns = 0;
};

// Counts the workers still computing a step; the host waits until none is.
class completion {
public:
  void arm(std::size_t n) {
    std::lock_guard<std::mutex> guard{mutex_};
    left_ = n;
  }
  void count_down() {
    std::lock_guard<std::mutex> guard{mutex_};
    if (--left_ == 0)
      done_.notify_one();
  }
  void wait() {
    std::unique_lock<std::mutex> lock{mutex_};
    done_.wait(lock, [this] { return left_ == 0; });
  }

private:
  std::mutex mutex_;
  std::condition_variable done_;
  std::size_t left_ = 0;
};

// What one worker computes in one step. The pointers stay valid: the host waits for every worker
// before it touches the jobs again.
struct pool_work {
  std::vector<pool_job*> jobs;
  completion* done = nullptr;
  bool timed = false;
};

} // namespace

} // namespace bourse

// Local only (a pointer to the host's jobs); never serialized.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<bourse::pool_work>)

namespace bourse {

namespace {

using pool_work_ptr = std::shared_ptr<pool_work>;

void run_job(pool_job& job, bool timed) {
  auto start = timed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  for (const auto& b : job.bars)
    job.set->apply(b.data, b.ts_init, b.ts_arrival, job.out);
  if (timed)
    job.cost_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
}

// A worker: computes the jobs it is sent, in order, and counts down.
caf::behavior pool_worker(caf::event_based_actor*, std::size_t /*index*/) {
  return {
      [](pool_work_ptr& work) {
        for (auto* job : work->jobs)
          run_job(*job, work->timed);
        work->done->count_down();
      },
  };
}

struct pool_state {
  participant<indicator_input> part;
  std::vector<indicators::indicator_set> sets; // by symbol index (publication order)
  std::vector<std::string> names;              // symbol names, same order
  std::unordered_map<symbol_id, std::size_t> index;
  std::vector<indicator_listener_actor> listeners;    // in subscription order
  std::vector<std::vector<std::size_t>> listeners_of; // symbol -> listener indices
  std::vector<indicator_updates> collected;           // backtest: per listener, this step
  std::vector<pool_job> jobs;                         // per symbol, reused
  std::vector<std::size_t> touched;                   // symbols with bars this step, ascending
  std::optional<indicators::pool_plan> plan;
  bool workers_detached = false;
  bool timed = false;
  std::vector<caf::actor> workers; // the pool's shared workers
  std::vector<caf::actor> own;     // per symbol: its own thread, or null
  completion done;
  std::vector<std::uint64_t> bars_of;
  std::vector<std::int64_t> cost_of;
  static inline const char* name = "indicator_pool";
};

using self_ptr = indicator_pool_actor::stateful_pointer<pool_state>;

caf::actor spawn_worker(self_ptr self, bool detached, std::size_t index) {
  auto w = detached ? self->spawn<caf::detached>(pool_worker, index)
                    : self->spawn(pool_worker, index);
  self->link_to(w);
  return w;
}

void retire_worker(self_ptr self, caf::actor& w) {
  if (!w)
    return;
  self->unlink_from(w);
  caf::anon_send_exit(w, caf::exit_reason::user_shutdown);
  w = nullptr;
}

// Brings the actors in line with the plan (between steps: nothing is in flight).
void apply_plan(self_ptr self) {
  auto& st = self->state;
  const auto& plan = *st.plan;
  while (st.workers.size() < plan.workers())
    st.workers.push_back(spawn_worker(self, st.workers_detached, st.workers.size()));
  while (st.workers.size() > plan.workers()) {
    retire_worker(self, st.workers.back());
    st.workers.pop_back();
  }
  for (std::size_t s = 0; s < plan.symbols(); ++s) {
    const bool own = plan.placement_of(s) == indicators::placement::own_thread;
    if (own && !st.own[s])
      st.own[s] = spawn_worker(self, true, s);
    else if (!own && st.own[s])
      retire_worker(self, st.own[s]);
  }
  auto& m = st.part.metrics();
  m.workers = plan.workers() + plan.own_threads();
}

// Computes the jobs of the symbols in st.touched on their workers and waits for all of them.
void compute(self_ptr self) {
  auto& st = self->state;
  const auto& plan = *st.plan;
  std::vector<pool_work_ptr> shared(st.workers.size());
  std::vector<std::pair<std::size_t, pool_work_ptr>> solo;
  for (auto s : st.touched) {
    auto& job = st.jobs[s];
    job.out.clear();
    job.cost_ns = 0;
    if (plan.placement_of(s) == indicators::placement::own_thread) {
      auto w = std::make_shared<pool_work>();
      w->jobs.push_back(&job);
      solo.emplace_back(s, std::move(w));
      continue;
    }
    auto& w = shared[plan.worker_of(s)];
    if (!w)
      w = std::make_shared<pool_work>();
    w->jobs.push_back(&job);
  }
  std::size_t n = solo.size();
  for (const auto& w : shared)
    n += w ? 1 : 0;
  if (n == 0)
    return;
  st.done.arm(n);
  for (std::size_t i = 0; i < shared.size(); ++i)
    if (shared[i]) {
      shared[i]->done = &st.done;
      shared[i]->timed = st.timed;
      caf::anon_send(st.workers[i], std::move(shared[i]));
    }
  for (auto& [s, w] : solo) {
    w->done = &st.done;
    w->timed = st.timed;
    caf::anon_send(st.own[s], std::move(w));
  }
  st.done.wait();
  auto& m = st.part.metrics();
  m.queue_depth = 0;
  for (auto s : st.touched)
    if (plan.placement_of(s) == indicators::placement::pool)
      m.queue_depth += st.jobs[s].bars.size();
}

// Tells the plan what the step did and follows its changes, logging each with its reason.
void end_plan_step(self_ptr self) {
  auto& st = self->state;
  std::fill(st.bars_of.begin(), st.bars_of.end(), 0);
  std::fill(st.cost_of.begin(), st.cost_of.end(), 0);
  for (auto s : st.touched) {
    st.bars_of[s] = st.jobs[s].bars.size();
    st.cost_of[s] = st.jobs[s].cost_ns;
  }
  auto changes = st.plan->end_step(st.bars_of, st.cost_of);
  for (const auto& c : changes) {
    if (c.what == indicators::pool_change::kind::grow || c.what == indicators::pool_change::kind::shrink)
      logger(log_component::indicator)
          .info("Indicator pool resized change={} workers={} {}", indicators::to_string(c.what),
                c.workers, c.reason);
    else
      logger(log_component::indicator)
          .info("Indicator set moved symbol={} change={} {}", st.names[c.symbol],
                indicators::to_string(c.what), c.reason);
  }
  if (!changes.empty())
    apply_plan(self);
}

void clear_step(pool_state& st) {
  for (auto s : st.touched)
    st.jobs[s].bars.clear();
  st.touched.clear();
}

// Collects each update for the listeners of its symbol, in (data time, symbol, spec) order.
void publish(self_ptr self) {
  auto& st = self->state;
  std::vector<const indicator_update*> order;
  std::vector<std::size_t> symbol_of;
  for (auto s : st.touched)
    for (const auto& u : st.jobs[s].out) {
      order.push_back(&u);
      symbol_of.push_back(s);
    }
  std::vector<std::size_t> idx(order.size());
  for (std::size_t i = 0; i < idx.size(); ++i)
    idx[i] = i;
  // Stable: within one data time, symbols stay ascending and each symbol's updates in order.
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return order[a]->ts_init < order[b]->ts_init;
  });
  if (st.part.mode() == run_mode::paper) {
    for (auto i : idx)
      for (auto li : st.listeners_of[symbol_of[i]])
        st.part.send(self, st.listeners[li], *order[i]);
    return;
  }
  const auto now = st.part.now();
  st.collected.resize(st.listeners.size());
  for (auto i : idx) {
    st.part.set_now(order[i]->ts_init); // the stamp the update is counted at
    for (auto li : st.listeners_of[symbol_of[i]]) {
      st.part.count_for(st.listeners[li]);
      st.collected[li].updates.push_back(*order[i]);
    }
  }
  st.part.set_now(now);
  for (std::size_t li = 0; li < st.collected.size(); ++li)
    if (!st.collected[li].updates.empty())
      st.part.send_collected(self, st.listeners[li], std::move(st.collected[li]));
  st.collected.clear();
}

// Computes and publishes what was buffered, then lets the plan change between steps.
void run_step(self_ptr self) {
  auto& st = self->state;
  if (st.touched.empty())
    return;
  std::sort(st.touched.begin(), st.touched.end());
  compute(self);
  publish(self);
  end_plan_step(self);
  clear_step(st);
}

void on_bars(self_ptr self, const bar_batch& batch) {
  auto& st = self->state;
  if (st.part.mode() == run_mode::paper)
    st.part.set_now(batch.ts_event);
  for (const auto& b : batch.bars) {
    auto it = st.index.find(b.symbol);
    if (it == st.index.end())
      continue;
    auto& job = st.jobs[it->second];
    if (job.bars.empty())
      st.touched.push_back(it->second);
    job.bars.push_back(pending_bar{b.data, st.part.now(), batch.ts_arrival});
  }
  if (st.part.mode() == run_mode::paper)
    run_step(self);
}

void subscribe_to(self_ptr self, const std::string& symbol,
                  const indicator_listener_actor& listener) {
  auto& st = self->state;
  auto it = st.index.find(symbol_id{symbol});
  if (it == st.index.end()) {
    logger(log_component::indicator)
        .error("Indicator subscription refused symbol={} error=\"not hosted by this pool\"",
               symbol);
    return;
  }
  auto li = static_cast<std::size_t>(
      std::find(st.listeners.begin(), st.listeners.end(), listener) - st.listeners.begin());
  if (li == st.listeners.size())
    st.listeners.push_back(listener);
  auto& of = st.listeners_of[it->second];
  if (std::find(of.begin(), of.end(), li) == of.end())
    of.push_back(li);
}

indicator_pool_actor::behavior_type pool_behavior(self_ptr self, indicator_pool_config config,
                                                  participant_setup setup) {
  auto& st = self->state;
  for (const auto& [symbol, specs] : config.specs) {
    symbol_id id{symbol};
    st.index.emplace(id, st.sets.size());
    auto& set = st.sets.emplace_back(id);
    st.names.push_back(symbol);
    for (const auto& spec : specs)
      if (auto error = set.add(spec); !error.empty())
        logger(log_component::indicator)
            .error("Indicator spec refused symbol={} error=\"{}\"", symbol, error);
  }
  const auto n = st.sets.size();
  st.listeners_of.resize(n);
  st.jobs.resize(n);
  for (std::size_t s = 0; s < n; ++s)
    st.jobs[s].set = &st.sets[s];
  st.own.resize(n);
  st.bars_of.resize(n);
  st.cost_of.resize(n);
  st.workers_detached = config.workers_detached;
  st.timed = config.switching.by_cost;
  st.plan.emplace(n, config.sizing, config.switching);
  apply_plan(self);
  logger(log_component::indicator)
      .info("Indicator pool started symbols={} workers={} workers_detached={} by_load={}", n,
            st.plan->workers(), config.workers_detached, config.sizing.by_load);
  return indicator_host::behavior<indicator_pool_actor::behavior_type>(
      self, std::move(setup), on_bars, run_step,
      [](self_ptr self, subscribe_indicators& sub) {
        // Every symbol's updates.
        for (const auto& name : self->state.names)
          subscribe_to(self, name, sub.listener);
      },
      [=](subscribe_symbol_indicators& sub) { subscribe_to(self, sub.symbol, sub.listener); });
}

} // namespace

indicator_pool_actor spawn_indicator_pool(caf::actor_system& sys,
                                          const indicator_pool_config& config,
                                          participant_setup setup) {
  return sys.spawn<caf::detached>(pool_behavior, config, std::move(setup));
}

} // namespace bourse
