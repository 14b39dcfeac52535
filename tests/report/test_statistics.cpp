// Shows the statistics on small curves worked out by hand: Sharpe and Sortino with known returns
// and annualisation, drawdowns with known peaks and troughs, win rate and profit factor of known
// round trips, exposure, and the defined values of the edge cases (no samples, no variance, no
// trades).
#include <doctest/doctest.h>

#include <cmath>

#include "bourse/report/statistics.hpp"
#include "report_kit.hpp"

using namespace report_kit;
using doctest::Approx;

TEST_CASE("Sharpe and Sortino come from the periodic returns, annualised by the sampling period") {
  // 100 -> 110 -> 99 -> 108.9: returns +10%, -10%, +10%. mean = 1/30, sample deviation
  // sqrt(((2/30)^2 * 2 + (4/30)^2) / 2) = 0.1/sqrt(0.75), so mean/deviation = 1/(2*sqrt(3)).
  // Downside deviation sqrt(0.01/3), so mean/downside = 1/sqrt(3).
  const std::vector<double> values{100, 110, 99, 108.9};

  SUBCASE("daily samples use 252 periods a year") {
    // 2024-01-02 is a Tuesday: Tue, Wed, Thu, Fri.
    auto result = compute_statistics(curve_weekdays(at("2024-01-02"), values), {});
    REQUIRE_FALSE(result.error);
    const auto& s = result.stats;
    CHECK(s.daily_sampling);
    CHECK(s.periods_per_year == 252.0);
    CHECK(s.return_count == 3);
    REQUIRE(s.sharpe);
    CHECK(*s.sharpe == Approx(std::sqrt(84.0) / 2).epsilon(1e-12)); // sqrt(252)/(2 sqrt 3)
    REQUIRE(s.sortino);
    CHECK(*s.sortino == Approx(std::sqrt(84.0)).epsilon(1e-12)); // sqrt(252)/sqrt 3
    REQUIRE(s.volatility);
    CHECK(*s.volatility == Approx(0.1 / std::sqrt(0.75) * std::sqrt(252.0)).epsilon(1e-12));
    REQUIRE(s.total_return);
    CHECK(*s.total_return == Approx(0.089).epsilon(1e-12));
    REQUIRE(s.annualised_return);
    CHECK(*s.annualised_return == Approx(std::pow(1.089, 84.0) - 1).epsilon(1e-9));
  }
  SUBCASE("weekend gaps do not change the daily inference") {
    auto result =
        compute_statistics(curve_weekdays(at("2024-01-04"), {100, 110, 99, 108.9, 110, 100}), {});
    CHECK(result.stats.daily_sampling);
    CHECK(result.stats.sampling_period == ns_per_day);
  }
  SUBCASE("minute samples use 365.25 days of minutes") {
    auto result =
        compute_statistics(curve_every(at("2024-01-02T14:30"), 60 * ns_per_second, values), {});
    const auto& s = result.stats;
    CHECK_FALSE(s.daily_sampling);
    CHECK(s.sampling_period == 60 * ns_per_second);
    CHECK(s.periods_per_year == Approx(525960.0));
    REQUIRE(s.sharpe);
    CHECK(*s.sharpe == Approx(std::sqrt(525960.0) / (2 * std::sqrt(3.0))).epsilon(1e-12));
  }
  SUBCASE("an explicit periods_per_year wins over the inference") {
    statistics_options options;
    options.periods_per_year = 12.0;
    auto result = compute_statistics(curve_weekdays(at("2024-01-02"), values), {}, options);
    REQUIRE(result.stats.sharpe);
    CHECK(*result.stats.sharpe == Approx(1.0).epsilon(1e-12)); // sqrt(12) / (2 sqrt 3)
    CHECK(result.stats.periods_per_year == 12.0);
  }
}

