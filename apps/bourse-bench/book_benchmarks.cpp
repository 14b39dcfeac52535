// Matching engine benchmarks: resting adds, add+cancel pairs, aggressive orders and a mixed flow.
// Each timed batch starts from a freshly cleared book (cleared outside the timing) and runs a
// pre-generated flow; items/s counts requests sent to the book.
#include <benchmark/benchmark.h>

#include "order_flow.hpp"

namespace {

using bourse_bench::command;

// Counts events the way a thin consumer would, so that callbacks are not optimised away.
struct counting_listener final : bourse::book::listener {
  std::uint64_t events = 0;
  std::uint64_t trades = 0;
  std::uint64_t rejects = 0;
  void on_accepted(bourse::order_id, bourse::timestamp) override { ++events; }
  void on_rejected(bourse::order_id, bourse::book::request_kind, bourse::book::reject_reason,
                   bourse::timestamp) override {
    ++rejects;
  }
  void on_trade(const bourse::book::trade_event&) override { ++trades; }
  void on_cancelled(bourse::order_id, bourse::quantity, bourse::book::cancel_reason,
                    bourse::timestamp) override {
    ++events;
  }
  void on_replaced(const bourse::book::order_view&, bourse::timestamp) override { ++events; }
  void on_triggered(bourse::order_id, bourse::timestamp) override { ++events; }
};

void send_all(bourse::book::order_book& book, const std::vector<command>& flow, std::size_t from) {
  for (std::size_t i = from; i < flow.size(); ++i)
    bourse_bench::send(book, flow[i], static_cast<bourse::timestamp>(i));
}

// Adds that rest: 100,000 non-crossing limit orders over range(0) levels per side.
void book_add_resting(benchmark::State& state) {
  const std::size_t count = 100'000;
  auto flow = bourse_bench::resting_adds(count, static_cast<std::size_t>(state.range(0)), 42);
  counting_listener events;
  bourse::book::order_book book(bourse_bench::bench_instrument(), events,
                                bourse_bench::bench_config(count));
  for (auto _ : state) {
    state.PauseTiming();
    book.clear();
    state.ResumeTiming();
    send_all(book, flow, 0);
  }
  benchmark::DoNotOptimize(events.events);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
  state.counters["rejects"] = static_cast<double>(events.rejects);
  state.counters["pool_grows"] = static_cast<double>(book.stats().pool_grows);
}
BENCHMARK(book_add_resting)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// Add+cancel: 50,000 pairs (add a resting order, cancel a random live one) over a 10,000-order
// background book; an item is one request (an add or a cancel).
void book_add_cancel(benchmark::State& state) {
  const std::size_t background = 10'000;
  const std::size_t pairs = 50'000;
  auto flow = bourse_bench::add_cancel_pairs(pairs, background, 7);
  counting_listener events;
  bourse::book::order_book book(bourse_bench::bench_instrument(), events,
                                bourse_bench::bench_config(background + pairs));
  for (auto _ : state) {
    state.PauseTiming();
    book.clear();
    for (std::size_t i = 0; i < background; ++i)
      bourse_bench::send(book, flow[i], 0);
    state.ResumeTiming();
    send_all(book, flow, background);
  }
  benchmark::DoNotOptimize(events.events);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pairs * 2));
  state.counters["rejects"] = static_cast<double>(events.rejects);
}
BENCHMARK(book_add_cancel)->Unit(benchmark::kMillisecond);

// Aggressive orders: 2,000 marketable buy limits of 10-50 lots (60,000 lots in all) against
// 100 ask levels of 70 orders x 10 lots (70,000 lots); each one fills against one to six makers.
void book_aggressive(benchmark::State& state) {
  const std::size_t makers_per_level = 70;
  const std::size_t takers = 2'000;
  std::vector<command> asks;
  for (std::size_t level = 0; level < 100; ++level)
    for (std::size_t k = 0; k < makers_per_level; ++k) {
      command c;
      c.side = bourse::side::sell;
      c.id = asks.size() + 1;
      c.cents = 10001 + static_cast<std::int64_t>(level);
      c.qty = 10;
      asks.push_back(c);
    }
  auto flow = bourse_bench::aggressive_buys(takers, 11, asks.size() + 1);
  counting_listener events;
  bourse::book::order_book book(bourse_bench::bench_instrument(), events,
                                bourse_bench::bench_config(asks.size() + takers));
  std::uint64_t trades_before = 0;
  std::uint64_t trades = 0;
  for (auto _ : state) {
    state.PauseTiming();
    book.clear();
    send_all(book, asks, 0);
    trades_before = events.trades;
    state.ResumeTiming();
    send_all(book, flow, 0);
    state.PauseTiming();
    trades += events.trades - trades_before;
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * takers));
  state.counters["trades_per_order"] =
      static_cast<double>(trades) / static_cast<double>(state.iterations() * takers);
  state.counters["rejects"] = static_cast<double>(events.rejects);
}
BENCHMARK(book_aggressive)->Unit(benchmark::kMicrosecond);

// Mixed flow: 200,000 requests (55 % passive adds, 30 % cancels, 10 % marketable, 5 % replaces).
void book_mixed(benchmark::State& state) {
  const std::size_t count = 200'000;
  static const auto flow = bourse_bench::mixed_flow(count, 2024);
  counting_listener events;
  bourse::book::order_book book(bourse_bench::bench_instrument(), events,
                                bourse_bench::bench_config(count));
  for (auto _ : state) {
    state.PauseTiming();
    book.clear();
    state.ResumeTiming();
    send_all(book, flow, 0);
  }
  benchmark::DoNotOptimize(events.events);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * flow.size()));
  state.counters["trades_per_request"] =
      static_cast<double>(events.trades) / static_cast<double>(state.iterations() * flow.size());
  state.counters["rejects"] = static_cast<double>(events.rejects);
  state.counters["pool_grows"] = static_cast<double>(book.stats().pool_grows);
}
BENCHMARK(book_mixed)->Unit(benchmark::kMillisecond);

} // namespace
