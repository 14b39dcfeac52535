// Shows a whole backtest end to end on a small hand-made data set: bars -> hub -> indicator actor
// (own thread) -> SMA crossover strategy -> order manager -> venue -> fills -> portfolio, with the
// trades checked against what the crossover rules and the venue's bar fill model say by hand.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/strategy/registry.hpp"
#include "bourse/actors/builder/trading_system.hpp"

using namespace bourse;

namespace {

constexpr timestamp day = ns_per_day;
constexpr timestamp t0 = 1'704'153'600 * ns_per_second; // 2024-01-02

std::vector<market_slice> bars_of(const std::vector<const char*>& closes) {
  std::vector<market_slice> out;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    market_slice s;
    s.ts_event = s.ts_init = t0 + static_cast<timestamp>(i) * day;
    bar b;
    b.ts = s.ts_event;
    b.open = b.high = b.low = b.close = *price::parse(closes[i]);
    b.volume = quantity::from_units(1000);
    s.bars.push_back({"T", b});
    out.push_back(std::move(s));
  }
  return out;
}

} // namespace

TEST_CASE("an SMA(2)/SMA(3) crossover backtest buys and sells on the crossing bars at their closes") {
  // closes:      12   11   10   11   12   13   12   11   10    9
  // sma:2                10.5 10.5 11.5 12.5 12.5 11.5 10.5  9.5
  // sma:3                11   10.7 11   12   12.3 12   11   10
  // fast vs slow:        <    <    >    >    >    <    <    <
  // -> buy at bar 4 (close 12), sell at bar 7 (close 11); bar orders fill at the bar's close.
  system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  trading_system ts{cfg};
  ts.add_slices(bars_of({"12", "11", "10", "11", "12", "13", "12", "11", "10", "9"}));
  venue_config venue;
  venue.name = "SIM";
  venue.settings.instruments.push_back(*instrument::make("T", "0.01", "1"));
  ts.add_venue(venue);
  auto strategy = make_strategy("sma_cross:symbol=T,fast=2,slow=3,qty=10,mode=long_flat");
  REQUIRE(strategy);
  ts.add_strategy(std::move(strategy.value), {1, 1, "sma"});
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));

  CHECK(result.summary.bars == 10);
  const auto& fills = result.report.fills;
  REQUIRE(fills.size() == 2);
  CHECK(fills[0].header.ts_event == t0 + 4 * day);
  CHECK(fills[0].fill_side == side::buy);
  CHECK(fills[0].fill_price == *price::parse("12"));
  CHECK(fills[0].fill_qty == quantity::from_units(10));
  CHECK(fills[0].header.strategy == 1);
  CHECK(fills[1].header.ts_event == t0 + 7 * day);
  CHECK(fills[1].fill_side == side::sell);
  CHECK(fills[1].fill_price == *price::parse("11"));
  CHECK(fills[1].fill_qty == quantity::from_units(10));

  // Flat at the end, having lost 1.00 on 10 shares (no fees configured), for the strategy and
  // for its account alike.
  REQUIRE_FALSE(result.report.positions.empty());
  for (const auto& p : result.report.positions) {
    CAPTURE(p.strategy);
    CHECK(p.symbol == "T");
    CHECK(p.net_qty.is_zero());
    CHECK(p.realized_pnl == *money::parse("-10"));
  }
}

TEST_CASE("a system with a bad configuration reports every problem and does not run") {
  system_config cfg;
  trading_system ts{cfg};
  csv_bar_feed_config feed;
  feed.path = "/nonexistent/bars.csv";
  feed.symbol = "";
  ts.add_csv_bars(feed);
  auto result = ts.run();
  CHECK_FALSE(result.ok);
  auto all = [&] {
    std::string s;
    for (const auto& p : result.problems)
      s += p + "\n";
    return s;
  }();
  CHECK(all.find("/nonexistent/bars.csv") != std::string::npos);
  CHECK(all.find("symbol") != std::string::npos);
  CHECK(all.find("venues: add at least one venue") != std::string::npos);
  CHECK(all.find("strategies: add at least one strategy") != std::string::npos);
}
