#pragma once
// One row of tick data: a quote, a trade or both for one symbol at one time.

#include <string>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/types.hpp"

namespace bourse {

/// One tick row: the top of book (when has_quote), a trade print (when has_trade), or both. Kept
/// flat so that a reader or generator can refill the same object without allocating per row.
struct tick {
  /// When it happened (data time, ns).
  timestamp ts = 0;
  /// The instrument's symbol.
  symbol_id symbol;
  /// True when bid, ask, bid_size and ask_size hold a quote.
  bool has_quote = false;
  /// Best bid price.
  price bid;
  /// Best ask price.
  price ask;
  /// Size at the best bid.
  quantity bid_size;
  /// Size at the best ask.
  quantity ask_size;
  /// True when last and last_size hold a trade.
  bool has_trade = false;
  /// Trade price.
  price last;
  /// Trade size.
  quantity last_size;

  /// Returns the quote part as a quote record (meaningful when has_quote).
  [[nodiscard]] quote to_quote() const { return quote{ts, symbol, bid, ask, bid_size, ask_size}; }
  /// Returns the trade part as a trade record (meaningful when has_trade).
  [[nodiscard]] trade to_trade() const { return trade{ts, symbol, last, last_size}; }
};

} // namespace bourse
