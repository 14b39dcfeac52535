// Shows that the streaming statistics builder (fills one at a time, bounded memory) gives exactly
// what the whole-vector reference gives: round trips, PnL sums and exposure over thousands of
// overlapping trips in two symbols, some gaps, a trip open at the end and a curve that starts
// after the first fills.
#include <doctest/doctest.h>

#include <algorithm>
#include <utility>

#include "bourse/report/round_trips.hpp"
#include "bourse/report/statistics.hpp"
#include "report_kit.hpp"

using namespace report_kit;

namespace {

// Exposure as the union of every trip's interval inside the curve's span, from all trips at once.
double reference_exposure(const std::vector<fill_record>& fills, timestamp start, timestamp end) {
  auto trips = match_round_trips(fills);
  std::vector<std::pair<timestamp, timestamp>> spans;
  for (const auto& t : trips.trips)
    spans.emplace_back(t.open_ts, t.closed ? t.close_ts : end);
  std::sort(spans.begin(), spans.end());
  duration_ns covered = 0;
  timestamp reach = start;
  for (auto [from, to] : spans) {
    from = std::max(from, reach);
    to = std::min(to, end);
    if (to > from) {
      covered += to - from;
      reach = to;
    }
  }
  return static_cast<double>(covered) / static_cast<double>(end - start);
}

} // namespace

TEST_CASE("the statistics builder matches the reference over many overlapping trips") {
  std::vector<fill_record> fills;
  timestamp ts = 1'000;
  // X trades short trips; Y holds longer ones that overlap several X trips; gaps in between.
  for (int i = 0; i < 3000; ++i) {
    fills.push_back(fill(ts, side::buy, "100", "2", "0.01", "s", "X"));
    if (i % 7 == 0)
      fills.push_back(fill(ts + 5, i % 2 ? side::sell : side::buy, "50", "1", "0", "s", "Y"));
    fills.push_back(fill(ts + 10, side::sell, i % 3 ? "100.5" : "99", "2", "0.01", "s", "X"));
    if (i % 7 == 3)
      fills.push_back(fill(ts + 20, i % 2 ? side::buy : side::sell, "51", "1", "0", "s", "Y"));
    ts += i % 11 == 0 ? 100 : 30;
  }
  fills.push_back(fill(ts, side::buy, "100", "1", "0", "s", "X")); // open at the end
  const equity_curve curve = curve_every(2'000, 1'000, std::vector<double>(200, 100'000.0));

  statistics_builder builder(curve);
  for (const auto& f : fills)
    builder.add(f);
  auto streamed = builder.finish();
  REQUIRE_FALSE(streamed.error);
  const auto& s = streamed.stats;

  auto trips = match_round_trips(fills);
  REQUIRE_FALSE(trips.error);
  std::size_t closed = 0, open = 0, wins = 0, losses = 0;
  money realised;
  for (const auto& t : trips.trips) {
    realised += t.gross_pnl;
    if (!t.closed) {
      ++open;
      continue;
    }
    ++closed;
    wins += t.net_pnl.is_positive() ? 1 : 0;
    losses += t.net_pnl.is_negative() ? 1 : 0;
  }
  CHECK(s.fill_count == fills.size());
  CHECK(s.round_trips == closed);
  CHECK(s.open_round_trips == open);
  CHECK(s.winning_trips == wins);
  CHECK(s.losing_trips == losses);
  CHECK(s.realised_pnl == realised);
  REQUIRE(s.exposure.has_value());
  CHECK(*s.exposure == reference_exposure(fills, curve.front().ts, curve.back().ts));
  CHECK(*s.exposure > 0.3);
  CHECK(*s.exposure < 1.0);
}

TEST_CASE("the statistics builder reports the first fill out of order") {
  statistics_builder builder(curve_every(0, 10, {1.0, 2.0}));
  builder.add(fill(5, side::buy, "1", "1"));
  builder.add(fill(4, side::sell, "1", "1"));
  builder.add(fill(6, side::sell, "1", "1"));
  auto result = builder.finish();
  REQUIRE(result.error);
  CHECK(result.error->message.find("fill 1") == 0);
}
