// Shows the bracket example of docs/strategy-api.md §7 trading through the whole actor system: the
// order manager places trailing stop-losses and take-profits for its market entries, moves the
// stops with the market and cancels one exit when the other fills; the trade log and PnL are
// byte-identical with 1, 2 and 4 scheduler threads, with and without venue latency; and the doc
// quotes the compiled code.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/report/trades_csv.hpp"
#include "bourse/strategy/order_ids.hpp"
#include "bracket_trend.hpp"

using namespace bourse;

namespace {

struct outcome {
  std::string trades;
  std::string pnl;
  std::size_t fills = 0;
  std::size_t stop_exits = 0;   // fills of stop-losses (sequence 2, 5, 8, ...)
  std::size_t target_exits = 0; // fills of take-profits (sequence 3, 6, 9, ...)
};

// A seeded random walk of quotes, one a second: mids move 0..3 ticks up or down.
std::vector<market_slice> walk(int count) {
  std::vector<market_slice> slices;
  std::uint64_t state = 12345;
  std::int64_t bid = 10'000; // cents
  for (int i = 0; i < count; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto r = static_cast<std::int64_t>((state >> 33) % 7) - 3;
    bid = std::max<std::int64_t>(1'000, bid + r);
    market_slice s;
    s.ts_event = s.ts_init = 1'700'000'000'000'000'000LL + i * 1'000'000'000LL;
    s.quotes.push_back(quote{s.ts_event, "XYZ", price::from_raw(bid, 2),
                             price::from_raw(bid + 2, 2), quantity::from_units(500),
                             quantity::from_units(500)});
    slices.push_back(std::move(s));
  }
  return slices;
}

outcome run(int threads, duration_ns latency) {
  system_config cfg;
  cfg.set("scheduler.max-threads", threads);
  trading_system ts{cfg};
  ts.add_slices(walk(6000));
  venue_config v;
  v.name = "SIM";
  v.settings.instruments.push_back(*instrument::make("XYZ", "0.01", "1"));
  v.settings.latency.base = latency;
  v.settings.fees.taker_bps = *venue::basis_points::parse("0.5");
  ts.add_venue(v);
  portfolio_config p;
  p.default_cash = money::from_units(50'000);
  ts.set_portfolio(p);
  strategy_actor_config who;
  who.id = 1;
  who.name = "bracket_trend";
  ts.add_strategy<example::bracket_trend>(who, "XYZ", std::size_t{30}, 0.2, *price::parse("0.25"),
                                          *price::parse("0.40"));
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  CHECK(result.worker_threads == static_cast<std::size_t>(threads));
  outcome o;
  std::ostringstream csv;
  report::write_trades_csv(csv, fill_records(result));
  o.trades = csv.str();
  o.fills = result.fill_count();
  (void)result.for_each_fill([&](const fill& f) {
    const auto n = order_sequence(f.header.id) % 3;
    o.stop_exits += n == 2 ? 1 : 0;
    o.target_exits += n == 0 ? 1 : 0;
  });
  for (const auto& pos : result.report.positions)
    o.pnl += std::to_string(pos.strategy) + ":" + pos.symbol + ":" + pos.net_qty.to_string() +
             ":" + pos.realized_pnl.to_string() + ":" + pos.fees.to_string() + "\n";
  return o;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST_CASE("brackets with trailing stops trade through the actors, identically on 1, 2 and 4 "
          "threads") {
  for (duration_ns latency : {duration_ns{0}, duration_ns{1'500'000'000}}) {
    CAPTURE(latency);
    auto reference = run(1, latency);
    // Entries, trailing stop-loss exits and take-profit exits all happened.
    CHECK(reference.stop_exits > 5);
    CHECK(reference.target_exits > 5);
    REQUIRE(reference.fills > 30);
    for (int threads : {2, 4, 1, 2}) {
      CAPTURE(threads);
      auto again = run(threads, latency);
      CHECK(again.trades == reference.trades);
      CHECK(again.pnl == reference.pnl);
    }
  }
}

TEST_CASE("docs/strategy-api.md quotes the bracket example letter for letter") {
  auto doc = slurp(BOURSE_SOURCE_DIR "/docs/strategy-api.md");
  auto header = slurp(BOURSE_SOURCE_DIR "/docs/examples/bracket/bracket_trend.hpp");
  const std::string marker = "// [bracket-class]";
  auto first = header.find(marker);
  auto second = header.find(marker, first + marker.size());
  REQUIRE(second != std::string::npos);
  auto code = header.substr(first, second + marker.size() - first);
  CHECK_MESSAGE(doc.find(code) != std::string::npos, "the doc's bracket block is stale");
}
