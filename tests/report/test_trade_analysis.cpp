// Shows the trade analysis of the report: round trips with entry/exit prices and excursions
// (MAE/MFE) at the fill prices and the sampled marks, exposure over equity at every sample, trade
// markers thinned deterministically, the buy-and-hold benchmark with alpha and beta, monthly
// returns, the moving average of the price charts, and the JSON writer of stats.json.
#include <doctest/doctest.h>

#include <cmath>

#include "bourse/report/json.hpp"
#include "bourse/report/trade_analysis.hpp"
#include "report_kit.hpp"

using namespace report_kit;

namespace {

mark_record mark(timestamp ts, const char* symbol, const char* price_text) {
  return mark_record{ts, symbol, px(price_text)};
}

} // namespace

TEST_CASE("a round trip's excursions are its worst and best PnL at the fills and sampled marks") {
  // Buy 10 @ 100 at t=1; marks 95 (t=2), 108 (t=3); sell 5 @ 104 at t=4 (realises +20);
  // mark 90 (t=5): PnL 20 + 5 * (90 - 100) = -30; sell 5 @ 101 at t=6 (closes: 20 + 5 = 25).
  const std::vector<mark_record> marks = {mark(1, "X", "100"), mark(2, "X", "95"),
                                          mark(3, "X", "108"), mark(5, "X", "90"),
                                          mark(6, "X", "101")};
  const equity_curve total = curve_every(1, 1, {1000, 950, 1080, 1040, 940, 1025});
  trade_analyzer a{marks, total};
  a.add(fill(1, side::buy, "100", "10"));
  a.add(fill(4, side::sell, "104", "5"));
  a.add(fill(6, side::sell, "101", "5"));
  auto result = a.finish();
  REQUIRE_FALSE(result.error);
  REQUIRE(result.trips.size() == 1);
  CHECK(result.closed_trips == 1);
  const round_trip& t = result.trips[0];
  CHECK(t.closed);
  CHECK(t.gross_pnl == cash("25"));
  CHECK(t.entry_price == std::optional<price>{px("100")});
  CHECK(t.exit_price == std::optional<price>{px("101")});
  CHECK(t.mae == cash("-50")); // 10 * (95 - 100) at t=2
  CHECK(t.mfe == cash("80"));  // 10 * (108 - 100) at t=3

  // Exposure at each sample: |position| x mark over the total equity.
  REQUIRE(result.gross_exposure.size() == 6);
  CHECK(result.gross_exposure[0].value == doctest::Approx(1000.0 / 1000)); // 10 x 100
  CHECK(result.gross_exposure[1].value == doctest::Approx(950.0 / 950));
  CHECK(result.gross_exposure[3].value == doctest::Approx(5 * 108.0 / 1040)); // no mark at t=4
  CHECK(result.gross_exposure[4].value == doctest::Approx(5 * 90.0 / 940));
  CHECK(result.gross_exposure[5].value == doctest::Approx(0.0)); // flat after the t=6 fill
  CHECK(result.net_exposure[4].value == doctest::Approx(5 * 90.0 / 940));

  REQUIRE(result.prices.size() == 1);
  CHECK(result.prices[0].symbol == "X");
  CHECK(result.prices[0].prices.size() == 5);
  CHECK(result.prices[0].fill_count == 3);
  CHECK(result.prices[0].markers.size() == 3);
  CHECK(result.prices[0].markers[1].side == side::sell);
}

TEST_CASE("a short trip's excursions have the opposite sign of the price move; open trips last") {
  const std::vector<mark_record> marks = {mark(2, "X", "110"), mark(3, "X", "80")};
  trade_analyzer a{marks, curve_every(1, 1, {1000, 1000, 1000})};
  a.add(fill(1, side::sell, "100", "2", "0", "s", "X"));
  a.add(fill(1, side::buy, "50", "1", "0", "s", "Y")); // never marked: stays open
  auto result = a.finish();
  REQUIRE(result.trips.size() == 2);
  CHECK_FALSE(result.trips[0].closed);
  CHECK(result.trips[0].symbol == "X");
  CHECK(result.trips[0].direction == side::sell);
  CHECK(result.trips[0].mae == cash("-20")); // 2 * (100 - 110)
  CHECK(result.trips[0].mfe == cash("40"));  // 2 * (100 - 80)
  CHECK_FALSE(result.trips[0].exit_price);
  CHECK(result.trips[1].symbol == "Y");
  // Y has no marks: it is valued at its fill price in the exposure.
  CHECK(result.gross_exposure.back().value == doctest::Approx((2 * 80.0 + 50.0) / 1000));
  CHECK(result.net_exposure.back().value == doctest::Approx((-2 * 80.0 + 50.0) / 1000));
}

TEST_CASE("fills out of time order stop the analysis with the place named") {
  trade_analyzer a{{}, {}};
  a.add(fill(5, side::buy, "1", "1"));
  a.add(fill(4, side::sell, "1", "1"));
  auto result = a.finish();
  REQUIRE(result.error);
  CHECK(result.error->message.find("fill 1") != std::string::npos);
}

