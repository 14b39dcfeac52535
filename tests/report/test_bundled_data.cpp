// Shows that data/sp500_daily.csv (daily S&P 500 bars from the npm package vega-datasets, see
// data/README.md) is read by bar_reader without a bad row, has the documented size and ends, and
// gives the buy-and-hold statistics worked out from its closes with awk.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "bourse/market/bar_reader.hpp"
#include "bourse/report/statistics.hpp"
#include "report_kit.hpp"

using namespace report_kit;
using doctest::Approx;

namespace {

const std::string sp500_path = std::string(BOURSE_DATA_DIR) + "/sp500_daily.csv";

} // namespace

TEST_CASE("data/sp500_daily.csv reads as 5105 daily bars from 2000-01-03 to 2020-04-17") {
  std::ifstream raw(sp500_path, std::ios::binary);
  REQUIRE(raw);
  std::string header;
  std::getline(raw, header);
  CHECK(header == "ts,open,high,low,close,volume");
  raw.seekg(0, std::ios::end);
  CHECK(raw.tellg() < 1'000'000);

  bar_reader reader(sp500_path);
  bar b;
  std::vector<bar> bars;
  while (reader.next(b))
    bars.push_back(b);
  if (reader.error())
    FAIL(reader.error()->to_string());
  CHECK(reader.skipped() == 0);
  CHECK(reader.has_volume());
  REQUIRE(bars.size() == 5105);

  const bar& first = bars.front();
  CHECK(first.ts == at("2000-01-03"));
  CHECK(first.open == px("1469.25"));
  CHECK(first.high == px("1478"));
  CHECK(first.low == px("1438.359985"));
  CHECK(first.close == px("1455.219971"));
  CHECK(first.volume == qty("931800000"));
  CHECK(first.close.precision() == 6); // cells are copied as text: "1455.219971"

  const bar& last = bars.back();
  CHECK(last.ts == at("2020-04-17"));
  CHECK(last.close == px("2874.560059"));
  CHECK(last.volume == qty("5792140000"));

  SUBCASE("buy-and-hold statistics match the closes") {
    // From the file with awk: last/first close - 1 = 0.9753440142; the deepest fall of the
    // closes is 56.77538775 % from 1565.150024 (2007-10-09) to 676.530029 (2009-03-09), first
    // closed at or above that peak again on 2013-03-28.
    equity_curve curve;
    for (const auto& bar : bars)
      curve.push_back({bar.ts, bar.close.to_double()});
    auto result = compute_statistics(curve, {});
    REQUIRE_FALSE(result.error);
    const auto& s = result.stats;
    CHECK(s.daily_sampling);
    REQUIRE(s.total_return);
    CHECK(*s.total_return == Approx(0.9753440142).epsilon(1e-9));
    CHECK(s.max_drawdown_pct.fraction == Approx(0.5677538775).epsilon(1e-9));
    CHECK(s.max_drawdown_pct.peak_ts == at("2007-10-09"));
    CHECK(s.max_drawdown_pct.trough_ts == at("2009-03-09"));
    CHECK(s.max_drawdown_pct.recovery_ts == at("2013-03-28"));
  }
}
