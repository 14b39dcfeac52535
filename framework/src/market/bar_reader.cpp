// Streaming OHLCV bar CSV reader: header mapping, cell parsing and row validation.
#include "bourse/market/bar_reader.hpp"

#include <utility>

#include "cells.hpp"

namespace bourse {

using market_detail::parse_positive_price;
using market_detail::parse_size;
using market_detail::parse_time;

bar_reader::bar_reader(std::istream& in, std::string source, csv_options options)
    : rows_(in, std::move(source), options), unit_(options.ts_unit) {}

bar_reader::bar_reader(const std::string& path, csv_options options)
    : rows_(path, options), unit_(options.ts_unit) {}

bool bar_reader::read_header() {
  header_read_ = true;
  if (!rows_.read_header())
    return false;
  if (!market_detail::find_time_column(rows_, ts_col_))
    return false;
  const csv_header& header = rows_.header();
  open_col_ = header.find({"open"});
  high_col_ = header.find({"high"});
  low_col_ = header.find({"low"});
  close_col_ = header.find({"close"});
  volume_col_ = header.find({"volume"});
  const std::pair<int, const char*> required[] = {{ts_col_, "ts"},
                                                  {open_col_, "open"},
                                                  {high_col_, "high"},
                                                  {low_col_, "low"},
                                                  {close_col_, "close"}};
  for (const auto& [index, name] : required)
    if (index < 0) {
      rows_.fail(rows_.line(), name, "missing column");
      return false;
    }
  return true;
}

bool bar_reader::reject(int column, std::string_view fallback, std::string reason) {
  rows_.reject(rows_.column_name(column, fallback), std::move(reason));
  return false;
}

bool bar_reader::parse_row(bar& out) {
  std::string reason;
  auto ts = parse_time(rows_.field(ts_col_), unit_, reason);
  if (!ts)
    return reject(ts_col_, "ts", std::move(reason));
  const std::pair<int, price*> prices[] = {{open_col_, &out.open},
                                           {high_col_, &out.high},
                                           {low_col_, &out.low},
                                           {close_col_, &out.close}};
  for (const auto& [column, target] : prices) {
    auto value = parse_positive_price(rows_.field(column), reason);
    if (!value)
      return reject(column, "", std::move(reason));
    *target = *value;
  }
  out.volume = quantity{};
  if (volume_col_ >= 0) {
    auto volume = parse_size(rows_.field(volume_col_), reason);
    if (!volume)
      return reject(volume_col_, "volume", std::move(reason));
    out.volume = *volume;
  }
  auto cell = [this](int column) { return std::string(rows_.field(column)); };
  if (out.high < out.low)
    return reject(high_col_, "high",
                  "below low (" + cell(high_col_) + " < " + cell(low_col_) + ")");
  const std::pair<int, price> inside[] = {{open_col_, out.open}, {close_col_, out.close}};
  for (const auto& [column, value] : inside)
    if (value < out.low || value > out.high)
      return reject(column, "",
                    "outside [low, high] (" + cell(column) + " not in [" + cell(low_col_) + ", " +
                        cell(high_col_) + "])");
  if (have_last_ts_ && *ts <= last_ts_)
    return reject(ts_col_, "ts",
                  "not after the previous bar (" + format_iso8601(*ts) +
                      " <= " + format_iso8601(last_ts_) + ")");
  out.ts = *ts;
  return true;
}

bool bar_reader::next(bar& out) {
  if (!header_read_ && !read_header())
    return false;
  while (rows_.next_row()) {
    bar candidate;
    if (!parse_row(candidate)) {
      if (rows_.stopped())
        return false;
      continue;
    }
    last_ts_ = candidate.ts;
    have_last_ts_ = true;
    raw_ts_.assign(rows_.field(ts_col_));
    line_ = rows_.line();
    out = candidate;
    return true;
  }
  return false;
}

} // namespace bourse
