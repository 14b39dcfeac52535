#pragma once
// What a strategy needs wired before it runs: market data streams, indicators per symbol and
// cross-venue best quotes. The system builder subscribes the strategy accordingly.

#include <string>
#include <vector>

#include "bourse/strategy/events.hpp"

namespace bourse {

/// One market data stream of one symbol.
struct data_request {
  /// The symbol.
  std::string symbol;
  /// Quotes, trades or bars.
  market_stream stream = market_stream::bars;
};

/// One indicator of one symbol, computed by an indicator actor from that symbol's bars.
struct indicator_request {
  /// The symbol.
  std::string symbol;
  /// The indicator spec, e.g. "sma:10" (see docs/indicators.md); updates carry it back verbatim.
  std::string spec;
};

/// Everything a strategy asks the builder to wire.
struct strategy_spec {
  /// Market data streams (delivered to on_quote, on_trade, on_bar).
  std::vector<data_request> data;
  /// Indicators (delivered to on_indicator).
  std::vector<indicator_request> indicators;
  /// Instruments whose cross-venue best bid and ask the strategy wants (on_aggregated_quote).
  std::vector<std::string> aggregated;
  /// Names of user signal actors (trading_system::add_signal_actor) whose updates the strategy
  /// wants (delivered to on_indicator like indicators).
  std::vector<std::string> signals;

  /// Returns every problem at once: empty symbols or instruments, invalid indicator specs.
  [[nodiscard]] std::vector<std::string> validate() const;

  /// Returns every symbol named by `data` and `indicators`, sorted, each once.
  [[nodiscard]] std::vector<std::string> symbols() const;
};

} // namespace bourse
