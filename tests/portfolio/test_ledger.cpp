// Shows the portfolio ledger: fills booked per strategy and per account, marks, equity sampled at
// most once per slice (or per interval), a capped curve thinned deterministically, the final
// positions, and refused fills changing nothing.
#include <doctest/doctest.h>

#include <map>
#include <vector>

#include "bourse/strategy/portfolio_ledger.hpp"

using namespace bourse;

namespace {

price px(const char* t) { return *price::parse(t); }
quantity qty(const char* t) { return *quantity::parse(t); }
money cash(const char* t) { return *money::parse(t); }

ledger_fill buy(strategy_id s, account_id a, const char* symbol, const char* q, const char* p,
                const char* fee = "0") {
  return ledger_fill{0, s, a, symbol, side::buy, px(p), qty(q), cash(fee)};
}

ledger_fill sell(strategy_id s, account_id a, const char* symbol, const char* q, const char* p,
                 const char* fee = "0") {
  return ledger_fill{0, s, a, symbol, side::sell, px(p), qty(q), cash(fee)};
}

} // namespace

TEST_CASE("a fill changes the strategy's and the account's position") {
  ledger_config cfg;
  cfg.cash = {{1, cash("10000")}, {2, cash("5000")}};
  portfolio_ledger l{cfg};
  CHECK(l.advance(1'000).empty());
  std::vector<position_snapshot> changed;
  REQUIRE_FALSE(l.book(buy(1, 9, "AAA", "10", "100", "1"), &changed));
  REQUIRE(changed.size() == 2);
  CHECK(changed[0].strategy == 1);
  CHECK(changed[0].account == 9);
  CHECK(changed[0].symbol == "AAA");
  CHECK(changed[0].net == qty("10"));
  CHECK(changed[0].avg_price == std::optional<price>{px("100")});
  CHECK(changed[0].fees == cash("1"));
  CHECK(changed[0].ts == 1'000);
  CHECK(changed[1].strategy == 0);
  CHECK(changed[1].account == 9);
  CHECK(changed[1].net == qty("10"));

  changed.clear();
  REQUIRE_FALSE(l.book(sell(2, 9, "AAA", "4", "101"), &changed));
  CHECK(changed[0].strategy == 2);
  CHECK(changed[0].net == qty("-4"));
  CHECK(changed[1].net == qty("6")); // the account nets both strategies

  l.mark("AAA", px("102"));
  // Strategy 1: 10000 - 1000 - 1 + 10 * 102 = 10019; strategy 2: 5000 + 404 - 4 * 102 = 4996.
  CHECK(l.equity(1) == cash("10019"));
  CHECK(l.equity(2) == cash("4996"));
  CHECK(l.total_equity() == cash("15015"));
  CHECK(l.equity(3) == cash("100000")); // unknown: the default cash

  auto positions = l.positions();
  REQUIRE(positions.size() == 3);
  CHECK(positions[0].strategy == 1);
  CHECK(positions[0].unrealised == cash("20")); // 10 * (102 - 100)
  CHECK(positions[1].strategy == 2);
  CHECK(positions[1].unrealised == cash("-4")); // -4 * 102 + 404
  CHECK(positions[2].strategy == 0);
  CHECK(positions[2].net == qty("6"));
  CHECK(l.fills() == 2);
}

TEST_CASE("equity is sampled once per slice with activity, stamped with the slice's time") {
  ledger_config cfg;
  cfg.cash = {{1, cash("1000")}};
  portfolio_ledger l{cfg};
  CHECK(l.advance(100).empty());
  l.mark("AAA", px("10"));
  REQUIRE_FALSE(l.book(buy(1, 1, "AAA", "5", "10")));
  l.mark("AAA", px("11")); // same slice: one sample
  auto s = l.advance(200);
  REQUIRE(s.size() == 2);
  CHECK(s[0].ts == 100);
  CHECK(s[0].strategy == 1);
  CHECK(s[0].equity == cash("1005")); // 1000 - 50 + 5 * 11
  CHECK(s[1].strategy == 0);
  CHECK(s[1].equity == cash("1005"));
  CHECK(l.advance(300).empty()); // nothing happened at 200
  CHECK(l.advance(250).empty()); // the clock does not go back
  l.mark("AAA", px("12"));
  CHECK(l.advance(300).empty()); // same slice
  auto last = l.flush();
  REQUIRE(last.size() == 2);
  CHECK(last[0].ts == 300);
  CHECK(last[0].equity == cash("1010"));
  CHECK(l.flush().empty());
  CHECK(l.curve().size() == 4);
}

TEST_CASE("a sample interval thins the curve but the last slice is always sampled by flush") {
  ledger_config cfg;
  cfg.cash = {{1, cash("1000")}};
  cfg.sample_interval = 100;
  portfolio_ledger l{cfg};
  for (timestamp t = 0; t <= 250; t += 50) {
    auto s = l.advance(t);
    l.mark("AAA", px("10"));
    for (const auto& p : s)
      CHECK(p.ts % 100 == 0);
  }
  (void)l.flush();
  std::vector<timestamp> times;
  for (const auto& p : l.curve())
    if (p.strategy == 1)
      times.push_back(p.ts);
  CHECK(times == std::vector<timestamp>{0, 100, 200, 250});
}

TEST_CASE("a refused fill changes nothing and says why") {
  portfolio_ledger l{ledger_config{}};
  std::vector<position_snapshot> changed;
  auto problem = l.book(buy(1, 1, "AAA", "0", "10"), &changed);
  REQUIRE(problem);
  CHECK(problem->reason == orders::position_error_reason::non_positive_quantity);
  CHECK(changed.empty());
  CHECK(l.positions().empty());
  CHECK(l.fills() == 0);
}

TEST_CASE("the ledger configuration reports every problem") {
  ledger_config cfg;
  cfg.default_cash = cash("-1");
  cfg.cash = {{0, cash("5")}, {3, cash("-2")}};
  cfg.sample_interval = -5;
  cfg.max_curve_samples = 1;
  auto problems = cfg.validate();
  CHECK(problems.size() == 5);
}

namespace {

// Samples `slices` slices at times 1, 2, ... (a mark per slice, equity changing every slice) and
// flushes; checks after every slice that the curve never holds more than the cap.
portfolio_ledger run_slices(std::size_t cap, timestamp slices) {
  ledger_config cfg;
  cfg.cash = {{1, cash("1000")}};
  cfg.max_curve_samples = cap;
  portfolio_ledger l{cfg};
  REQUIRE_FALSE(l.book(buy(1, 1, "AAA", "1", "10")));
  for (timestamp t = 1; t <= slices; ++t) {
    (void)l.advance(t);
    l.mark("AAA", price::from_raw(1000 + (t * 37) % 101, 2));
    if (cap > 0)
      CHECK(l.curve().size() <= 2 * cap);
  }
  (void)l.flush();
  return l;
}

} // namespace

TEST_CASE("a capped equity curve is thinned deterministically and keeps the first and latest") {
  auto full = run_slices(0, 1000);
  // Sample i is the slice at time i: the fill at 0, then a mark at 1, 2, ..., 1000.
  REQUIRE(full.samples_taken() == 1001);
  REQUIRE(full.curve().size() == 2002);
  std::map<timestamp, money> reference;
  for (const auto& p : full.curve())
    if (p.strategy == 1)
      reference[p.ts] = p.equity;

  SUBCASE("below the cap nothing is dropped") {
    auto l = run_slices(1001, 1000);
    CHECK(l.curve_stride() == 1);
    REQUIRE(l.curve().size() == full.curve().size());
    for (std::size_t i = 0; i < l.curve().size(); ++i) {
      CHECK(l.curve()[i].ts == full.curve()[i].ts);
      CHECK(l.curve()[i].strategy == full.curve()[i].strategy);
      CHECK(l.curve()[i].equity == full.curve()[i].equity);
    }
  }
  SUBCASE("beyond the cap every stride-th sample, the first and the latest remain") {
    for (std::size_t cap : {2U, 3U, 8U, 100U, 999U}) {
      CAPTURE(cap);
      auto l = run_slices(cap, 1000);
      CHECK(l.samples_taken() == 1001);
      CHECK(l.curve_stride() > 1);
      std::vector<timestamp> times;
      for (const auto& p : l.curve()) {
        if (p.strategy != 1)
          continue;
        times.push_back(p.ts);
        CHECK(p.equity == reference.at(p.ts)); // the values sampled, not an average
      }
      REQUIRE(times.size() >= 2);
      CHECK(times.size() <= cap);
      CHECK(times.front() == 0);    // sample 0
      CHECK(times.back() == 1000);  // the latest
      for (std::size_t i = 0; i + 1 < times.size(); ++i) {
        CHECK(times[i] % static_cast<timestamp>(l.curve_stride()) == 0);
        if (i + 2 < times.size()) // evenly spaced but for the latest
          CHECK(times[i + 1] - times[i] == static_cast<timestamp>(l.curve_stride()));
      }
      // Each sample holds the strategy and the total, together.
      CHECK(l.curve().size() == 2 * times.size());
      auto again = run_slices(cap, 1000);
      CHECK(again.curve().size() == l.curve().size());
    }
  }
}

// Regression (issue 7, item 4): a strategy that was not listed in the initial cash entered the
// books at its first fill, so its curve started there (net PnL differing from realised PnL by the
// fees and moves before it) and the total jumped by its cash at that fill.
TEST_CASE("a strategy known from the start is in every sample from the first, with the default cash") {
  ledger_config cfg;
  cfg.default_cash = cash("1000");
  cfg.cash = {{1, cash("500")}};
  cfg.strategies = {2, 1}; // 1 is listed with its cash already; 2 gets the default
  portfolio_ledger l{cfg};
  l.mark("AAA", px("10"));
  auto first = l.advance(100); // leaves slice 0, which had a mark
  REQUIRE(first.size() == 3);
  CHECK(first[0].strategy == 1);
  CHECK(first[0].equity == cash("500"));
  CHECK(first[1].strategy == 2);
  CHECK(first[1].equity == cash("1000"));
  CHECK(first[2].strategy == 0);
  CHECK(first[2].equity == cash("1500"));

  REQUIRE_FALSE(l.book(buy(2, 1, "AAA", "10", "10", "1")));
  l.mark("AAA", px("12"));
  auto second = l.advance(200);
  REQUIRE(second.size() == 3);
  CHECK(second[1].equity == cash("1019")); // 1000 - 100 - 1 + 10 * 12
  CHECK(second[2].equity == cash("1519")); // no jump: 1500 + 19

  SUBCASE("without the list the strategy only appears at its first fill (the old behaviour)") {
    ledger_config plain;
    plain.default_cash = cash("1000");
    plain.cash = {{1, cash("500")}};
    portfolio_ledger p{plain};
    p.mark("AAA", px("10"));
    CHECK(p.advance(100).size() == 2); // strategy 1 and the total only
  }
  SUBCASE("strategy id 0 cannot be listed") {
    ledger_config bad;
    bad.strategies = {0};
    bad.sampled_symbols = {""};
    auto problems = bad.validate();
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].find("strategy id 0") != std::string::npos);
    CHECK(problems[1].find("sampled_symbols") != std::string::npos);
  }
}

TEST_CASE("the marks of the sampled symbols are kept with every sample and thinned with it") {
  ledger_config cfg;
  cfg.cash = {{1, cash("1000")}};
  cfg.sampled_symbols = {"BBB", "AAA"};
  cfg.max_curve_samples = 4;
  portfolio_ledger l{cfg};
  l.mark("AAA", px("10"));
  l.mark("ZZZ", px("1")); // not sampled
  (void)l.advance(1);
  REQUIRE(l.mark_curve().size() == 1); // BBB not marked yet
  CHECK(l.mark_curve()[0].ts == 0);
  CHECK(l.mark_curve()[0].symbol == "AAA");
  CHECK(l.mark_curve()[0].px == px("10"));
  for (timestamp t = 1; t <= 20; ++t) {
    l.mark("AAA", price::from_raw(1000 + t, 2));
    l.mark("BBB", price::from_raw(2000 + t, 2));
    (void)l.advance(t + 1);
  }
  (void)l.flush();
  // Every kept sample has its marks, AAA before BBB, with the sample's time and value.
  std::vector<timestamp> sample_times;
  for (const auto& p : l.curve())
    if (p.strategy == 0)
      sample_times.push_back(p.ts);
  REQUIRE(sample_times.size() <= 4);
  std::size_t m = 0;
  for (timestamp t : sample_times) {
    if (t == 0) {
      REQUIRE(m < l.mark_curve().size());
      CHECK(l.mark_curve()[m++].symbol == "AAA");
      continue;
    }
    REQUIRE(m + 1 < l.mark_curve().size());
    CHECK(l.mark_curve()[m].ts == t);
    CHECK(l.mark_curve()[m].symbol == "AAA");
    CHECK(l.mark_curve()[m].px == price::from_raw(1000 + t, 2));
    CHECK(l.mark_curve()[m + 1].symbol == "BBB");
    CHECK(l.mark_curve()[m + 1].px == price::from_raw(2000 + t, 2));
    m += 2;
  }
  CHECK(m == l.mark_curve().size());
}
