#pragma once
// What a run's fills did against its sampled prices: price curves of the traded symbols with trade
// markers, round trips with their excursions (MAE/MFE), exposure over time, a buy-and-hold
// benchmark with alpha and beta, and monthly returns. docs/report.md has the definitions.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bourse/core/enums.hpp"
#include "bourse/core/time.hpp"
#include "bourse/report/curve.hpp"
#include "bourse/report/records.hpp"
#include "bourse/report/round_trips.hpp"

namespace bourse::report {

/// A fill drawn on a price chart.
struct trade_marker {
  /// When it filled.
  timestamp ts = 0;
  /// Buy or sell.
  bourse::side side = bourse::side::buy;
  /// The fill price.
  double price = 0.0;
};

/// The sampled prices of one symbol and the fills in it.
struct price_curve {
  /// The instrument's symbol.
  std::string symbol;
  /// Its marks at the equity samples, in time order.
  std::vector<plot_point> prices;
  /// Its fills, thinned to at most trade_analysis_options::max_markers (every 2nd, 4th, ... kept,
  /// first one always).
  std::vector<trade_marker> markers;
  /// How many fills it had in all.
  std::size_t fill_count = 0;
};

/// Size limits of the trade analysis.
struct trade_analysis_options {
  /// Closed round trips kept for the list (the first ones); the count covers all.
  std::size_t max_trips = 500;
  /// Markers kept per symbol at most (deterministic thinning).
  std::size_t max_markers = 1000;
};

/// What trade_analyzer found.
struct trade_analysis {
  /// The traded symbols' prices and markers, by symbol (symbols without fills are left out).
  std::vector<price_curve> prices;
  /// The first max_trips closed round trips in closing order, then the open ones.
  std::vector<round_trip> trips;
  /// How many closed round trips there were in all.
  std::size_t closed_trips = 0;
  /// Gross exposure (sum of |position| x mark over strategies and symbols) over equity, at each
  /// sample of the total curve.
  std::vector<plot_point> gross_exposure;
  /// Net exposure (sum of position x mark) over equity, at each sample of the total curve.
  std::vector<plot_point> net_exposure;
  /// The first problem in the input (fills out of order, a fill the position refuses).
  std::optional<input_error> error;
};

/// Follows a run's fills (in booking order) through its sampled marks and total equity curve in
/// one pass, so that the fills can be streamed (read back from a file): memory is the marks and
/// the curve it is given, one position per (strategy, symbol), and the bounded lists it keeps.
///
/// The marks and the samples of a time t are applied after every fill with ts <= t (an equity
/// sample is taken when its slice is left, fills included).
class trade_analyzer {
public:
  /// Starts with the marks (time order) and the total equity curve (time order), which it keeps
  /// until finish().
  trade_analyzer(std::vector<mark_record> marks, equity_curve total,
                 const trade_analysis_options& options = {});

  /// Adds the next fill (times non-decreasing). After a problem, further fills are ignored.
  void add(const fill_record& fill);

  /// Applies the remaining marks and samples and returns the analysis.
  [[nodiscard]] trade_analysis finish();

private:
  struct symbol_state {
    price_curve curve;
    std::size_t stride = 1;
    double last_price = 0.0;
    bool priced = false;
  };
  struct holding {
    std::string symbol;
    double net = 0.0;
  };

  void advance(timestamp before, bool inclusive);
  void sample(timestamp ts, double equity);

  std::vector<mark_record> marks_;
  equity_curve total_;
  trade_analysis_options options_;
  std::size_t next_mark_ = 0, next_sample_ = 0;
  round_trip_matcher matcher_;
  std::vector<round_trip> closed_;
  trade_analysis out_;
  std::map<std::string, symbol_state, std::less<>> symbols_;
  std::map<std::pair<std::string, std::string>, holding> holdings_; // (strategy, symbol)
};

/// A buy-and-hold benchmark and the total curve's relation to it.
struct benchmark {
  /// What it holds in words ("buy and hold SPX", "equal-weight buy and hold of A, B").
  std::string description;
  /// The benchmark's equity at each sample of the total curve: the total's initial equity spread
  /// equally over the symbols, each bought at its first sampled price (held as cash before).
  equity_curve curve;
  /// Its total return.
  std::optional<double> total_return;
  /// beta = cov(r, b) / var(b) of the total curve's periodic returns r on the benchmark's b;
  /// nullopt with fewer than 2 returns or a constant benchmark.
  std::optional<double> beta;
  /// Annualised alpha: (mean(r) - beta mean(b)) x periods a year; nullopt with beta or without
  /// a known sampling.
  std::optional<double> alpha;
  /// Correlation of r and b; nullopt when either is constant.
  std::optional<double> correlation;
};

/// Returns the buy-and-hold benchmark of `prices` (usually the traded symbols) against `total`;
/// nullopt without prices or samples.
[[nodiscard]] std::optional<benchmark> buy_and_hold(const std::vector<price_curve>& prices,
                                                    const equity_curve& total);

/// One calendar month's return.
struct month_return {
  /// The year.
  int year = 1970;
  /// The month, 1-12.
  unsigned month = 1;
  /// Equity at the month's last sample over the previous month's last sample (the first month:
  /// over the curve's first sample), minus one; nullopt when that base is not positive.
  std::optional<double> value;
};

/// Returns the return of every calendar month (UTC) that has samples, in time order.
[[nodiscard]] std::vector<month_return> monthly_returns(const equity_curve& curve);

/// Returns the simple moving average of `points` over `period` points (the first period - 1
/// points have none and are left out); empty when period is 0 or longer than the points.
[[nodiscard]] std::vector<plot_point> moving_average(const std::vector<plot_point>& points,
                                                     std::size_t period);

} // namespace bourse::report
