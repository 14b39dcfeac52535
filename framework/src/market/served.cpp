// What a data set serves per symbol.
#include "bourse/market/served.hpp"

#include "bourse/market/slicer.hpp"
#include "bourse/market/tick_reader.hpp"

namespace bourse {

void merge_served(served_data& into, const served_data& from) {
  for (const auto& [symbol, s] : from) {
    auto& t = into[symbol];
    t.quotes = t.quotes || s.quotes;
    t.trades = t.trades || s.trades;
    t.bars = t.bars || s.bars;
  }
}

void add_served(served_data& into, const data_slice& slice) {
  for (const auto& q : slice.quotes)
    into[std::string(q.symbol)].quotes = true;
  for (const auto& t : slice.trades)
    into[std::string(t.symbol)].trades = true;
  for (const auto& b : slice.bars)
    into[std::string(b.symbol)].bars = true;
}

served_data scan_tick_file(const std::string& path, const csv_options& options) {
  served_data out;
  if (!check_readable_file(path).empty())
    return out;
  tick_reader reader(path, options);
  tick t;
  // Symbols are interned: compare handles, look the text up once per change of symbol.
  symbol_id last;
  served_streams* current = nullptr;
  while (reader.next(t)) {
    if (!current || !(t.symbol == last)) {
      last = t.symbol;
      current = &out[std::string(t.symbol)];
    }
    current->quotes = current->quotes || t.has_quote;
    current->trades = current->trades || t.has_trade;
  }
  return out;
}

std::string describe_served(const served_data& data) {
  if (data.empty())
    return "nothing";
  std::string out;
  for (const auto& [symbol, s] : data) {
    std::string streams;
    auto add = [&](bool on, const char* name) {
      if (on)
        streams += (streams.empty() ? "" : ", ") + std::string(name);
    };
    add(s.quotes, "quotes");
    add(s.trades, "trades");
    add(s.bars, "bars");
    out += (out.empty() ? "" : "; ") + symbol + " (" + streams + ")";
  }
  return out;
}

} // namespace bourse
