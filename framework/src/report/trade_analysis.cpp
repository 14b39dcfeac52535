// Price curves with markers, round trips with excursions, exposure, benchmark, monthly returns.
#include "bourse/report/trade_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "display.hpp"

namespace bourse::report {

trade_analyzer::trade_analyzer(std::vector<mark_record> marks, equity_curve total,
                               const trade_analysis_options& options)
    : marks_(std::move(marks)), total_(std::move(total)), options_(options) {
  if (options_.max_markers < 2)
    options_.max_markers = 2;
}

void trade_analyzer::sample(timestamp ts, double equity) {
  if (!(equity > 0.0) || !std::isfinite(equity))
    return;
  double gross = 0.0, net = 0.0;
  for (const auto& [key, h] : holdings_) {
    if (h.net == 0.0)
      continue;
    auto it = symbols_.find(h.symbol);
    const double px = it == symbols_.end() ? 0.0 : it->second.last_price;
    gross += std::fabs(h.net) * px;
    net += h.net * px;
  }
  out_.gross_exposure.push_back({ts, gross / equity});
  out_.net_exposure.push_back({ts, net / equity});
}

// Applies the marks and samples before `limit` (or all of them), each time's marks first.
void trade_analyzer::advance(timestamp limit, bool all) {
  constexpr timestamp none = std::numeric_limits<timestamp>::max();
  for (;;) {
    const timestamp mark_ts = next_mark_ < marks_.size() ? marks_[next_mark_].ts : none;
    const timestamp sample_ts = next_sample_ < total_.size() ? total_[next_sample_].ts : none;
    const timestamp t = std::min(mark_ts, sample_ts);
    if (t == none || (!all && t >= limit))
      return;
    for (; next_mark_ < marks_.size() && marks_[next_mark_].ts == t; ++next_mark_) {
      const mark_record& m = marks_[next_mark_];
      matcher_.mark(m.symbol, m.price);
      auto it = symbols_.find(m.symbol);
      if (it == symbols_.end()) {
        it = symbols_.try_emplace(m.symbol).first;
        it->second.curve.symbol = m.symbol;
      }
      it->second.last_price = m.price.to_double();
      it->second.priced = true;
      it->second.curve.prices.push_back({t, it->second.last_price});
    }
    for (; next_sample_ < total_.size() && total_[next_sample_].ts == t; ++next_sample_)
      sample(t, total_[next_sample_].equity);
  }
}

void trade_analyzer::add(const fill_record& fill) {
  if (out_.error)
    return;
  advance(fill.ts, false);
  std::vector<round_trip> closed;
  if (auto problem = matcher_.add(fill, closed)) {
    out_.error = std::move(problem);
    return;
  }
  for (auto& trip : closed) {
    if (out_.closed_trips < options_.max_trips)
      out_.trips.push_back(std::move(trip));
    ++out_.closed_trips;
  }
  auto& h = holdings_[{fill.strategy, fill.symbol}];
  h.symbol = fill.symbol;
  const double qty = fill.qty.to_double();
  h.net += fill.side == side::buy ? qty : -qty;
  auto it = symbols_.find(fill.symbol);
  if (it == symbols_.end()) {
    it = symbols_.try_emplace(fill.symbol).first;
    it->second.curve.symbol = fill.symbol;
  }
  symbol_state& st = it->second;
  if (!st.priced)
    st.last_price = fill.price.to_double(); // never marked: valued at its last fill
  // Keep every stride-th fill; past the cap, drop every other kept one and double the stride.
  if (st.curve.fill_count % st.stride == 0) {
    st.curve.markers.push_back({fill.ts, fill.side, fill.price.to_double()});
    if (st.curve.markers.size() > options_.max_markers) {
      std::size_t write = 0;
      for (std::size_t read = 0; read < st.curve.markers.size(); read += 2)
        st.curve.markers[write++] = st.curve.markers[read];
      st.curve.markers.resize(write);
      st.stride *= 2;
    }
  }
  ++st.curve.fill_count;
}

trade_analysis trade_analyzer::finish() {
  advance(0, true);
  if (!out_.error)
    for (auto& trip : matcher_.open_trips())
      out_.trips.push_back(std::move(trip));
  for (auto& [symbol, st] : symbols_)
    if (st.curve.fill_count > 0)
      out_.prices.push_back(std::move(st.curve));
  symbols_.clear();
  marks_ = {};
  total_ = {};
  return std::move(out_);
}

std::optional<benchmark> buy_and_hold(const std::vector<price_curve>& prices,
                                      const equity_curve& total) {
  std::vector<const price_curve*> used;
  for (const auto& p : prices)
    if (!p.prices.empty() && p.prices.front().value > 0.0)
      used.push_back(&p);
  if (used.empty() || total.empty())
    return std::nullopt;
  benchmark out;
  out.description = used.size() == 1 ? "buy and hold " + used.front()->symbol
                                     : "equal-weight buy and hold of ";
  if (used.size() > 1)
    for (std::size_t i = 0; i < used.size(); ++i)
      out.description += (i ? ", " : "") + used[i]->symbol;
  const double initial = total.front().equity;
  std::vector<std::size_t> next(used.size(), 0);
  std::vector<double> ratio(used.size(), 1.0);
  out.curve.reserve(total.size());
  for (const auto& sample : total) {
    double sum = 0.0;
    for (std::size_t i = 0; i < used.size(); ++i) {
      const auto& points = used[i]->prices;
      while (next[i] < points.size() && points[next[i]].ts <= sample.ts)
        ratio[i] = points[next[i]++].value / points.front().value;
      sum += ratio[i];
    }
    out.curve.push_back({sample.ts, initial * sum / static_cast<double>(used.size())});
  }
  if (out.curve.front().equity > 0.0)
    out.total_return = out.curve.back().equity / out.curve.front().equity - 1.0;

  // Periodic returns of both where both bases are positive.
  std::vector<double> r, b;
  for (std::size_t i = 1; i < total.size(); ++i)
    if (total[i - 1].equity > 0.0 && out.curve[i - 1].equity > 0.0) {
      r.push_back(total[i].equity / total[i - 1].equity - 1.0);
      b.push_back(out.curve[i].equity / out.curve[i - 1].equity - 1.0);
    }
  if (r.size() < 2)
    return out;
  const double n = static_cast<double>(r.size());
  double mean_r = 0.0, mean_b = 0.0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    mean_r += r[i];
    mean_b += b[i];
  }
  mean_r /= n;
  mean_b /= n;
  double cov = 0.0, var_r = 0.0, var_b = 0.0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    cov += (r[i] - mean_r) * (b[i] - mean_b);
    var_r += (r[i] - mean_r) * (r[i] - mean_r);
    var_b += (b[i] - mean_b) * (b[i] - mean_b);
  }
  if (var_b > 1e-20 * std::max(1.0, mean_b * mean_b * n)) {
    out.beta = cov / var_b;
    if (auto s = infer_sampling(total); s && s->periods_per_year > 0)
      out.alpha = (mean_r - *out.beta * mean_b) * s->periods_per_year;
    if (var_r > 0.0)
      out.correlation = cov / std::sqrt(var_r * var_b);
  }
  return out;
}

std::vector<month_return> monthly_returns(const equity_curve& curve) {
  std::vector<month_return> out;
  if (curve.empty())
    return out;
  double base = curve.front().equity;
  double last = base;
  int year = 0;
  unsigned month = 0;
  auto close = [&] {
    month_return m{year, month, std::nullopt};
    if (base > 0.0)
      m.value = last / base - 1.0;
    out.push_back(m);
    base = last;
  };
  for (const auto& sample : curve) {
    const auto c = detail::to_civil(sample.ts);
    const int y = static_cast<int>(c.year);
    if (month != 0 && (y != year || c.month != month))
      close();
    year = y;
    month = c.month;
    last = sample.equity;
  }
  close();
  return out;
}

std::vector<plot_point> moving_average(const std::vector<plot_point>& points, std::size_t period) {
  std::vector<plot_point> out;
  if (period == 0 || period > points.size())
    return out;
  out.reserve(points.size() - period + 1);
  double sum = 0.0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    sum += points[i].value;
    if (i >= period)
      sum -= points[i - period].value;
    if (i + 1 >= period)
      out.push_back({points[i].ts, sum / static_cast<double>(period)});
  }
  return out;
}

} // namespace bourse::report
