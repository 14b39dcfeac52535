// The indicator worker pool's plan: worker assignment, sizing by load, hot switching.
#include "bourse/indicators/pool_plan.hpp"

#include <algorithm>

#include <cstdio>

namespace bourse::indicators {

namespace {

std::string describe(const char* key, double value, const char* limit_key, double limit,
                     const char* extra_key, double extra) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s=%.1f %s=%.1f %s=%.0f", key, value, limit_key, limit, extra_key,
                extra);
  return buf;
}

} // namespace

std::vector<std::string> pool_sizing::validate() const {
  std::vector<std::string> problems;
  if (workers == 0)
    problems.emplace_back("workers: must be at least 1");
  if (by_load) {
    if (min_workers == 0)
      problems.emplace_back("min_workers: must be at least 1");
    if (max_workers < min_workers)
      problems.emplace_back("max_workers: must be at least min_workers");
    if (!(grow_above > 0.0))
      problems.emplace_back("grow_above: must be positive");
    if (!(shrink_below >= 0.0) || shrink_below >= grow_above)
      problems.emplace_back("shrink_below: must be at least 0 and below grow_above");
    if (patience == 0)
      problems.emplace_back("patience: must be at least 1");
  }
  return problems;
}

std::vector<std::string> switch_policy::validate() const {
  std::vector<std::string> problems;
  if (by_cost && !(light_ns >= 0.0 && light_ns < heavy_ns))
    problems.emplace_back("light_ns: must be at least 0 and below heavy_ns");
  if (by_cost && min_bars == 0)
    problems.emplace_back("min_bars: must be at least 1");
  return problems;
}

const char* to_string(placement p) noexcept {
  return p == placement::pool ? "pool" : "own_thread";
}

const char* to_string(pool_change::kind k) noexcept {
  switch (k) {
    case pool_change::kind::grow:
      return "grow";
    case pool_change::kind::shrink:
      return "shrink";
    case pool_change::kind::to_own_thread:
      return "to_own_thread";
    case pool_change::kind::to_pool:
      return "to_pool";
  }
  return "?";
}

pool_plan::pool_plan(std::size_t symbols, pool_sizing sizing, switch_policy policy)
    : sizing_(sizing), policy_(policy), placement_(symbols, placement::pool), worker_(symbols, 0),
      measured_bars_(symbols, 0), measured_ns_(symbols, 0), since_toggle_(symbols, 0) {
  workers_ = std::max<std::size_t>(1, sizing_.workers);
  if (sizing_.by_load)
    workers_ = std::clamp(workers_, std::max<std::size_t>(1, sizing_.min_workers),
                          std::max<std::size_t>(1, std::max(sizing_.min_workers, sizing_.max_workers)));
  deal();
}

std::size_t pool_plan::own_threads() const noexcept {
  return static_cast<std::size_t>(
      std::count(placement_.begin(), placement_.end(), placement::own_thread));
}

void pool_plan::deal() {
  std::size_t next = 0;
  for (std::size_t s = 0; s < placement_.size(); ++s)
    if (placement_[s] == placement::pool)
      worker_[s] = next++ % workers_;
}

std::vector<pool_change> pool_plan::end_step(const std::vector<std::uint64_t>& bars,
                                             const std::vector<std::int64_t>& cost_ns) {
  std::vector<pool_change> changes;
  const std::size_t n = placement_.size();
  std::uint64_t queued = 0;
  for (std::size_t s = 0; s < n && s < bars.size(); ++s) {
    if (placement_[s] == placement::pool)
      queued += bars[s];
    measured_bars_[s] += bars[s];
    since_toggle_[s] += bars[s];
    if (s < cost_ns.size())
      measured_ns_[s] += cost_ns[s];
  }
  queue_depth_ = queued;
  queue_per_worker_ = static_cast<double>(queued) / static_cast<double>(workers_);

  bool redeal = false;
  if (sizing_.by_load) {
    const bool busy = queue_per_worker_ > sizing_.grow_above;
    const bool idle = queued == 0 || queue_per_worker_ < sizing_.shrink_below;
    busy_steps_ = busy ? busy_steps_ + 1 : 0;
    idle_steps_ = idle ? idle_steps_ + 1 : 0;
    if (busy_steps_ >= sizing_.patience && workers_ < sizing_.max_workers) {
      ++workers_;
      busy_steps_ = 0;
      redeal = true;
      changes.push_back({pool_change::kind::grow, 0, workers_,
                         describe("queue_per_worker", queue_per_worker_, "grow_above",
                                  sizing_.grow_above, "steps",
                                  static_cast<double>(sizing_.patience))});
    } else if (idle_steps_ >= sizing_.patience && workers_ > sizing_.min_workers) {
      --workers_;
      idle_steps_ = 0;
      redeal = true;
      changes.push_back({pool_change::kind::shrink, 0, workers_,
                         describe("queue_per_worker", queue_per_worker_, "shrink_below",
                                  sizing_.shrink_below, "steps",
                                  static_cast<double>(sizing_.patience))});
    }
  }

  for (std::size_t s = 0; s < n; ++s) {
    const auto from = placement_[s];
    std::string reason;
    if (policy_.force_every > 0 && since_toggle_[s] >= policy_.force_every) {
      reason = "forced=true every_bars=" + std::to_string(policy_.force_every);
    } else if (policy_.by_cost && measured_bars_[s] >= policy_.min_bars) {
      const double mean = static_cast<double>(measured_ns_[s]) /
                          static_cast<double>(measured_bars_[s]);
      if (from == placement::pool && mean >= policy_.heavy_ns)
        reason = describe("cost_per_bar_ns", mean, "heavy_ns", policy_.heavy_ns, "bars",
                          static_cast<double>(measured_bars_[s]));
      else if (from == placement::own_thread && mean <= policy_.light_ns)
        reason = describe("cost_per_bar_ns", mean, "light_ns", policy_.light_ns, "bars",
                          static_cast<double>(measured_bars_[s]));
      // Judged: the next window starts from zero.
      measured_bars_[s] = 0;
      measured_ns_[s] = 0;
    }
    if (reason.empty())
      continue;
    placement_[s] = from == placement::pool ? placement::own_thread : placement::pool;
    measured_bars_[s] = 0;
    measured_ns_[s] = 0;
    since_toggle_[s] = 0;
    redeal = true;
    changes.push_back({from == placement::pool ? pool_change::kind::to_own_thread
                                                : pool_change::kind::to_pool,
                       s, workers_, std::move(reason)});
  }
  if (redeal)
    deal();
  return changes;
}

} // namespace bourse::indicators