TEST_CASE("trade markers are thinned to every 2nd, 4th, ... fill past the cap") {
  trade_analysis_options options;
  options.max_markers = 4;
  trade_analyzer a{{}, {}, options};
  for (int i = 0; i < 10; ++i)
    a.add(fill(i, i % 2 == 0 ? side::buy : side::sell, std::to_string(100 + i), "1", "0", "s",
               "X", std::to_string(i)));
  auto result = a.finish();
  REQUIRE(result.prices.size() == 1);
  CHECK(result.prices[0].fill_count == 10);
  const auto& m = result.prices[0].markers;
  REQUIRE(m.size() == 3); // fills 0, 4, 8
  CHECK(m[0].ts == 0);
  CHECK(m[1].ts == 4);
  CHECK(m[2].ts == 8);
}

TEST_CASE("the buy-and-hold benchmark follows the prices from the total's initial equity") {
  std::vector<price_curve> prices(1);
  prices[0].symbol = "X";
  prices[0].prices = {{0, 100}, {ns_per_day, 110}, {2 * ns_per_day, 99}, {3 * ns_per_day, 108.9}};

  SUBCASE("a total that is the benchmark has beta 1, alpha 0 and correlation 1") {
    const auto total = curve_every(0, ns_per_day, {1000, 1100, 990, 1089});
    auto b = buy_and_hold(prices, total);
    REQUIRE(b);
    CHECK(b->description == "buy and hold X");
    REQUIRE(b->curve.size() == 4);
    CHECK(b->curve[2].equity == doctest::Approx(990));
    CHECK(*b->total_return == doctest::Approx(0.089));
    CHECK(*b->beta == doctest::Approx(1.0));
    CHECK(*b->alpha == doctest::Approx(0.0));
    CHECK(*b->correlation == doctest::Approx(1.0));
  }
  SUBCASE("half the benchmark plus constant growth: beta 0.5, alpha the growth annualised") {
    // r = 0.5 b + 0.001 every day.
    equity_curve total{{0, 1000}};
    for (std::size_t i = 1; i < 4; ++i) {
      const double b = prices[0].prices[i].value / prices[0].prices[i - 1].value - 1;
      total.push_back({static_cast<timestamp>(i) * ns_per_day,
                       total.back().equity * (1 + 0.5 * b + 0.001)});
    }
    auto b = buy_and_hold(prices, total);
    REQUIRE(b);
    CHECK(*b->beta == doctest::Approx(0.5));
    CHECK(*b->alpha == doctest::Approx(0.001 * 252));
  }
  SUBCASE("no prices, no benchmark") {
    CHECK_FALSE(buy_and_hold({}, curve_every(0, ns_per_day, {1, 2})));
  }
}

TEST_CASE("monthly returns chain month-end equities and the moving average trails its period") {
  const equity_curve curve = {{at("2024-01-02"), 100}, {at("2024-01-31"), 110},
                              {at("2024-02-15"), 99},  {at("2024-03-01"), 99},
                              {at("2024-03-29"), 108.9}};
  auto months = monthly_returns(curve);
  REQUIRE(months.size() == 3);
  CHECK(months[0].year == 2024);
  CHECK(months[0].month == 1);
  CHECK(*months[0].value == doctest::Approx(0.10));
  CHECK(*months[1].value == doctest::Approx(-0.10));
  CHECK(*months[2].value == doctest::Approx(0.10));

  auto sma = moving_average({{1, 1}, {2, 2}, {3, 3}, {4, 10}}, 3);
  REQUIRE(sma.size() == 2);
  CHECK(sma[0].ts == 3);
  CHECK(sma[0].value == doctest::Approx(2));
  CHECK(sma[1].value == doctest::Approx(5));
  CHECK(moving_average({{1, 1}}, 2).empty());
  CHECK(moving_average({{1, 1}}, 0).empty());
}

TEST_CASE("the JSON writer escapes text, writes exact fixed-point values and null for undefined") {
  std::string text;
  json_writer json{text};
  json.begin_object();
  json.key("name").value("a \"b\"\n\\");
  json.key("cash").value(cash("12.50"));
  json.key("ratio").value(std::optional<double>{});
  json.key("nan").value(std::nan(""));
  json.key("half").value(0.5);
  json.key("list").begin_array().value(1).value(true).end_array();
  json.key("empty").begin_object().end_object();
  json.end_object();
  CHECK(text == "{\n  \"name\": \"a \\\"b\\\"\\n\\\\\",\n  \"cash\": 12.50,\n  \"ratio\": null,\n"
                "  \"nan\": null,\n  \"half\": 0.5,\n  \"list\": [\n    1,\n    true\n  ],\n"
                "  \"empty\": {}\n}\n");
  CHECK(json_quote(std::string(1, '\x01')) == "\"\\u0001\"");
}
