// Time bars built from ticks.
#include "bourse/market/time_bars.hpp"

#include <algorithm>
#include <utility>

#include "bourse/core/duration.hpp"

namespace bourse {

std::string_view to_string(bar_price_source source) noexcept {
  return source == bar_price_source::trades ? "trades" : "mids";
}

std::optional<bar_price_source> bar_price_source_from_string(std::string_view text) noexcept {
  if (text == "trades")
    return bar_price_source::trades;
  if (text == "mids")
    return bar_price_source::mids;
  return std::nullopt;
}

std::vector<std::string> time_bar_options::validate() const {
  std::vector<std::string> problems;
  if (interval <= 0)
    problems.push_back("interval: must be positive (got " + format_duration(interval) + ")");
  return problems;
}

time_bar_builder::time_bar_builder(time_bar_options options) : options_(options) {}

bool time_bar_builder::close_before(timestamp ts, std::vector<symbol_bar>& out, timestamp& end) {
  if (!open_ || ts < end_)
    return false;
  end = end_;
  for (auto& b : bars_) {
    b.data.ts = end_;
    out.push_back(b);
  }
  bars_.clear();
  open_ = false;
  return true;
}

bool time_bar_builder::flush(std::vector<symbol_bar>& out, timestamp& end) {
  return close_before(end_, out, end);
}

void time_bar_builder::add_price(const symbol_id& symbol, price px, quantity volume) {
  auto it = std::find_if(bars_.begin(), bars_.end(),
                         [&](const symbol_bar& b) { return b.symbol == symbol; });
  if (it == bars_.end()) {
    symbol_bar b;
    b.symbol = symbol;
    b.data.open = b.data.high = b.data.low = b.data.close = px;
    b.data.volume = volume;
    bars_.push_back(b);
    return;
  }
  auto& d = it->data;
  d.high = std::max(d.high, px);
  d.low = std::min(d.low, px);
  d.close = px;
  d.volume += volume;
}

void time_bar_builder::add(const data_slice& slice) {
  const bool trades = options_.from == bar_price_source::trades;
  if (trades ? slice.trades.empty() : slice.quotes.empty())
    return;
  if (!open_) {
    // The interval holding slice.ts, aligned to the epoch (floor division for negative times).
    auto start = slice.ts / options_.interval * options_.interval;
    if (slice.ts < 0 && slice.ts % options_.interval != 0)
      start -= options_.interval;
    end_ = start + options_.interval;
    open_ = true;
  }
  if (trades) {
    for (const auto& t : slice.trades)
      add_price(t.symbol, t.last, t.size);
  } else {
    for (const auto& q : slice.quotes) {
      if (q.bid.raw() <= 0 || q.ask.raw() <= 0)
        continue; // a one-sided quote has no mid
      auto sum = q.bid + q.ask; // the exact mid has one decimal more than the sum
      auto mid = price::from_raw(sum.raw() * 5, sum.precision() + 1);
      add_price(q.symbol, mid, quantity{});
    }
  }
}

time_bar_source::time_bar_source(std::unique_ptr<slice_source> inner, time_bar_options options)
    : inner_(std::move(inner)), builder_(options), options_(options) {}

std::optional<served_data> time_bar_source::serves() const {
  auto inner = inner_->serves();
  if (!inner)
    return std::nullopt;
  served_data out;
  for (const auto& [symbol, s] : *inner) {
    auto& o = out[symbol];
    o.quotes = s.quotes && options_.keep_ticks;
    o.trades = s.trades && options_.keep_ticks;
    o.bars = s.bars || (options_.from == bar_price_source::trades ? s.trades : s.quotes);
  }
  return out;
}

bool time_bar_source::next(data_slice& out) {
  if (has_pending_) {
    has_pending_ = false;
    std::swap(out, pending_);
    return true;
  }
  if (finished_)
    return false;
  for (;;) {
    out.clear();
    if (!inner_->next(out)) {
      finished_ = true;
      out.clear();
      timestamp end = 0;
      // After a failed read the open bars may lack data: they are dropped (see csv_error_kind).
      const auto& err = inner_->error();
      if ((err && err->kind == csv_error_kind::io) || !builder_.flush(out.bars, end))
        return false;
      out.ts = end;
      return true;
    }
    pending_.clear();
    timestamp end = 0;
    bool closed = builder_.close_before(out.ts, pending_.bars, end);
    builder_.add(out);
    if (!options_.keep_ticks) {
      out.quotes.clear();
      out.trades.clear();
    }
    if (closed && end == out.ts) {
      // The bars close exactly at this slice's time: deliver them with it, before its own bars.
      out.bars.insert(out.bars.begin(), pending_.bars.begin(), pending_.bars.end());
      pending_.clear();
      closed = false;
    }
    if (closed) {
      // The bars' slice comes first; this one waits.
      pending_.ts = end;
      std::swap(out, pending_);
      has_pending_ = !pending_.empty();
      return true;
    }
    if (!out.empty())
      return true;
  }
}

} // namespace bourse