TEST_CASE("drawdowns name their peak, trough and recovery") {
  // Peaks 120 (day 1) then 130 (day 3): falls of 30 (25 %) from 120 and of 39 (30 %) from 130.
  const auto curve =
      curve_every(at("2024-01-01"), ns_per_day, {100, 120, 90, 130, 91, 125, 131, 100});
  auto result = compute_statistics(curve, {});
  REQUIRE_FALSE(result.error);
  const auto& s = result.stats;
  CHECK(s.max_drawdown.amount == Approx(39.0));
  CHECK(s.max_drawdown.fraction == Approx(0.3));
  CHECK(s.max_drawdown.peak_ts == at("2024-01-04"));
  CHECK(s.max_drawdown.trough_ts == at("2024-01-05"));
  REQUIRE(s.max_drawdown.recovery_ts);
  CHECK(*s.max_drawdown.recovery_ts == at("2024-01-07"));
  CHECK(s.max_drawdown_pct.fraction == Approx(0.3));
  CHECK(s.max_drawdown_pct.peak_ts == at("2024-01-04"));

  SUBCASE("the largest fall by amount and by fraction can differ") {
    // 100 -> 50 is 50 %; 1000 -> 600 is 400 but only 40 %.
    auto other =
        compute_statistics(curve_every(at("2024-01-01"), ns_per_day, {100, 50, 1000, 600}), {});
    CHECK(other.stats.max_drawdown.amount == Approx(400.0));
    CHECK(other.stats.max_drawdown.peak_ts == at("2024-01-03"));
    CHECK(other.stats.max_drawdown_pct.fraction == Approx(0.5));
    CHECK(other.stats.max_drawdown_pct.trough_ts == at("2024-01-02"));
    CHECK(other.stats.max_drawdown_pct.recovery_ts == at("2024-01-03"));
    CHECK_FALSE(other.stats.max_drawdown.recovery_ts);
  }
  SUBCASE("a curve that never falls has a zero drawdown at its first sample") {
    auto rising = compute_statistics(curve_every(at("2024-01-01"), ns_per_day, {1, 2, 3}), {});
    CHECK(rising.stats.max_drawdown.amount == 0.0);
    CHECK(rising.stats.max_drawdown.fraction == 0.0);
    CHECK(rising.stats.max_drawdown.peak_ts == at("2024-01-01"));
    CHECK_FALSE(rising.stats.max_drawdown.recovery_ts);
  }
}

TEST_CASE("win rate, profit factor and averages count closed round trips after fees") {
  // Trip 1: long 10 from 100 to 110, fees 2: net +98. Trip 2: short 5 from 120 to 125: net -25.
  // Trip 3: long 4 at 50 and out at 50: net 0, neither a win nor a loss.
  const std::vector<fill_record> fills{
      fill(at("2024-01-02"), side::buy, "100", "10", "1"),
      fill(at("2024-01-03"), side::sell, "110", "10", "1"),
      fill(at("2024-01-05"), side::sell, "120", "5"),
      fill(at("2024-01-06"), side::buy, "125", "5"),
      fill(at("2024-01-08"), side::buy, "50", "4"),
      fill(at("2024-01-09"), side::sell, "50", "4"),
  };
  // Ten days of samples, 2024-01-01 .. 2024-01-11 (a 10-day span).
  const auto curve =
      curve_every(at("2024-01-01"), ns_per_day,
                  {1000, 1000, 1098, 1098, 1098, 1073, 1073, 1073, 1073, 1073, 1073});
  auto result = compute_statistics(curve, fills);
  REQUIRE_FALSE(result.error);
  const auto& s = result.stats;
  CHECK(s.fill_count == 6);
  CHECK(s.buy_count == 3);
  CHECK(s.sell_count == 3);
  CHECK(s.fees == cash("2"));
  CHECK(s.round_trips == 3);
  CHECK(s.open_round_trips == 0);
  CHECK(s.winning_trips == 1);
  CHECK(s.losing_trips == 1);
  REQUIRE(s.win_rate);
  CHECK(*s.win_rate == Approx(1.0 / 3.0));
  CHECK(s.gross_profit == cash("98"));
  CHECK(s.gross_loss == cash("-25"));
  REQUIRE(s.profit_factor);
  CHECK(*s.profit_factor == Approx(98.0 / 25.0));
  CHECK(s.average_win == Approx(98.0));
  CHECK(s.average_loss == Approx(-25.0));
  CHECK(s.realised_pnl == cash("75"));
  CHECK(s.realised_net_pnl == cash("73"));
  CHECK(s.net_pnl == Approx(73.0));
  CHECK(s.gross_pnl == Approx(75.0));
  // Open 1 day for each trip: 3 of 10 days.
  REQUIRE(s.exposure);
  CHECK(*s.exposure == Approx(0.3));

  SUBCASE("only winners: the profit factor and the average loss are undefined") {
    auto winners = compute_statistics(curve, {fills[0], fills[1]});
    CHECK(winners.stats.win_rate == Approx(1.0));
    CHECK_FALSE(winners.stats.profit_factor);
    CHECK_FALSE(winners.stats.average_loss);
  }
  SUBCASE("a position open at the end counts as exposed until the last sample") {
    auto open = compute_statistics(curve, {fills[0], fills[1], fills[2]});
    CHECK(open.stats.round_trips == 1);
    CHECK(open.stats.open_round_trips == 1);
    REQUIRE(open.stats.exposure);
    CHECK(*open.stats.exposure == Approx(0.7)); // 01-02..03 and 01-05..11: 1 + 6 of 10 days
  }
}

