#pragma once
// Performance statistics of a run from its equity curve and its fills: returns, Sharpe, Sortino,
// drawdowns, round-trip win rate, profit factor, exposure. docs/report.md has every formula.

#include <cstddef>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"
#include "bourse/report/records.hpp"
#include "bourse/report/round_trips.hpp"

namespace bourse::report {

/// Choices for compute_statistics.
struct statistics_options {
  /// Periods per year for annualising; nullopt infers it from the curve (see infer_sampling).
  std::optional<double> periods_per_year;
};

/// A peak-to-trough fall of the equity curve.
struct drawdown {
  /// peak - trough (zero when the curve never fell).
  double amount = 0.0;
  /// (peak - trough) / peak (zero when the curve never fell or the peak was not positive).
  double fraction = 0.0;
  /// The last time the equity stood at the peak before the fall (the first sample's time when the
  /// curve never fell).
  timestamp peak_ts = 0;
  /// When the trough was reached.
  timestamp trough_ts = 0;
  /// The first time after the trough the equity was back at or above the peak; nullopt if never.
  std::optional<timestamp> recovery_ts;
};

/// The statistics of one run (or of one strategy). Undefined ratios are nullopt, never NaN.
struct statistics {
  /// Number of equity samples.
  std::size_t samples = 0;
  /// Time of the first sample (0 without samples).
  timestamp start_ts = 0;
  /// Time of the last sample (0 without samples).
  timestamp end_ts = 0;
  /// Equity of the first sample (0 without samples).
  double initial_equity = 0.0;
  /// Equity of the last sample (0 without samples).
  double final_equity = 0.0;
  /// final_equity - initial_equity: the PnL after fees, realised and unrealised.
  double net_pnl = 0.0;
  /// net_pnl + fees: the PnL before fees.
  double gross_pnl = 0.0;
  /// final_equity / initial_equity - 1; nullopt without samples or when initial_equity <= 0.
  std::optional<double> total_return;
  /// (1 + total_return)^(periods_per_year / return_count) - 1; nullopt when either is undefined.
  std::optional<double> annualised_return;

  /// The sampling period (lower median gap; 0 when it cannot be inferred).
  duration_ns sampling_period = 0;
  /// True when the curve was found to be daily.
  bool daily_sampling = false;
  /// The annualisation factor used (the option, or inferred; 0 when neither is known).
  double periods_per_year = 0.0;
  /// How many periodic returns entered the ratios (samples after a non-positive equity are left
  /// out).
  std::size_t return_count = 0;
  /// Standard deviation (n - 1) of the periodic returns times sqrt(periods_per_year).
  std::optional<double> volatility;
  /// mean / standard deviation of the periodic returns times sqrt(periods_per_year), risk-free 0;
  /// nullopt with fewer than 2 returns, zero variance or an unknown periods_per_year.
  std::optional<double> sharpe;
  /// mean / downside deviation times sqrt(periods_per_year), target 0; nullopt with fewer than 2
  /// returns, no negative return or an unknown periods_per_year.
  std::optional<double> sortino;
  /// The largest fall by amount.
  drawdown max_drawdown;
  /// The largest fall by fraction of its peak (often the same fall as max_drawdown).
  drawdown max_drawdown_pct;

  /// Number of fills.
  std::size_t fill_count = 0;
  /// Number of buy fills.
  std::size_t buy_count = 0;
  /// Number of sell fills.
  std::size_t sell_count = 0;
  /// Sum of fill fees (negative: net rebates).
  money fees;
  /// Realised PnL before fees of all fills, average-cost method (match_round_trips).
  money realised_pnl;
  /// realised_pnl - fees.
  money realised_net_pnl;

  /// Number of closed round trips.
  std::size_t round_trips = 0;
  /// Number of round trips still open after the last fill.
  std::size_t open_round_trips = 0;
  /// Closed round trips with a positive net PnL.
  std::size_t winning_trips = 0;
  /// Closed round trips with a negative net PnL.
  std::size_t losing_trips = 0;
  /// Sum of the net PnL of winning trips.
  money gross_profit;
  /// Sum of the net PnL of losing trips (zero or negative).
  money gross_loss;
  /// winning_trips / round_trips; nullopt without closed trips.
  std::optional<double> win_rate;
  /// gross_profit / -gross_loss; nullopt without a losing trip.
  std::optional<double> profit_factor;
  /// gross_profit / winning_trips; nullopt without a winning trip.
  std::optional<double> average_win;
  /// gross_loss / losing_trips (negative); nullopt without a losing trip.
  std::optional<double> average_loss;
  /// Share of the curve's time span with a position open (union over strategies and symbols);
  /// nullopt when the span is zero.
  std::optional<double> exposure;
};

/// The result of compute_statistics: the statistics, or the first problem in the input.
struct statistics_result {
  /// The statistics (all defaults when error is set).
  statistics stats;
  /// The first problem found: a non-finite equity, samples or fills out of time order, a fill
  /// with a non-positive price or quantity.
  std::optional<input_error> error;
};

/// Computes the statistics of one equity curve and its fills, the fills given one at a time in
/// booking order (e.g. read back from a file): memory stays bounded whatever the number of fills
/// (one position per strategy and symbol, and the open-position intervals not yet settled).
/// compute_statistics is this builder over a vector, so both give the same numbers.
class statistics_builder {
public:
  /// Starts with the curve's statistics (samples in time order); the curve is not kept.
  explicit statistics_builder(const equity_curve& curve, const statistics_options& options = {});

  /// Adds the next fill (times non-decreasing). After a problem, further fills are ignored.
  void add(const fill_record& fill);

  /// Returns the statistics of the curve and of every fill added, or the first problem (the
  /// curve's before the fills').
  [[nodiscard]] statistics_result finish() const;

private:
  using interval = std::pair<timestamp, timestamp>;

  void add_interval(interval span);
  void settle(timestamp floor);
  void book_closed(const round_trip& trip);

  statistics stats_;
  std::optional<input_error> error_;
  round_trip_matcher matcher_;
  std::vector<round_trip> closed_;
  std::deque<interval> pending_; // disjoint, in time order; later ones may still merge with them
  duration_ns covered_ = 0;      // time in position within the curve's span, settled intervals
  bool track_exposure_ = false;
};

/// Returns the statistics of `curve` (samples in time order) and `fills` (in booking order, times
/// non-decreasing). Deterministic: the same input gives the same numbers.
[[nodiscard]] statistics_result compute_statistics(const equity_curve& curve,
                                                   const std::vector<fill_record>& fills,
                                                   const statistics_options& options = {});

/// Returns the fills of one strategy, in their order.
[[nodiscard]] std::vector<fill_record> fills_of_strategy(const std::vector<fill_record>& fills,
                                                         std::string_view strategy);

} // namespace bourse::report
