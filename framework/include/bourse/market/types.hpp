#pragma once
// Market data records: quote (top of book), trade (a print) and bar (OHLCV).

#include <string>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"

namespace bourse {

/// The best bid and ask of one symbol at one time.
struct quote {
  /// When the quote was valid (data time, ns).
  timestamp ts = 0;
  /// The instrument's symbol.
  symbol_id symbol;
  /// Best bid price.
  price bid;
  /// Best ask price.
  price ask;
  /// Size at the best bid.
  quantity bid_size;
  /// Size at the best ask.
  quantity ask_size;
};

/// One trade print of one symbol.
struct trade {
  /// When it traded (data time, ns).
  timestamp ts = 0;
  /// The instrument's symbol.
  symbol_id symbol;
  /// Trade price.
  price last;
  /// Trade size.
  quantity size;
};

/// An OHLCV bar; `ts` is the bar's timestamp as given by the data (usually its open or close time).
struct bar {
  /// The bar's time (ns).
  timestamp ts = 0;
  /// Opening price.
  price open;
  /// Highest price.
  price high;
  /// Lowest price.
  price low;
  /// Closing price.
  price close;
  /// Traded volume (zero when the data has none).
  quantity volume;
};

/// A bar and the symbol it belongs to (the core `bar` carries no symbol); the same struct in the
/// sources' slices and in the protocol's bar batches.
struct symbol_bar {
  /// The instrument's symbol.
  symbol_id symbol;
  /// The bar.
  bar data;
};

} // namespace bourse
