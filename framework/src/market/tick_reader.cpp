// Streaming quote/trade tick CSV reader: header mapping, cell parsing and row validation.
#include "bourse/market/tick_reader.hpp"

#include <utility>

#include "cells.hpp"

namespace bourse {

using market_detail::parse_positive_price;
using market_detail::parse_size;
using market_detail::parse_time;

tick_reader::tick_reader(std::istream& in, std::string source, csv_options options)
    : rows_(in, std::move(source), options), unit_(options.ts_unit) {}

tick_reader::tick_reader(const std::string& path, csv_options options)
    : rows_(path, options), unit_(options.ts_unit) {}

bool tick_reader::read_header() {
  header_read_ = true;
  if (!rows_.read_header() || !market_detail::find_time_column(rows_, ts_col_))
    return false;
  const csv_header& header = rows_.header();
  symbol_col_ = header.find({"symbol"});
  bid_col_ = header.find({"bid"});
  ask_col_ = header.find({"ask"});
  bid_size_col_ = header.find({"bid_size"});
  ask_size_col_ = header.find({"ask_size"});
  last_col_ = header.find({"last"});
  last_size_col_ = header.find({"last_size"});
  auto missing = [this](const char* name, std::string reason) {
    rows_.fail(rows_.line(), name, std::move(reason));
    return false;
  };
  if (ts_col_ < 0)
    return missing("ts", "missing column");
  if (symbol_col_ < 0)
    return missing("symbol", "missing column");
  bool any_quote = bid_col_ >= 0 || ask_col_ >= 0 || bid_size_col_ >= 0 || ask_size_col_ >= 0;
  if (any_quote && bid_col_ < 0)
    return missing("bid", "missing column (the file has quote columns)");
  if (any_quote && ask_col_ < 0)
    return missing("ask", "missing column (the file has quote columns)");
  if (last_size_col_ >= 0 && last_col_ < 0)
    return missing("last", "missing column (the file has last_size)");
  if (!any_quote && last_col_ < 0)
    return missing("last", "missing column (a tick file needs bid and ask, or last)");
  return true;
}

bool tick_reader::reject(int column, std::string_view fallback, std::string reason) {
  rows_.reject(rows_.column_name(column, fallback), std::move(reason));
  return false;
}

bool tick_reader::parse_row(tick& out) {
  std::string reason;
  auto ts = parse_time(rows_.field(ts_col_), unit_, reason);
  if (!ts)
    return reject(ts_col_, "ts", std::move(reason));
  std::string_view symbol = rows_.field(symbol_col_);
  if (symbol.empty())
    return reject(symbol_col_, "symbol", "empty");
  out.ts = *ts;
  out.symbol = symbol_id{symbol};

  auto filled = [this](int column) { return !rows_.field(column).empty(); };
  auto get_price = [&](int column, price& target) {
    auto value = parse_positive_price(rows_.field(column), reason);
    if (value)
      target = *value;
    return value.has_value() || reject(column, "", std::move(reason));
  };
  auto get_size = [&](int column, quantity& target) {
    target = quantity{};
    if (column < 0)
      return true;
    auto value = parse_size(rows_.field(column), reason);
    if (value)
      target = *value;
    return value.has_value() || reject(column, "", std::move(reason));
  };

  out.has_quote =
      filled(bid_col_) || filled(ask_col_) || filled(bid_size_col_) || filled(ask_size_col_);
  if (out.has_quote) {
    if (!get_price(bid_col_, out.bid) || !get_price(ask_col_, out.ask) ||
        !get_size(bid_size_col_, out.bid_size) || !get_size(ask_size_col_, out.ask_size))
      return false;
    if (out.ask < out.bid)
      return reject(ask_col_, "ask",
                    "below bid (" + std::string(rows_.field(ask_col_)) + " < " +
                        std::string(rows_.field(bid_col_)) + ")");
  }
  out.has_trade = filled(last_col_) || filled(last_size_col_);
  if (out.has_trade &&
      (!get_price(last_col_, out.last) || !get_size(last_size_col_, out.last_size)))
    return false;
  if (!out.has_quote && !out.has_trade)
    return reject(-1, "", "neither a quote nor a trade (all price and size cells are empty)");
  if (have_last_ts_ && *ts < last_ts_)
    return reject(ts_col_, "ts",
                  "before the previous row (" + format_iso8601(*ts) + " < " +
                      format_iso8601(last_ts_) + ")");
  return true;
}

bool tick_reader::next(tick& out) {
  if (!header_read_ && !read_header())
    return false;
  while (rows_.next_row()) {
    if (!parse_row(scratch_)) {
      if (rows_.stopped())
        return false;
      continue;
    }
    last_ts_ = scratch_.ts;
    have_last_ts_ = true;
    line_ = rows_.line();
    std::swap(out, scratch_);
    return true;
  }
  return false;
}

} // namespace bourse
