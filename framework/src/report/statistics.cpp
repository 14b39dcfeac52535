// Performance statistics from an equity curve and fills.
#include "bourse/report/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "bourse/report/curve.hpp"
#include "bourse/report/round_trips.hpp"

namespace bourse::report {

namespace {

std::optional<double> finite_or_none(double value) {
  return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

std::optional<input_error> check_curve(const equity_curve& curve) {
  auto place = [&](std::size_t i) {
    return "equity sample " + std::to_string(i) + " (" + format_iso8601(curve[i].ts) + ")";
  };
  for (std::size_t i = 0; i < curve.size(); ++i) {
    if (!std::isfinite(curve[i].equity))
      return input_error{place(i) + ": equity is not a finite number"};
    if (i > 0 && curve[i].ts < curve[i - 1].ts)
      return input_error{place(i) + ": timestamp is before the previous sample's " +
                         format_iso8601(curve[i - 1].ts)};
  }
  return std::nullopt;
}

// Returns the largest fall by amount (by_fraction false) or by fraction of the peak.
drawdown largest_drawdown(const equity_curve& curve, bool by_fraction) {
  drawdown best;
  if (curve.empty())
    return best;
  best.peak_ts = best.trough_ts = curve.front().ts;
  double peak = curve.front().equity;
  timestamp peak_ts = curve.front().ts;
  double best_peak = peak;
  std::size_t best_trough = 0;
  for (std::size_t i = 0; i < curve.size(); ++i) {
    const auto& sample = curve[i];
    if (sample.equity >= peak) {
      peak = sample.equity;
      peak_ts = sample.ts;
      continue;
    }
    const double amount = peak - sample.equity;
    const double fraction = peak > 0.0 ? amount / peak : 0.0;
    if ((by_fraction ? fraction > best.fraction : amount > best.amount)) {
      best.amount = amount;
      best.fraction = fraction;
      best.peak_ts = peak_ts;
      best.trough_ts = sample.ts;
      best_peak = peak;
      best_trough = i;
    }
  }
  if (best.amount > 0.0)
    for (std::size_t i = best_trough + 1; i < curve.size(); ++i)
      if (curve[i].equity >= best_peak) {
        best.recovery_ts = curve[i].ts;
        break;
      }
  return best;
}

void add_return_statistics(const equity_curve& curve, const statistics_options& options,
                           statistics& s) {
  if (auto inferred = infer_sampling(curve)) {
    s.sampling_period = inferred->period;
    s.daily_sampling = inferred->daily;
    s.periods_per_year = inferred->periods_per_year;
  }
  if (options.periods_per_year && std::isfinite(*options.periods_per_year) &&
      *options.periods_per_year > 0.0)
    s.periods_per_year = *options.periods_per_year;

  std::vector<double> returns;
  for (std::size_t i = 1; i < curve.size(); ++i)
    if (curve[i - 1].equity > 0.0)
      returns.push_back(curve[i].equity / curve[i - 1].equity - 1.0);
  s.return_count = returns.size();

  if (s.total_return && s.return_count > 0 && s.periods_per_year > 0.0 && *s.total_return > -1.0)
    s.annualised_return = finite_or_none(
        std::pow(1.0 + *s.total_return, s.periods_per_year / static_cast<double>(s.return_count)) -
        1.0);

  if (returns.size() < 2 || s.periods_per_year <= 0.0)
    return;
  const double n = static_cast<double>(returns.size());
  double sum = 0.0;
  for (double r : returns)
    sum += r;
  const double mean = sum / n;
  double squares = 0.0, downside = 0.0;
  for (double r : returns) {
    squares += (r - mean) * (r - mean);
    if (r < 0.0)
      downside += r * r;
  }
  const double stdev = std::sqrt(squares / (n - 1.0));
  const double downside_deviation = std::sqrt(downside / n);
  const double scale = std::sqrt(s.periods_per_year);
  // Constant returns leave rounding noise in the deviation; below 1e-10 of the mean it is zero.
  if (stdev > 0.0 && stdev > 1e-10 * std::fabs(mean)) {
    s.volatility = finite_or_none(stdev * scale);
    s.sharpe = finite_or_none(mean / stdev * scale);
  } else {
    s.volatility = 0.0;
  }
  if (downside_deviation > 0.0)
    s.sortino = finite_or_none(mean / downside_deviation * scale);
}

// Needs the curve part of `s` (samples, start_ts, end_ts) and the fees already filled in.
void add_trip_statistics(const std::vector<round_trip>& trips, statistics& s) {
  std::vector<std::pair<timestamp, timestamp>> open_intervals;
  for (const auto& trip : trips) {
    s.realised_pnl += trip.gross_pnl;
    open_intervals.emplace_back(trip.open_ts, trip.closed ? trip.close_ts : s.end_ts);
    if (!trip.closed) {
      ++s.open_round_trips;
      continue;
    }
    ++s.round_trips;
    if (trip.net_pnl.is_positive()) {
      ++s.winning_trips;
      s.gross_profit += trip.net_pnl;
    } else if (trip.net_pnl.is_negative()) {
      ++s.losing_trips;
      s.gross_loss += trip.net_pnl;
    }
  }
  s.realised_net_pnl = s.realised_pnl - s.fees;
  if (s.round_trips > 0)
    s.win_rate = static_cast<double>(s.winning_trips) / static_cast<double>(s.round_trips);
  if (s.winning_trips > 0)
    s.average_win = s.gross_profit.to_double() / static_cast<double>(s.winning_trips);
  if (s.losing_trips > 0) {
    s.average_loss = s.gross_loss.to_double() / static_cast<double>(s.losing_trips);
    s.profit_factor = finite_or_none(s.gross_profit.to_double() / -s.gross_loss.to_double());
  }

  const timestamp start = s.start_ts, end = s.end_ts;
  if (s.samples == 0 || end <= start)
    return;
  std::sort(open_intervals.begin(), open_intervals.end());
  duration_ns covered = 0;
  timestamp reach = start;
  for (auto [from, to] : open_intervals) {
    from = std::max(from, reach);
    to = std::min(to, end);
    if (to > from) {
      covered += to - from;
      reach = to;
    }
  }
  s.exposure = static_cast<double>(covered) / static_cast<double>(end - start);
}

} // namespace

statistics_result compute_statistics(const equity_curve& curve,
                                     const std::vector<fill_record>& fills,
                                     const statistics_options& options) {
  statistics_result result;
  if (auto problem = check_curve(curve)) {
    result.error = std::move(problem);
    return result;
  }
  round_trip_result trips = match_round_trips(fills);
  if (trips.error) {
    result.error = std::move(trips.error);
    return result;
  }

  statistics& s = result.stats;
  s.samples = curve.size();
  if (!curve.empty()) {
    s.start_ts = curve.front().ts;
    s.end_ts = curve.back().ts;
    s.initial_equity = curve.front().equity;
    s.final_equity = curve.back().equity;
    s.net_pnl = s.final_equity - s.initial_equity;
    if (s.initial_equity > 0.0)
      s.total_return = finite_or_none(s.final_equity / s.initial_equity - 1.0);
  }
  add_return_statistics(curve, options, s);
  s.max_drawdown = largest_drawdown(curve, false);
  s.max_drawdown_pct = largest_drawdown(curve, true);

  for (const auto& fill : fills) {
    ++s.fill_count;
    ++(fill.side == side::buy ? s.buy_count : s.sell_count);
    s.fees += fill.fee;
  }
  s.gross_pnl = s.net_pnl + s.fees.to_double();
  add_trip_statistics(trips.trips, s);
  return result;
}

std::vector<fill_record> fills_of_strategy(const std::vector<fill_record>& fills,
                                           std::string_view strategy) {
  std::vector<fill_record> out;
  for (const auto& fill : fills)
    if (fill.strategy == strategy)
      out.push_back(fill);
  return out;
}

} // namespace bourse::report
