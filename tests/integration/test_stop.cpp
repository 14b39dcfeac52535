// Shows how a run ends early and what it keeps: trading_system::stop() from another thread ends a
// backtest or a paper run at a slice boundary with the usual shutdown and run_result::stopped set;
// a run that fails part-way on a bad data row keeps the fills booked before it.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "bourse/strategy/registry.hpp"
#include "bourse/actors/builder/trading_system.hpp"

using namespace bourse;

namespace {

constexpr timestamp t0 = 1'704'153'600 * ns_per_second; // 2024-01-02

// A zig-zag of `n` daily bars: an SMA crossover trades on it all along.
std::vector<market_slice> zigzag_bars(std::size_t n) {
  std::vector<market_slice> out;
  for (std::size_t i = 0; i < n; ++i) {
    market_slice s;
    s.ts_event = s.ts_init = t0 + static_cast<timestamp>(i) * ns_per_day;
    bar b;
    b.ts = s.ts_event;
    auto level = 100 + static_cast<std::int64_t>((i / 10) % 2 == 0 ? i % 10 : 10 - i % 10);
    b.open = b.high = b.low = b.close = price::from_raw(level * 100, 2);
    b.volume = quantity::from_units(1000);
    s.bars.push_back({"T", b});
    out.push_back(std::move(s));
  }
  return out;
}

void add_trading(trading_system& ts) {
  venue_config venue;
  venue.name = "SIM";
  venue.settings.instruments.push_back(*instrument::make("T", "0.01", "1"));
  ts.add_venue(venue);
  auto strategy = make_strategy("sma_cross:symbol=T,fast=2,slow=5,qty=10");
  REQUIRE(strategy);
  ts.add_strategy(std::move(strategy.value), {1, 1, "sma"});
}

} // namespace

TEST_CASE("stop() from another thread ends a backtest early with its results so far") {
  constexpr std::size_t total = 20'000;
  system_config cfg;
  trading_system ts{cfg};
  ts.add_slices(zigzag_bars(total));
  add_trading(ts);
  // The progress callback (on the sequencer's thread) waits until the other thread has called
  // stop(): the request is then in the sequencer's mailbox long before the data ends.
  std::atomic<bool> going{false}, asked{false};
  sequencer_config seq;
  seq.window = 64;
  seq.progress_every = 100;
  seq.on_progress = [&](const run_progress& p) {
    if (p.slices >= 1000 && !going.exchange(true))
      while (!asked.load())
        std::this_thread::yield();
  };
  ts.set_sequencer(seq);
  std::thread stopper([&] {
    while (!going.load())
      std::this_thread::yield();
    ts.stop();
    asked = true;
  });
  auto result = ts.run();
  stopper.join();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  CHECK(result.stopped);
  CHECK(ts.stop_requested());
  CHECK(result.summary.stopped);
  CHECK(result.summary.slices >= 1000);
  CHECK(result.summary.slices < total);
  CHECK(result.summary.last_ts == t0 + static_cast<timestamp>(result.summary.slices - 1) * ns_per_day);
  // Fills happened, none after the last data time processed, and the books were closed.
  CHECK(result.fill_count() > 0);
  result.for_each_fill([&](const fill& f) { CHECK(f.header.ts_event <= result.summary.last_ts); });
  CHECK_FALSE(result.report.positions.empty());
  CHECK_FALSE(result.report.equity.empty());
}

TEST_CASE("a run that is not stopped is not marked stopped and stop() after it does nothing") {
  system_config cfg;
  trading_system ts{cfg};
  ts.add_slices(zigzag_bars(300));
  add_trading(ts);
  auto result = ts.run();
  REQUIRE(result.ok);
  CHECK_FALSE(result.stopped);
  CHECK(result.summary.slices == 300);
  ts.stop();
  CHECK(ts.stop_requested());
}

TEST_CASE("stop() before run() makes run() stop before the first slice") {
  system_config cfg;
  trading_system ts{cfg};
  ts.add_slices(zigzag_bars(300));
  add_trading(ts);
  ts.stop();
  auto result = ts.run();
  REQUIRE(result.ok);
  CHECK(result.stopped);
  CHECK(result.summary.slices == 0);
  CHECK(result.fill_count() == 0);
}

TEST_CASE("stop() ends a paper run that waits for its next slice on the wall clock") {
  // At speed 1 these daily bars would take days of wall time: stop() must not wait for the pacing.
  system_config cfg{run_mode::paper};
  trading_system ts{cfg, run_mode::paper};
  ts.add_slices(zigzag_bars(50));
  add_trading(ts);
  std::atomic<bool> going{false}, asked{false};
  sequencer_config seq;
  seq.speed = 1.0;
  seq.progress_every = 1;
  seq.on_progress = [&](const run_progress& p) {
    if (p.slices >= 1 && !going.exchange(true))
      while (!asked.load())
        std::this_thread::yield();
  };
  ts.set_sequencer(seq);
  std::thread stopper([&] {
    while (!going.load())
      std::this_thread::yield();
    ts.stop();
    asked = true;
  });
  auto result = ts.run();
  stopper.join();
  REQUIRE(result.ok);
  CHECK(result.stopped);
  CHECK(result.summary.slices >= 1);
  CHECK(result.summary.slices < 50);
}

TEST_CASE("a bad data row part-way fails the run but keeps the fills booked before it") {
  auto path = std::filesystem::temp_directory_path() /
              ("bourse-test-stop-" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream csv(path);
    csv << "ts,open,high,low,close,volume\n";
    auto slices = zigzag_bars(400);
    for (std::size_t i = 0; i < slices.size(); ++i) {
      const auto& b = slices[i].bars.front().data;
      auto text = b.close.to_string();
      if (i == 300)
        csv << format_iso8601(b.ts).substr(0, 10) << ",oops,1,1,1,1\n";
      else
        csv << format_iso8601(b.ts).substr(0, 10) << "," << text << "," << text << "," << text
            << "," << text << ",1000\n";
    }
  }
  system_config cfg;
  trading_system ts{cfg};
  csv_bar_feed_config feed;
  feed.path = path.string();
  feed.symbol = "T";
  ts.add_csv_bars(feed);
  add_trading(ts);
  auto result = ts.run();
  std::filesystem::remove(path);
  CHECK_FALSE(result.ok);
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems.front().find(":302: open:") != std::string::npos);
  CHECK_FALSE(result.stopped);
  // The 300 rows before the bad one were processed, and their fills are in the result.
  CHECK(result.summary.slices == 300);
  CHECK(result.summary.last_ts == t0 + 299 * ns_per_day);
  CHECK(result.fill_count() > 0);
  result.for_each_fill([&](const fill& f) { CHECK(f.header.ts_event <= result.summary.last_ts); });
}
