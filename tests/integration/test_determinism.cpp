// Shows determinism as a property of the design: the same data and configuration give a
// byte-identical trade log and final PnL on every run and with 1, 2 or 4 scheduler threads, for a
// bar system (indicator actors on their own threads) and a quote-driven cross-venue system; and that
// the size of the market-data window changes nothing, with and without venue latency.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "bourse/market/cross_venue.hpp"
#include "bourse/report/trades_csv.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/actors/builder/bar_scenarios.hpp"
#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/builder/trading_system.hpp"

using namespace bourse;

namespace {

struct outcome {
  std::string trades; // trades.csv bytes
  std::string pnl;    // final equity of every strategy, as text
  std::size_t fills = 0;
};

outcome summarize(const run_result& result) {
  outcome o;
  std::ostringstream csv;
  report::write_trades_csv(csv, fill_records(result));
  o.trades = csv.str();
  o.fills = result.fill_count();
  for (const auto& p : result.report.positions)
    o.pnl += std::to_string(p.strategy) + ":" + p.symbol + ":" + p.net_qty.to_string() + ":" +
             p.realized_pnl.to_string() + ":" + p.fees.to_string() + "\n";
  return o;
}

venue_config venue_of(const std::string& name, std::vector<std::string> symbols) {
  venue_config v;
  v.name = name;
  for (const auto& s : symbols)
    v.settings.instruments.push_back(*instrument::make(s, "0.01", "1"));
  v.settings.fees.taker_bps = *venue::basis_points::parse("0.5");
  return v;
}

outcome run_bars(int threads) {
  system_config cfg;
  cfg.set("scheduler.max-threads", threads);
  trading_system ts{cfg};
  csv_bar_feed_config feed;
  feed.path = BOURSE_DATA_DIR "/sp500_daily.csv";
  feed.symbol = "SPX";
  ts.add_csv_bars(feed);
  ts.add_venue(venue_of("SIM", {"SPX"}));
  ts.add_strategy(make_strategy("sma_cross:symbol=SPX,fast=5,slow=20,qty=3,mode=long_short").value,
                  {1, 1, "sma_cross"});
  ts.add_strategy(make_strategy("rsi_reversion:symbol=SPX,period=7,lower=35,upper=65,qty=2").value,
                  {2, 1, "rsi"});
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  CHECK(result.worker_threads == static_cast<std::size_t>(threads));
  return summarize(result);
}

// `latency_ns` > 0 keeps orders in flight across slices (the order loop is stepped slice by slice
// then); `window` is how many slices the hub gets at a time.
outcome run_cross_venue(int threads, duration_ns latency_ns = 0, std::uint64_t window = 4096) {
  system_config cfg;
  cfg.set("scheduler.max-threads", threads);
  trading_system ts{cfg};
  sequencer_config seq;
  seq.window = window;
  ts.set_sequencer(seq);
  cross_venue_config data;
  data.base.seed = 7;
  synthetic_symbol eth;
  eth.spec = *instrument::make("ETH", "0.01", "1");
  eth.start_price = 2000;
  eth.events_per_second = 3;
  data.base.symbols = {eth};
  data.dislocation_ticks = 6;
  cross_venue_generator gen(data);
  std::vector<market_slice> slices;
  tick t;
  for (int i = 0; i < 4000; ++i) {
    gen.next(t);
    if (slices.empty() || slices.back().ts_event != t.ts) {
      slices.emplace_back();
      slices.back().ts_event = slices.back().ts_init = t.ts;
    }
    slices.back().quotes.push_back(t.to_quote());
  }
  ts.add_slices(std::move(slices));
  auto a = venue_of("A", {"ETH.A"});
  auto b = venue_of("B", {"ETH.B"});
  a.settings.latency.base = latency_ns;
  b.settings.latency.base = latency_ns / 2;
  ts.add_venue(a);
  ts.add_venue(b);
  aggregator_config agg;
  agg.listings = {*venue_listing::parse("ETH.A=ETH@A"), *venue_listing::parse("ETH.B=ETH@B")};
  ts.set_aggregator(agg);
  ts.add_strategy(make_strategy("cross_venue_spread:instrument=ETH,qty=1,min_edge=0.01,fee_bps=0.5,"
                                "max_position=3")
                      .value,
                  {1, 1, "spread"});
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  return summarize(result);
}

} // namespace

TEST_CASE("a bar backtest gives a byte-identical trade log and PnL with 1, 2 and 4 threads") {
  auto reference = run_bars(1);
  REQUIRE(reference.fills > 20); // the strategies really trade
  for (int threads : {2, 4, 1, 2, 4}) {
    CAPTURE(threads);
    auto again = run_bars(threads);
    CHECK(again.trades == reference.trades);
    CHECK(again.pnl == reference.pnl);
  }
}

TEST_CASE("a cross-venue quote backtest gives a byte-identical trade log with 1, 2 and 4 threads") {
  auto reference = run_cross_venue(1);
  REQUIRE(reference.fills > 10);
  for (int threads : {2, 4, 2}) {
    CAPTURE(threads);
    auto again = run_cross_venue(threads);
    CHECK(again.trades == reference.trades);
    CHECK(again.pnl == reference.pnl);
  }
}

TEST_CASE("the market-data window size changes no trade, with and without venue latency") {
  for (duration_ns latency : {duration_ns{0}, duration_ns{50'000'000}}) {
    CAPTURE(latency);
    // Window 1: every slice is released on its own, the plainest schedule there is.
    auto reference = run_cross_venue(1, latency, 1);
    REQUIRE(reference.fills > 4);
    for (auto [threads, window] : {std::pair{1, 7}, std::pair{2, 64}, std::pair{1, 4096},
                                   std::pair{4, 4096}}) {
      CAPTURE(threads);
      CAPTURE(window);
      auto again = run_cross_venue(threads, latency, static_cast<std::uint64_t>(window));
      CHECK(again.trades == reference.trades);
      CHECK(again.pnl == reference.pnl);
    }
  }
}

TEST_CASE("eight symbols, each with its own strategies and indicators: identical trades whether "
          "independent participants step together or one at a time, on 1, 2 and 4 threads") {
  for (duration_ns latency : {duration_ns{0}, duration_ns{90'000'000'000}}) {
    CAPTURE(latency);
    bar_scenario sc;
    sc.symbols = 8;
    sc.bars = 1500;
    sc.strategies = {"sma_cross:symbol={s},fast=5,slow=20,qty=3,mode=long_short",
                     "rsi_reversion:symbol={s},period=7,lower=35,upper=65,qty=2"};
    sc.latency = latency; // 1.5 bars: orders stay in flight across slices
    sc.window = 512;
    sc.parallel_steps = false;
    sc.threads = 1;
    auto serial = run_bar_scenario(sc);
    REQUIRE_MESSAGE(serial.ok, (serial.problems.empty() ? "" : serial.problems.front()));
    auto reference = summarize(serial);
    REQUIRE(reference.fills > 500); // every strategy trades
    sc.parallel_steps = true;
    for (int threads : {1, 2, 4, 2}) {
      CAPTURE(threads);
      sc.threads = threads;
      auto result = run_bar_scenario(sc);
      REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
      // Independent strategies run ahead of each other: fewer steps than one at a time.
      CHECK(result.summary.steps < serial.summary.steps);
      auto again = summarize(result);
      CHECK(again.trades == reference.trades);
      CHECK(again.pnl == reference.pnl);
    }
  }
}
