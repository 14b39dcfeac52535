// Performance statistics from an equity curve and fills.
#include "bourse/report/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "bourse/report/curve.hpp"

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

void add_ratios(statistics& s) {
  s.realised_net_pnl = s.realised_pnl - s.fees;
  if (s.round_trips > 0)
    s.win_rate = static_cast<double>(s.winning_trips) / static_cast<double>(s.round_trips);
  if (s.winning_trips > 0)
    s.average_win = s.gross_profit.to_double() / static_cast<double>(s.winning_trips);
  if (s.losing_trips > 0) {
    s.average_loss = s.gross_loss.to_double() / static_cast<double>(s.losing_trips);
    s.profit_factor = finite_or_none(s.gross_profit.to_double() / -s.gross_loss.to_double());
  }
}

// The part of [from, to] inside [start, end].
duration_ns clipped(timestamp from, timestamp to, timestamp start, timestamp end) {
  from = std::max(from, start);
  to = std::min(to, end);
  return to > from ? to - from : 0;
}

} // namespace

statistics_builder::statistics_builder(const equity_curve& curve,
                                       const statistics_options& options) {
  if (auto problem = check_curve(curve)) {
    error_ = std::move(problem);
    return;
  }
  statistics& s = stats_;
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
  track_exposure_ = s.samples > 0 && s.end_ts > s.start_ts;
}

void statistics_builder::add(const fill_record& fill) {
  if (error_)
    return;
  closed_.clear();
  if (auto problem = matcher_.add(fill, closed_)) {
    error_ = std::move(problem);
    return;
  }
  statistics& s = stats_;
  ++s.fill_count;
  ++(fill.side == side::buy ? s.buy_count : s.sell_count);
  s.fees += fill.fee;
  for (const auto& trip : closed_)
    book_closed(trip);
  // Every later interval starts at or after the earliest open trip or this fill: what ends
  // before that can no longer merge and is settled.
  if (track_exposure_ && pending_.size() > 64) {
    timestamp floor = fill.ts;
    if (auto open = matcher_.earliest_open())
      floor = std::min(floor, *open);
    settle(floor);
  }
}

void statistics_builder::book_closed(const round_trip& trip) {
  statistics& s = stats_;
  s.realised_pnl += trip.gross_pnl;
  ++s.round_trips;
  if (trip.net_pnl.is_positive()) {
    ++s.winning_trips;
    s.gross_profit += trip.net_pnl;
  } else if (trip.net_pnl.is_negative()) {
    ++s.losing_trips;
    s.gross_loss += trip.net_pnl;
  }
  if (track_exposure_)
    add_interval({trip.open_ts, trip.close_ts});
}

void statistics_builder::add_interval(interval span) {
  // Closed trips arrive in the order of their closing fills: no end so far is after span.second.
  while (!pending_.empty() && pending_.back().second >= span.first) {
    span.first = std::min(span.first, pending_.back().first);
    span.second = std::max(span.second, pending_.back().second);
    pending_.pop_back();
  }
  pending_.push_back(span);
}

void statistics_builder::settle(timestamp floor) {
  while (!pending_.empty() && pending_.front().second < floor) {
    covered_ += clipped(pending_.front().first, pending_.front().second, stats_.start_ts,
                        stats_.end_ts);
    pending_.pop_front();
  }
}

statistics_result statistics_builder::finish() const {
  statistics_result result;
  if (error_) {
    result.error = error_;
    return result;
  }
  statistics& s = result.stats;
  s = stats_;
  s.gross_pnl = s.net_pnl + s.fees.to_double();
  std::vector<interval> rest(pending_.begin(), pending_.end());
  for (const auto& trip : matcher_.open_trips()) {
    s.realised_pnl += trip.gross_pnl;
    ++s.open_round_trips;
    rest.emplace_back(trip.open_ts, s.end_ts);
  }
  add_ratios(s);
  if (!track_exposure_)
    return result;
  // The settled intervals all end before anything left here starts.
  std::sort(rest.begin(), rest.end());
  duration_ns covered = covered_;
  timestamp reach = s.start_ts;
  for (auto [from, to] : rest) {
    from = std::max(from, reach);
    to = std::min(to, s.end_ts);
    if (to > from) {
      covered += to - from;
      reach = to;
    }
  }
  s.exposure = static_cast<double>(covered) / static_cast<double>(s.end_ts - s.start_ts);
  return result;
}

statistics_result compute_statistics(const equity_curve& curve,
                                     const std::vector<fill_record>& fills,
                                     const statistics_options& options) {
  statistics_builder builder(curve, options);
  for (const auto& fill : fills)
    builder.add(fill);
  return builder.finish();
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