TEST_CASE("edge cases give defined values, never NaN") {
  SUBCASE("no samples and no fills") {
    auto result = compute_statistics({}, {});
    REQUIRE_FALSE(result.error);
    const auto& s = result.stats;
    CHECK(s.samples == 0);
    CHECK(s.net_pnl == 0.0);
    CHECK_FALSE(s.total_return);
    CHECK_FALSE(s.sharpe);
    CHECK_FALSE(s.sortino);
    CHECK_FALSE(s.volatility);
    CHECK_FALSE(s.win_rate);
    CHECK_FALSE(s.profit_factor);
    CHECK_FALSE(s.exposure);
    CHECK(s.periods_per_year == 0.0);
    CHECK(s.max_drawdown.amount == 0.0);
  }
  SUBCASE("one sample: a zero return, no ratios") {
    auto s = compute_statistics({{at("2024-01-02"), 500.0}}, {}).stats;
    CHECK(s.total_return == Approx(0.0));
    CHECK_FALSE(s.annualised_return);
    CHECK_FALSE(s.sharpe);
    CHECK_FALSE(s.exposure); // a zero time span
  }
  SUBCASE("two samples give one return: not enough for a deviation") {
    auto s = compute_statistics(curve_every(0, ns_per_day, {100, 101}), {}).stats;
    CHECK(s.return_count == 1);
    CHECK_FALSE(s.sharpe);
    CHECK_FALSE(s.sortino);
  }
  SUBCASE("a flat curve has zero volatility and no Sharpe or Sortino") {
    auto s = compute_statistics(curve_every(0, ns_per_day, {100, 100, 100, 100}), {}).stats;
    CHECK(s.volatility == Approx(0.0));
    CHECK_FALSE(s.sharpe);
    CHECK_FALSE(s.sortino);
  }
  SUBCASE("constant growth: rounding noise is not taken for variance") {
    auto s =
        compute_statistics(curve_every(0, ns_per_day, {100, 101, 102.01, 103.0301, 104.060401}), {})
            .stats;
    CHECK_FALSE(s.sharpe);
    CHECK_FALSE(s.sortino); // no negative return
  }
  SUBCASE("a non-positive starting equity: no total return, returns after it left out") {
    auto s = compute_statistics(curve_every(0, ns_per_day, {0, 100, 110, 99}), {}).stats;
    CHECK_FALSE(s.total_return);
    CHECK(s.return_count == 2);
    CHECK(s.max_drawdown.amount == Approx(11.0));
  }
  SUBCASE("no fills: counts are zero and trade ratios undefined") {
    auto s = compute_statistics(curve_every(0, ns_per_day, {100, 90, 95}), {}).stats;
    CHECK(s.fill_count == 0);
    CHECK(s.round_trips == 0);
    CHECK_FALSE(s.win_rate);
    CHECK_FALSE(s.average_win);
    REQUIRE(s.exposure);
    CHECK(*s.exposure == 0.0);
  }
  SUBCASE("a ruinous curve keeps the annualised return defined or absent, never NaN") {
    auto s = compute_statistics(curve_every(0, ns_per_second, {100, 1, 0.5, 200}), {}).stats;
    if (s.annualised_return)
      CHECK(std::isfinite(*s.annualised_return));
    REQUIRE(s.sharpe);
    CHECK(std::isfinite(*s.sharpe));
  }
}

TEST_CASE("bad input is reported with its place instead of computed") {
  SUBCASE("a NaN equity") {
    auto result =
        compute_statistics({{at("2024-01-02"), 1.0}, {at("2024-01-03"), std::nan("")}}, {});
    REQUIRE(result.error);
    CHECK(result.error->message ==
          "equity sample 1 (2024-01-03T00:00:00Z): equity is not a finite number");
  }
  SUBCASE("samples out of time order") {
    auto result = compute_statistics({{at("2024-01-03"), 1.0}, {at("2024-01-02"), 1.0}}, {});
    REQUIRE(result.error);
    CHECK(result.error->message == "equity sample 1 (2024-01-02T00:00:00Z): timestamp is before "
                                   "the previous sample's 2024-01-03T00:00:00Z");
  }
  SUBCASE("a fill with a zero quantity") {
    auto bad = fill(at("2024-01-02"), side::buy, "10", "0", "0", "s", "X", "77");
    auto result = compute_statistics({}, {bad});
    REQUIRE(result.error);
    CHECK(result.error->message.rfind("fill 0 (order 77, s X): ", 0) == 0);
    CHECK(result.stats.fill_count == 0);
  }
}

TEST_CASE("fills_of_strategy keeps one strategy's fills in order") {
  std::vector<fill_record> fills{fill(1, side::buy, "1", "1", "0", "a", "X", "1"),
                                 fill(2, side::buy, "1", "1", "0", "b", "X", "2"),
                                 fill(3, side::sell, "1", "1", "0", "a", "X", "3")};
  auto mine = fills_of_strategy(fills, "a");
  REQUIRE(mine.size() == 2);
  CHECK(mine[0].order_id == "1");
  CHECK(mine[1].order_id == "3");
  CHECK(fills_of_strategy(fills, "c").empty());
}
