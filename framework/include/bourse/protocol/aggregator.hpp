#pragma once
// Aggregator protocol: the best bid and ask of an instrument across the venues that list it, and
// the cross-venue arbitrage opportunities the aggregator sees.
//
// An instrument (e.g. "BTCUSD") is listed on several venues under listing symbols (e.g. "BTCUSD.A"
// on venue "A", "BTCUSD.B" on venue "B"); the aggregator's configuration maps one to the other. It
// subscribes to the listings' quotes and, after every quote batch, publishes to its subscribers one
// aggregated_quote per instrument whose aggregated view changed, followed by an
// arbitrage_opportunity when the best bid on one venue is above the best ask on another. Orders go
// to the listing symbols (best_bid_symbol / best_ask_symbol), which the venues trade.

#include <cstdint>
#include <string>

#include <caf/all.hpp>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/protocol/market_data.hpp"
#include "bourse/protocol/system.hpp"

namespace bourse {

/// Event: the best bid and ask of one instrument across venues (published when either changed).
/// Both sides are always present: the aggregator publishes only once some venue quoted each side.
struct aggregated_quote {
  /// Data time of the quote that produced this view (ns).
  timestamp ts_event = 0;
  /// When this system created the message (ns; data time in backtest).
  timestamp ts_init = 0;
  /// The instrument, e.g. "BTCUSD".
  symbol_id instrument;
  /// The venue with the best (highest) bid; ties go to the venue named first in the config.
  venue_id best_bid_venue;
  /// The best bid price.
  price best_bid;
  /// Size at the best bid on that venue (zero when the data has no sizes).
  quantity best_bid_size;
  /// The venue with the best (lowest) ask; ties go to the venue named first in the config.
  venue_id best_ask_venue;
  /// The best ask price.
  price best_ask;
  /// Size at the best ask on that venue (zero when the data has no sizes).
  quantity best_ask_size;
  /// best_ask - best_bid; negative when the instrument is crossed across venues.
  price spread;
  /// The listing symbol of the best bid (what to sell on that venue), e.g. "BTCUSD.A".
  symbol_id best_bid_symbol;
  /// The listing symbol of the best ask (what to buy on that venue), e.g. "BTCUSD.B".
  symbol_id best_ask_symbol;
  /// Paper mode: the ts_arrival of the market data that produced it (monotonic ns); 0 in a
  /// backtest.
  timestamp ts_arrival = 0;
};

/// Event: buying on one venue and selling on another locks in `edge` per unit: the best bid (on
/// sell_venue) is above the best ask (on buy_venue). Published right after the aggregated_quote
/// that shows it.
struct arbitrage_opportunity {
  /// Data time of the quote that produced it (ns).
  timestamp ts_event = 0;
  /// When this system created the message (ns).
  timestamp ts_init = 0;
  /// The instrument, e.g. "BTCUSD".
  symbol_id instrument;
  /// Where to buy: the venue with the best ask.
  venue_id buy_venue;
  /// The listing symbol to buy, e.g. "BTCUSD.B".
  symbol_id buy_symbol;
  /// The price to buy at (that venue's ask).
  price buy_price;
  /// Where to sell: the venue with the best bid.
  venue_id sell_venue;
  /// The listing symbol to sell, e.g. "BTCUSD.A".
  symbol_id sell_symbol;
  /// The price to sell at (that venue's bid).
  price sell_price;
  /// The size both sides show: min(bid size, ask size) (zero when the data has no sizes).
  quantity size;
  /// sell_price - buy_price (positive), per unit, before fees.
  price edge;
  /// Paper mode: the ts_arrival of the market data that produced it (monotonic ns); 0 in a
  /// backtest.
  timestamp ts_arrival = 0;
};

/// Receives the aggregator's output.
/// One item of an aggregator_updates batch.
using aggregator_message = caf::variant<aggregated_quote, arbitrage_opportunity>;

/// Several aggregated quotes and opportunities in one message, handled in order as if sent one by
/// one: in a backtest the aggregator sends each subscriber one per step.
struct aggregator_updates {
  std::vector<aggregator_message> updates; ///< In sending order.
};

using aggregated_quote_listener_actor =
    caf::typed_actor<caf::reacts_to<aggregated_quote>, caf::reacts_to<arbitrage_opportunity>,
                     caf::reacts_to<aggregator_updates>>;

/// Command (setup): send aggregated quotes and arbitrage opportunities to `listener`.
struct subscribe_aggregated {
  /// Who receives them.
  aggregated_quote_listener_actor listener;
  /// Only this instrument, or "*" for every instrument.
  symbol_id instrument = "*";
  /// Also arbitrage_opportunity messages (false: aggregated quotes only).
  bool opportunities = true;
};

/// Query: the latest aggregated view of an instrument (fails with an error naming the instrument
/// when it is unknown or not quoted on both sides yet).
struct get_aggregated {
  /// The instrument.
  symbol_id instrument;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, aggregated_quote& x) {
  return f(caf::meta::type_name("bourse::aggregated_quote"), x.ts_event, x.ts_init, x.instrument,
           x.best_bid_venue, x.best_bid, x.best_bid_size, x.best_ask_venue, x.best_ask,
           x.best_ask_size, x.spread, x.best_bid_symbol, x.best_ask_symbol, x.ts_arrival);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, arbitrage_opportunity& x) {
  return f(caf::meta::type_name("bourse::arbitrage_opportunity"), x.ts_event, x.ts_init,
           x.instrument, x.buy_venue, x.buy_symbol, x.buy_price, x.sell_venue, x.sell_symbol,
           x.sell_price, x.size, x.edge, x.ts_arrival);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, subscribe_aggregated& x) {
  return f(caf::meta::type_name("bourse::subscribe_aggregated"), x.listener, x.instrument,
           x.opportunities);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, aggregator_updates& x) {
  return f(caf::meta::type_name("bourse::aggregator_updates"), x.updates);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, get_aggregated& x) {
  return f(caf::meta::type_name("bourse::get_aggregated"), x.instrument);
}

/// The aggregator: a participant that takes quote batches (from the hub) and publishes aggregated
/// quotes and arbitrage opportunities to its subscribers.
using aggregator_actor = participant_actor::extend_with<market_data_listener_actor>::extend<
    caf::reacts_to<subscribe_aggregated>, caf::replies_to<get_aggregated>::with<aggregated_quote>>;

/// Registers the aggregator protocol's message types.
void register_aggregator_types(caf::actor_system_config& cfg);

} // namespace bourse
