#pragma once
// Market data protocol: quote/trade/bar batches, subscriptions and the latest-quote query.

#include <cstdint>
#include <string>
#include <limits>
#include <type_traits>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/interned_string.hpp"
#include "bourse/market/flow_control.hpp"
#include "bourse/market/types.hpp"
#include "bourse/protocol/system.hpp"

namespace bourse {


/// Quotes of one time slice (several symbols, in feed order).
struct quote_batch {
  /// Data time of the slice (ns).
  timestamp ts_event = 0;
  /// When this system created the message (ns; data time in backtest).
  timestamp ts_init = 0;
  /// The quotes.
  std::vector<quote> quotes;
  /// Paper mode: monotonic wall-clock time (ns, bourse::monotonic_now) at which the sequencer
  /// released the slice; 0 in a backtest. Orders decided on this data carry it as ts_trigger.
  timestamp ts_arrival = 0;
};

/// Trades of one time slice.
struct trade_batch {
  /// Data time of the slice (ns).
  timestamp ts_event = 0;
  /// When this system created the message (ns).
  timestamp ts_init = 0;
  /// The trades.
  std::vector<trade> trades;
  /// Paper mode: monotonic wall-clock time (ns, bourse::monotonic_now) at which the sequencer
  /// released the slice; 0 in a backtest. Orders decided on this data carry it as ts_trigger.
  timestamp ts_arrival = 0;
};

/// Bars of one time slice.
struct bar_batch {
  /// Data time of the slice (ns).
  timestamp ts_event = 0;
  /// When this system created the message (ns).
  timestamp ts_init = 0;
  /// The bars.
  std::vector<symbol_bar> bars;
  /// Paper mode: monotonic wall-clock time (ns, bourse::monotonic_now) at which the sequencer
  /// released the slice; 0 in a backtest. Orders decided on this data carry it as ts_trigger.
  timestamp ts_arrival = 0;
};

/// One listener's share of many slices, sent as one message (backtest: the hub collects a step's
/// batches per listener). Each batch is one input of the receiver at its own ts_event; every list is
/// ascending by time, and at equal times quotes come before trades before bars.
struct market_window {
  /// Quote batches, ascending by ts_event.
  std::vector<quote_batch> quotes;
  /// Trade batches, ascending by ts_event.
  std::vector<trade_batch> trades;
  /// Bar batches, ascending by ts_event.
  std::vector<bar_batch> bars;
};

/// Calls `visit(batch)` for every batch of `window` in input order: ascending by time, quotes before
/// trades before bars at equal times. The batches may be moved from.
template <class Visit>
void for_each_batch(market_window& window, Visit&& visit) {
  std::size_t q = 0, t = 0, b = 0;
  const auto& qs = window.quotes;
  const auto& ts = window.trades;
  const auto& bs = window.bars;
  while (q < qs.size() || t < ts.size() || b < bs.size()) {
    const timestamp tq = q < qs.size() ? qs[q].ts_event : std::numeric_limits<timestamp>::max();
    const timestamp tt = t < ts.size() ? ts[t].ts_event : std::numeric_limits<timestamp>::max();
    const timestamp tb = b < bs.size() ? bs[b].ts_event : std::numeric_limits<timestamp>::max();
    if (q < qs.size() && tq <= tt && tq <= tb)
      visit(window.quotes[q++]);
    else if (t < ts.size() && tt <= tb)
      visit(window.trades[t++]);
    else
      visit(window.bars[b++]);
  }
}

/// Returns the batches of `window` as inputs of type Input (e.g. a variant that holds the batch
/// types), in input order; batches of a kind Input cannot hold are left out.
template <class Input>
[[nodiscard]] std::vector<Input> window_inputs(market_window&& window) {
  std::vector<Input> out;
  out.reserve(window.quotes.size() + window.trades.size() + window.bars.size());
  for_each_batch(window, [&](auto& batch) {
    if constexpr (std::is_constructible_v<Input, std::decay_t<decltype(batch)>&&>)
      out.emplace_back(std::move(batch));
  });
  return out;
}

/// Everything the feeds produced for one time slice; the sequencer sends it to the hub.
struct market_slice {
  /// Data time of the slice (ns).
  timestamp ts_event = 0;
  /// When this system created the message (ns).
  timestamp ts_init = 0;
  /// Quotes of the slice.
  std::vector<quote> quotes;
  /// Trades of the slice.
  std::vector<trade> trades;
  /// Bars of the slice.
  std::vector<symbol_bar> bars;
  /// Paper mode: monotonic wall-clock time (ns, bourse::monotonic_now) at which the sequencer
  /// released the slice; 0 in a backtest. Orders decided on this data carry it as ts_trigger.
  timestamp ts_arrival = 0;
};

/// Many slices in one message (backtest: the sequencer releases a window of slices to the hub at
/// once); each slice is one input of the hub at its ts_event.
struct market_slices {
  /// The slices, ascending by ts_event.
  std::vector<market_slice> slices;
};

/// Which stream of a symbol a subscription is for.
enum class data_kind : std::uint8_t { quotes, trades, bars };

/// Returns "quotes", "trades" or "bars".
[[nodiscard]] std::string to_string(data_kind kind);

/// Receives market data batches. Every consumer of market data implements at least this.
using market_data_listener_actor =
    caf::typed_actor<caf::reacts_to<quote_batch>, caf::reacts_to<trade_batch>,
                     caf::reacts_to<bar_batch>, caf::reacts_to<market_window>>;

/// Command: deliver `kind` of `symbol` ("*" for every symbol) to `listener`.
struct subscribe {
  /// The symbol, or "*".
  symbol_id symbol;
  /// The stream.
  data_kind kind = data_kind::quotes;
  /// Who receives the batches.
  market_data_listener_actor listener;
  /// Paper mode: how batches of `kind` reach the listener when it is slower than the feed (the
  /// listener's latest subscription of a kind sets it for every symbol of that kind). A credit-based
  /// policy needs the listener to answer every batch of `kind` with market_data_ack. A backtest
  /// ignores it (it is stepped: nothing is ever dropped).
  flow_policy flow = {};
};

/// Paper mode: the listener has handled the batch of `kind` the hub sent it last (credit for the
/// next one under a credit-based flow_policy; ignored otherwise).
struct market_data_ack {
  /// The stream of the batch handled.
  data_kind kind = data_kind::quotes;
};

/// Paper mode: the hub has handled `count` more market_slice messages of the sender (it says so
/// every slices_ack_every slices, so that the sequencer keeps a bounded number in flight).
struct slices_handled {
  /// Slices handled since the last such message.
  std::uint64_t count = 0;
  /// How many slices the hub acknowledges at once.
  static constexpr std::uint64_t slices_ack_every = 64;
};

/// Command: stop a subscription made with the same fields.
struct unsubscribe {
  /// The symbol, or "*".
  symbol_id symbol;
  /// The stream.
  data_kind kind = data_kind::quotes;
  /// Who received the batches.
  market_data_listener_actor listener;
};

/// Query: the latest quote of a symbol (fails with an error naming the symbol when none is known).
struct get_quote {
  /// The symbol.
  symbol_id symbol;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, quote& x) {
  return f(caf::meta::type_name("bourse::quote"), x.ts, x.symbol, x.bid, x.ask, x.bid_size,
           x.ask_size);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trade& x) {
  return f(caf::meta::type_name("bourse::trade"), x.ts, x.symbol, x.last, x.size);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, bar& x) {
  return f(caf::meta::type_name("bourse::bar"), x.ts, x.open, x.high, x.low, x.close, x.volume);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, symbol_bar& x) {
  return f(caf::meta::type_name("bourse::symbol_bar"), x.symbol, x.data);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, quote_batch& x) {
  return f(caf::meta::type_name("bourse::quote_batch"), x.ts_event, x.ts_init, x.quotes,
           x.ts_arrival);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trade_batch& x) {
  return f(caf::meta::type_name("bourse::trade_batch"), x.ts_event, x.ts_init, x.trades,
           x.ts_arrival);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, bar_batch& x) {
  return f(caf::meta::type_name("bourse::bar_batch"), x.ts_event, x.ts_init, x.bars,
           x.ts_arrival);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_window& x) {
  return f(caf::meta::type_name("bourse::market_window"), x.quotes, x.trades, x.bars);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_slice& x) {
  return f(caf::meta::type_name("bourse::market_slice"), x.ts_event, x.ts_init, x.quotes,
           x.trades, x.bars, x.ts_arrival);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_slices& x) {
  return f(caf::meta::type_name("bourse::market_slices"), x.slices);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, subscribe& x) {
  return f(caf::meta::type_name("bourse::subscribe"), x.symbol, x.kind, x.listener, x.flow);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, flow_policy& x) {
  return f(caf::meta::type_name("bourse::flow_policy"), x.mode, x.buffer);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, slices_handled& x) {
  return f(caf::meta::type_name("bourse::slices_handled"), x.count);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, market_data_ack& x) {
  return f(caf::meta::type_name("bourse::market_data_ack"), x.kind);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, unsubscribe& x) {
  return f(caf::meta::type_name("bourse::unsubscribe"), x.symbol, x.kind, x.listener);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, get_quote& x) {
  return f(caf::meta::type_name("bourse::get_quote"), x.symbol);
}

/// Query to a feed: the next slices (at most `max`), in ascending time.
struct next_slices {
  /// The most slices to return.
  std::uint32_t max = 256;
};

/// Reply to next_slices.
struct feed_chunk {
  /// The slices, ascending by ts_event; one slice per distinct timestamp.
  std::vector<market_slice> slices;
  /// True when the feed has nothing more after these.
  bool finished = false;
  /// How far through its input the feed is, from 0 to 1 (for progress bars).
  double progress = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, next_slices& x) {
  return f(caf::meta::type_name("bourse::next_slices"), x.max);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, feed_chunk& x) {
  return f(caf::meta::type_name("bourse::feed_chunk"), x.slices, x.finished, x.progress);
}

/// A feed: an I/O actor that reads (or generates) market data in chunks and serves it on request.
using feed_actor = caf::typed_actor<caf::replies_to<next_slices>::with<feed_chunk>>;

/// The market data hub: takes slices from the sequencer (or a paper feed), fans batches out to
/// subscribers, caches the latest quote per symbol.
using market_data_hub_actor =
    participant_actor::extend<caf::reacts_to<market_slice>, caf::reacts_to<market_slices>,
                              caf::reacts_to<subscribe>,
                              caf::reacts_to<unsubscribe>, caf::reacts_to<market_data_ack>,
                              caf::replies_to<get_quote>::with<quote>>;

/// Registers the market data protocol's message types.
void register_market_data_types(caf::actor_system_config& cfg);

} // namespace bourse
