#pragma once
// What a data set serves per symbol (quotes, trades, bars), known before a run starts: the system
// builder checks every subscription against it, so that a strategy waiting for data no feed has is
// an error before anything is spawned instead of a silent run without fills.

#include <map>
#include <string>
#include <vector>

#include "bourse/market/csv.hpp"

namespace bourse {

struct data_slice;

/// The streams one symbol has.
struct served_streams {
  /// Quotes (bid/ask).
  bool quotes = false;
  /// Trades (last price and size).
  bool trades = false;
  /// Bars.
  bool bars = false;
};

/// Streams by symbol.
using served_data = std::map<std::string, served_streams, std::less<>>;

/// Adds what `from` serves to `into` (streams are or-ed per symbol).
void merge_served(served_data& into, const served_data& from);

/// Adds what one slice holds to `into`.
void add_served(served_data& into, const data_slice& slice);

/// Reads a tick CSV file (tick_reader's columns) and returns what each symbol has. Reads the whole
/// file, stopping at the first bad row under the stop policy; a file that cannot be read serves
/// nothing (the feed's own checks report it).
[[nodiscard]] served_data scan_tick_file(const std::string& path, const csv_options& options);

/// Returns "SPX (bars), ETH.A (quotes, trades)", or "nothing".
[[nodiscard]] std::string describe_served(const served_data& data);

} // namespace bourse
