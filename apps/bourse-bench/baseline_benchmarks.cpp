// Baseline measured in the same run: the textbook node-based design (std::map of price levels,
// std::list FIFOs, std::unordered_map from id to order), which allocates per order. It only rests
// orders, so it is compared with book_add_resting on the same flow.
#include <benchmark/benchmark.h>

#include <functional>
#include <list>
#include <map>
#include <unordered_map>

#include "order_flow.hpp"

namespace {

struct map_order {
  bourse::order_id id;
  std::int64_t qty;
};

// Rests non-crossing adds; enough to time the allocation-per-order structure.
class map_book {
public:
  void add(const bourse_bench::command& c) {
    if (c.side == bourse::side::buy) {
      auto& level = bids_[c.cents];
      level.push_back(map_order{c.id, c.qty});
      index_.emplace(c.id, std::prev(level.end()));
    } else {
      auto& level = asks_[c.cents];
      level.push_back(map_order{c.id, c.qty});
      index_.emplace(c.id, std::prev(level.end()));
    }
  }
  void clear() {
    bids_.clear();
    asks_.clear();
    index_.clear();
  }
  [[nodiscard]] std::size_t size() const { return index_.size(); }

private:
  std::map<std::int64_t, std::list<map_order>, std::greater<>> bids_;
  std::map<std::int64_t, std::list<map_order>> asks_;
  std::unordered_map<bourse::order_id, std::list<map_order>::iterator> index_;
};

void baseline_map_add_resting(benchmark::State& state) {
  const std::size_t count = 100'000;
  auto flow = bourse_bench::resting_adds(count, static_cast<std::size_t>(state.range(0)), 42);
  map_book book;
  for (auto _ : state) {
    state.PauseTiming();
    book.clear();
    state.ResumeTiming();
    for (const auto& c : flow)
      book.add(c);
    benchmark::DoNotOptimize(book.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
}
BENCHMARK(baseline_map_add_resting)->Arg(100)->Unit(benchmark::kMillisecond);

} // namespace
